package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
)

// An import that changes 1,500 stored organisations and one year of each
// writes exactly what the file says: every name, commune and figure reads
// back as imported, the years it did not name are untouched, and on
// PostgreSQL the changes went 1,000 rows to an UPDATE (two statements for
// the organisations, two for the figures).
func TestImportUpdatesManyToAStatement(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	const n = 1500
	rows := func(round int) []store.RegisterRow {
		var out []store.RegisterRow
		for i := range n {
			row := regRow(fmt.Sprintf("07%08d", i), fmt.Sprintf("HTX Cập Nhật %d lần %d", i, round), 2024, int64(1000*round+i))
			if round > 1 && i%2 == 0 {
				row.Org.CommuneCode, row.Org.Sector = "10513", coop.SectorTransport
				row.Org.Normalize()
			}
			out = append(out, row)
		}
		return out
	}
	importRows(t, db, rows(1), []store.RegisterRow{regRow("0700000000", "HTX Cập Nhật 0 lần 1", 2023, 77)})
	var stmts int
	err := inImport(db, func(ctx context.Context, _ *store.Tx, imp *store.RegisterImporter) error {
		c, err := imp.Add(ctx, rows(2))
		if err != nil {
			return err
		}
		if c.Updated != n || c.Figures != n {
			t.Errorf("counts %+v, want %d organisations and %d years updated", c, n, n)
		}
		stmts = imp.UpdateStatements()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"postgres": 4, "sqlite": 0}[db.Dialect()]; stmts != want {
		t.Errorf("%d batched UPDATE statements, want %d", stmts, want)
	}
	byCode := map[string]coop.Organisation{}
	for page := 1; len(byCode) < n; page++ {
		list, total, err := db.Organisations(ctx, store.OrganisationFilter{Page: page, PerPage: 100})
		if err != nil || total != n || len(list) == 0 {
			t.Fatalf("page %d: %d of %d organisations, %v", page, len(list), total, err)
		}
		for _, o := range list {
			byCode[o.Code] = o
		}
	}
	for i, row := range rows(2) {
		o, ok := byCode[row.Org.Code]
		if !ok {
			t.Fatalf("%s missing", row.Org.Code)
		}
		if o.Name != row.Org.Name || o.CommuneCode != row.Org.CommuneCode || o.Sector != row.Org.Sector {
			t.Errorf("%s reads %q %s %s, want %q %s %s", o.Code, o.Name, o.CommuneCode, o.Sector,
				row.Org.Name, row.Org.CommuneCode, row.Org.Sector)
		}
		f, err := db.FiguresFor(ctx, o.ID, 2024)
		if err != nil || f.Revenue != int64(2000+i) || f.MembersIndividual != 10 {
			t.Errorf("%s 2024: revenue %d, members %d (%v), want %d, 10", o.Code, f.Revenue, f.MembersIndividual, err, 2000+i)
		}
		if i == 0 {
			if f, err := db.FiguresFor(ctx, o.ID, 2023); err != nil || f.Revenue != 77 {
				t.Errorf("%s 2023: revenue %d (%v), want 77 untouched", o.Code, f.Revenue, err)
			}
		}
	}
}
