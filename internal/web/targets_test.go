package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/planimport"
	"github.com/hoptac/hoptac/internal/seeds"
	"github.com/hoptac/hoptac/internal/server"
	"github.com/hoptac/hoptac/internal/store"
)

// figures is an indicator.Source with fixed series for the whole
// register: id → year → value.
type figures map[string]map[int]indicator.Value

func (f figures) Series(_ context.Context, id, unit string, from, to int) ([]indicator.Value, error) {
	var out []indicator.Value
	for y := from; y <= to; y++ {
		v, ok := f[id][y]
		if !ok || unit != "" {
			v = indicator.Value{ID: id, Year: y, Unit: unit}
		}
		out = append(out, v)
	}
	return out, nil
}

func count(id string, year int, n float64) indicator.Value {
	return indicator.Value{ID: id, Year: year, Value: &n, Numerator: n}
}

func share(id string, year int, num, den float64) indicator.Value {
	x := num / den * 100
	return indicator.Value{ID: id, Year: year, Value: &x, Numerator: num, Denominator: den}
}

// seedFigures: the GRDP share reaches the range, the managers trained
// pass 50 % and those with a college degree are 80 of the 110 trained
// (72.7 %, but 40 % of all managers), exemplary cooperatives stop at 7 of
// 10; the 2012 law conversion has no figures.
var seedFigures = figures{
	indicator.GRDPShare:            {2017: count(indicator.GRDPShare, 2017, 0.8), 2020: count(indicator.GRDPShare, 2020, 1.1)},
	indicator.ShareManagersTrained: {2017: share(indicator.ShareManagersTrained, 2017, 60, 200), 2020: share(indicator.ShareManagersTrained, 2020, 110, 200)},
	indicator.ShareManagersCollege: {2017: share(indicator.ShareManagersCollege, 2017, 30, 200), 2020: share(indicator.ShareManagersCollege, 2020, 80, 200)},
	indicator.Exemplary:            {2017: count(indicator.Exemplary, 2017, 2), 2019: count(indicator.Exemplary, 2019, 5), 2020: count(indicator.Exemplary, 2020, 7)},
	indicator.ActiveHTX:            {2024: count(indicator.ActiveHTX, 2024, 900), 2025: count(indicator.ActiveHTX, 2025, 1050)},
}

// newTargetsEnv is newEnv on a server that reads seedFigures.
func newTargetsEnv(t *testing.T) *env {
	t.Helper()
	app := apptest.Start(t, func(db *store.DB, c apptest.Config) (apptest.Server, error) {
		return server.New(db, server.Config{Now: c.Now, Log: c.Log, Indicators: seedFigures})
	})
	return &env{app: app, t: t, db: app.DB, ts: app.TS, handler: app.Handler, planID: app.PlanID,
		passwords: app.Passwords, financeID: app.AgencyID("Sở Tài chính")}
}

// importSeed004 stores seed 004 as the import does.
func (e *env) importSeed004() plan.Plan {
	e.t.Helper()
	matches, _ := filepath.Glob(filepath.Join(seeds.Dir(e.t), "004_*.txt"))
	if len(matches) != 1 {
		e.t.Fatalf("seed 004: %v", matches)
	}
	data, err := os.ReadFile(matches[0])
	if err != nil {
		e.t.Fatal(err)
	}
	ctx := context.Background()
	res, err := planimport.Parse(ctx, filepath.Base(matches[0]), data, planimport.Catalog())
	if err != nil {
		e.t.Fatal(err)
	}
	saved, err := planimport.Save(ctx, e.db, res)
	if err != nil {
		e.t.Fatal(err)
	}
	return saved.Plan
}

// formValues reads the values a target's form carries as the page sent
// it: what a browser posts when the coordinator only presses the button.
func formValues(t *testing.T, body string, tid int64) url.Values {
	t.Helper()
	m := regexp.MustCompile(`(?s)<form method="post" action="[^"]*/targets/` + id64(tid) + `".*?</form>`).FindString(body)
	if m == "" {
		t.Fatalf("no form for target %d", tid)
	}
	v := url.Values{}
	for _, in := range regexp.MustCompile(`<input id="[^"]*" name="([a-z_]+)"[^>]*value="([^"]*)"`).FindAllStringSubmatch(m, -1) {
		v.Set(in[1], html.UnescapeString(in[2]))
	}
	for _, sel := range regexp.MustCompile(`(?s)<select id="[^"]*" name="([a-z_]+)".*?</select>`).FindAllStringSubmatch(m, -1) {
		chosen := regexp.MustCompile(`<option value="([^"]*)" selected>`).FindStringSubmatch(sel[0])
		if chosen != nil {
			v.Set(sel[1], html.UnescapeString(chosen[1]))
		} else {
			v.Set(sel[1], "")
		}
	}
	return v
}

