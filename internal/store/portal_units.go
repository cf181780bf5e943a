package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
)

// PortalCommune names the commune the portal shows for an organisation:
// the post-reform one where recorded, else the one recorded, with the day
// its record gives the code (codes were reused by the 2025 reform).
func PortalCommune(o coop.Organisation) (code, validFrom string) {
	if o.NewCommuneCode != "" {
		code, validFrom = o.NewCommuneCode, dayText(o.NewCommuneValidFrom)
	} else {
		code, validFrom = o.CommuneCode, dayText(o.CommuneValidFrom)
	}
	return code, validFrom
}

func dayText(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(dateLayout)
}

// PortalCommuneNames reads the names of the communes of orgs, by
// PortalCommuneKey, with the rule the register's
// counts follow: a code names the commune unit that carried it on that
// day, else the latest before. A code no unit list knows is left out. The
// names come from the units themselves, not from the counts, so a commune
// where no organisation is active is named too.
func (db *DB) PortalCommuneNames(ctx context.Context, orgs []coop.Organisation) (map[string]string, error) {
	var codes []any
	for _, o := range orgs {
		if c, _ := PortalCommune(o); c != "" && !slices.Contains(codes, any(c)) {
			codes = append(codes, c)
		}
	}
	out := map[string]string{}
	if len(codes) == 0 {
		return out, nil
	}
	type named struct{ code, from, name string }
	rows, err := db.query(ctx, `SELECT code, COALESCE(valid_from, ''), name FROM units
		WHERE level = 'commune' AND code IN (`+placeholders(len(codes))+`) ORDER BY code, COALESCE(valid_from, '') DESC`, codes...)
	units, err := scanAll(rows, err, func(r rowScanner) (named, error) {
		var u named
		return u, r.Scan(&u.code, &u.from, &u.name)
	})
	if err != nil {
		return nil, fmt.Errorf("store: portal commune names: %w", err)
	}
	for _, o := range orgs {
		code, from := PortalCommune(o)
		if from == "" {
			from = "9999-12-31"
		}
		// Newest first: the first unit of the code on or before the day.
		for _, u := range units {
			if u.code == code && u.from <= from {
				out[PortalCommuneKey(o)] = u.name
				break
			}
		}
	}
	return out, nil
}

// PortalCommuneKey is the key of an organisation's commune in
// PortalCommuneNames' answer.
func PortalCommuneKey(o coop.Organisation) string {
	code, from := PortalCommune(o)
	return code + "@" + from
}
