package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/unit"
)

// fillNewCommune gives an organisation recorded in a commune, with no
// commune after the 2025 reform, the one its commune stands for today, as
// the register import does: the commune itself while it is in force,
// else its only successor. The indicators and the portal count an
// organisation in a province through that commune, so one saved by the
// form or the API without it would be counted in no province. A commune
// split between several new ones is left empty: only someone who knows
// the address can choose.
func (t *Tx) fillNewCommune(ctx context.Context, o *coop.Organisation) error {
	if o.NewCommuneCode != "" || o.CommuneCode == "" || o.CommuneValidFrom == nil {
		return nil
	}
	d := unit.Day(*o.CommuneValidFrom).Format(dateLayout)
	rows, err := t.query(ctx, `SELECT u.code, u.valid_from FROM units u
		WHERE u.code = ? AND `+validOnSQL+` AND u.level = 'commune' AND u.valid_to IS NULL
		UNION ALL
		SELECT n.code, n.valid_from FROM units u, unit_successors s, units n
		WHERE u.code = ? AND `+validOnSQL+` AND u.valid_to IS NOT NULL
			AND s.unit_id = u.id AND n.id = s.successor_id AND n.level = 'commune'`,
		o.CommuneCode, d, d, o.CommuneCode, d, d)
	type place struct {
		code string
		from sql.NullString
	}
	found, err := scanAll(rows, err, func(r rowScanner) (place, error) {
		var p place
		return p, r.Scan(&p.code, &p.from)
	})
	if err != nil {
		return fmt.Errorf("store: commune after the reform: %w", err)
	}
	if len(found) != 1 {
		return nil
	}
	from := parseDate(found[0].from)
	if from == nil {
		// A unit older than the records: the register dates it from
		// the earliest day it knows, as the import does.
		first := time.Date(1900, time.January, 1, 0, 0, 0, 0, time.UTC)
		from = &first
	}
	o.NewCommuneCode, o.NewCommuneValidFrom = found[0].code, from
	return nil
}
