package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

var (
	auditEntryRE = regexp.MustCompile(`(?s)<tr id="entry-(\d+)">(.*?)</td>\n</tr>`)
	auditFieldRE = regexp.MustCompile(`(?s)<tr(?: class="(changed)")? data-field="([^"]*)"><th scope="row">([^<]*)</th><td>(.*?)</td><td>(.*?)</td></tr>`)
)

// auditField is one row of an entry's field table, as the reader sees it.
type auditField struct {
	label, before, after string
	changed              bool
}

// auditEntries returns the entries of an audit page in order, each as its
// HTML and its field rows by logged name.
func auditEntries(body string) (html []string, fields []map[string]auditField) {
	for _, m := range auditEntryRE.FindAllStringSubmatch(body, -1) {
		html = append(html, m[0])
		f := map[string]auditField{}
		for _, r := range auditFieldRE.FindAllStringSubmatch(m[2], -1) {
			f[r[2]] = auditField{label: text(r[3]), before: text(r[4]), after: text(r[5]), changed: r[1] != ""}
		}
		fields = append(fields, f)
	}
	return html, fields
}

// inLanguage returns a client whose pages are in lang.
func (e *env) inLanguage(c *http.Client, lang string) *http.Client {
	u, _ := url.Parse(e.ts.URL)
	c.Jar.SetCookies(u, []*http.Cookie{{Name: "lang", Value: lang, Path: "/"}})
	return c
}

// notStartedTask is a demo task nobody has reported on yet.
func (e *env) notStartedTask() plan.Task {
	e.t.Helper()
	tasks, _, err := e.db.Tasks(context.Background(), plan.TaskFilter{PlanID: e.planID, Today: plan.Today(fixedNow), PerPage: -1})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, t := range tasks {
		if t.Recorded == plan.StatusNotStarted && t.Percent == nil {
			return t
		}
	}
	e.t.Fatal("the demo has no task without progress")
	return plan.Task{}
}

// recordProgress records an entry on task as the user with that email.
func (e *env) recordProgress(email string, task plan.Task, p plan.Progress) {
	e.t.Helper()
	ctx := context.Background()
	u, err := e.db.UserByEmail(ctx, email)
	if err != nil {
		e.t.Fatal(err)
	}
	p.TaskID = task.ID
	if err := e.db.Update(ctx, func(tx *store.Tx) error { return tx.RecordProgress(auth.WithUser(ctx, &u), &p, nil) }); err != nil {
		e.t.Fatal(err)
	}
}

// TestAuditShowsProgressAsTable: a progress entry reads as a table of
// fields, named in the reader's language, with the task's status before
// and the entry after, and no JSON anywhere in the log.
func TestAuditShowsProgressAsTable(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	task := e.notStartedTask()
	pct := 60
	e.recordProgress(financeEmail, task, plan.Progress{Status: plan.StatusInProgress, Percent: &pct,
		Note: `Đã gửi "dự toán" {bản 2}`, EvidenceURL: "https://stc.example.vn/bao-cao"})

	for _, tc := range []struct {
		lang                                  string
		status, percent, note                 string
		notStarted, inProgress, none, fallbak string
	}{
		{"vi", "Tình trạng", "Tỷ lệ hoàn thành (%)", "Ghi chú", "Chưa triển khai", "Đang thực hiện", "—", ""},
		{"en", "Status", "Percent done", "Note", "Not started", "In progress", "—", ""},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			e := e.with(t)
			body := e.page(e.inLanguage(e.login(adminEmail), tc.lang), "/audit?entity=progress")
			entries, fields := auditEntries(body)
			if len(entries) == 0 {
				t.Fatalf("no audit entries:\n%s", text(body))
			}
			f := fields[0]
			want := map[string]auditField{
				"status":  {label: tc.status, before: tc.notStarted, after: tc.inProgress, changed: true},
				"percent": {label: tc.percent, before: tc.none, after: "60", changed: true},
				"note":    {label: tc.note, before: tc.none, after: `Đã gửi "dự toán" {bản 2}`, changed: true},
			}
			for name, w := range want {
				if got, ok := f[name]; !ok || got != w {
					t.Errorf("field %s = %+v, want %+v", name, got, w)
				}
			}
			for name, got := range f {
				if strings.HasPrefix(got.label, "Trường «") || strings.HasPrefix(got.label, "Field “") || strings.Contains(got.label, "audit.") {
					t.Errorf("field %s has no label of its own: %q", name, got.label)
				}
			}
			// No JSON: in this entry the only braces and quotes are the ones
			// the user typed, and nowhere does the log show JSON's marks.
			entry := strings.Replace(entries[0], html.EscapeString(`Đã gửi "dự toán" {bản 2}`), "", 1)
			for _, raw := range []string{"{", "}", "&#34;", "null"} {
				if strings.Contains(entry, raw) {
					t.Errorf("the entry shows %q, raw JSON:\n%s", raw, entry)
				}
			}
			log := body[strings.Index(body, `<table class="list audit">`):]
			log = log[:strings.Index(log, "</main>")]
			for _, raw := range []string{"{&#34;", "&#34;:", "[&#34;", ":null", "[]", "{}"} {
				if strings.Contains(log, raw) {
					t.Errorf("the log shows %q, raw JSON", raw)
				}
			}
		})
	}
}

