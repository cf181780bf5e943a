package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/planimport"
	"github.com/hoptac/hoptac/internal/seeds"
)

// smallPlan is a plan as pasted on the import page: number, issuer and
// date, a reporting duty, two groups and three tasks, one led by an agency
// nobody knows.
const smallPlan = "ỦY BAN NHÂN DÂN TỈNH THANH HÓA\nSố: 9/KH-UBND\nThanh Hóa, ngày 5 tháng 3 năm 2025\nKẾ HOẠCH\n" +
	"Phát triển hợp tác xã năm 2025\n" +
	"Định kỳ hằng năm (trước ngày 15/12) các sở báo cáo Chủ tịch UBND tỉnh qua Sở Tài chính.\n" +
	"STT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian thực hiện\n" +
	"I\tTuyên truyền\t\t\t\n" +
	"1\tPhổ biến Luật Hợp tác xã\tSở Tài chính\tSở Tư pháp\tThường xuyên\n" +
	"2\tTập huấn cán bộ hợp tác xã\tSở Nông nghiệp và Môi trường\t\t2025-2026\n" +
	"II\tHỗ trợ\t\t\t\n" +
	"1\tHỗ trợ vốn cho hợp tác xã\tBan Thử Nghiệm Không Có\t\tQuý II/2025\n"

// readPlan pastes text on the import page and returns the review and the
// id of the pending import it carries.
func (e *env) readPlan(c *http.Client, text string) (pending, body string) {
	e.t.Helper()
	resp, body := e.postMultipart(c, "/plans/import", map[string]string{"text": text}, "", nil)
	if resp.StatusCode != http.StatusOK {
		e.t.Fatalf("read: %d\n%.500s", resp.StatusCode, body)
	}
	m := pendingField.FindStringSubmatch(body)
	if m == nil {
		e.t.Fatal("review form carries no pending import")
	}
	return html.UnescapeString(m[1]), body
}

// stored is what a refused confirm must leave untouched.
func (e *env) stored() string {
	e.t.Helper()
	return fmt.Sprint(e.count("SELECT COUNT(*) FROM plans"), e.count("SELECT COUNT(*) FROM task_groups"),
		e.count("SELECT COUNT(*) FROM tasks"), e.count("SELECT COUNT(*) FROM agencies"),
		e.count("SELECT COUNT(*) FROM pending_imports WHERE confirmed_at IS NOT NULL"))
}

// problem is the summary line of a refused field above the review form.
func problem(body, field string) string {
	re := regexp.MustCompile(`<li data-field="` + regexp.QuoteMeta(field) + `">(?:<a href="[^"]*">)?([^<]*)`)
	if m := re.FindStringSubmatch(body); m != nil {
		return html.UnescapeString(m[1])
	}
	return ""
}

