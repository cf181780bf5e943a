package registerexport

import (
	"context"
	"fmt"
	"testing"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/store"
)

// fakeSource pages through a fixed list as the store does.
type fakeSource struct {
	orgs  []coop.Organisation
	figs  map[int64]coop.YearFigures
	pages int
}

func (s *fakeSource) OrganisationsAfter(_ context.Context, _ store.OrganisationFilter, cur store.OrgCursor, limit int) ([]coop.Organisation, store.OrgCursor, error) {
	s.pages++
	from := 0
	for from < len(s.orgs) && cur.ID != 0 && s.orgs[from].ID <= cur.ID {
		from++
	}
	page := s.orgs[from:min(from+limit, len(s.orgs))]
	if len(page) > 0 {
		cur.ID = page[len(page)-1].ID
	}
	return page, cur, nil
}

func (s *fakeSource) FiguresOfYear(_ context.Context, ids []int64, year int) (map[int64]coop.YearFigures, error) {
	out := map[int64]coop.YearFigures{}
	for _, id := range ids {
		if f, ok := s.figs[id]; ok && f.Year == year {
			out[id] = f
		}
	}
	return out, nil
}

// source holds n organisations; the first has figures of 2025.
func source(n int) *fakeSource {
	s := &fakeSource{figs: map[int64]coop.YearFigures{}}
	for i := range n {
		s.orgs = append(s.orgs, coop.Organisation{ID: int64(i + 1), Code: fmt.Sprintf("%010d", 800000000+i),
			Name: fmt.Sprintf("Hợp tác xã Đồng Tâm %d", i+1), Form: coop.FormHTX, Sector: coop.SectorAgriculture,
			CommuneCode: "10507", Law: 2023, Status: coop.StatusActive})
	}
	s.orgs[0].Code = "0800000000-001"
	s.figs[1] = coop.YearFigures{OrganisationID: 1, Year: 2025, MembersIndividual: 7, MembersHousehold: 3,
		Revenue: 1_234_567_000, Profit: -5_000_000, Rating: coop.RatingGood, Exemplary: true}
	return s
}

func tr(t *testing.T) Translate {
	b, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return func(key string, args ...any) string { return b.T("vi", key, args...) }
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"": CSV, "csv": CSV, "XLSX": XLSX} {
		if f, err := ParseFormat(in); err != nil || f != want {
			t.Errorf("%q: %v %v", in, f, err)
		}
	}
	if _, err := ParseFormat("ods"); err == nil {
		t.Error("ods accepted")
	}
}
