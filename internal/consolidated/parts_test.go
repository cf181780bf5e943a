package consolidated

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// TestBodySumsBudgetPerTaskAndSource: a lead and a supporting agency
// reporting money on one task from one source give one row with their
// sum; another source is its own row; a line without money none; the
// words of both agencies are quoted, in their order.
func TestBodySumsBudgetPerTaskAndSource(t *testing.T) {
	b, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	pl := plan.Plan{Groups: []plan.Group{{Code: "I", Title: "Tuyên truyền", Tasks: []plan.Task{
		{ID: 1, Code: "I.1", Content: "Phổ biến Luật Hợp tác xã", Status: plan.StatusInProgress},
		{ID: 2, Code: "I.2", Content: "Tập huấn", Status: plan.StatusNotStarted},
	}}}}
	sources := []store.ConsolidatedSource{
		{AgencyName: "Sở Tài chính", Lines: []report.Line{
			{TaskID: 1, Done: "Đã in tờ rơi", Estimated: 100, Allocated: 80, Spent: 50, Source: report.SourceLocal},
			{TaskID: 2, Done: "Chưa làm"},
		}},
		{AgencyName: "Liên minh Hợp tác xã", Lines: []report.Line{
			{TaskID: 1, Done: "Đã tổ chức hội nghị", Figures: "2 hội nghị", Estimated: 300, Allocated: 200, Spent: 150, Source: report.SourceLocal},
			{TaskID: 1, Estimated: 7, Source: report.SourceOther},
		}},
	}
	groups, budget := body(b.For(i18n.Vietnamese), pl, sources)
	if len(budget) != 2 || budget[0].Estimated != 400 || budget[0].Allocated != 280 || budget[0].Spent != 200 ||
		budget[0].Source != "Ngân sách địa phương" || budget[1].Estimated != 7 || budget[1].Source != "Nguồn khác" {
		t.Errorf("budget %+v", budget)
	}
	words := groups[0].Tasks[0].Reports
	if len(words) != 2 || words[0].Agency != "Sở Tài chính" || words[1].Text != "Đã tổ chức hội nghị\n2 hội nghị" {
		t.Errorf("words %+v", words)
	}
	if groups[0].Title != "I. Tuyên truyền" || groups[0].Tasks[1].Status != "Chưa triển khai" {
		t.Errorf("group %q, status %q", groups[0].Title, groups[0].Tasks[1].Status)
	}
}

func TestPlanned(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	cases := []struct {
		t    plan.Target
		want string
	}{
		{plan.Target{Comparator: plan.CmpGreater, Value: f(50), Unit: "%"}, "> 50%"},
		{plan.Target{Comparator: plan.CmpAtLeast, Value: f(1200), Unit: "hợp tác xã"}, "≥ 1.200 hợp tác xã"},
		{plan.Target{Comparator: plan.CmpBetween, Value: f(5.5), ValueMax: f(7), Unit: "%"}, "5,5 - 7%"},
		{plan.Target{Comparator: plan.CmpEqual, Value: f(3)}, "3"},
		{plan.Target{Text: "Phát triển bền vững"}, ""},
	}
	for _, c := range cases {
		if got := planned(c.t); got != c.want {
			t.Errorf("planned(%+v) = %q, want %q", c.t, got, c.want)
		}
	}
}

// TestItemCutsLongContent: a long task keeps its code and is cut at a
// word, with an ellipsis.
func TestItemCutsLongContent(t *testing.T) {
	long := strings.Repeat("hỗ trợ hợp tác xã ", 20)
	got := item(plan.Task{Code: "II.3", Content: long})
	if !strings.HasPrefix(got, "II.3. hỗ trợ") || !strings.HasSuffix(got, "…") || utf8.RuneCountInString(got) > maxItemLen+8 {
		t.Errorf("item = %q", got)
	}
	if got := item(plan.Task{Content: "Ngắn"}); got != "Ngắn" {
		t.Errorf("short item = %q", got)
	}
}