// Every bad value the review form can send is refused beside its field,
// with a Vietnamese message naming the task, and nothing is stored. The
// refusals do not use up the pending import: the corrected form is stored.
func TestImportConfirmRefusesBadFields(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.login(coordinatorEmail)
	pending, _ := e.readPlan(c, smallPlan)
	for _, tc := range []struct {
		name, field, id, want string
		form                  url.Values
	}{
		{"empty task content", "t0.1.content", "t0-1-content", "Nhiệm vụ I.2: nội dung nhiệm vụ không được để trống",
			url.Values{"t0.1.content": {" \n "}}},
		{"NUL in task content", "t0.0.content", "t0-0-content", "Nhiệm vụ I.1: có ký tự điều khiển",
			url.Values{"t0.0.content": {"Phổ biến\x00 Luật Hợp tác xã"}}},
		{"right-to-left override in an agency", "t1.0.lead", "t1-0-lead", "Nhiệm vụ II.1: có ký tự điều khiển",
			url.Values{"t1.0.lead": {"Sở \u202eTài chính"}}},
		{"right-to-left override in the title", "doc.title", "title", "ký tự đảo chiều văn bản",
			url.Values{"doc.title": {"Kế hoạch \u202e5202 măn"}}},
		{"NUL in the issuer", "doc.issuer", "doc-issuer", "ký tự điều khiển",
			url.Values{"doc.issuer": {"UBND\x00 tỉnh"}}},
		{"timeframe ending before it starts", "t0.1.timeframe", "t0-1-timeframe",
			"Nhiệm vụ I.2: thời gian thực hiện kết thúc trước khi bắt đầu", url.Values{"t0.1.timeframe": {"2026 – 2020"}}},
		{"issue date 0000-01-01", "doc.issued_on", "doc-issued_on", "Ngày ban hành phải từ năm 1945 đến ngày 24/11/2027",
			url.Values{"doc.issued_on": {"0000-01-01"}}},
		{"issue date years ahead", "doc.issued_on", "doc-issued_on", "Ngày ban hành phải từ năm 1945",
			url.Values{"doc.issued_on": {"2099-01-01"}}},
		{"issue date that is no date", "doc.issued_on", "doc-issued_on", "Ngày không hợp lệ",
			url.Values{"doc.issued_on": {"99-99"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := e.with(t)
			before := e.stored()
			tc.form.Set("pending", pending)
			resp, body := e.postForm(c, "/plans/import/confirm", tc.form)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422\n%.500s", resp.StatusCode, body)
			}
			if got := fieldError(body, tc.id); !strings.Contains(got, tc.want) {
				t.Errorf("error beside %s = %q, want it to say %q", tc.field, got, tc.want)
			}
			if got := problem(body, tc.field); !strings.Contains(got, tc.want) {
				t.Errorf("summary line of %s = %q, want %q", tc.field, got, tc.want)
			}
			if !strings.Contains(body, `name="pending" value="`+pending+`"`) {
				t.Error("the review that comes back lost its pending import")
			}
			if after := e.stored(); after != before {
				t.Errorf("a refused confirm stored something: %s -> %s", before, after)
			}
		})
	}
	resp, body := e.postForm(c, "/plans/import/confirm", url.Values{"pending": {pending}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the unchanged plan after refusals: %d\n%.500s", resp.StatusCode, body)
	}
}

// Whatever reaches the confirm is checked as a whole, not only the fields
// the form edits: a pending import holding what no parse should produce
// (here written into the database directly) is refused with the part
// named, and nothing is stored.
func TestImportConfirmChecksTheWholePlan(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.login(coordinatorEmail)
	for _, tc := range []struct {
		name, field, want string
		spoil             func(*planimport.Result)
	}{
		{"reporting frequency evil", "reporting0.frequency", "Nghĩa vụ báo cáo 1: tần suất «evil» không hợp lệ",
			func(r *planimport.Result) { r.Reporting[0].Frequency = "evil" }},
		{"reporting due 99-99", "reporting0.due", "Nghĩa vụ báo cáo 1: hạn báo cáo «99-99»",
			func(r *planimport.Result) { due := "99-99"; r.Reporting[0].Due = &due }},
		{"timeframe ending before it starts", "t1.0.timeframe", "Nhiệm vụ II.1: thời gian thực hiện kết thúc trước",
			func(r *planimport.Result) {
				r.Groups[1].Tasks[0].Timeframe.Start = &planimport.Date{Year: 2026, Month: 1, Day: 1}
			}},
		{"issue date 0000-01-01", "doc.issued_on", "Ngày ban hành phải từ năm 1945",
			func(r *planimport.Result) { r.Document.IssuedOn = &planimport.Date{Year: 0, Month: 1, Day: 1} }},
		{"duplicate group code", "g1.code", "Mã nhóm I bị trùng", func(r *planimport.Result) { r.Groups[1].Code = "I" }},
		{"duplicate task code", "t0.1.code", "Mã nhiệm vụ I.1 bị trùng hoặc không hợp lệ trong nhóm I",
			func(r *planimport.Result) { r.Groups[0].Tasks[1].Code = "I.1" }},
		{"no tasks", "tasks", "không có nhiệm vụ nào", func(r *planimport.Result) {
			for i := range r.Groups {
				r.Groups[i].Tasks = nil
			}
		}},
		{"NUL in a task read from the file", "t0.0.content", "Nhiệm vụ I.1: có ký tự điều khiển",
			func(r *planimport.Result) { r.Groups[0].Tasks[0].Content += "\x00" }},
		{"bidi isolate in a reporting recipient", "reporting0.recipient", "Nghĩa vụ báo cáo 1",
			func(r *planimport.Result) { s := "Chủ tịch\u2066 UBND"; r.Reporting[0].Recipient = &s }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := e.with(t)
			pending, _ := e.readPlan(c, smallPlan)
			e.spoilPending(pending, tc.spoil)
			before := e.stored()
			resp, body := e.postForm(c, "/plans/import/confirm", url.Values{"pending": {pending}})
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422\n%.500s", resp.StatusCode, body)
			}
			if got := problem(body, tc.field); !strings.Contains(got, tc.want) {
				t.Errorf("summary line of %s = %q, want %q", tc.field, got, tc.want)
			}
			if after := e.stored(); after != before {
				t.Errorf("a refused confirm stored something: %s -> %s", before, after)
			}
		})
	}
}

