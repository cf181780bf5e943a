package store_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/vntext"
)

// searchSameAsContent fails unless the search finds every organisation by
// its code and by its folded name, and finds nothing by the names in gone
// (names the organisations no longer have). On SQLite, FTS5's own
// integrity check compares the index with the organisations' text, so a
// missing or stale entry fails it too.
func searchSameAsContent(t *testing.T, db *store.DB, gone []string, stage string) {
	t.Helper()
	ctx := context.Background()
	all, total, err := db.Organisations(ctx, store.OrganisationFilter{PerPage: 1000})
	if err != nil || total != len(all) || total == 0 {
		t.Fatalf("%s: %d organisations (%d listed), %v", stage, total, len(all), err)
	}
	for _, o := range all {
		for _, q := range []string{o.Code, vntext.Fold(o.Name)} {
			if q == "" {
				continue
			}
			found, _, err := db.Organisations(ctx, store.OrganisationFilter{Query: q, PerPage: 1000})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(found, func(f coop.Organisation) bool { return f.ID == o.ID }) {
				t.Errorf("%s: searching %q does not find %s %s", stage, q, o.Code, o.Name)
			}
		}
	}
	for _, q := range gone {
		if _, n, err := db.Organisations(ctx, store.OrganisationFilter{Query: q, PerPage: 10}); err != nil || n != 0 {
			t.Errorf("%s: searching the former name %q finds %d (%v), want none", stage, q, n, err)
		}
	}
	if db.Dialect() == "sqlite" {
		if _, err := db.SQL().ExecContext(ctx,
			`INSERT INTO organisations_search (organisations_search, rank) VALUES ('integrity-check', 1)`); err != nil {
			t.Errorf("%s: the search index differs from the organisations: %v", stage, err)
		}
	}
}

// keptSameAsLive checks everything an import keeps beside its rows: the
// search index, the indicator summary, the portal counts and the year
// counts.
func keptSameAsLive(t *testing.T, db *store.DB, r *rand.Rand, gone []string, stage string) {
	t.Helper()
	searchSameAsContent(t, db, gone, stage)
	sameSums(t, db, r, stage)
	countsSameAsLive(t, db, stage)
	yearCountsSameAsLive(t, db, stage)
	statusesSameAsHistory(t, db, stage)
}

// bulkImportRows are three chunks of an import into the register of ids:
// stored organisations renamed, moved to other communes (before and after
// the reform), given another form and sector, dissolved or suspended,
// with years of figures changed and added; new organisations, some of
// them changed again by a later chunk of the same import (so the rows
// the bulk path indexed set-wise are then updated row by row), with
// figures of several years.
func bulkImportRows(t *testing.T, db *store.DB, ids []int64, round int) (chunks [][]store.RegisterRow, gone []string) {
	t.Helper()
	ctx := context.Background()
	var stored []coop.Organisation
	update(t, db, func(tx *store.Tx) error {
		for _, id := range ids {
			o, err := tx.OrganisationForUpdate(ctx, id)
			if err != nil {
				return err
			}
			if o.Code != "" {
				stored = append(stored, o)
			}
		}
		return nil
	})
	chunks = make([][]store.RegisterRow, 3)
	fig := func(year int, n int64) *coop.YearFigures {
		return &coop.YearFigures{Year: year, MembersIndividual: 5 + n, Employees: n, Revenue: 1000 * n,
			Rating: []coop.Rating{"", coop.RatingGood, coop.RatingWeak}[n%3], Exemplary: n%4 == 0}
	}
	for i, o := range stored {
		o := o
		switch i % 5 {
		case 0:
			if round > 1 { // the stored names repeat; the earlier round's is unique
				gone = append(gone, vntext.Fold(renamed(round-1, i)))
			}
			o.Name = renamed(round, i)
		case 1:
			o.CommuneCode, o.CommuneValidFrom = "10513", day(2010, 5, 1)
			o.NewCommuneCode, o.NewCommuneValidFrom = "10516", day(2025, 7, 1)
		case 2:
			o.CommuneCode, o.CommuneValidFrom, o.NewCommuneCode, o.NewCommuneValidFrom = "11311", day(2025, 7, 1), "", nil
			o.Form, o.Sector = coop.FormTHT, coop.SectorCredit
		}
		o.Normalize()
		row := store.RegisterRow{Org: &o, Figures: fig(2021+i%5, int64(i+round))}
		switch i % 4 {
		case 1:
			row.Status = &coop.Status{Kind: coop.StatusDissolved, On: *day(2025, 3, 1)}
		case 2:
			row.Status = &coop.Status{Kind: coop.StatusSuspended, On: *day(2024, 6, 1)}
		}
		chunks[i%2] = append(chunks[i%2], row)
		if i%3 == 0 {
			o2 := o
			chunks[2] = append(chunks[2], store.RegisterRow{Org: &o2, Figures: fig(2026, int64(i))})
		}
	}
	for i := range 25 {
		code := fmt.Sprintf("09%04d%04d", round, i)
		for y := 2022; y <= 2024; y++ {
			row := regRow(code, fmt.Sprintf("HTX Mới Thành Lập R%dN%02dX", round, i), y, int64(i+y))
			row.Org.CommuneCode, row.Org.NewCommuneCode = []string{"10507", "10510", "99999"}[i%3], []string{"10507", "", "10516"}[i%3]
			if row.Org.NewCommuneCode == "" {
				row.Org.NewCommuneValidFrom = nil
			}
			if i%10 == 9 {
				// A commune no other write of the import touches (these
				// are not changed again): only the new organisations'
				// own rows can mark it.
				row.Org.CommuneCode, row.Org.NewCommuneCode, row.Org.NewCommuneValidFrom = "10510", "29500", day(2025, 7, 1)
			}
			// Statuses in the rows that create the organisation: each
			// is inserted with the one its history ends in, which a
			// later row of the same chunk decides (a tie of days goes
			// to the later entry).
			switch i % 5 {
			case 3:
				row.Status = map[int]*coop.Status{
					2022: {Kind: coop.StatusSuspended, On: *day(2022, 6, 1)},
					2023: {Kind: coop.StatusDissolved, On: *day(2023, 3, 1)},
					2024: {Kind: coop.StatusActive, On: *day(2023, 3, 1)},
				}[y]
			case 4:
				if y == 2022 {
					row.Status = &coop.Status{Kind: coop.StatusDissolved, On: *day(2022, 2, 1)}
				}
			}
			row.Org.Normalize()
			chunks[0] = append(chunks[0], row)
		}
		if i%2 == 0 {
			// Changed again later in the same import: another commune,
			// sector and name, dissolved, two more years (a file names a
			// code and year once).
			later := regRow(code, fmt.Sprintf("HTX Mới Đổi Tên %d %d", round, i), 2026, 7)
			later.Org.CommuneCode, later.Org.NewCommuneCode = "10513", "10516"
			later.Org.Sector = coop.SectorTransport
			later.Org.Normalize()
			later.Status = &coop.Status{Kind: coop.StatusDissolved, On: *day(2025, 1, 15)}
			gone = append(gone, vntext.Fold(fmt.Sprintf("HTX Mới Thành Lập R%dN%02dX", round, i)))
			again := *later.Org
			chunks[2] = append(chunks[2], later, store.RegisterRow{Org: &again, Figures: fig(2025, int64(i))})
		}
	}
	return chunks, gone
}

