package web_test

import (
	"context"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

const (
	msgStatus   = "Tình trạng phải là chưa triển khai, đang thực hiện hoặc đã hoàn thành."
	msgEmpty    = "Hãy nhập tỷ lệ, kết quả thực hiện hoặc minh chứng."
	msgPercent  = "Tỷ lệ hoàn thành phải là số nguyên từ 0 đến 100."
	msgURL      = "Đường dẫn phải bắt đầu bằng http:// hoặc https://."
	msgFileType = "Loại tệp không được chấp nhận; hãy dùng PDF, ảnh, Word, Excel hoặc văn bản."
	msgFileNone = "Tệp tải lên rỗng."
	msgNoteLong = "Kết quả thực hiện dài tối đa 10.000 ký tự."
	msgURLLong  = "Đường dẫn minh chứng dài tối đa 2.048 ký tự."
	msgControl  = "Có ký tự điều khiển hoặc ký tự ẩn không được phép (như ký tự NUL hay ký tự đảo chiều văn bản); hãy xóa rồi nhập lại."
	msgDone     = "Nhiệm vụ đã hoàn thành thì tỷ lệ phải là 100% (để trống sẽ tự ghi 100%)."
	msgNotYet   = "Nhiệm vụ chưa triển khai thì tỷ lệ phải là 0% (để trống sẽ tự ghi 0%)."
	hintPercent = "Đã hoàn thành là 100%, chưa triển khai là 0%; để trống thì tỷ lệ được ghi theo tình trạng."
)

var (
	pdfBytes = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
	elfBytes = append([]byte("\x7fELF\x02\x01\x01\x00"), make([]byte, 64)...)
	exeBytes = append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00"), make([]byte, 64)...)
)

func TestProgressFormValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	task := e.taskByCode("II.2")
	c := e.login(financeEmail)
	path := pathf("/tasks/%d/progress", task.ID)
	for _, tc := range []struct {
		name     string
		fields   map[string]string
		fileName string
		data     []byte
		want     map[string]string // field -> message beside it
	}{
		// A missing status keeps the task's own, so only "say something"
		// is asked for.
		{"missing everything", map[string]string{}, "", nil,
			map[string]string{"note": msgEmpty}},
		{"everything empty", map[string]string{"status": "", "percent": "", "note": "", "evidence_url": ""}, "", nil,
			map[string]string{"note": msgEmpty}},
		{"status only", map[string]string{"status": "in_progress"}, "", nil,
			map[string]string{"note": msgEmpty}},
		{"percent 150", map[string]string{"status": "in_progress", "percent": "150", "note": "Vượt quá"}, "", nil,
			map[string]string{"percent": msgPercent}},
		{"percent negative", map[string]string{"status": "in_progress", "percent": "-1"}, "", nil,
			map[string]string{"percent": msgPercent}},
		{"percent not a number", map[string]string{"status": "in_progress", "percent": "năm mươi", "note": "x"}, "", nil,
			map[string]string{"percent": msgPercent}},
		{"computed status", map[string]string{"status": "overdue", "note": "Ghi chú"}, "", nil,
			map[string]string{"status": msgStatus}},
		{"javascript url", map[string]string{"status": "in_progress", "evidence_url": "javascript:alert(1)"}, "", nil,
			map[string]string{"evidence_url": msgURL}},
		{"note too long", map[string]string{"status": "in_progress", "note": strings.Repeat("ồ", 10001)}, "", nil,
			map[string]string{"note": msgNoteLong}},
		{"NUL in note", map[string]string{"status": "in_progress", "note": "Đã xong\x00 phần 1"}, "", nil,
			map[string]string{"note": msgControl}},
		{"RLO in note", map[string]string{"status": "in_progress", "note": "Xem tệp \u202Efdp.exe"}, "", nil,
			map[string]string{"note": msgControl}},
		{"escape in note", map[string]string{"status": "in_progress", "note": "\x1b[31mđỏ"}, "", nil,
			map[string]string{"note": msgControl}},
		{"bidi isolate in url", map[string]string{"status": "in_progress", "evidence_url": "https://a.vn/\u2066x"}, "", nil,
			map[string]string{"evidence_url": msgControl}},
		{"url of 1 MB", map[string]string{"status": "in_progress", "evidence_url": "https://a.vn/" + strings.Repeat("a", 1<<20)}, "", nil,
			map[string]string{"evidence_url": msgURLLong}},
		{"url one over the limit", map[string]string{"status": "in_progress", "evidence_url": "https://a.vn/" + strings.Repeat("a", plan.MaxURLLen-12)}, "", nil,
			map[string]string{"evidence_url": msgURLLong}},
		{"done at 0%", map[string]string{"status": "done", "percent": "0", "note": "Xong"}, "", nil,
			map[string]string{"percent": msgDone}},
		{"done at 90%", map[string]string{"status": "done", "percent": "90"}, "", nil,
			map[string]string{"percent": msgDone}},
		{"not started at 100%", map[string]string{"status": "not_started", "percent": "100", "note": "Chưa làm"}, "", nil,
			map[string]string{"percent": msgNotYet}},
		{"NUL in note and done at 0%", map[string]string{"status": "done", "percent": "0", "note": "Xong\x00"}, "", nil,
			map[string]string{"note": msgControl, "percent": msgDone}},
		{"RLO in file name", map[string]string{"status": "in_progress", "note": "Kèm tệp"}, "bao-cao\u202Efdp.pdf", pdfBytes,
			map[string]string{"file": msgControl}},
		{"elf renamed .pdf", map[string]string{"status": "in_progress", "note": "Kèm tệp"}, "bao-cao.pdf", elfBytes,
			map[string]string{"file": msgFileType}},
		{"exe renamed .pdf", map[string]string{"status": "in_progress", "note": "Kèm tệp"}, "bao-cao.pdf", exeBytes,
			map[string]string{"file": msgFileType}},
		{"html as .txt", map[string]string{"status": "in_progress", "note": "Kèm tệp"}, "ghi-chu.txt",
			[]byte("<html><script>alert(1)</script></html>"), map[string]string{"file": msgFileType}},
		{"empty file", map[string]string{"status": "in_progress", "note": "Kèm tệp"}, "rong.pdf", []byte{},
			map[string]string{"file": msgFileNone}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := e.with(t)
			progressBefore := e.count(`SELECT COUNT(*) FROM progress WHERE task_id = ?`, task.ID)
			filesBefore := e.count(`SELECT COUNT(*) FROM files`)
			auditBefore := e.count(`SELECT COUNT(*) FROM audit_log`)
			resp, body := e.postMultipart(c, path, tc.fields, tc.fileName, tc.data)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422\n%.800s", resp.StatusCode, body)
			}
			for field, msg := range tc.want {
				if got := fieldError(body, field); got != msg {
					t.Errorf("message beside %s: %q, want %q", field, got, msg)
				}
				if !regexp.MustCompile(`aria-describedby="[^"]*\b` + field + `-error"`).MatchString(body) {
					t.Errorf("field %s not tied to its message", field)
				}
			}
			for _, field := range []string{"status", "percent", "note", "evidence_url", "file"} {
				if _, ok := tc.want[field]; !ok && fieldError(body, field) != "" {
					t.Errorf("unexpected message beside %s: %q", field, fieldError(body, field))
				}
			}
			// html/template writes a NUL as U+FFFD, so such a note is not compared.
			if note := tc.fields["note"]; note != "" && len(note) < 1000 && !strings.Contains(note, "\x00") && !strings.Contains(body, ">"+html.EscapeString(note)+"</textarea>") {
				t.Errorf("typed note %q not kept in the form", note)
			}
			if got := e.count(`SELECT COUNT(*) FROM progress WHERE task_id = ?`, task.ID); got != progressBefore {
				t.Errorf("progress rows %d -> %d; a refused entry was stored", progressBefore, got)
			}
			if got := e.count(`SELECT COUNT(*) FROM files`); got != filesBefore {
				t.Errorf("files %d -> %d; a refused file was stored", filesBefore, got)
			}
			if got := e.count(`SELECT COUNT(*) FROM audit_log`); got != auditBefore {
				t.Errorf("audit entries %d -> %d", auditBefore, got)
			}
		})
	}
}

