package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// agenciesPage GETs /agencies and fails the test unless it is a 200.
func (e *env) agenciesPage(t *testing.T, c *http.Client, query string) string {
	t.Helper()
	resp, body := e.get(c, "/agencies"+query)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /agencies: %d", resp.StatusCode)
	}
	return body
}

func TestAgencyFormValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.login(coordinatorEmail)
	fin := pathf("%d", e.financeID)
	for _, tc := range []struct {
		name string
		form url.Values
		want map[string]string // field -> message beside it
	}{
		{"missing name", url.Values{"kind": {"department"}},
			map[string]string{"name": "Trường này không được để trống."}},
		{"blank name", url.Values{"name": {"   "}, "kind": {"department"}},
			map[string]string{"name": "Trường này không được để trống."}},
		{"duplicate name", url.Values{"name": {"Sở Tài chính"}, "kind": {"department"}},
			map[string]string{"name": "Tên này đã được dùng cho một cơ quan khác."}},
		{"duplicate name folded", url.Values{"name": {"so tai CHINH"}, "kind": {"department"}},
			map[string]string{"name": "Tên này đã được dùng cho một cơ quan khác."}},
		{"name of another agency's alias", url.Values{"name": {"STC"}, "kind": {"department"}},
			map[string]string{"name": "Tên này đã được dùng cho một cơ quan khác."}},
		{"alias taken", url.Values{"name": {"Ban Mới"}, "kind": {"department"}, "aliases": {"Ban M\r\nSở TC Nghệ An\r\nSTC"}},
			map[string]string{"aliases": "Một tên gọi khác đã được dùng cho cơ quan khác."}},
		{"bad kind", url.Values{"name": {"Ban Mới"}, "kind": {"ministry"}},
			map[string]string{"kind": "Loại cơ quan không hợp lệ."}},
		{"bad date", url.Values{"name": {"Ban Mới"}, "kind": {"department"}, "valid_from": {"31/02/2026"}},
			map[string]string{"valid_from": "Ngày không hợp lệ; nhập theo dạng ngày/tháng/năm."}},
		{"end before start", url.Values{"name": {"Ban Mới"}, "kind": {"department"}, "valid_from": {"2026-07-01"}, "valid_to": {"2026-06-30"}},
			map[string]string{"valid_to": "Ngày kết thúc phải sau ngày bắt đầu."}},
		{"successor without date", url.Values{"name": {"Ban Mới"}, "kind": {"department"}, "successor_id": {fin}},
			map[string]string{"successor_since": "Trường này không được để trống."}},
		{"successor missing", url.Values{"name": {"Ban Mới"}, "kind": {"department"}, "successor_id": {"999999"}, "successor_since": {"2026-07-01"}},
			map[string]string{"successor_id": "Cơ quan kế thừa không tồn tại."}},
		{"successor not a number", url.Values{"name": {"Ban Mới"}, "kind": {"department"}, "successor_id": {"x"}},
			map[string]string{"successor_id": "Cơ quan kế thừa không tồn tại."}},
		{"NUL in name", url.Values{"name": {"Ban\x00 Mới"}, "kind": {"department"}},
			map[string]string{"name": msgControl}},
		{"RLO in name", url.Values{"name": {"Ban Mới\u202Egnp.exe"}, "kind": {"department"}},
			map[string]string{"name": msgControl}},
		{"C1 control in short name", url.Values{"name": {"Ban Mới"}, "short_name": {"BM\u0085"}, "kind": {"department"}},
			map[string]string{"short_name": msgControl}},
		{"bidi isolate in an alias", url.Values{"name": {"Ban Mới"}, "kind": {"department"}, "aliases": {"BM\r\n\u2067BM2"}},
			map[string]string{"aliases": msgControl}},
		{"name too long", url.Values{"name": {strings.Repeat("Ban ", 76)}, "kind": {"department"}},
			map[string]string{"name": "Tên cơ quan dài tối đa 300 ký tự."}},
		{"short name too long", url.Values{"name": {"Ban Mới"}, "short_name": {strings.Repeat("B", 101)}, "kind": {"department"}},
			map[string]string{"short_name": "Tên viết tắt dài tối đa 100 ký tự."}},
		{"20,000 aliases", url.Values{"name": {"Ban Mới"}, "kind": {"department"}, "aliases": {manyAliases(20000)}},
			map[string]string{"aliases": "Một cơ quan có nhiều nhất 50 tên gọi khác."}},
		{"51 aliases", url.Values{"name": {"Ban Mới"}, "kind": {"department"}, "aliases": {manyAliases(51)}},
			map[string]string{"aliases": "Một cơ quan có nhiều nhất 50 tên gọi khác."}},
		{"alias too long", url.Values{"name": {"Ban Mới"}, "kind": {"department"}, "aliases": {strings.Repeat("b", 301)}},
			map[string]string{"aliases": "Mỗi tên gọi khác dài tối đa 300 ký tự."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := e.with(t)
			before := e.count(`SELECT COUNT(*) FROM agencies`)
			aliases := e.count(`SELECT COUNT(*) FROM agency_aliases`)
			audit := e.count(`SELECT COUNT(*) FROM audit_log`)
			resp, body := e.postForm(c, "/agencies", tc.form)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422\n%.600s", resp.StatusCode, text(body))
			}
			if !strings.Contains(body, `id="short_name" name="short_name" maxlength="100"`) {
				t.Errorf("the short name field does not carry its limit")
			}
			if !strings.Contains(body, "Thông tin chưa hợp lệ, vui lòng xem các trường được đánh dấu.") {
				t.Errorf("no summary message")
			}
			for field, msg := range tc.want {
				if got := fieldError(body, field); got != msg && !(field == "kind" && strings.Contains(body, `<p class="error">`+msg+`</p>`)) {
					t.Errorf("message beside %s: %q, want %q", field, got, msg)
				}
			}
			// html/template writes a NUL as U+FFFD, so such a name is not compared.
			if name := strings.TrimSpace(tc.form.Get("name")); name != "" && !strings.Contains(name, "\x00") && !strings.Contains(body, `name="name" required maxlength="300" value="`+name+`"`) {
				t.Errorf("typed name %q not kept", name)
			}
			if d := tc.form.Get("valid_from"); d != "" && !strings.Contains(body, `value="`+d+`"`) {
				t.Errorf("typed date %q not kept", d)
			}
			if got := e.count(`SELECT COUNT(*) FROM agencies`); got != before {
				t.Errorf("agencies %d -> %d", before, got)
			}
			if got := e.count(`SELECT COUNT(*) FROM agency_aliases`); got != aliases {
				t.Errorf("aliases %d -> %d", aliases, got)
			}
			if got := e.count(`SELECT COUNT(*) FROM audit_log`); got != audit {
				t.Errorf("audit entries %d -> %d", audit, got)
			}
		})
	}
}

