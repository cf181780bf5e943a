package registerload

import (
	"context"
	"slices"
	"testing"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/gen"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/vntext"
)

// Right after an import, a search finds every imported organisation by
// its code and by its name, without diacritics too: the search index
// (FTS5 on SQLite, pg_trgm on PostgreSQL) holds them all, whichever way
// the import filled it.
func TestSearchFindsEveryImportedOrganisation(t *testing.T) {
	db, newer, older := realUnitsDB(t)
	data := generate(t, gen.RegisterConfig{Orgs: 150, Years: 2, LastYear: 2025, Seed: 11, Communes: newer, Old: older})
	if sum := run(t, db, "ds.csv", data, Options{}); !sum.Written || sum.Created != 150 {
		t.Fatalf("summary %+v", sum)
	}
	ctx := context.Background()
	all, total, err := db.Organisations(ctx, store.OrganisationFilter{PerPage: 1000})
	if err != nil || total != 150 || len(all) != 150 {
		t.Fatalf("%d organisations (%d listed), %v", total, len(all), err)
	}
	for _, o := range all {
		for _, q := range []string{o.Code, o.Name, vntext.Fold(o.Name)} {
			found, _, err := db.Organisations(ctx, store.OrganisationFilter{Query: q, PerPage: 1000})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(found, func(f coop.Organisation) bool { return f.ID == o.ID }) {
				t.Errorf("searching %q does not find %s %s (%d results)", q, o.Code, o.Name, len(found))
			}
		}
	}
}

// An import past one chunk of rows logs each organisation once, also the
// one whose years the chunk's end falls among: a chunk ends only where
// another organisation begins.
func TestImportAuditsEachOrganisationOnce(t *testing.T) {
	db, newer, _ := realUnitsDB(t)
	data := generate(t, gen.RegisterConfig{Orgs: 1001, Years: 3, LastYear: 2025, Seed: 3, Communes: newer})
	sum := run(t, db, "ds.csv", data, Options{})
	if !sum.Written || sum.Rows <= chunkRows || sum.Created != 1001 {
		t.Fatalf("summary %+v", sum)
	}
	var rows, orgs int
	if err := db.SQL().QueryRowContext(context.Background(), db.Rebind(`SELECT COUNT(*), COUNT(DISTINCT entity_id)
		FROM audit_log WHERE batch_id = ? AND entity = 'organisation'`), sum.Batch).Scan(&rows, &orgs); err != nil {
		t.Fatal(err)
	}
	if rows != 1001 || orgs != 1001 {
		t.Errorf("%d audit rows for %d organisations, want one each of 1001", rows, orgs)
	}
}
