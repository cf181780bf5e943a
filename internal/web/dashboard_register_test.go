package web_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// thanhDongFigures puts a fixture register in Phường Thành Đông (10507 of
// Hải Phòng since 1 July 2025), where the demo has no organisation: two
// HTX with 2025 figures recorded by the coordinator. By hand: members
// 12 + 28 = 40, average revenue (100 + 300 million) / 2 = 200 million,
// rated good or fair 1 of 2 rated = 50 %.
func thanhDongFigures(t *testing.T, e *env) []int64 {
	t.Helper()
	storetest.ImportReformUnits(t, e.db)
	ctx := context.Background()
	d := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	var ids []int64
	err := e.db.Update(ctx, func(tx *store.Tx) error {
		for i, f := range []coop.YearFigures{
			{Year: 2025, MembersIndividual: 12, Revenue: 100_000_000, Rating: coop.RatingGood},
			{Year: 2025, MembersIndividual: 20, MembersHousehold: 8, Revenue: 300_000_000, Rating: coop.RatingWeak},
		} {
			o := coop.Organisation{Code: []string{"0201000001", "0201000002"}[i], Name: []string{"HTX Thành Đông", "HTX Cẩm Thượng"}[i],
				Form: coop.FormHTX, Sector: coop.SectorTrade, Law: 2023, CommuneCode: "10507", CommuneValidFrom: &d,
				NewCommuneCode: "10507", NewCommuneValidFrom: &d, FoundedOn: &d, RegisteredOn: &d}
			if err := tx.CreateOrganisation(ctx, &o); err != nil {
				return err
			}
			f.OrganisationID = o.ID
			if _, _, err := tx.PutFigures(ctx, &f, coop.StepSave, false); err != nil {
				return err
			}
			ids = append(ids, o.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// registerCell is the value cell of one indicator's row in the
// dashboard's register section.
func registerCell(t *testing.T, body, id string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<tr id="reg-` + id + `">.*?<td class="num">(.*?)</td>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no register row %s", id)
	}
	return m[1]
}

// The dashboard shows the register's indicators for the unit and year
// picked from the unit lists, with the values worked out by hand, each
// linked to the organisations behind it; a figure changed is shown on the
// next request.
func TestDashboardRegisterSection(t *testing.T) {
	e := newEnv(t)
	ids := thanhDongFigures(t, e)
	viewer := e.login(viewerEmail)
	path := pathf("/plans/%d/dashboard?province=31&commune=10507&ryear=2025", e.planID)
	body := e.page(viewer, path)
	for id, want := range map[string]string{
		"members":         `<a href="/register?unit=10507&amp;year=2025">40</a>`,
		"avg_revenue":     `<a href="/register?unit=10507&amp;year=2025">200.000.000</a>`,
		"share_good_fair": `<a href="/register?unit=10507&amp;year=2025">50</a>`,
		"active_htx":      `<a href="/register?form=htx&amp;status=active&amp;unit=10507">2</a>*`,
	} {
		if got := registerCell(t, body, id); got != want {
			t.Errorf("%s: %s, want %s", id, got, want)
		}
	}
	// The picker is the unit lists: the province chosen, its communes
	// listed, the old (pre-2025) Hải Dương not offered.
	for _, want := range []string{`<option value="31" selected>Thành phố Hải Phòng</option>`,
		`<option value="10507" selected>Phường Thành Đông</option>`, `id="register-indicators" href`} {
		if !strings.Contains(strings.ReplaceAll(body, `<a href="/indicators?commune=10507&amp;province=31&amp;year=2025" id="register-indicators"`, `id="register-indicators" href`), want) {
			t.Errorf("the register section lacks %q", want)
		}
	}
	if strings.Contains(body, `<option value="30">`) {
		t.Error("the picker offers old Hải Dương (30), merged into Hải Phòng in 2025")
	}

	// No stale figure: the coordinator corrects a member count.
	err := e.db.Update(context.Background(), func(tx *store.Tx) error {
		f := coop.YearFigures{OrganisationID: ids[0], Year: 2025, MembersIndividual: 22, Revenue: 100_000_000, Rating: coop.RatingGood}
		_, _, err := tx.PutFigures(context.Background(), &f, coop.StepSave, false)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := registerCell(t, e.page(viewer, path), "members"); !strings.Contains(got, ">50<") {
		t.Errorf("members after the correction: %s, want 50", got)
	}

	// The section's export holds the same figures.
	resp, csv := e.get(viewer, pathf("/plans/%d/dashboard/register.csv?province=31&commune=10507&ryear=2025", e.planID))
	if resp.StatusCode != http.StatusOK || !strings.Contains(csv, "Thành viên (người),50,50,0") ||
		!strings.Contains(csv, ",200000000,") {
		t.Errorf("register export: %d\n%s", resp.StatusCode, csv)
	}
	if resp, _ := e.get(viewer, pathf("/plans/%d/dashboard/register.xlsx?province=31", e.planID)); resp.StatusCode != http.StatusOK {
		t.Errorf("register workbook: %d", resp.StatusCode)
	}
}

// A unit the lists do not hold today, unknown or merged away in 2025, is
// refused with a message naming the field; so is a year out of range.
func TestDashboardRegisterRefusesUnknownUnits(t *testing.T) {
	e := newEnv(t)
	storetest.ImportReformUnits(t, e.db)
	viewer := e.login(viewerEmail)
	for _, c := range []struct{ name, query, want string }{
		{"unknown province", "province=99", "Tỉnh, thành phố: mã đơn vị không có"},
		{"old province", "province=30", "Tỉnh, thành phố: mã đơn vị không có"},
		{"unknown commune", "province=31&commune=99999", "Xã, phường: mã đơn vị không có"},
		{"year", "ryear=2999", "Năm số liệu sổ đăng ký không hợp lệ"},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, p := range []string{"/plans/%d/dashboard?", "/plans/%d/dashboard/register.csv?"} {
				resp, body := e.get(viewer, pathf(p, e.planID)+c.query)
				if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, c.want) {
					t.Errorf("%s%s: %d, want 400 with %q", p, c.query, resp.StatusCode, c.want)
				}
			}
		})
	}
}