// manyAliases is n distinct other names, one a line as the form sends them.
func manyAliases(n int) string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = pathf("Ban %d", i)
	}
	return strings.Join(lines, "\r\n")
}

func TestAgencySuccessorSaved(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.login(coordinatorEmail)
	resp, body := e.postForm(c, "/agencies", url.Values{"name": {"Ban Quản lý thử nghiệm"}, "short_name": {"BQL TN"},
		"kind": {"other"}, "aliases": {"BQLTN\r\nBan QL thử nghiệm"}, "valid_from": {"01/01/2020"}, "valid_to": {"2026-06-30"},
		"successor_id": {pathf("%d", e.financeID)}, "successor_since": {"2026-07-01"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/agencies" {
		t.Fatalf("status %d to %q\n%.600s", resp.StatusCode, resp.Header.Get("Location"), text(body))
	}
	a, err := e.db.AgencyByName(context.Background(), "Ban Quản lý thử nghiệm")
	if err != nil {
		t.Fatalf("agency not stored: %v", err)
	}
	t.Run("stored", func(t *testing.T) {
		e := e.with(t)
		if a.SuccessorID == nil || *a.SuccessorID != e.financeID {
			t.Errorf("successor %v, want %d", a.SuccessorID, e.financeID)
		}
		if a.SuccessorSince == nil || a.SuccessorSince.Format("2006-01-02") != "2026-07-01" {
			t.Errorf("successor since %v", a.SuccessorSince)
		}
		if a.ValidFrom == nil || a.ValidFrom.Format("2006-01-02") != "2020-01-01" {
			t.Errorf("valid from %v (typed dd/mm/yyyy)", a.ValidFrom)
		}
		if len(a.Aliases) != 2 {
			t.Errorf("aliases %q", a.Aliases)
		}
	})
	t.Run("edit form shows it", func(t *testing.T) {
		e := e.with(t)
		body := e.with(t).page(c, pathf("/agencies/%d/edit", a.ID))
		for _, want := range []string{pathf(`<option value="%d" selected>Sở Tài chính</option>`, e.financeID),
			`name="successor_since" type="date" value="2026-07-01"`, `name="valid_to" type="date" value="2026-06-30"`,
			`name="valid_from" type="date" value="2020-01-01"`, "BQLTN\nBan QL thử nghiệm</textarea>",
			pathf(`action="/agencies/%d"`, a.ID)} {
			if !strings.Contains(body, want) {
				t.Errorf("edit form lacks %q", want)
			}
		}
		if strings.Contains(body, pathf(`<option value="%d"`, a.ID)) {
			t.Errorf("an agency is offered as its own successor")
		}
	})
	t.Run("list shows it", func(t *testing.T) {
		body := e.with(t).agenciesPage(t, c, "?q="+url.QueryEscape("thử nghiệm"))
		for _, want := range []string{"Ban Quản lý thử nghiệm", "đến 30/06/2026", "Cơ quan kế thừa: Sở Tài chính"} {
			if !strings.Contains(body, want) {
				t.Errorf("list lacks %q", want)
			}
		}
	})
	t.Run("update", func(t *testing.T) {
		e := e.with(t)
		resp, body := e.postForm(c, pathf("/agencies/%d", a.ID), url.Values{"name": {"Ban Quản lý thử nghiệm (đổi tên)"},
			"kind": {"other"}, "valid_to": {"2026-06-30"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("status %d\n%.600s", resp.StatusCode, text(body))
		}
		if n := e.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'update' AND entity = 'agency' AND entity_id = ? AND user_name = ?`,
			a.ID, coordinatorEmail); n != 1 {
			t.Errorf("update audit entries: %d", n)
		}
		if n := e.count(`SELECT COUNT(*) FROM agencies WHERE id = ? AND successor_id IS NULL AND name = ?`, a.ID,
			"Ban Quản lý thử nghiệm (đổi tên)"); n != 1 {
			t.Errorf("update not stored")
		}
		if n := e.count(`SELECT COUNT(*) FROM agency_aliases WHERE agency_id = ?`, a.ID); n != 0 {
			t.Errorf("aliases left after they were cleared: %d", n)
		}
	})
	t.Run("cycle refused", func(t *testing.T) {
		e := e.with(t)
		// Sở Tài chính hands over to the test agency; the test agency then
		// naming Sở Tài chính as its successor would close a loop.
		resp, body := e.postForm(c, pathf("/agencies/%d", e.financeID), url.Values{"name": {"Sở Tài chính"}, "kind": {"department"},
			"aliases": {"Sở Tài chính Nghệ An\nSTC"}, "successor_id": {pathf("%d", a.ID)}, "successor_since": {"2026-07-01"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("set successor of Sở Tài chính: %d\n%.600s", resp.StatusCode, text(body))
		}
		resp, body = e.postForm(c, pathf("/agencies/%d", a.ID), url.Values{"name": {"Ban Quản lý thử nghiệm (đổi tên)"},
			"kind": {"other"}, "successor_id": {pathf("%d", e.financeID)}, "successor_since": {"2026-07-01"}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status %d, want 422\n%.600s", resp.StatusCode, text(body))
		}
		if got := fieldError(body, "successor_id"); got != "Chọn cơ quan này sẽ tạo vòng kế thừa khép kín." {
			t.Errorf("message %q", got)
		}
	})
}

func TestAgencyNameEscaped(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.login(adminEmail)
	const name = `<script>alert(1)</script>`
	const escaped = `&lt;script&gt;alert(1)&lt;/script&gt;`
	resp, body := e.postForm(c, "/agencies", url.Values{"name": {name}, "kind": {"other"}, "short_name": {`"><b>x</b>`}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d\n%.600s", resp.StatusCode, text(body))
	}
	var id int64
	if err := e.db.SQL().QueryRow(e.db.Rebind(`SELECT id FROM agencies WHERE name = ?`), name).Scan(&id); err != nil {
		t.Fatalf("agency not stored with its name as typed: %v", err)
	}
	// The plan page offers the plan's own agencies: give the agency a part.
	if _, err := e.db.SQL().Exec(e.db.Rebind(`INSERT INTO task_agencies (task_id, agency_id, role, ordinal)
		VALUES (?, ?, 'support', 99)`), e.taskByCode("I.1").ID, id); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		get  func(t *testing.T) string
	}{
		{"agencies list", func(t *testing.T) string { return e.with(t).agenciesPage(t, c, "") }},
		// Filtered to agencies without a successor, the list renders despite
		// the known bug.
		{"agencies list filtered", func(t *testing.T) string { return e.with(t).agenciesPage(t, c, "?q=script") }},
		{"plan filter", func(t *testing.T) string { return e.with(t).page(c, pathf("/plans/%d", e.planID)) }},
		{"edit form", func(t *testing.T) string { return e.with(t).page(c, pathf("/agencies/%d/edit", id)) }},
		{"successor choices", func(t *testing.T) string { return e.with(t).page(c, "/agencies/new") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := tc.get(t)
			if strings.Contains(body, name) || strings.Contains(body, "<b>x</b>") {
				t.Errorf("raw markup from an agency name reached the page")
			}
			if !strings.Contains(body, escaped) {
				t.Errorf("escaped name %q not on the page", escaped)
			}
		})
	}
}

// TestAgencyFormKeepsWhatWasTyped: a refused agency form, whether the form
// could not read a field or the store refused the agency, comes back with
// every choice still made: kind, collective, successor and dates as typed.
func TestAgencyFormKeepsWhatWasTyped(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.login(coordinatorEmail)
	for _, tc := range []struct{ name, field, value string }{
		{"a date the form cannot read", "valid_to", "hôm qua"},
		{"a name the store refuses", "name", "Sở Tài chính"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			form := url.Values{"name": {"Ban Mới"}, "kind": {"other"}, "collective": {"1"}, "aliases": {"BM"},
				"valid_from": {"01/01/2020"}, "successor_id": {pathf("%d", e.financeID)}, "successor_since": {"2026-07-01"}}
			form.Set(tc.field, tc.value)
			resp, body := e.postForm(c, "/agencies", form)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422\n%.600s", resp.StatusCode, text(body))
			}
			for _, want := range []string{`<option value="other" selected>`, `name="collective" type="checkbox" value="1" checked>`,
				pathf(`<option value="%d" selected>Sở Tài chính</option>`, e.financeID), `name="valid_from" type="date" value="01/01/2020"`,
				`name="successor_since" type="date" value="2026-07-01"`, "BM</textarea>"} {
				if !strings.Contains(body, want) {
					t.Errorf("refused form lost %s", want)
				}
			}
		})
	}
}
