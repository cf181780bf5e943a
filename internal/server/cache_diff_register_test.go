package server

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
)

// TestRegisterCachesSameAsPlain is the differential test of the register's
// kept pages (store.OrganisationPage) and rendered lists (web.Register):
// the server with every cache answers each list page and API list exactly
// as the server without caches does, for every role and both languages,
// searches and filters, first and later pages, before and after each kind
// of write: an organisation's name, its telephone number alone (which no
// list selects by), figures (which no list shows, but year filters read),
// a status, the register importer, and a merge.
func TestRegisterCachesSameAsPlain(t *testing.T) {
	e := newDiffEnv(t)
	ctx := context.Background()
	db := e.cached
	day := func(y int, m time.Month, d int) *time.Time {
		t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		return &t
	}
	// Enough organisations for two pages of 50 and searches that find
	// many: half "Hợp tác xã", half "Tổ hợp tác", in two communes.
	row := func(i int, name string) store.RegisterRow {
		o := coop.Organisation{Code: fmt.Sprintf("29%08d", 100+i), Name: name, ShortName: "HTX " + fmt.Sprint(i),
			Form: coop.FormHTX, Sector: coop.SectorAgriculture, Law: 2012, CommuneCode: "10507",
			CommuneValidFrom: day(2008, 1, 1), Address: "Thôn Đông", Phone: "0220 3851 234"}
		if i%2 == 1 {
			o.Form, o.Sector, o.CommuneCode = coop.FormTHT, coop.SectorTrade, "10510"
		}
		o.Normalize()
		return store.RegisterRow{Org: &o, Figures: &coop.YearFigures{Year: 2024 + i%2, MembersIndividual: int64(10 + i)}}
	}
	var rows []store.RegisterRow
	for i := range 90 {
		prefix := []string{"Hợp tác xã Nông nghiệp", "Tổ hợp tác Dịch vụ"}[i%2]
		rows = append(rows, row(i, fmt.Sprintf("%s Sen Quê %02d", prefix, i)))
	}
	importRegister(t, db, rows)
	ids := func() []int64 {
		list, _, err := db.Organisations(ctx, store.OrganisationFilter{PerPage: 1000})
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, o := range list {
			out = append(out, o.ID)
		}
		return out
	}()
	edit := func(id int64, change func(o *coop.Organisation)) func(tx *store.Tx) error {
		return func(tx *store.Tx) error {
			o, err := tx.OrganisationForUpdate(ctx, id)
			if err != nil {
				return err
			}
			change(&o)
			return tx.UpdateOrganisation(ctx, &o)
		}
	}
	pages := []string{"/register", "/register?page=2", "/register?q=sen+que", "/register?q=sen+que&page=2",
		"/register?q=Hop+tac+xa", "/register?q=dich+vu+sen", "/register?q=khong+co+to+chuc+nay", "/register?q=ht",
		"/register?form=tht", "/register?form=htx&sector=agriculture", "/register?year=2025", "/register?year=2024&form=htx",
		"/register?unit=10510", "/register?unit=10507&year=2024", "/register?status=active", "/register?status=dissolved",
		"/register?form=nope", "/register?q=sen&year=2025&page=1",
		"/api/v1/organisations", "/api/v1/organisations?q=sen+que&per_page=50", "/api/v1/organisations?q=sen+que&per_page=10&page=3",
		"/api/v1/organisations?form=tht&per_page=20", "/api/v1/organisations?year=2025&per_page=50",
		"/api/v1/organisations?unit=10510&year=2025", "/api/v1/organisations?status=dissolved"}
	compare := func(step string) {
		t.Helper()
		for _, role := range []string{"admin", "coordinator", "viewer", "agency", "coop"} {
			for _, lang := range diffLangs {
				for _, p := range pages {
					want, wantBody := e.fetch(e.plainURL, role, lang, p)
					for try := 1; try <= 2; try++ {
						got, body := e.fetch(e.cachedURL, role, lang, p)
						if got != want || body != wantBody {
							t.Fatalf("%s: %s as %s in %s (request %d to the cached server): status %d, want %d; %s",
								step, p, role, lang, try, got, want, firstDifference(body, wantBody))
						}
					}
				}
			}
		}
	}
	compare("fresh")
	for _, w := range []struct {
		name  string
		write func(tx *store.Tx) error
	}{
		{"a name", edit(ids[3], func(o *coop.Organisation) { o.Name = "Hợp tác xã Dịch vụ Sen Quê Mới" })},
		{"a telephone number", edit(ids[0], func(o *coop.Organisation) { o.Phone = "0220 9999 999" })},
		{"a short name's diacritics", edit(ids[1], func(o *coop.Organisation) { o.ShortName = "HTX Sen Quế" })},
		{"figures of an existing year", func(tx *store.Tx) error {
			f := &coop.YearFigures{OrganisationID: ids[5], Year: 2024, MembersIndividual: 77, Revenue: 5_000_000}
			_, _, err := tx.PutFigures(ctx, f, coop.StepSave, false)
			return err
		}},
		{"figures of a new year", func(tx *store.Tx) error {
			f := &coop.YearFigures{OrganisationID: ids[6], Year: 2025, MembersIndividual: 12}
			_, _, err := tx.PutFigures(ctx, f, coop.StepSave, false)
			return err
		}},
		{"a status", func(tx *store.Tx) error {
			return tx.AddStatus(ctx, &coop.Status{OrganisationID: ids[2], Kind: coop.StatusDissolved, On: *day(2025, 3, 1)})
		}},
		{"a merge", func(tx *store.Tx) error { _, err := tx.MergeOrganisations(ctx, ids[7], ids[8]); return err }},
	} {
		if err := db.Update(ctx, w.write); err != nil {
			t.Fatalf("%s: %v", w.name, err)
		}
		compare("after " + w.name)
	}
	// The importer: one organisation renamed, one's address changed, one new.
	again := []store.RegisterRow{row(10, "Hợp tác xã Nông nghiệp Sen Quê 10 (đổi tên)"), row(11, "Tổ hợp tác Dịch vụ Sen Quê 11"),
		row(200, "Hợp tác xã Nông nghiệp Sen Quê mới lập")}
	again[1].Org.Address = "Xóm Bắc"
	importRegister(t, db, again)
	compare("after an import")
}

// importRegister stores rows through the register importer.
func importRegister(t *testing.T, db *store.DB, rows []store.RegisterRow) {
	t.Helper()
	ctx := context.Background()
	if err := db.BulkUpdate(ctx, func(tx *store.Tx) error {
		imp, err := tx.RegisterImporter(ctx)
		if err != nil {
			return err
		}
		defer imp.Close()
		_, err = imp.Add(ctx, rows)
		return err
	}); err != nil && !strings.Contains(err.Error(), "nothing") {
		t.Fatal(err)
	}
}