func id64(n int64) string { return pathf("%d", n) }

// targetSection is the part of the page about one target.
func targetSection(t *testing.T, body string, tid int64) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<section class="target[^"]*" id="target-` + id64(tid) + `">.*?</section>`).FindString(body)
	if m == "" {
		t.Fatalf("no section for target %d", tid)
	}
	return m
}

// The coordinator links seed 004's targets by confirming what the page
// proposes, and the page then shows each status in words, the current
// figure, the expected one and the figures by year.
func TestTargetsSeed004(t *testing.T) {
	t.Parallel()
	e := newTargetsEnv(t)
	p := e.importSeed004()
	coord := e.login(coordinatorEmail)
	base := pathf("/plans/%d/targets", p.ID)
	body := e.page(coord, base)
	if n := e.count(`SELECT COUNT(*) FROM target_links`); n != 0 {
		t.Fatalf("the page stored %d links before any was confirmed", n)
	}
	if !strings.Contains(e.page(coord, pathf("/plans/%d", p.ID)), `href="`+base+`"`) {
		t.Error("the plan page does not lead to its targets")
	}
	grdp, trained, college, exemplary, law := p.Targets[2].ID, p.Targets[4].ID, p.Targets[5].ID, p.Targets[7].ID, p.Targets[0].ID
	want := map[int64]url.Values{
		grdp:            {"indicator": {"grdp_share"}, "comparator": {"between"}, "value": {"1"}, "value_max": {"1,2"}, "baseline_year": {"2017"}, "deadline": {"2020-12-31"}},
		trained:         {"indicator": {"share_managers_trained"}, "comparator": {">"}, "value": {"50"}, "baseline_year": {"2017"}, "deadline": {"2020-12-31"}},
		college:         {"indicator": {"share_managers_college"}, "comparator": {">="}, "value": {"70"}},
		exemplary:       {"indicator": {"exemplary"}, "comparator": {">="}, "value": {"10"}},
		law:             {"indicator": {"share_law_2012"}, "comparator": {""}, "value": {""}, "deadline": {"2018-06-30"}},
		p.Targets[3].ID: {"indicator": {""}},
	}
	for tid, fields := range want {
		got := formValues(t, body, tid)
		for k, v := range fields {
			if got.Get(k) != v[0] {
				t.Errorf("target %d: proposed %s = %q, want %q", tid, k, got.Get(k), v[0])
			}
		}
		sec := targetSection(t, body, tid)
		if !strings.Contains(sec, "Chưa gắn chỉ số") {
			t.Errorf("target %d: an unlinked target shows no such status", tid)
		}
		if proposed := strings.Contains(sec, `id="proposal-`); proposed != (fields.Get("indicator") != "") {
			t.Errorf("target %d: proposal note shown = %v", tid, proposed)
		}
	}

	// A click each: the proposed forms, the law target with its 100 %.
	for _, tid := range []int64{grdp, trained, college, exemplary} {
		v := formValues(t, body, tid)
		if tid == grdp {
			v.Set("baseline_value", "0,8")
		}
		if resp, text := e.postForm(coord, pathf("%s/%d", base, tid), v); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("confirm target %d: %d\n%s", tid, resp.StatusCode, text)
		}
	}
	body = e.page(coord, base)
	for tid, status := range map[int64]string{grdp: "Đạt", trained: "Đạt", college: "Đạt", exemplary: "Không đạt"} {
		m := regexp.MustCompile(`id="status-` + id64(tid) + `">([^<]*)<`).FindStringSubmatch(body)
		if m == nil || m[1] != status {
			t.Errorf("target %d: status %v, want %q", tid, m, status)
		}
	}
	sec := targetSection(t, body, college)
	if !strings.Contains(sec, "72,73 (2020)") || !strings.Contains(sec, "tính trên số của mục tiêu cha") {
		t.Errorf("the nested target is not read on its parent's population:\n%s", text(sec))
	}
	sec = text(targetSection(t, body, exemplary))
	for _, w := range []string{"Giá trị hiện tại 7 (2020)", "Giá trị cần đạt hôm nay theo lộ trình 10", "2019 5", "2018 Chưa có số liệu"} {
		if !strings.Contains(sec, w) {
			t.Errorf("exemplary target lacks %q:\n%s", w, sec)
		}
	}
	if !strings.Contains(body, "Cách tính trạng thái") || !strings.Contains(body, "5 % quãng đường") {
		t.Error("the page does not document the status rule")
	}
	if n := e.count(`SELECT COUNT(*) FROM audit_log WHERE entity = 'target_link'`); n != 4 {
		t.Errorf("%d audit entries for 4 links", n)
	}

	// The dashboard counts the same statuses, the unlinked four apart,
	// and a leader reads them there too.
	dash := text(section(t, e.page(e.login(viewerEmail), pathf("/plans/%d/dashboard", p.ID)), "targets"))
	for _, w := range []string{"Đạt 3", "Đúng lộ trình 0", "Không đạt 1", "Chưa gắn chỉ số 4"} {
		if !strings.Contains(dash, w) {
			t.Errorf("the dashboard's targets lack %q:\n%s", w, dash)
		}
	}
}

