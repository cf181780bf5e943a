package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/unit"
)

// findUnits is a small picture of the 2025 reform: old Hải Dương (30) with
// three communes, one of them split, and old Hải Phòng (31x) with one,
// all merged into the new Hải Phòng (31); 10507 is reused across the
// reform. extra adds communes to the new list, as a later unit import.
func findUnits(extra ...unit.Record) []*unit.File {
	newList := []unit.Record{{Level: unit.LevelProvince, Code: "31", Name: "Thành phố Hải Phòng"},
		{Level: unit.LevelCommune, Code: "10507", Name: "Phường Thành Đông", ParentCode: "31"},
		{Level: unit.LevelCommune, Code: "10516", Name: "Phường Tân Hưng", ParentCode: "31"},
		{Level: unit.LevelCommune, Code: "11311", Name: "Phường Lạch Tray", ParentCode: "31"}}
	return []*unit.File{
		{Kind: unit.KindOldList, Units: []unit.Record{{Level: unit.LevelProvince, Code: "30", Name: "Tỉnh Hải Dương"},
			{Level: unit.LevelProvince, Code: "32", Name: "Thành phố Hải Phòng (cũ)"},
			{Level: unit.LevelCommune, Code: "10507", Name: "Phường Cẩm Thượng", ParentCode: "30"},
			{Level: unit.LevelCommune, Code: "10510", Name: "Phường Bình Hàn", ParentCode: "30"},
			{Level: unit.LevelCommune, Code: "10513", Name: "Phường Ngọc Châu", ParentCode: "30"},
			{Level: unit.LevelCommune, Code: "11311", Name: "Phường Lạch Tray", ParentCode: "32"}}},
		{Kind: unit.KindNewList, Units: append(newList, extra...)},
		{Kind: unit.KindNewToOld, Links: []unit.Mapping{
			{OldCode: "10507", NewCode: "10507", Share: unit.ShareFull},
			{OldCode: "10510", NewCode: "10507", Share: unit.SharePartial},
			{OldCode: "10510", NewCode: "10516", Share: unit.SharePartial},
			{OldCode: "10513", NewCode: "10516", Share: unit.ShareFull},
			{OldCode: "11311", NewCode: "11311", Share: unit.ShareFull}}},
	}
}

var (
	findPrefixes = []string{"Hợp tác xã", "HTX", "Tổ hợp tác", "Liên hiệp HTX", "Quỹ tín dụng nhân dân"}
	findWords    = []string{"Nông nghiệp", "Dịch vụ", "Thương mại", "Vận tải", "Đồng Tháp", "Thủy sản", "Hòa Bình",
		"Hoà Bình", "Ứng Hòa", "Vĩnh Phúc", "Đại Thành", "Dũng Tiến", "An Phú", "Ô Môn", "100%", "A_B", `"Sao"`, "Đông"}
	findPlaces  = []string{"Cẩm Vũ", "Thành Đông", "Tân Hưng", "Lạch Tray", "Bình Hàn", "Ngọc Châu", "Đồng Tháp"}
	findQueries = []string{"", "", "", "hop tac xa", "HTX", "htx dich", "đồng tháp", "dong thap", "hoa binh", "hòa",
		"ung", "a", "đ", "Ô", "100%", "a_b", "%", "_", `"sao"`, `"`, "thuy san", "vinh phuc", "lach", "0800",
		"08000001", "cam vu", "khong co to chuc nay", "  dong  ", "xa"}
	findCommunes = []string{"10507", "10510", "10513", "10516", "11311", "99999", "29500"}
)