// renamed is the unique name import round gives stored organisation i.
func renamed(round, i int) string {
	return fmt.Sprintf("Hợp tác xã Đổi Tên L%dS%02dX", round, i)
}

// TestImportKeepsIndexesSameAsLive: imports into a register that is not
// empty leave the search index, the indicator summary and the portal
// counts as a live recomputation finds them, on both backends (SQLite
// fills them set-wise while its per-row triggers skip: migration 00029).
// A second import over the first changes the same rows again.
func TestImportKeepsIndexesSameAsLive(t *testing.T) {
	for _, seed := range []uint64{1, 2} {
		t.Run(fmt.Sprintf("register %d", seed), func(t *testing.T) {
			db := newTestDB(t)
			ctx := context.Background()
			update(t, db, func(tx *store.Tx) error { _, err := tx.ImportUnits(ctx, findUnits()); return err })
			r := rand.New(rand.NewPCG(seed, 29))
			ids := findRegister(t, db, r, 50, 0)
			randomiseRegister(t, db, r, ids)
			keptSameAsLive(t, db, r, nil, "fresh")
			var gone []string
			for round := 1; round <= 2; round++ {
				chunks, g := bulkImportRows(t, db, ids, round)
				gone = append(gone, g...)
				c := importRows(t, db, chunks...)
				if c.Created == 0 && round == 1 || c.Updated == 0 || c.Figures == 0 || c.Statuses == 0 {
					t.Fatalf("round %d: the import did too little to prove anything: %+v", round, c)
				}
				keptSameAsLive(t, db, r, gone, fmt.Sprintf("after import %d", round))
			}
		})
	}
}

// snapshot is what a failed import must leave as it was.
type snapshot struct {
	orgs     []coop.Organisation
	counts   []store.RegisterCount
	sums     []indicator.Sums
	versions map[string]int64
}

func takeSnapshot(t *testing.T, db *store.DB) snapshot {
	t.Helper()
	ctx := context.Background()
	var s snapshot
	var err error
	if s.orgs, _, err = db.Organisations(ctx, store.OrganisationFilter{PerPage: 1000}); err != nil {
		t.Fatal(err)
	}
	if s.counts, err = db.PortalRegisterCounts(ctx); err != nil {
		t.Fatal(err)
	}
	for year := 2021; year <= 2026; year++ {
		sum, err := db.IndicatorSumsFor(ctx, year, nil)
		if err != nil {
			t.Fatal(err)
		}
		s.sums = append(s.sums, sum...)
	}
	rs, err := db.SQL().QueryContext(ctx, `SELECT scope, n FROM register_versions`)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	s.versions = map[string]int64{}
	for rs.Next() {
		var k string
		var n int64
		if err := rs.Scan(&k, &n); err != nil {
			t.Fatal(err)
		}
		s.versions[k] = n
	}
	return s
}

