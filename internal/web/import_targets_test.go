package web_test

import (
	"database/sql"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// targetPlan has two targets read with their numbers, and one task.
const targetPlan = "ỦY BAN NHÂN DÂN TỈNH THANH HÓA\nSố: 10/KH-UBND\nThanh Hóa, ngày 5 tháng 3 năm 2025\nKẾ HOẠCH\n" +
	"Phát triển hợp tác xã năm 2025\nI. MỤC TIÊU\n2. Mục tiêu cụ thể:\n" +
	"- Đến năm 2026, thành lập mới ít nhất 20 hợp tác xã.\n- Trên 50% cán bộ quản lý hợp tác xã được đào tạo.\n" +
	"II. NHIỆM VỤ\nSTT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian thực hiện\n" +
	"I\tTuyên truyền\t\t\t\n1\tPhổ biến Luật Hợp tác xã\tSở Tài chính\tSở Tư pháp\tThường xuyên\n"

// A target's numbers are fields of the review: each bad one is refused
// beside its field with a Vietnamese message naming the target, and
// nothing is stored; the corrected numbers are stored as typed.
func TestImportConfirmTargetNumbers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.login(coordinatorEmail)
	pending, body := e.readPlan(c, targetPlan)
	for _, want := range []string{`name="target0.value" inputmode="decimal" value="20"`, `<option value="&gt;=" selected>`,
		`name="target0.due" type="date" value="2026-12-31"`, `name="target1.unit" value="%"`} {
		if !strings.Contains(body, want) {
			t.Errorf("review lacks %s", want)
		}
	}
	for _, tc := range []struct {
		name, field, id, want string
		form                  url.Values
	}{
		{"value that is no number", "target0.value", "target0-value", "Chỉ tiêu 1: «hai mươi» không phải là số",
			url.Values{"target0.value": {"hai mươi"}}},
		{"value NaN", "target1.value", "target1-value", "Chỉ tiêu 2: «NaN» không phải là số",
			url.Values{"target1.value": {"NaN"}}},
		{"upper value without between", "target0.value_max", "target0-value_max", "Chỉ tiêu 1: giá trị trên chỉ dùng với",
			url.Values{"target0.value_max": {"30"}}},
		{"between without upper value", "target0.value_max", "target0-value_max", "Chỉ tiêu 1: cách so sánh «trong khoảng» cần cả giá trị trên",
			url.Values{"target0.comparator": {"between"}}},
		{"range upside down", "target1.value_max", "target1-value_max", "Chỉ tiêu 2: giá trị trên phải lớn hơn giá trị",
			url.Values{"target1.comparator": {"between"}, "target1.value_max": {"40"}}},
		{"comparator forged", "target0.comparator", "target0-comparator", "Chỉ tiêu 1: cách so sánh «~» không hợp lệ",
			url.Values{"target0.comparator": {"~"}}},
		{"comparator without value", "target1.value", "target1-value", "Chỉ tiêu 2: đã chọn cách so sánh thì phải có giá trị",
			url.Values{"target1.value": {""}}},
		{"due that is no date", "target0.due", "target0-due", "Chỉ tiêu 1: thời hạn không phải ngày có thật",
			url.Values{"target0.due": {"31/12/2026"}}},
		{"due in year 9999", "target0.due", "target0-due", "Chỉ tiêu 1: thời hạn không phải ngày có thật",
			url.Values{"target0.due": {"9999-12-31"}}},
		{"control character in the unit", "target1.text", "target1", "Chỉ tiêu 2 có ký tự điều khiển",
			url.Values{"target1.unit": {"%\u202e"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := e.with(t)
			before := e.stored() + targetsStored(e)
			tc.form.Set("pending", pending)
			resp, body := e.postForm(c, "/plans/import/confirm", tc.form)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422\n%.500s", resp.StatusCode, body)
			}
			if got := fieldError(body, tc.id); !strings.Contains(got, tc.want) {
				t.Errorf("error beside %s = %q, want %q", tc.field, got, tc.want)
			}
			if got := problem(body, tc.field); !strings.Contains(got, tc.want) {
				t.Errorf("summary line of %s = %q, want %q", tc.field, got, tc.want)
			}
			if sent, ok := tc.form[tc.field]; ok && strings.HasSuffix(tc.field, "value") &&
				!strings.Contains(body, `name="`+tc.field+`" inputmode="decimal" value="`+html.EscapeString(sent[0])+`"`) {
				t.Errorf("the refused %s does not show what was typed, %q", tc.field, sent[0])
			}
			if !strings.Contains(body, `<li data-field="`+tc.field+`"><a href="#`) {
				t.Errorf("summary line of %s links nowhere", tc.field)
			}
			if after := e.stored() + targetsStored(e); after != before {
				t.Errorf("a refused confirm stored something: %s -> %s", before, after)
			}
		})
	}
	resp, body := e.postForm(c, "/plans/import/confirm", url.Values{"pending": {pending},
		"target0.comparator": {"between"}, "target0.value": {"20"}, "target0.value_max": {"25,5"}, "target0.unit": {"hợp tác xã"},
		"target0.due": {"2027-06-30"}, "target1.comparator": {""}, "target1.value": {"1.000"}, "target1.unit": {"người"},
		"target1.due": {""}, "target1.text": {"1.000 cán bộ quản lý hợp tác xã được đào tạo"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d\n%.800s", resp.StatusCode, body)
	}
	want := map[int]string{
		1: "between|20|25.5|hợp tác xã|2027-06-30|Đến năm 2026, thành lập mới ít nhất 20 hợp tác xã",
		2: "|1000|-|người|-|1.000 cán bộ quản lý hợp tác xã được đào tạo",
	}
	for ordinal, w := range want {
		if got := targetRow(e, ordinal); got != w {
			t.Errorf("target %d stored as %q, want %q", ordinal, got, w)
		}
	}
}

// targetsStored summarises every stored target, to see that a refusal
// stored none.
func targetsStored(e *env) string {
	return "targets:" + strings.Repeat("x", e.count("SELECT COUNT(*) FROM targets"))
}

// targetRow is the stored target of the newest plan at ordinal:
// comparator|value|value_max|unit|due|text, "-" for a null.
func targetRow(e *env, ordinal int) string {
	var cmp, unit, text string
	var v, vmax sql.NullFloat64
	var due sql.NullString
	err := e.db.SQL().QueryRow(e.db.Rebind(`SELECT comparator, value, value_max, unit, due, text FROM targets
		WHERE plan_id = (SELECT MAX(id) FROM plans) AND ordinal = ?`), ordinal).Scan(&cmp, &v, &vmax, &unit, &due, &text)
	if err != nil {
		e.t.Fatalf("target %d: %v", ordinal, err)
	}
	num := func(f sql.NullFloat64) string {
		if !f.Valid {
			return "-"
		}
		return strconv.FormatFloat(f.Float64, 'f', -1, 64)
	}
	d := "-"
	if due.Valid {
		d = due.String[:10]
	}
	return strings.Join([]string{cmp, num(v), num(vmax), unit, d, text}, "|")
}