var fileLinkRE = regexp.MustCompile(`<a href="/files/(\d+)">([^<]*)</a>`)

func TestProgressWithEvidence(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	task := e.taskByCode("II.2")
	c := e.login(financeEmail)
	before := e.count(`SELECT COUNT(*) FROM progress WHERE task_id = ?`, task.ID)
	note := "Đã trình UBND tỉnh dự toán hỗ trợ hợp tác xã năm 2027."
	resp, body := e.postMultipart(c, pathf("/tasks/%d/progress", task.ID),
		map[string]string{"status": "in_progress", "percent": "60", "note": note, "evidence_url": "https://stc.nghean.gov.vn/bai-viet"},
		"Báo cáo tiến độ.pdf", pdfBytes)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d, want 303\n%.800s", resp.StatusCode, body)
	}
	if loc := resp.Header.Get("Location"); loc != pathf("/tasks/%d", task.ID) {
		t.Fatalf("Location %q", loc)
	}
	if got := e.count(`SELECT COUNT(*) FROM progress WHERE task_id = ?`, task.ID); got != before+1 {
		t.Fatalf("progress rows %d -> %d", before, got)
	}

	page := e.page(c, pathf("/tasks/%d", task.ID))
	var fileID, fileName string
	t.Run("task page shows the entry", func(t *testing.T) {
		if !strings.Contains(page, `<p class="flash" role="status">Đã lưu tiến độ.</p>`) {
			t.Errorf("no flash after saving")
		}
		hist := page[strings.Index(page, `<ol class="history">`):]
		first := hist[:strings.Index(hist, "</li>")]
		for _, want := range []string{"24/11/2026 10:00", "Trần Văn Hùng (Sở Tài chính)", "Đang thực hiện</span> · 60%",
			html.EscapeString(note), `href="https://stc.nghean.gov.vn/bai-viet"`, `rel="noopener noreferrer nofollow"`} {
			if !strings.Contains(first, want) {
				t.Errorf("newest history entry lacks %q:\n%s", want, first)
			}
		}
		m := fileLinkRE.FindStringSubmatch(first)
		if m == nil {
			t.Fatalf("newest history entry has no file link:\n%s", first)
		}
		fileID, fileName = m[1], m[2]
		if fileName != "Báo cáo tiến độ.pdf" {
			t.Errorf("file link text %q", fileName)
		}
		if !strings.Contains(page, "Đang thực hiện</span> · 60%</dd>") {
			t.Errorf("task status line does not show 60%%")
		}
	})
	t.Run("file is served as an attachment", func(t *testing.T) {
		e := e.with(t)
		if fileID == "" {
			t.Skip("no file link")
		}
		for _, email := range []string{financeEmail, viewerEmail, agricultureEmail} {
			resp, body := e.get(e.login(email), "/files/"+fileID)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: status %d", email, resp.StatusCode)
			}
			if body != string(pdfBytes) {
				t.Errorf("%s: body differs from the upload", email)
			}
			h := resp.Header
			if got := h.Get("Content-Type"); got != "application/pdf" {
				t.Errorf("Content-Type %q", got)
			}
			if got, want := h.Get("Content-Disposition"), `attachment; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20ti%E1%BA%BFn%20%C4%91%E1%BB%99.pdf`; got != want {
				t.Errorf("Content-Disposition %q, want %q", got, want)
			}
			if h.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("no nosniff")
			}
		}
		if resp, _ := e.get(e.newClient(), "/files/"+fileID); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("anonymous download: %d, want 303 to log in", resp.StatusCode)
		}
	})
	t.Run("plan page shows the new percent", func(t *testing.T) {
		e := e.with(t)
		body := e.page(c, pathf("/plans/%d?q=so+tai+chinh", e.planID))
		for _, r := range taskRows(body) {
			if r.Code == "II.2" && !strings.Contains(r.HTML, `<span class="pct">60%</span>`) {
				t.Errorf("II.2 row: %s", r.HTML)
			}
		}
	})
	t.Run("audit shows before and after", func(t *testing.T) {
		e := e.with(t)
		body := e.page(e.login(adminEmail), "/audit?entity=progress")
		entries, fields := auditEntries(body)
		if len(entries) == 0 {
			t.Fatalf("no audit rows:\n%s", text(body))
		}
		cs := cellRE.FindAllStringSubmatch(entries[0], 4)
		if len(cs) != 4 {
			t.Fatalf("audit row cells %q", cs)
		}
		for i, want := range []string{"24/11/2026 10:00", financeEmail, "Tạo mới", "Tiến độ #"} {
			if got := text(cs[i][1]); !strings.Contains(got, want) {
				t.Errorf("audit cell %d %q lacks %q", i, got, want)
			}
		}
		f := fields[0]
		for name, want := range map[string]auditField{
			"status":    {label: "Tình trạng", before: "Đang thực hiện", after: "Đang thực hiện"},
			"percent":   {label: "Tỷ lệ hoàn thành (%)", before: "—", after: "60", changed: true},
			"note":      {label: "Ghi chú", before: "—", after: note, changed: true},
			"file_name": {label: "Tên tệp minh chứng", before: "—", after: "Báo cáo tiến độ.pdf", changed: true},
		} {
			if got := f[name]; got != want {
				t.Errorf("field %s = %+v, want %+v", name, got, want)
			}
		}
	})
}