// TestAuditFilters: the log filters by actor, kind of record, record and
// days typed either way; a wrong field is named in the reader's language
// and shows no entries.
func TestAuditFilters(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	task := e.notStartedTask()
	e.recordProgress(financeEmail, task, plan.Progress{Status: plan.StatusInProgress, Note: "Bắt đầu"})
	admin := e.login(adminEmail)
	count := func(path string) int {
		_, fields := auditEntries(e.page(admin, path))
		return len(fields)
	}
	if n := count("/audit?user=" + url.QueryEscape(financeEmail)); n != 1 {
		t.Errorf("entries by the finance officer: %d, want the one progress entry", n)
	}
	byRecord, _ := auditEntries(e.page(admin, pathf("/audit?entity=agency&entity_id=%d", e.financeID)))
	if len(byRecord) == 0 {
		t.Errorf("no entry for agency #%d", e.financeID)
	}
	for _, h := range byRecord {
		if !strings.Contains(h, pathf("Cơ quan #%d</td>", e.financeID)) {
			t.Errorf("agency #%d's log shows another record:\n%s", e.financeID, h)
		}
	}
	// fixedNow is 24/11/2026 in Vietnam; the demo's history is older.
	for _, q := range []string{"from=24/11/2026&to=24/11/2026", "from=2026-11-24&to=2026-11-24", "from=24%2F11%2F2026"} {
		if n := count("/audit?entity=progress&" + q); n != 1 {
			t.Errorf("%s: %d entries, want today's one", q, n)
		}
	}
	if n := count("/audit?entity=progress&to=23/11/2026"); n == 0 || n > 50 {
		t.Errorf("to=23/11/2026: %d entries, want the demo's older history", n)
	} else if body := e.page(admin, "/audit?entity=progress&to=23/11/2026"); strings.Contains(body, "Bắt đầu") {
		t.Errorf("to=23/11/2026 shows today's entry")
	}

	for _, tc := range []struct {
		lang, query, field, want string
	}{
		{"vi", "from=31/02/2026", "from", "Từ ngày: ngày không hợp lệ"},
		{"vi", "to=hôm+qua", "to", "Đến ngày: ngày không hợp lệ"},
		{"vi", "from=25/11/2026&to=24/11/2026", "to", "Đến ngày: phải cùng ngày hoặc sau Từ ngày."},
		{"vi", "entity_id=abc", "entity_id", "Số bản ghi: phải là một số nguyên dương."},
		{"en", "from=2026-13-01", "from", "From: not a valid date"},
	} {
		t.Run(tc.lang+"/"+tc.query, func(t *testing.T) {
			e := e.with(t)
			resp, body := e.get(e.inLanguage(e.login(adminEmail), tc.lang), "/audit?"+tc.query)
			if resp.StatusCode != http.StatusBadRequest {
				t.Errorf("status %d, want 400", resp.StatusCode)
			}
			if got := fieldError(body, tc.field); !strings.HasPrefix(got, tc.want) {
				t.Errorf("error beside %s = %q, want %q", tc.field, got, tc.want)
			}
			if _, fields := auditEntries(body); len(fields) != 0 {
				t.Errorf("a wrong filter still lists %d entries", len(fields))
			}
			// The typed value stays in the form, to be corrected.
			v, _ := url.ParseQuery(tc.query)
			if !strings.Contains(body, `value="`+html.EscapeString(v.Get(tc.field))+`"`) {
				t.Errorf("the form lost the typed %s", tc.field)
			}
		})
	}
}