// A failed import (its transaction rolled back after every chunk was
// written) leaves the organisations, the search index, the indicator
// summary, the portal counts and the register's versions as they were,
// and no bulk guard behind: a later form edit is indexed by its triggers.
func TestFailedImportLeavesIndexesAsBefore(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	update(t, db, func(tx *store.Tx) error { _, err := tx.ImportUnits(ctx, findUnits()); return err })
	r := rand.New(rand.NewPCG(4, 29))
	ids := findRegister(t, db, r, 40, 0)
	keptSameAsLive(t, db, r, nil, "fresh")
	before := takeSnapshot(t, db)
	chunks, _ := bulkImportRows(t, db, ids, 1)
	refuse := errors.New("a bad row at the end of the file")
	err := inImport(db, func(ctx context.Context, _ *store.Tx, imp *store.RegisterImporter) error {
		if _, err := addChunks(ctx, imp, chunks...); err != nil {
			return err
		}
		return refuse
	})
	if !errors.Is(err, refuse) {
		t.Fatalf("import: %v, want the refusal", err)
	}
	if after := takeSnapshot(t, db); !reflect.DeepEqual(before, after) {
		t.Errorf("a failed import changed the register:\nbefore %+v\nafter  %+v", before, after)
	}
	keptSameAsLive(t, db, r, nil, "after a failed import")

	o := newOrg("0812345678", "Hợp tác xã Sau Khi Nhập Lỗi")
	o.CommuneCode, o.NewCommuneCode, o.NewCommuneValidFrom = "11311", "11311", day(2025, 7, 1)
	createOrg(t, db, o)
	var guards int
	if err := db.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM register_versions WHERE scope = 'bulk'`).Scan(&guards); err != nil || guards != 0 {
		t.Errorf("%d bulk guard rows left (%v)", guards, err)
	}
	keptSameAsLive(t, db, r, nil, "after an organisation created by the form")
}

// versions reads the register's versions and the portal's register
// revision, what cached lists and pages are keyed on.
func versions(t *testing.T, db *store.DB) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	rs, err := db.SQL().QueryContext(context.Background(), `SELECT scope, n FROM register_versions
		UNION ALL SELECT 'portal:' || name, rev FROM portal_revs`)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	for rs.Next() {
		var k string
		var n int64
		if err := rs.Scan(&k, &n); err != nil {
			t.Fatal(err)
		}
		out[k] = n
	}
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// An import that only inserts (new organisations, and a new year of
// figures for stored organisations it leaves as they were) moves every
// version a cached list or page depends on, and a list read before it
// (its total kept under those versions) counts the new rows after it.
func TestImportOfNewRowsMovesVersions(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	update(t, db, func(tx *store.Tx) error { _, err := tx.ImportUnits(ctx, findUnits()); return err })
	r := rand.New(rand.NewPCG(5, 29))
	ids := findRegister(t, db, r, 30, 0)
	var rows []store.RegisterRow
	update(t, db, func(tx *store.Tx) error {
		for _, id := range ids {
			o, err := tx.OrganisationForUpdate(ctx, id)
			if err != nil {
				return err
			}
			if o.Code != "" {
				rows = append(rows, store.RegisterRow{Org: &o, Figures: &coop.YearFigures{Year: 2020, MembersIndividual: 9}})
			}
		}
		return nil
	})
	for i := range 5 {
		rows = append(rows, regRow(fmt.Sprintf("0977%06d", i), fmt.Sprintf("HTX Chỉ Thêm Mới N%02dX", i), 2020, 5))
	}
	count := func(f store.OrganisationFilter) int {
		_, n, err := db.Organisations(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	all, in2020 := count(store.OrganisationFilter{PerPage: 5}), count(store.OrganisationFilter{Year: 2020, PerPage: 5})
	before := versions(t, db)
	c := importRows(t, db, rows)
	if c.Created != 5 || c.Updated != 0 || c.Figures != len(rows) {
		t.Fatalf("the import should only insert: %+v", c)
	}
	after := versions(t, db)
	for _, k := range []string{"organisations", "figures", "figures:2020", "figure_rows:2020", "portal:register"} {
		if after[k] <= before[k] {
			t.Errorf("version %s: %d before the import, %d after", k, before[k], after[k])
		}
	}
	if got := count(store.OrganisationFilter{PerPage: 5}); got != all+5 {
		t.Errorf("after the import the list counts %d organisations, want %d", got, all+5)
	}
	if got := count(store.OrganisationFilter{Year: 2020, PerPage: 5}); got != in2020+len(rows) {
		t.Errorf("after the import the list of 2020 counts %d, want %d", got, in2020+len(rows))
	}
}
