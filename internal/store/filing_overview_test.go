package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// The coordinator's follow-up of the yearly filing: per commune, who has
// filed, who is filing, who has not started, and after 15/12 who is late.
func TestFilingOverview(t *testing.T) {
	db := newTestDB(t)
	storetest.ImportReformUnits(t, db)
	ctx := context.Background()
	mk := func(code, name, commune string, from *time.Time) int64 {
		o := newOrg(code, name)
		o.CommuneCode, o.CommuneValidFrom, o.NewCommuneCode, o.NewCommuneValidFrom = commune, from, "", nil
		return createOrg(t, db, o).ID
	}
	submitted := mk("0800000001", "Hợp tác xã An Phú", "10507", day(1900, 1, 1))
	draft := mk("0800000002", "Hợp tác xã Bình An", "10507", day(2025, 7, 1))
	none := mk("0800000003", "Hợp tác xã Cẩm Vũ", "10507", day(2025, 7, 1))
	recorded := mk("0800000004", "Hợp tác xã Đồng Tâm", "29500", day(2010, 1, 1))
	dissolved := mk("0800000005", "Hợp tác xã Đã Giải Thể", "29500", day(2010, 1, 1))
	update(t, db, func(tx *store.Tx) error {
		return tx.AddStatus(ctx, &coop.Status{OrganisationID: dissolved, Kind: coop.StatusDissolved, On: *day(2024, 5, 1)})
	})
	for _, c := range []struct {
		id     int64
		steps  []coop.FilingStep
		byCoop bool
	}{
		{submitted, []coop.FilingStep{coop.StepSave, coop.StepSubmit}, true},
		{draft, []coop.FilingStep{coop.StepSave}, true},
		{recorded, []coop.FilingStep{coop.StepSave}, false},
	} {
		for _, step := range c.steps {
			f := coop.YearFigures{OrganisationID: c.id, Year: 2025, MembersIndividual: 10}
			if _, _, err := putFigures(db, &f, step, c.byCoop); err != nil {
				t.Fatal(err)
			}
		}
	}
	counts := func(year int, unit string, today time.Time) map[string]map[store.FilingState]int64 {
		t.Helper()
		list, err := db.FilingOverview(ctx, year, unit, today)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]map[store.FilingState]int64{}
		for _, c := range list {
			var sum int64
			for _, n := range c.Counts {
				sum += n
			}
			if sum != c.Total {
				t.Errorf("%s: total %d, counts %v", c.Commune, c.Total, c.Counts)
			}
			out[c.Commune] = c.Counts
		}
		return out
	}
	before := counts(2025, "", *day(2025, 12, 15))
	if got := before["10507"]; got[store.FilingFiled] != 1 || got[store.FilingInProgress] != 1 || got[store.FilingNotStarted] != 1 || got[store.FilingLate] != 0 {
		t.Errorf("10507 on the due day: %v", got)
	}
	// Figures the coordinator recorded are in; a dissolved organisation is
	// not expected to file.
	if got := before["29500"]; got[store.FilingFiled] != 1 || got[store.FilingNotStarted] != 0 || len(got) != len(store.FilingStates()) {
		t.Errorf("29500: %v", got)
	}
	after := counts(2025, "", *day(2025, 12, 16))
	if got := after["10507"]; got[store.FilingFiled] != 1 || got[store.FilingLate] != 2 || got[store.FilingNotStarted] != 0 {
		t.Errorf("10507 the day after: %v", got)
	}
	if got := counts(2025, "31", *day(2025, 12, 16)); len(got) != 1 || got["10507"][store.FilingLate] != 2 {
		t.Errorf("new Hải Phòng: %v", got)
	}
	if got := counts(2024, "", *day(2025, 1, 10)); got["10507"][store.FilingLate] != 3 {
		t.Errorf("2024, nothing filed: %v", got)
	}
	late, err := db.FilingList(ctx, 2025, "10507", store.FilingLate, *day(2025, 12, 16), 50)
	if err != nil || len(late) != 2 || late[0].ID != draft || late[1].ID != none {
		t.Errorf("late in 10507: %v %v", late, err)
	}
	figs, err := db.FiguresOfYear(ctx, []int64{submitted, none, recorded}, 2025)
	if err != nil || len(figs) != 2 || figs[submitted].Filing != coop.FilingSubmitted || figs[recorded].MembersIndividual != 10 {
		t.Errorf("figures of 2025: %v %v", figs, err)
	}
}