// TestAuditPagerKeepsEveryFilter: the pager's links keep every filter.
func TestAuditPagerKeepsEveryFilter(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	task := e.notStartedTask()
	u, err := e.db.UserByEmail(ctx, financeEmail)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.db.Update(ctx, func(tx *store.Tx) error {
		for i := range 55 {
			p := plan.Progress{TaskID: task.ID, Status: plan.StatusInProgress, Note: pathf("Ghi chú %d", i)}
			if err := tx.RecordProgress(auth.WithUser(ctx, &u), &p, nil); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	q := "entity=progress&user=" + url.QueryEscape(financeEmail) + "&from=24/11/2026&to=2026-11-24"
	admin := e.login(adminEmail)
	body := e.page(admin, "/audit?"+q)
	m := regexp.MustCompile(`<a href="([^"]*)" rel="next">`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no next-page link on a list of 55 entries")
	}
	next, err := url.Parse(html.UnescapeString(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := url.ParseQuery(q)
	for k := range want {
		if next.Query().Get(k) != want.Get(k) {
			t.Errorf("next link %q: %s = %q, want %q", next, k, next.Query().Get(k), want.Get(k))
		}
	}
	if _, fields := auditEntries(e.page(admin, next.String())); len(fields) != 5 {
		t.Errorf("page 2 has %d entries, want 5", len(fields))
	}
	if !strings.Contains(body, `href="/audit.csv?`) {
		t.Errorf("no export link")
	}
}

// TestAuditPlanOpensIntoTasks: the demo plan's import is one entry whose
// link lists its tasks, agencies as lists, not as JSON.
func TestAuditPlanOpensIntoTasks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.login(adminEmail)
	tasks, total, err := e.db.Tasks(context.Background(), plan.TaskFilter{PlanID: e.planID, Today: plan.Today(fixedNow), PerPage: -1})
	if err != nil {
		t.Fatal(err)
	}
	body := e.page(admin, "/audit?user=system&to=01/01/2030")
	m := regexp.MustCompile(`<a href="/audit\?batch=(\d+)">Xem (\d+) dòng của thay đổi này</a>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the plan's entry does not open into its rows:\n%s", text(body))
	}
	if m[2] != pathf("%d", total) {
		t.Errorf("the plan opens into %s rows, want its %d tasks", m[2], total)
	}
	if strings.Contains(body, `data-field="content"`) {
		t.Errorf("task rows are listed in the folded log")
	}
	batch := e.page(admin, "/audit?batch="+m[1])
	if !strings.Contains(batch, "Các dòng của thay đổi số "+m[1]) || !strings.Contains(batch, `data-field="tasks"`) {
		t.Errorf("the batch page does not show the plan's entry")
	}
	_, fields := auditEntries(batch)
	if len(fields) != min(total, 50) {
		t.Fatalf("batch page lists %d rows, want %d", len(fields), min(total, 50))
	}
	first := tasks[0]
	if got := fields[0]["code"]; got.after != first.Code || got.label != "Số thứ tự" {
		t.Errorf("first row's code = %+v, want %s", got, first.Code)
	}
	lead := fields[0]["lead"]
	if lead.label != "Cơ quan chủ trì" || !strings.Contains(lead.after, first.Lead[0].Name) {
		t.Errorf("first row's lead = %+v, want %s", lead, first.Lead[0].Name)
	}
	entries, _ := auditEntries(batch)
	if !strings.Contains(entries[0], "<ul><li>"+html.EscapeString(first.Lead[0].Name)+"</li>") {
		t.Errorf("agencies are not a list:\n%s", entries[0])
	}
	if strings.Contains(batch, "[&#34;") || strings.Contains(batch, "&#34;,&#34;") {
		t.Errorf("the batch page shows a JSON list")
	}
	if resp, _ := e.get(admin, "/audit?batch=999999"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a batch that does not exist: %d, want 404", resp.StatusCode)
	}
}

// TestAuditOnlyForAdministrators: the log and its export are refused to
// every other role, and send visitors to log in.
func TestAuditOnlyForAdministrators(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, path := range []string{"/audit", "/audit.csv"} {
		for _, email := range []string{coordinatorEmail, financeEmail, viewerEmail} {
			resp, body := e.get(e.login(email), path)
			if resp.StatusCode != http.StatusForbidden || strings.Contains(body, "system") {
				t.Errorf("%s as %s: %d", path, email, resp.StatusCode)
			}
		}
		resp, _ := e.get(e.newClient(), path)
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
			t.Errorf("%s anonymous: %d to %q, want 303 to log in", path, resp.StatusCode, loc)
		}
	}
}