func TestProgressFormShownOnlyToThoseWhoMayRecord(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	own, other, inherited := e.taskByCode("II.2"), e.taskByCode("I.1"), e.taskByCode("II.1")
	for _, tc := range []struct {
		email string
		task  plan.Task
		form  bool
	}{
		{financeEmail, own, true},
		{financeEmail, other, false},
		{financeEmail, inherited, true}, // led by Sở Kế hoạch và Đầu tư, merged into Sở Tài chính
		{agricultureEmail, own, false},
		{viewerEmail, own, false},
		{coordinatorEmail, other, true},
		{adminEmail, other, true},
	} {
		t.Run(tc.email+"/"+tc.task.Code, func(t *testing.T) {
			e := e.with(t)
			body := e.with(t).page(e.login(tc.email), pathf("/tasks/%d", tc.task.ID))
			has := strings.Contains(body, pathf(`action="/tasks/%d/progress"`, tc.task.ID))
			if has != tc.form {
				t.Errorf("progress form shown: %v, want %v", has, tc.form)
			}
			if !strings.Contains(body, "Lịch sử cập nhật") {
				t.Errorf("no history section")
			}
		})
	}
}

// TestAuditPagerKeepsFilter: the links below a filtered audit list must
// keep the filter.
func TestAuditPagerKeepsFilter(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	task := e.taskByCode("II.2")
	if err := e.db.Update(ctx, func(tx *store.Tx) error {
		for i := range 60 {
			p := plan.Progress{TaskID: task.ID, Status: plan.StatusInProgress, Note: pathf("Ghi chú %d", i)}
			if err := tx.RecordProgress(ctx, &p, nil); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	body := e.page(e.login(adminEmail), "/audit?entity=progress")
	m := regexp.MustCompile(`<a href="([^"]*)" rel="next">`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no next-page link on a list of more than 50 entries")
	}
	next := html.UnescapeString(m[1])
	if !strings.Contains(next, "entity=progress") {
		t.Errorf("next link %q drops the entity filter", next)
	}
}

// TestProgressPercentFollowsStatus: left empty, the percent is what the
// status implies, the form says so beside the field, and a note's line
// breaks are stored as typed in any browser.
func TestProgressPercentFollowsStatus(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	task := e.taskByCode("II.2")
	c := e.login(financeEmail)
	page := e.page(c, pathf("/tasks/%d", task.ID))
	if !strings.Contains(page, `<p class="hint" id="percent-hint">`+hintPercent+`</p>`) ||
		!strings.Contains(page, `aria-describedby="percent-hint"`) {
		t.Errorf("the percent field does not state the rule")
	}
	// The browser stops where the server would refuse.
	for _, want := range []string{`name="note" rows="4" maxlength="10000"`, `name="evidence_url" type="url" maxlength="2048"`} {
		if !strings.Contains(page, want) {
			t.Errorf("task page lacks %s", want)
		}
	}
	for _, tc := range []struct {
		status, note string
		want         int
	}{
		{"not_started", "Chưa bắt đầu\r\ndòng 2", 0},
		{"done", "Đã hoàn thành\r\ndòng 2", 100},
	} {
		t.Run(tc.status, func(t *testing.T) {
			e := e.with(t)
			resp, body := e.postMultipart(c, pathf("/tasks/%d/progress", task.ID),
				map[string]string{"status": tc.status, "percent": "", "note": tc.note}, "", nil)
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("status %d, want 303\n%.800s", resp.StatusCode, body)
			}
			if got := e.count(`SELECT percent FROM progress WHERE task_id = ? AND status = ? AND note = ?`,
				task.ID, tc.status, strings.ReplaceAll(tc.note, "\r\n", "\n")); got != tc.want {
				t.Errorf("stored percent %d, want %d", got, tc.want)
			}
			if got := e.count(`SELECT percent FROM tasks WHERE id = ?`, task.ID); got != tc.want {
				t.Errorf("task percent %d, want %d", got, tc.want)
			}
		})
	}
}
