package store

import (
	"context"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/coop"
)

// A list's first page is read in name order from an index that holds its
// filters' rows in that order, never by walking an index whose name order
// puts every HTX before the first THT (names begin with their legal form),
// nor by sorting all the matches. SQLite plans from the schema alone here
// (no statistics), as it does in service until ANALYZE runs.
func TestListPagePlans(t *testing.T) {
	ctx := context.Background()
	db := planDB(t)
	for _, c := range []struct {
		name  string
		f     OrganisationFilter
		index string
	}{
		{"form and sector", OrganisationFilter{Form: coop.FormTHT, Sector: coop.SectorAgriculture}, "organisations_counts"},
		{"form, sector and status", OrganisationFilter{Form: coop.FormTHT, Sector: coop.SectorAgriculture,
			Status: coop.StatusActive}, "organisations_counts"},
		{"form and status", OrganisationFilter{Form: coop.FormTHT, Status: coop.StatusActive}, "organisations_form"},
		{"sector and status", OrganisationFilter{Sector: coop.SectorCredit, Status: coop.StatusActive}, "organisations_sector"},
		{"form", OrganisationFilter{Form: coop.FormLHHTX}, "organisations_form"},
		{"status", OrganisationFilter{Status: coop.StatusDissolved}, "organisations_status"},
	} {
		t.Run(c.name, func(t *testing.T) {
			q, err := db.orgFindAt(ctx, c.f, -1)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := db.query(ctx, `EXPLAIN QUERY PLAN SELECT `+orgColumns+` FROM organisations o WHERE `+q.where+
				` ORDER BY o.sort_key, o.id LIMIT ? OFFSET ?`, append(q.args, 50, 0)...)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var plan []string
			for rows.Next() {
				var id, parent, unused int
				var detail string
				if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
					t.Fatal(err)
				}
				plan = append(plan, detail)
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			got := strings.Join(plan, "; ")
			if !strings.Contains(got, "INDEX "+c.index+" ") || strings.Contains(got, "TEMP B-TREE") {
				t.Errorf("plan %q, want a walk of %s in name order", got, c.index)
			}
		})
	}
}

// A unit filter's matches are gathered from the commune indexes alone
// (migration 00037): each holds, beside its code and the name order, the
// day the organisation was recorded in the commune, which every term of
// a cover tests. Without it each match is read again from its table row,
// and a province's list after an edit took 55–79 ms instead of 15–33 ms
// (BenchmarkRegisterPages, docs/performance.md). SQLite's plan names the
// same indexes either way, so the indexes' columns are what is checked.
func TestCommuneIndexesHoldTheDay(t *testing.T) {
	ctx := context.Background()
	db := planDB(t)
	for index, want := range map[string]string{
		"organisations_commune":     "commune_code,sort_key,commune_valid_from",
		"organisations_new_commune": "new_commune_code,sort_key,new_commune_valid_from",
	} {
		rows, err := db.query(ctx, `SELECT name FROM pragma_index_info(?) ORDER BY seqno`, index)
		cols, err := scanAll(rows, err, func(r rowScanner) (string, error) {
			var s string
			return s, r.Scan(&s)
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(cols, ","); got != want {
			t.Errorf("%s holds (%s), want (%s)", index, got, want)
		}
	}
}

// planDB is a fresh, migrated SQLite database with nothing in it: SQLite
// plans from the schema alone.
func planDB(t *testing.T) *DB {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, t.TempDir()+"/plan.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}
