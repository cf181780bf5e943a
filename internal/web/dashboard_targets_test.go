package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// pathRow is a target's line in the dashboard's list of targets.
func pathRow(t *testing.T, body string, tid int64) string {
	t.Helper()
	start := strings.Index(body, `<tr id="path-`+id64(tid)+`"`)
	if start < 0 {
		t.Fatalf("no dashboard line for target %d", tid)
	}
	// The line holds its own table view: it ends where the next line or
	// the list does.
	rest := body[start+1:]
	end := len(rest)
	for _, stop := range []string{`<tr id="path-`, `</tbody></table>` + "\n</section>"} {
		if i := strings.Index(rest, stop); i >= 0 && i < end {
			end = i
		}
	}
	return body[start : start+1+end]
}

// Each target of the dashboard shows its status and a sparkline of its
// indicator's path, drawn on the server, with the figures as a table a
// screen reader reads; an unlinked target says so and draws nothing.
func TestDashboardTargetPaths(t *testing.T) {
	t.Parallel()
	e := newTargetsEnv(t)
	p := e.importSeed004()
	coord := e.login(coordinatorEmail)
	base := pathf("/plans/%d/targets", p.ID)
	exemplary, grdp := p.Targets[7].ID, p.Targets[2].ID
	body := e.page(coord, base)
	for _, tid := range []int64{exemplary, grdp} {
		v := formValues(t, body, tid)
		if tid == grdp {
			v.Set("baseline_value", "0,8")
		}
		if resp, text := e.postForm(coord, pathf("%s/%d", base, tid), v); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("confirm target %d: %d\n%s", tid, resp.StatusCode, text)
		}
	}
	dash := e.page(e.login(viewerEmail), pathf("/plans/%d/dashboard", p.ID))
	row := pathRow(t, dash, exemplary)
	for _, want := range []string{`>Không đạt</strong>`, `<svg xmlns="http://www.w3.org/2000/svg" class="sparkline" role="img"`,
		`<title id="dash-target-` + id64(exemplary) + `-title">`, `Tổ chức điển hình tiên tiến`, `>7</text>`,
		`href="` + base + `#target-` + id64(exemplary) + `"`, `<circle cx="3" cy="24" r="1.5"`, `<polyline points="74.33,12 110,4"`} {
		if !strings.Contains(row, want) {
			t.Errorf("the exemplary target's line lacks %q:\n%s", want, row)
		}
	}
	// The table view: a row per year, 2018 without a figure saying so,
	// and the sparkline's line broken there (2017 is a dot on its own).
	if got := text(row); !strings.Contains(got, "2017 2 2018 Chưa có số liệu 2019 5 2020 7") {
		t.Errorf("the table view reads %q", got)
	}
	if got := pathRow(t, dash, grdp); !strings.Contains(got, ">Đạt</strong>") || !strings.Contains(got, ">1,1</text>") {
		t.Errorf("the GRDP target's line:\n%s", got)
	}
	unlinked := pathRow(t, dash, p.Targets[3].ID)
	if !strings.Contains(unlinked, "Chưa gắn chỉ số") || strings.Contains(unlinked, "<svg") {
		t.Errorf("an unlinked target's line:\n%s", unlinked)
	}
}