// spoilPending rewrites a pending import's stored result.
func (e *env) spoilPending(id string, spoil func(*planimport.Result)) {
	e.t.Helper()
	var raw string
	if err := e.db.SQL().QueryRow(e.db.Rebind("SELECT result FROM pending_imports WHERE id = ?"), id).Scan(&raw); err != nil {
		e.t.Fatal(err)
	}
	var res planimport.Result
	if err := json.Unmarshal([]byte(raw), &res); err != nil {
		e.t.Fatal(err)
	}
	spoil(&res)
	b, err := json.Marshal(&res)
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.db.SQL().Exec(e.db.Rebind("UPDATE pending_imports SET result = ? WHERE id = ?"), string(b), id); err != nil {
		e.t.Fatal(err)
	}
}

// The browser can no longer send the plan back: a forged result, source
// and fields the form does not have are ignored, and an agency the
// resolver does not know is created flagged whatever was sent.
func TestImportConfirmIgnoresForgedFields(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.login(coordinatorEmail)
	pending, _ := e.readPlan(c, smallPlan)
	forged := `{"document":{"title":"Kế hoạch giả","issued_on":"0000-01-01"},"groups":[{"code":"I","tasks":[` +
		`{"code":"I.1","content":"","lead":[{"text":"Sở Giả Mạo","agency":"Sở Giả Mạo"}]}]}],` +
		`"reporting":[{"frequency":"evil","due":"99-99"}]}`
	resp, body := e.postForm(c, "/plans/import/confirm", url.Values{"pending": {pending}, "result": {forged},
		"source": {"gia.txt"}, "t5.0.content": {"Nhiệm vụ thêm"}, "g0.code": {"I"}, "t0.1.code": {"I.1"},
		"reporting0.frequency": {"evil"}, "t0.0.lead": {"Hội Đồng Chưa Ai Biết"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d\n%.500s", resp.StatusCode, body)
	}
	var id int64
	if _, err := fmt.Sscanf(resp.Header.Get("Location"), "/plans/%d", &id); err != nil {
		t.Fatalf("Location %q", resp.Header.Get("Location"))
	}
	p, err := e.db.PlanWithTasks(context.Background(), id, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Phát triển hợp tác xã năm 2025" || p.TaskCount != 3 || p.IssuedOn == nil || p.IssuedOn.Year() != 2025 {
		t.Errorf("stored %q, %d tasks, issued %v; want what was read", p.Title, p.TaskCount, p.IssuedOn)
	}
	if len(p.Reporting) != 1 || p.Reporting[0].Frequency != "yearly" || p.Reporting[0].Due != "12-15" {
		t.Errorf("reporting %+v, want yearly before 12-15 as read", p.Reporting)
	}
	if n := e.count("SELECT COUNT(*) FROM agencies WHERE name = 'Sở Giả Mạo'"); n != 0 {
		t.Error("an agency from the forged result was created")
	}
	for _, name := range []string{"Hội Đồng Chưa Ai Biết", "Ban Thử Nghiệm Không Có"} {
		if n := e.count(e.db.Rebind("SELECT COUNT(*) FROM agencies WHERE name = ? AND flagged = 1"), name); n != 1 {
			t.Errorf("new agency %q: %d flagged rows, want 1", name, n)
		}
	}
	if n := e.count("SELECT COUNT(*) FROM agencies WHERE name = 'Sở Tài chính' AND flagged = 0"); n != 1 {
		t.Error("a known agency was flagged or duplicated")
	}
}

// A pending import is confirmed once, only by the user who read it, and
// not after it expired.
func TestImportConfirmOnceByItsOwner(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	coord, admin := e.login(coordinatorEmail), e.login(adminEmail)
	pending, _ := e.readPlan(coord, smallPlan)

	before := e.stored()
	resp, _ := e.postForm(admin, "/plans/import/confirm", url.Values{"pending": {pending}})
	if resp.StatusCode != http.StatusNotFound || e.stored() != before {
		t.Errorf("another user's confirm: %d, stored %s -> %s; want 404 and nothing", resp.StatusCode, before, e.stored())
	}
	resp, _ = e.postForm(coord, "/plans/import/confirm", url.Values{"pending": {"khong-co"}})
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown pending import: %d, want 404", resp.StatusCode)
	}
	resp, body := e.postForm(coord, "/plans/import/confirm", url.Values{"pending": {pending}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d\n%.500s", resp.StatusCode, body)
	}
	before = e.stored()
	resp, body = e.postForm(coord, "/plans/import/confirm", url.Values{"pending": {pending}, "duplicate_ok": {"1"}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(text(body), "đã được xác nhận") || e.stored() != before {
		t.Errorf("second confirm: %d, stored %s -> %s\n%.300s", resp.StatusCode, before, e.stored(), text(body))
	}

	expired, _ := e.readPlan(coord, smallPlan)
	if _, err := e.db.SQL().Exec(e.db.Rebind("UPDATE pending_imports SET expires_at = ? WHERE id = ?"),
		"2026-11-24T02:59:59.000000Z", expired); err != nil {
		t.Fatal(err)
	}
	before = e.stored()
	resp, body = e.postForm(coord, "/plans/import/confirm", url.Values{"pending": {expired}, "duplicate_ok": {"1"}})
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(text(body), "đọc lại văn bản") || e.stored() != before {
		t.Errorf("expired confirm: %d, stored %s -> %s", resp.StatusCode, before, e.stored())
	}
	// Reading again clears what expired.
	e.readPlan(coord, smallPlan)
	if n := e.count(e.db.Rebind("SELECT COUNT(*) FROM pending_imports WHERE id = ?"), expired); n != 0 {
		t.Error("an expired pending import was kept")
	}
}

// The same document (number, issuer, date) imported again: the review
// warns and links to the stored plan, and the confirm refuses until the
// coordinator ticks "store as a separate plan anyway". The server checks
// again at confirm time, so two reviews opened before the first import
// do not make two plans silently.
func TestImportDuplicatePlan(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.login(coordinatorEmail)
	first, review := e.readPlan(c, smallPlan)
	second, _ := e.readPlan(c, smallPlan)
	if strings.Contains(review, "có thể đã được nhập") {
		t.Fatal("a first import is warned as a duplicate")
	}
	resp, body := e.postForm(c, "/plans/import/confirm", url.Values{"pending": {first}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("first confirm: %d\n%.500s", resp.StatusCode, body)
	}
	existing := resp.Header.Get("Location")

	before := e.stored()
	resp, body = e.postForm(c, "/plans/import/confirm", url.Values{"pending": {second}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldError(body, "duplicate"), "Vẫn lưu thành một kế hoạch riêng") {
		t.Fatalf("confirm of a review opened earlier: %d, error %q", resp.StatusCode, fieldError(body, "duplicate"))
	}
	if e.stored() != before {
		t.Fatal("a refused duplicate was stored")
	}

	third, review := e.readPlan(c, smallPlan)
	if !strings.Contains(review, "có thể đã được nhập") || !strings.Contains(review, `href="`+existing+`"`) ||
		!strings.Contains(review, `name="duplicate_ok"`) {
		t.Fatalf("review of a stored document lacks the warning, the link to %s or the choice", existing)
	}
	resp, _ = e.postForm(c, "/plans/import/confirm", url.Values{"pending": {third}, "doc.title": {"Bản sao có chủ ý"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || e.stored() != before {
		t.Fatalf("duplicate without the choice: %d", resp.StatusCode)
	}
	resp, body = e.postForm(c, "/plans/import/confirm", url.Values{"pending": {third}, "duplicate_ok": {"1"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") == existing {
		t.Fatalf("duplicate with the choice: %d\n%.500s", resp.StatusCode, body)
	}
	if n := e.count("SELECT COUNT(*) FROM plans WHERE number = '9/KH-UBND'"); n != 2 {
		t.Errorf("%d plans numbered 9/KH-UBND, want 2", n)
	}
}

// Seed 000 is a news article about a plan: it names no tasks, so there is
// nothing to track and it is refused, with the reason, not stored empty.
func TestImportArticleWithoutTasks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.login(coordinatorEmail)
	resp, body := e.postMultipart(c, "/plans/import", nil, "000.txt", seeds.Read(t, "000_ebd633bbb4c605a4.txt"))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("read: %d", resp.StatusCode)
	}
	pending := html.UnescapeString(pendingField.FindStringSubmatch(body)[1])
	before := e.stored()
	resp, body = e.postForm(c, "/plans/import/confirm", url.Values{"pending": {pending}, "doc.title": {"Bài báo"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(problem(body, "tasks"), "không có nhiệm vụ nào") {
		t.Errorf("article: %d, %q", resp.StatusCode, problem(body, "tasks"))
	}
	if e.stored() != before {
		t.Error("an article without tasks was stored")
	}
}

// Whether an agency is known is decided by the resolver at confirm time:
// a stored result claiming a canonical name nobody has still creates the
// agency flagged for review.
func TestImportConfirmFlagsUnknownAgencies(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.login(coordinatorEmail)
	pending, _ := e.readPlan(c, smallPlan)
	e.spoilPending(pending, func(r *planimport.Result) {
		name := "Sở Giả Mạo"
		r.Groups[1].Tasks[0].Lead = []planimport.AgencyRef{{Text: name, Agency: &name}}
	})
	resp, body := e.postForm(c, "/plans/import/confirm", url.Values{"pending": {pending}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d\n%.500s", resp.StatusCode, body)
	}
	if n := e.count("SELECT COUNT(*) FROM agencies WHERE name = 'Sở Giả Mạo' AND flagged = 1"); n != 1 {
		t.Errorf("agency the resolver does not know: %d flagged rows, want 1", n)
	}
}
