package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/unit"
	"github.com/hoptac/hoptac/internal/vntext"
)

// UnitFilter selects administrative units in lists.
type UnitFilter struct {
	Level  unit.Level // "" for every level
	Parent string     // the code of the parent: children of every unit that carried it (both eras), unless On narrows them
	On     *time.Time // only units in force that day
	Query  string     // folded match on the full name, or the start of the code
	Page   int
	// PerPage is capped at MaxPerPage like every list.
	PerPage int
}

const unitColumns = `u.id, u.level, u.code, u.name, u.short_name, u.valid_from, u.valid_to, u.parent_id`

func scanUnit(r rowScanner) (unit.Unit, error) {
	var u unit.Unit
	var from, to sql.NullString
	var parent sql.NullInt64
	var level string
	err := r.Scan(&u.ID, &level, &u.Code, &u.Name, &u.ShortName, &from, &to, &parent)
	u.Level = unit.Level(level)
	u.ValidFrom, u.ValidTo, u.ParentID = parseDate(from), parseDate(to), intPtr(parent)
	return u, err
}

// validOnSQL is the condition "unit u is in force on the day bound twice
// after it": both bounds are inclusive, a NULL bound is open.
const validOnSQL = `(u.valid_from IS NULL OR u.valid_from <= ?) AND (u.valid_to IS NULL OR u.valid_to >= ?)`

// unitOrder sorts by code, then older before newer; COALESCE because the
// backends sort NULLs at opposite ends.
const unitOrder = ` ORDER BY u.code, COALESCE(u.valid_from, ''), u.id`

// Unit returns one unit by its ID.
func (db *DB) Unit(ctx context.Context, id int64) (unit.Unit, error) {
	u, err := scanUnit(db.queryRow(ctx, `SELECT `+unitColumns+` FROM units u WHERE u.id = ?`, id))
	if err != nil {
		return u, notFound(err, "error.unit_not_found")
	}
	return u, nil
}

// UnitOn returns the unit that carried code on day on: a code names one
// unit on any one day, and different units on different days (10507 was
// Phường Cẩm Thượng until 30/06/2025, Phường Thành Đông since).
func (db *DB) UnitOn(ctx context.Context, code string, on time.Time) (unit.Unit, error) {
	d := unit.Day(on).Format(dateLayout)
	u, err := scanUnit(db.queryRow(ctx, `SELECT `+unitColumns+` FROM units u WHERE u.code = ? AND `+validOnSQL+unitOrder+` LIMIT 1`,
		code, d, d))
	if err != nil {
		return u, notFound(err, "error.unit_not_found")
	}
	return u, nil
}

// UnitsByCode returns every unit that ever carried code, the newest first.
func (db *DB) UnitsByCode(ctx context.Context, code string) ([]unit.Unit, error) {
	rows, err := db.query(ctx, `SELECT `+unitColumns+` FROM units u WHERE u.code = ?
		ORDER BY COALESCE(u.valid_from, '') DESC, u.id`, code)
	out, err := scanAll(rows, err, scanUnit)
	if err != nil {
		return nil, fmt.Errorf("store: units by code: %w", err)
	}
	return out, nil
}

// Units lists units by code with their total.
func (db *DB) Units(ctx context.Context, f UnitFilter) ([]unit.Unit, int, error) {
	where, args := "1=1", []any{}
	if f.Level != "" {
		where += ` AND u.level = ?`
		args = append(args, string(f.Level))
	}
	if f.Parent != "" {
		where += ` AND u.parent_id IN (SELECT id FROM units WHERE code = ?)`
		args = append(args, f.Parent)
	}
	if f.On != nil {
		d := unit.Day(*f.On).Format(dateLayout)
		where += ` AND ` + validOnSQL
		args = append(args, d, d)
	}
	if q := vntext.Fold(f.Query); q != "" {
		where += ` AND (u.name_fold LIKE ? ESCAPE '\' OR u.code LIKE ? ESCAPE '\')`
		args = append(args, "%"+vntext.EscapeLike(q)+"%", vntext.EscapeLike(q)+"%")
	}
	var total int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM units u WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count units: %w", err)
	}
	limit, offset := limits(f.Page, f.PerPage)
	rows, err := db.query(ctx, `SELECT `+unitColumns+` FROM units u WHERE `+where+unitOrder+` LIMIT ? OFFSET ?`,
		append(args, limit, offset)...)
	out, err := scanAll(rows, err, scanUnit)
	if err != nil {
		return nil, 0, fmt.Errorf("store: list units: %w", err)
	}
	return out, total, nil
}

// UnitSuccessors returns the units an old unit went into, each full or
// partial: one full successor for a unit merged whole, several partial
// ones for a unit that was split.
func (db *DB) UnitSuccessors(ctx context.Context, id int64) ([]unit.Link, error) {
	return db.unitLinks(ctx, `s.unit_id = ? AND u.id = s.successor_id`, id)
}

// UnitPredecessors returns the old units a new one was formed from, each
// marked full (the whole old unit) or partial (a part of it).
func (db *DB) UnitPredecessors(ctx context.Context, id int64) ([]unit.Link, error) {
	return db.unitLinks(ctx, `s.successor_id = ? AND u.id = s.unit_id`, id)
}

func (db *DB) unitLinks(ctx context.Context, cond string, id int64) ([]unit.Link, error) {
	rows, err := db.query(ctx, `SELECT `+unitColumns+`, s.share FROM unit_successors s, units u WHERE `+cond+unitOrder, id)
	out, err := scanAll(rows, err, func(r rowScanner) (unit.Link, error) {
		var l unit.Link
		var from, to sql.NullString
		var parent sql.NullInt64
		var level, share string
		err := r.Scan(&l.Unit.ID, &level, &l.Unit.Code, &l.Unit.Name, &l.Unit.ShortName, &from, &to, &parent, &share)
		l.Unit.Level, l.Share = unit.Level(level), unit.Share(share)
		l.Unit.ValidFrom, l.Unit.ValidTo, l.Unit.ParentID = parseDate(from), parseDate(to), intPtr(parent)
		return l, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: unit links: %w", err)
	}
	return out, nil
}
