package planimport

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

func parseText(t *testing.T, s string) *Result {
	t.Helper()
	r, err := Parse(context.Background(), "-", []byte(s), Catalog())
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return r
}

func TestClassifyHeader(t *testing.T) {
	t.Parallel()
	cases := map[string]column{
		"STT": colSTT, "Số TT": colSTT, "TT": colSTT, "Số thứ tự": colSTT,
		"Nội dung nhiệm vụ": colContent, "Nội dung công việc": colContent, "Nhiệm vụ, giải pháp": colContent,
		"Đơn vị chủ trì": colLead, "Cơ quan chủ trì": colLead, "Cơ quan thực hiện": colLead,
		"Đơn vị phối hợp": colSupport, "Cơ quan phối hợp": colSupport,
		"Thời gian thực hiện": colTime, "Thời gian hoàn thành": colTime, "Thời hạn": colTime, "Tiến độ": colTime,
		"Sản phẩm": colExtra, "Kết quả": colExtra, "Ghi chú": colExtra,
	}
	for in, want := range cases {
		if got := classifyHeader(in); got != want {
			t.Errorf("classifyHeader(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestTableExtraColumnsAndGroupSpan(t *testing.T) {
	t.Parallel()
	r := parseText(t, strings.Join([]string{
		"STT\tNội dung công việc\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\tSản phẩm\tGhi chú",
		"I. Tuyên truyền\t\t\t\t\t\t",
		"1\tTổ chức hội nghị\tSở Tư pháp\tSở Y tế\tQuý II/2021\tBáo cáo\t",
		"2\tViết sổ tay\tSở Nội vụ\t\t2021 – 2022\t\tIn 1000 cuốn",
		"II\tKiểm tra\t\t\t\t\t",
		"1.\tKiểm tra định kỳ\tSở Tài chính\t\tHàng năm\t\t",
	}, "\n"))
	if got := codes(r); !reflect.DeepEqual(got, []string{"I.1", "I.2", "II.1"}) {
		t.Fatalf("codes = %v", got)
	}
	if g := r.Groups[0]; *g.Title != "Tuyên truyền" || g.Line != 2 {
		t.Errorf("group I = %+v", g)
	}
	i1 := taskByCode(t, r, "I.1")
	if !reflect.DeepEqual(i1.Extra, map[string]string{"Sản phẩm": "Báo cáo"}) {
		t.Errorf("I.1 extra = %v", i1.Extra)
	}
	if tf := i1.Timeframe; tf.Kind != "quarter" || tf.Due.String() != "2021-06-30" {
		t.Errorf("I.1 timeframe = %+v", tf)
	}
	if tf := taskByCode(t, r, "I.2").Timeframe; tf.Kind != "range" || tf.Due.String() != "2022-12-31" {
		t.Errorf("I.2 timeframe = %+v", tf)
	}
	if tf := taskByCode(t, r, "II.1").Timeframe; tf.Kind != "ongoing" {
		t.Errorf("II.1 timeframe = %+v", tf)
	}
	if taskByCode(t, r, "I.2").Extra["Ghi chú"] != "In 1000 cuốn" {
		t.Errorf("I.2 extra = %v", taskByCode(t, r, "I.2").Extra)
	}
	if len(r.Warnings) != 0 {
		t.Errorf("warnings = %q", r.Warnings)
	}
}

func TestTableWithoutHeader(t *testing.T) {
	t.Parallel()
	r := parseText(t, "Danh mục\n\nI\tNhóm một\t\t\t\n1\tViệc một\tSở Y tế\t\t2025\n2\tViệc hai\tSở Nội vụ\t\t2026\n")
	if got := codes(r); !reflect.DeepEqual(got, []string{"I.1", "I.2"}) {
		t.Errorf("codes = %v", got)
	}
	if !hasKey(r, warnNoHeader) {
		t.Errorf("warnings = %q", r.Warnings)
	}
}

func TestTableCodesAndWarnings(t *testing.T) {
	t.Parallel()
	r := parseText(t, strings.Join([]string{
		"Ngày 10 tháng 3 năm 2021",
		"Số TT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian thực hiện",
		"1\tViệc trước nhóm\tSở Y tế\t\t2021",
		"V\tMột nhóm\t\t\t",
		"\tViệc không số thứ nhất\tSở Y tế\t\tthời điểm thích hợp",
		"\tViệc không số thứ hai\t\t\t",
		"VI\tNhóm khác\t\t\t",
		"1\tViệc có số\tSở Y tế\t\ttrước ngày 30/12",
		"1\tViệc trùng số\tSở Y tế\t\tQuý II",
		"\tViệc không số duy nhất\tSở Y tế\t\t2021",
	}, "\n"))
	want := []string{"1", "V.a", "V.b", "VI.1", "VI.1-2", "VI"}
	if got := codes(r); !reflect.DeepEqual(got, want) {
		t.Fatalf("codes = %v, want %v", got, want)
	}
	for _, k := range []string{warnOrphanTasks, warnTimeframeText, warnTimeframeNone, warnLeadNone, warnDuplicateCode} {
		if !hasKey(r, k) {
			t.Errorf("no %s warning in %q", k, r.Warnings)
		}
	}
	// The document's year (2021) completes dates and quarters without one.
	if tf := taskByCode(t, r, "VI.1").Timeframe; tf.Kind != "date" || tf.Due.String() != "2021-12-30" {
		t.Errorf("VI.1 timeframe = %+v", tf)
	}
	if tf := taskByCode(t, r, "VI.1-2").Timeframe; tf.Kind != "quarter" || tf.Due.String() != "2021-06-30" {
		t.Errorf("VI.1-2 timeframe = %+v", tf)
	}
}

// TestTableGroupRowWithoutTabs: a group heading that lost its tabs still
// opens a group when rows follow.
func TestTableGroupRowWithoutTabs(t *testing.T) {
	t.Parallel()
	r := parseText(t, "STT\tNội dung\tChủ trì\tThời gian\nI. Nhóm một\n1\tViệc\tSở Y tế\t2025\nII. Nhóm hai\n1\tViệc khác\tSở Nội vụ\t2026\n\nNơi nhận:\n- Như trên;")
	if got := codes(r); !reflect.DeepEqual(got, []string{"I.1", "II.1"}) {
		t.Errorf("codes = %v", got)
	}
}

func TestRowCells(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   string
		want []string
	}{
		{"a\tb\tc", []string{"a", "b", "c"}},
		{"| a | b | c |", []string{" a ", " b ", " c "}},
		{"|---|:--:|---|", []string{}},
		{"plain text | one pipe", nil},
		{"plain", nil},
	}
	for _, c := range cases {
		if got := rowCells(line{text: c.in}); !reflect.DeepEqual(got, c.want) {
			t.Errorf("rowCells(%q) = %q", c.in, got)
		}
	}
}