// A refused form names each wrong field, keeps what was typed and stores
// nothing; a leader reads statuses without forms and may not post one.
func TestTargetLinkFormRefused(t *testing.T) {
	t.Parallel()
	e := newTargetsEnv(t)
	ctx := context.Background()
	p, err := e.db.Plan(ctx, e.planID)
	if err != nil || len(p.Targets) == 0 {
		t.Fatalf("demo targets: %v", err)
	}
	tid := p.Targets[0].ID // "ít nhất 1.100 hợp tác xã" by 31/12/2026
	coord := e.login(coordinatorEmail)
	base := pathf("/plans/%d/targets", e.planID)
	bad := url.Values{"indicator": {"active_htx"}, "comparator": {">="}, "value": {"một nghìn"}, "value_max": {"5"},
		"baseline_year": {"2024"}, "baseline_value": {"900"}, "deadline": {"31/12/2026"}, "scope": {"99999"}}
	resp, body := e.postForm(coord, pathf("%s/%d", base, tid), bad)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for field, names := range map[string]string{"value": "Giá trị mục tiêu", "value_max": "Giá trị trên", "deadline": "Thời hạn"} {
		if msg := fieldError(body, field); !strings.HasPrefix(msg, names) {
			t.Errorf("%s: error %q does not name the field %q", field, msg, names)
		}
	}
	if got := formValues(t, body, tid); got.Get("value") != "một nghìn" || got.Get("deadline") != "31/12/2026" || got.Get("baseline_value") != "900" {
		t.Errorf("the refused form lost what was typed: %v", got)
	}
	// Only the scope is wrong: the store names it.
	bad.Set("value", "1100")
	bad.Del("value_max")
	bad.Set("deadline", "2026-12-31")
	if resp, body = e.postForm(coord, pathf("%s/%d", base, tid), bad); resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.HasPrefix(fieldError(body, "scope"), "Địa bàn") {
		t.Errorf("unknown unit: %d, %q", resp.StatusCode, fieldError(body, "scope"))
	}
	if n := e.count(`SELECT COUNT(*) FROM target_links`); n != 0 {
		t.Fatalf("refused forms stored %d links", n)
	}
	// Another plan's target, or none: not found.
	if resp, _ := e.postForm(coord, pathf("/plans/%d/targets/%d", e.planID, 999999), bad); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown target: %d", resp.StatusCode)
	}

	bad.Set("scope", "")
	if resp, _ := e.postForm(coord, pathf("%s/%d", base, tid), bad); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("valid link: %d", resp.StatusCode)
	}
	// On 24/11/2026, 693 of the 730 days from 31/12/2024 to 31/12/2026 are
	// gone (95 %) and 1 050 covers 75 % of the way from 900 to 1 100: at risk.
	viewer := e.login(viewerEmail)
	body = e.page(viewer, base)
	sec := text(targetSection(t, body, tid))
	for _, w := range []string{"Trạng thái: Có nguy cơ không đạt", "Giá trị hiện tại 1050 (2025)", "Giá trị cần đạt hôm nay theo lộ trình 1089,86", "Mức hoàn thành quãng đường từ gốc đến mục tiêu 75 %"} {
		if !strings.Contains(sec, w) {
			t.Errorf("leader's page lacks %q:\n%s", w, sec)
		}
	}
	if strings.Contains(body, `<form method="post" action="/plans/`) {
		t.Error("a leader is offered a link form")
	}
	if resp, _ := e.postForm(viewer, pathf("%s/%d", base, tid), bad); resp.StatusCode != http.StatusForbidden {
		t.Errorf("leader posting a link: %d", resp.StatusCode)
	}
}
