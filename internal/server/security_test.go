package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// xssPayload is typed into every text field; it must come back as text,
// never as markup, in every page and API answer that shows it.
const xssPayload = `<script>alert("xss")</script><img src=x onerror=alert(1)>'"`

func noRawMarkup(t *testing.T, where, body string) {
	t.Helper()
	for _, raw := range []string{`<script>alert("xss")`, `<img src=x onerror`} {
		if strings.Contains(body, raw) {
			t.Errorf("%s shows the payload unescaped (%q)", where, raw)
		}
	}
}

func TestTextFieldsAreEscapedEverywhere(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin, coordinator, agency := e.clients[roleAdmin], e.clients[roleCoordinator], e.clients[roleAgency]

	// Agency name, short name and alias.
	resp, body := e.postForm(coordinator, "/agencies", url.Values{"name": {"Sở " + xssPayload}, "short_name": {xssPayload},
		"kind": {"department"}, "aliases": {"Bí danh " + xssPayload}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create agency: %d\n%.400s", resp.StatusCode, body)
	}
	// Progress note, evidence URL and uploaded file name.
	fields := map[string]string{"status": "in_progress", "percent": "10", "note": xssPayload,
		"evidence_url": `https://example.vn/"><script>alert("xss")</script>`}
	mb, ct := multipartBody(t, fields, `"><script>alert("xss")</script>.pdf`, []byte("%PDF-1.4\n%test\n"))
	resp, body = e.do(agency, http.MethodPost, pathf("/tasks/%d/progress", e.ownTaskID), mb, ct, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("record progress: %d\n%.400s", resp.StatusCode, body)
	}

	pages := []struct {
		client *http.Client
		path   string
	}{
		{coordinator, "/agencies"},
		{coordinator, "/agencies?q=" + url.QueryEscape(xssPayload)},
		{agency, pathf("/tasks/%d", e.ownTaskID)},
		{agency, pathf("/plans/%d?q=%s", e.planID, url.QueryEscape(xssPayload))},
		{admin, "/audit"},
		{e.clients[roleAnon], "/login?next=" + url.QueryEscape("/"+xssPayload)},
		{admin, "/api/v1/agencies?q=" + url.QueryEscape("Sở <script>")},
		{admin, pathf("/api/v1/tasks/%d", e.ownTaskID)},
		{admin, "/api/v1/audit"},
	}
	for _, p := range pages {
		t.Run(p.path, func(t *testing.T) {
			resp, body := e.get(p.client, p.path)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d", resp.StatusCode)
			}
			noRawMarkup(t, p.path, body)
		})
	}
	// The form that comes back with an error refills what was typed, escaped.
	resp, body = e.postForm(e.clients[roleAnon], "/login", url.Values{"email": {xssPayload}, "password": {"x"}})
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("bad login: %d", resp.StatusCode)
	}
	noRawMarkup(t, "login form refilled", body)
	// The edit form of the agency shows the payload in its inputs, escaped.
	var id int64
	if err := e.db.SQL().QueryRow(e.db.Rebind(`SELECT id FROM agencies WHERE short_name = ?`), xssPayload).Scan(&id); err != nil {
		t.Fatal(err)
	}
	_, body = e.get(coordinator, pathf("/agencies/%d/edit", id))
	noRawMarkup(t, "agency edit form", body)
	if !strings.Contains(body, "&lt;script&gt;") {
		t.Error("agency edit form does not show the stored text at all")
	}
}

// sqlPayloads go into every filter and paging parameter. They must be
// taken as text or refused, never run: no 500, no leaked data, no lost rows.
var sqlPayloads = []string{
	`' OR '1'='1`,
	`1 OR 1=1`,
	`1; DROP TABLE tasks; --`,
	`%' UNION SELECT password_hash FROM users --`,
	`\' OR 1=1 --`,
	`%_%`,
	`0x7fffffffffffffff`,
	`-1`,
	`99999999999999999999999`,
}

func TestSQLInjectionInParameters(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.clients[roleAdmin]
	params := map[string][]string{
		pathf("/plans/%d", e.planID):        {"q", "agency", "status", "group", "page"},
		"/plans":                            {"page"},
		"/agencies":                         {"q", "page"},
		"/audit":                            {"entity", "entity_id", "user", "from", "to", "batch", "page"},
		"/audit.csv":                        {"entity", "entity_id", "user", "from", "to", "batch"},
		"/my":                               {"page"},
		"/api/v1/plans":                     {"page", "per_page"},
		"/api/v1/tasks":                     {"q", "plan", "agency", "status", "page", "per_page"},
		"/api/v1/agencies":                  {"q", "page", "per_page"},
		"/api/v1/audit":                     {"entity", "entity_id", "page", "per_page"},
		pathf("/api/v1/plans/%d", e.planID): {"page"},
	}
	before := e.snapshot()
	for path, names := range params {
		for _, name := range names {
			for _, payload := range sqlPayloads {
				t.Run(fmt.Sprintf("%s?%s=%s", path, name, payload), func(t *testing.T) {
					resp, body := e.get(admin, path+"?"+url.Values{name: {payload}}.Encode())
					if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusBadRequest {
						t.Fatalf("status %d, want 200 or 400\n%.300s", resp.StatusCode, body)
					}
					if strings.Contains(body, "$argon2id$") {
						t.Fatal("a password hash leaked into the answer")
					}
				})
			}
		}
	}
	after := e.snapshot()
	for q, v := range before {
		if after[q] != v {
			t.Errorf("payloads changed stored data: %s", q)
		}
	}
	// A search for SQL wildcards finds only text that has them, not everything.
	_, body := e.get(admin, "/api/v1/tasks?q="+url.QueryEscape("%_%"))
	if !strings.Contains(body, `"total":0`) {
		t.Errorf("q=%%_%% matched tasks: wildcards were not escaped\n%.300s", body)
	}
}