// findRegister fills db with n varied organisations: every form, sector
// and status, communes before and after the reform (and codes no unit
// list knows), names that share words, differ only in diacritics or are
// the same, and figures of some years with ratings.
func findRegister(t *testing.T, db *store.DB, r *rand.Rand, n, codeBase int) []int64 {
	t.Helper()
	ctx := context.Background()
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	var ids []int64
	for i := range n {
		o := newOrg(fmt.Sprintf("08%08d", codeBase+i), pick(findPrefixes)+" "+pick(findWords)+" "+pick(findPlaces))
		if i%17 == 0 && len(ids) > 0 {
			o.Name = "Hợp tác xã Nông nghiệp Cẩm Vũ" // the same name, ordered by ID
		}
		o.Form = []coop.Form{coop.FormHTX, coop.FormHTX, coop.FormTHT, coop.FormLHHTX}[r.IntN(4)]
		if o.Form == coop.FormTHT && r.IntN(2) == 0 {
			o.Code = ""
		}
		o.Sector = coop.Sectors()[r.IntN(len(coop.Sectors()))]
		o.ShortName = []string{"", "HTX " + pick(findPlaces), "THT Ô Môn"}[r.IntN(3)]
		o.Address = []string{"", "Thôn Đông, xã Cẩm Vũ", "Ấp Mỹ Long", "Số 5 Lạch Tray"}[r.IntN(4)]
		o.CommuneCode = pick(findCommunes)
		o.CommuneValidFrom = []*time.Time{day(1900, 1, 1), day(2010, 5, 1), day(2025, 7, 1)}[r.IntN(3)]
		o.NewCommuneCode, o.NewCommuneValidFrom = "", nil
		if r.IntN(2) == 0 {
			o.NewCommuneCode, o.NewCommuneValidFrom = []string{"10507", "10516", "11311", "99999"}[r.IntN(4)], day(2025, 7, 1)
		}
		o = createOrg(t, db, o)
		ids = append(ids, o.ID)
		update(t, db, func(tx *store.Tx) error {
			if k := r.IntN(6); k >= 3 {
				s := &coop.Status{OrganisationID: o.ID, Kind: []coop.StatusKind{coop.StatusSuspended, coop.StatusDissolved,
					coop.StatusRevoked}[k-3], On: *day(2024, time.Month(1+r.IntN(12)), 1)}
				if err := tx.AddStatus(ctx, s); err != nil {
					return err
				}
			}
			for y := 2021; y <= 2025; y++ {
				if r.IntN(3) == 0 {
					continue
				}
				f := &coop.YearFigures{OrganisationID: o.ID, Year: y, MembersIndividual: int64(5 + r.IntN(40)),
					Rating:    []coop.Rating{"", coop.RatingGood, coop.RatingFair, coop.RatingAverage, coop.RatingWeak}[r.IntN(5)],
					Exemplary: r.IntN(4) == 0}
				if _, _, err := tx.PutFigures(ctx, f, coop.StepSave, false); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return ids
}

// findFilter is a random filter of the register, with a page.
func findFilter(r *rand.Rand) store.OrganisationFilter {
	one := func(p int) bool { return r.IntN(p) == 0 }
	f := store.OrganisationFilter{Query: findQueries[r.IntN(len(findQueries))],
		Page: 1 + r.IntN(3), PerPage: []int{1, 3, 10, 50}[r.IntN(4)]}
	if one(3) {
		f.Form = []coop.Form{coop.FormTHT, coop.FormHTX, coop.FormLHHTX}[r.IntN(3)]
	}
	if one(3) {
		f.Sector = coop.Sectors()[r.IntN(len(coop.Sectors()))]
	}
	if one(4) {
		f.Status = []coop.StatusKind{coop.StatusActive, coop.StatusDissolved, coop.StatusSuspended, coop.StatusMerged}[r.IntN(4)]
	}
	if one(3) {
		f.Commune = []string{"30", "31", "32", "10507", "10510", "10516", "11311", "99999", "29500", "01"}[r.IntN(10)]
		if one(2) {
			f.UnitOn = *[]*time.Time{day(2025, 6, 30), day(2025, 7, 2), day(2000, 1, 1)}[r.IntN(3)]
		}
	}
	if one(3) {
		f.Year = 2020 + r.IntN(7)
	}
	if one(4) {
		f.Rating = []coop.Rating{coop.RatingGood, coop.RatingFair, coop.RatingAverage, coop.RatingWeak}[r.IntN(4)]
	}
	f.Exemplary = one(5)
	return f
}

// sameAsReference asserts Organisations answers every filter exactly as
// the reference (the query path before migration 00020) does: the same
// organisations in the same order, the same total. Each filter is asked
// twice, the second time from the kept total.
func sameAsReference(t *testing.T, db *store.DB, filters []store.OrganisationFilter, stage string) {
	t.Helper()
	ctx := context.Background()
	ids := func(os []coop.Organisation) []int64 {
		out := make([]int64, len(os))
		for i, o := range os {
			out[i] = o.ID
		}
		return out
	}
	matched := 0
	for i, f := range filters {
		if i%15 == 0 {
			sameAfterAsReference(t, db, f, stage) // an export's walk of the whole list
		}
		want, wantTotal, err := db.ReferenceOrganisations(ctx, f)
		if err != nil {
			t.Fatalf("%s: reference %+v: %v", stage, f, err)
		}
		if wantTotal > 0 {
			matched++
		}
		for range 2 {
			got, total, err := db.Organisations(ctx, f)
			if err != nil {
				t.Fatalf("%s: %+v: %v", stage, f, err)
			}
			if total != wantTotal || !slices.Equal(ids(got), ids(want)) {
				t.Fatalf("%s: %+v:\n got %v (total %d)\nwant %v (total %d)", stage, f, ids(got), total, ids(want), wantTotal)
			}
			// Every field, not only the order: a kept page must show an
			// organisation as it is now (a telephone number changed).
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: %+v: same organisations, different fields:\n got %+v\nwant %+v", stage, f, got, want)
			}
		}
	}
	// The comparison means little if most filters select nothing.
	if matched < len(filters)/3 {
		t.Fatalf("%s: only %d of %d filters select anything", stage, matched, len(filters))
	}
}

// TestOrganisationsSameAsReference is the differential test of the
// register's finding (issue 17): over a varied register, many random
// filters (search texts long and short, with LIKE's wildcards and FTS5's
// quote, every form, sector, status, old and new units with and without a
// day, years, ratings, exemplary), pages and page sizes, the indexed,
// cached path answers exactly as the old one, before and after writes of
// every kind: the form's create and edit (a new name), statuses, figures
// of a new and of an existing year, a merge, the register importer, and a
// unit import that gives a known code to communes recorded without a
// unit. The kept totals are shared by every reader whatever their role
// (the store has no roles), so one comparison covers them all.
func TestOrganisationsSameAsReference(t *testing.T) {
	// rankFrom: the name order read afresh for every search (0), for
	// searches of 5 matches or more, or never in a register this small
	// (-1: the default).
	for _, c := range []struct {
		walk     int
		rank     bool
		rankFrom int
	}{{0, true, 0}, {4, true, 0}, {4, false, 0}, {0, true, 5}, {4, true, -1}} {
		walk := c.walk
		t.Run(fmt.Sprintf("walk from %d, kept name order %v from %d", walk, c.rank, c.rankFrom), func(t *testing.T) {
			db := newTestDB(t)
			ctx := context.Background()
			if walk > 0 {
				db.SetOrgWalkFrom(walk)
			}
			db.SetOrgRank(c.rank)
			if c.rankFrom >= 0 {
				db.SetOrgRankFrom(c.rankFrom)
			}
			update(t, db, func(tx *store.Tx) error { _, err := tx.ImportUnits(ctx, findUnits()); return err })
			r := rand.New(rand.NewPCG(17, uint64(walk)))
			ids := findRegister(t, db, r, 120, 0)
			filters := make([]store.OrganisationFilter, 300)
			for i := range filters {
				filters[i] = findFilter(r)
			}
			sameAsReference(t, db, filters, "fresh")
			// Each kind of write alone, so that a version one of them failed
			// to move is not hidden by another write moving it.
			for _, w := range []struct {
				name  string
				write func(tx *store.Tx) error
			}{
				{"names and addresses", editOrgs(ids[:15], func(_ int, o *coop.Organisation) {
					o.Name, o.Address = "Hợp tác xã Đồng Tháp Mới "+o.Name, "Khu Lạch Tray"
				})},
				{"sectors", editOrgs(ids[15:45], func(_ int, o *coop.Organisation) { o.Sector = coop.SectorCredit })},
				{"forms", editOrgs(ids[45:60], func(_ int, o *coop.Organisation) {
					if o.Code != "" {
						o.Form = coop.FormLHHTX
					}
				})},
				{"communes", editOrgs(ids[60:75], func(_ int, o *coop.Organisation) { o.CommuneCode = "10513" })},
				{"new communes", editOrgs(ids[75:90], func(_ int, o *coop.Organisation) {
					o.NewCommuneCode, o.NewCommuneValidFrom = "10516", day(2025, 7, 1)
				})},
				{"contact details", editOrgs(ids[:40], func(_ int, o *coop.Organisation) { o.Phone = "0220 3000 000" })},
				// Only the diacritics of a short name: the folded search
				// text, and so the lists' own version, stay as they were.
				{"short names' diacritics", editOrgs(ids[:60], func(_ int, o *coop.Organisation) {
					o.ShortName = strings.ReplaceAll(strings.ReplaceAll(o.ShortName, "Ô", "O"), "ô", "o")
					if o.ShortName == "" {
						o.ShortName = "THT Ô Môn"
					}
				})},
				{"statuses", func(tx *store.Tx) error {
					for _, id := range ids[15:40] {
						if err := tx.AddStatus(ctx, &coop.Status{OrganisationID: id, Kind: coop.StatusDissolved, On: *day(2025, 3, 1)}); err != nil {
							return err
						}
					}
					return nil
				}},
				{"figures of a new year", setFigures(db, ids[:50], 2026, func(i int, f *coop.YearFigures) {})},
				{"ratings and marks", setFigures(db, ids[:50], 2026, func(i int, f *coop.YearFigures) {
					f.Rating, f.Exemplary = []coop.Rating{coop.RatingGood, coop.RatingWeak}[i%2], i%3 == 0
				})},
				{"amounts", setFigures(db, ids[:50], 2026, func(i int, f *coop.YearFigures) { f.Revenue = int64(i) * 1000 })},
				{"form create", func(tx *store.Tx) error { return nil }},
				{"a merge", func(tx *store.Tx) error { _, err := tx.MergeOrganisations(ctx, ids[40], ids[41]); return err }},
			} {
				if w.name == "form create" {
					findRegister(t, db, r, 10, 1000)
				} else {
					update(t, db, w.write)
				}
				sameAsReference(t, db, filters, "after "+w.name)
			}

			var rows []store.RegisterRow
			for i := range 30 {
				row := regRow(fmt.Sprintf("08%08d", 50+i), "HTX Thủy sản Ngọc Châu "+fmt.Sprint(i), 2024, 1)
				row.Figures.Rating, row.Figures.Exemplary = coop.RatingFair, i%2 == 0
				row.Org.CommuneCode, row.Org.Sector = "10510", coop.SectorTransport
				rows = append(rows, row)
			}
			importRows(t, db, rows)
			sameAsReference(t, db, filters, "after an import")

			update(t, db, func(tx *store.Tx) error {
				_, err := tx.ImportUnits(ctx, findUnits(unit.Record{Level: unit.LevelCommune, Code: "99999",
					Name: "Xã Mới", ParentCode: "31"}))
				return err
			})
			sameAsReference(t, db, filters, "after a unit import")
		})
	}
}
