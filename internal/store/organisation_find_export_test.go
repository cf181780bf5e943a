package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/vntext"
)

// SetOrgWalkFrom lowers the match count from which a search's page walks
// the name order, so small registers take both paths.
func (db *DB) SetOrgWalkFrom(n int) { db.orgWalkFrom = n }

// SetOrgTotalCache turns the register totals' cache, and the duplicate
// finder's, on or off.
func (db *DB) SetOrgTotalCache(on bool) { db.noOrgTotalCache = !on }

// SetOrgRank turns the kept name order of searches on or off.
func (db *DB) SetOrgRank(on bool) { db.noOrgRank = !on }

// SetOrgRankFrom sets the match count from which a search reads a stale
// name order afresh.
func (db *DB) SetOrgRankFrom(n int) { db.orgRankFrom = n }

// ReferenceOrganisations answers Organisations the way hoptac did before
// migration 00020: a LIKE scan for the search, a recursive walk of the
// units per organisation, a fresh count on every page. The indexed and
// cached path must return exactly this; organisation_find_test.go
// compares the two.
func (db *DB) ReferenceOrganisations(ctx context.Context, f OrganisationFilter) ([]coop.Organisation, int, error) {
	where, args := referenceOrgWhere(f)
	var total int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM organisations o WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count organisations: %w", err)
	}
	limit, offset := limits(f.Page, f.PerPage)
	rows, err := db.query(ctx, `SELECT `+orgColumns+` FROM organisations o WHERE `+where+
		` ORDER BY o.sort_key, o.id LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	out, err := scanAll(rows, err, scanOrganisation)
	if err != nil {
		return nil, 0, fmt.Errorf("store: list organisations: %w", err)
	}
	return out, total, nil
}

// referenceOrgWhere is orgWhere as it was before migration 00020.
func referenceOrgWhere(f OrganisationFilter) (string, []any) {
	var conds []string
	var args []any
	if q := vntext.Fold(f.Query); q != "" {
		conds = append(conds, `o.search_fold LIKE ? ESCAPE '\'`)
		args = append(args, "%"+vntext.EscapeLike(q)+"%")
	}
	for _, c := range []struct {
		col, v string
	}{{"o.form", string(f.Form)}, {"o.sector", string(f.Sector)}, {"o.status", string(f.Status)}} {
		if c.v != "" {
			conds = append(conds, c.col+` = ?`)
			args = append(args, c.v)
		}
	}
	if f.Commune != "" {
		c, a := unitCond(f.Commune, f.UnitOn)
		conds, args = append(conds, c), append(args, a...)
	}
	if f.Year != 0 || f.Rating != "" || f.Exemplary {
		var fig []string
		if f.Year != 0 {
			fig = append(fig, `y.year = ?`)
			args = append(args, f.Year)
		} else {
			fig = append(fig, `y.year = (SELECT MAX(z.year) FROM organisation_figures z WHERE z.organisation_id = o.id)`)
		}
		if f.Rating != "" {
			fig = append(fig, `y.rating = ?`)
			args = append(args, f.Rating)
		}
		if f.Exemplary {
			fig = append(fig, `y.exemplary = 1`)
		}
		conds = append(conds, `EXISTS (SELECT 1 FROM organisation_figures y WHERE y.organisation_id = o.id AND `+
			strings.Join(fig, " AND ")+`)`)
	}
	if len(conds) == 0 {
		return "1=1", nil
	}
	return strings.Join(conds, " AND "), args
}
