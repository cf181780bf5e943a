package store_test

import (
	"context"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

func TestOrganisations(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	mk := func(code, name string, edit func(*coop.Organisation)) coop.Organisation {
		o := newOrg(code, name)
		if edit != nil {
			edit(&o)
		}
		return createOrg(t, db, o)
	}
	dt := mk("1400123456", "Hợp tác xã Đồng Tháp Xanh", func(o *coop.Organisation) { o.CommuneCode, o.NewCommuneCode = "29500", "29510" })
	an := mk("1400123457", "Hợp tác xã An Bình", func(o *coop.Organisation) { o.Sector = coop.SectorCredit })
	dai := mk("1400123458", "Hợp tác xã Đại Thành", func(o *coop.Organisation) { o.Address = "Ấp Mỹ Long" })
	dung := mk("1400123459", "Hợp tác xã Dũng Tiến", nil)
	// Byte order would put V before Ư; Vietnamese puts Ư first.
	vinh := mk("1400123460", "Hợp tác xã Vĩnh Phúc", nil)
	ung := mk("1400123461", "Hợp tác xã Ứng Hòa", nil)
	tht := mk("", "Tổ hợp tác rau sạch Ô Môn", func(o *coop.Organisation) { o.Form = coop.FormTHT; o.ShortName = "THT Ô Môn" })
	update(t, db, func(tx *store.Tx) error {
		return tx.AddStatus(ctx, &coop.Status{OrganisationID: dung.ID, Kind: coop.StatusDissolved, On: *day(2024, 5, 1)})
	})
	for _, f := range []coop.YearFigures{
		{OrganisationID: an.ID, Year: 2024, MembersIndividual: 30, Rating: coop.RatingGood, Exemplary: true},
		{OrganisationID: an.ID, Year: 2025, MembersIndividual: 30, Rating: coop.RatingWeak},
		{OrganisationID: dai.ID, Year: 2025, MembersIndividual: 12, Rating: coop.RatingGood},
	} {
		if _, _, err := putFigures(db, &f, coop.StepSave, false); err != nil {
			t.Fatal(err)
		}
	}
	names := func(list []coop.Organisation) []string {
		var out []string
		for _, o := range list {
			out = append(out, o.Name)
		}
		return out
	}
	for _, c := range []struct {
		name string
		f    store.OrganisationFilter
		want []int64
	}{
		// Vietnamese order: A < D < Đ, Đại before Đồng, Ư before V.
		{"all in vietnamese order", store.OrganisationFilter{}, []int64{an.ID, dung.ID, dai.ID, dt.ID, ung.ID, vinh.ID, tht.ID}},
		{"dong thap without accents", store.OrganisationFilter{Query: "dong thap"}, []int64{dt.ID}},
		{"hop tac xa", store.OrganisationFilter{Query: "HOP TAC XA"}, []int64{an.ID, dung.ID, dai.ID, dt.ID, ung.ID, vinh.ID}},
		{"by code", store.OrganisationFilter{Query: "1400123458"}, []int64{dai.ID}},
		{"by address", store.OrganisationFilter{Query: "my long"}, []int64{dai.ID}},
		{"by short name", store.OrganisationFilter{Query: "tht o mon"}, []int64{tht.ID}},
		{"wildcards are literal", store.OrganisationFilter{Query: "%"}, nil},
		{"form", store.OrganisationFilter{Form: coop.FormTHT}, []int64{tht.ID}},
		{"sector", store.OrganisationFilter{Sector: coop.SectorCredit}, []int64{an.ID}},
		{"status", store.OrganisationFilter{Status: coop.StatusDissolved}, []int64{dung.ID}},
		{"old commune", store.OrganisationFilter{Commune: "29500"}, []int64{dt.ID}},
		{"new commune", store.OrganisationFilter{Commune: "29510"}, []int64{dt.ID}},
		{"year", store.OrganisationFilter{Year: 2025}, []int64{an.ID, dai.ID}},
		{"rating of the year", store.OrganisationFilter{Year: 2024, Rating: coop.RatingGood}, []int64{an.ID}},
		{"rating of the latest year", store.OrganisationFilter{Rating: coop.RatingGood}, []int64{dai.ID}},
		{"exemplary of the year", store.OrganisationFilter{Year: 2024, Exemplary: true}, []int64{an.ID}},
		{"exemplary of the latest year", store.OrganisationFilter{Exemplary: true}, nil},
		{"combined", store.OrganisationFilter{Query: "hop tac", Year: 2025, Sector: coop.SectorAgriculture}, []int64{dai.ID}},
	} {
		t.Run(c.name, func(t *testing.T) {
			list, total, err := db.Organisations(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if total != len(c.want) || len(list) != len(c.want) {
				t.Fatalf("%d of %d: %v, want %d", len(list), total, names(list), len(c.want))
			}
			for i, id := range c.want {
				if list[i].ID != id {
					t.Errorf("item %d: %s, want id %d (%v)", i, list[i].Name, id, names(list))
				}
			}
		})
	}
	page2, total, err := db.Organisations(ctx, store.OrganisationFilter{Page: 2, PerPage: 2})
	if err != nil || total != 7 || len(page2) != 2 || page2[0].ID != dai.ID || page2[1].ID != dt.ID {
		t.Errorf("page 2 of 2: %v of %d, %v", names(page2), total, err)
	}
}

func TestParseOrganisationFilter(t *testing.T) {
	f, err := store.ParseOrganisationFilter(url.Values{"q": {"hop tac"}, "form": {"htx"}, "sector": {"credit"},
		"status": {"active"}, "unit": {"29500"}, "unit_on": {"2025-06-30"}, "year": {"2025"}, "rating": {"good"}, "exemplary": {"true"}})
	if err != nil {
		t.Fatal(err)
	}
	want := store.OrganisationFilter{Query: "hop tac", Form: coop.FormHTX, Sector: coop.SectorCredit, Status: coop.StatusActive,
		Commune: "29500", UnitOn: *day(2025, 6, 30), Year: 2025, Rating: coop.RatingGood, Exemplary: true}
	if f != want {
		t.Errorf("%+v", f)
	}
	back, err := store.ParseOrganisationFilter(f.Values())
	if err != nil || back != f {
		t.Errorf("Values does not select the same filter: %+v, %v", back, err)
	}
	for param, v := range map[string]string{"form": "qtdnd", "sector": "mining", "status": "closed", "rating": "best",
		"unit": "xa-1", "year": "20x5", "exemplary": "maybe",
		"unit_on": "30/06/2025"} {
		_, err := store.ParseOrganisationFilter(url.Values{param: {v}})
		if e := wantCode(t, err, apperr.Invalid); e.Key != "error.param."+param {
			t.Errorf("%s=%s: key %s", param, v, e.Key)
		}
	}
}

// A unit filter takes in every unit the unit covers, old or new: the new
// Hải Phòng selects what was recorded in an old Hải Dương commune, and
// the reused code 10507 names one unit or the other by its day.
func TestOrganisationsByUnit(t *testing.T) {
	db := newTestDB(t)
	storetest.ImportReformUnits(t, db)
	ctx := context.Background()
	mk := func(code, name, commune string, from *time.Time, newCommune string, newFrom *time.Time) int64 {
		o := newOrg(code, name)
		o.CommuneCode, o.CommuneValidFrom, o.NewCommuneCode, o.NewCommuneValidFrom = commune, from, newCommune, newFrom
		return createOrg(t, db, o).ID
	}
	// Recorded in the old commune by the import (its open start), without
	// the post-reform commune.
	oldOnly := mk("0800000001", "Hợp tác xã Cẩm Thượng", "10507", day(1900, 1, 1), "", nil)
	// Recorded in the new commune.
	newOnly := mk("0800000002", "Hợp tác xã Thành Đông", "10507", day(2025, 7, 1), "", nil)
	// Recorded before the reform and carried to its new commune.
	both := mk("0800000003", "Hợp tác xã An Phú", "10507", day(2010, 1, 1), "10507", day(2025, 7, 1))
	// A commune no unit list knows.
	elsewhere := mk("0800000004", "Hợp tác xã Bình Minh", "29500", day(2010, 1, 1), "", nil)
	for _, c := range []struct {
		name string
		f    store.OrganisationFilter
		want []int64
	}{
		{"new province takes in the old communes", store.OrganisationFilter{Commune: "31"}, []int64{both, oldOnly, newOnly}},
		{"old province holds only its own", store.OrganisationFilter{Commune: "30"}, []int64{both, oldOnly}},
		{"a reused code on a day before the reform", store.OrganisationFilter{Commune: "10507", UnitOn: *day(2025, 6, 30)}, []int64{both, oldOnly}},
		{"a reused code on a day after the reform", store.OrganisationFilter{Commune: "10507", UnitOn: *day(2025, 7, 2)}, []int64{both, oldOnly, newOnly}},
		{"a reused code without a day", store.OrganisationFilter{Commune: "10507"}, []int64{both, oldOnly, newOnly}},
		{"a code no unit carries is matched as recorded", store.OrganisationFilter{Commune: "29500"}, []int64{elsewhere}},
		{"a province with nothing recorded", store.OrganisationFilter{Commune: "01"}, nil},
		{"with another filter", store.OrganisationFilter{Commune: "31", Query: "thanh dong"}, []int64{newOnly}},
	} {
		t.Run(c.name, func(t *testing.T) {
			list, total, err := db.Organisations(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, o := range list {
				got = append(got, o.ID)
			}
			if total != len(c.want) || !slices.Equal(got, c.want) {
				t.Errorf("%v (total %d), want %v", got, total, c.want)
			}
		})
	}
}
