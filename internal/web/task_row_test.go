package web

import (
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/cachekey"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/plan"
)

// TestTaskRowsAsRendered: rows from the rendered-row cache read exactly as
// rows rendered afresh, in each language, and a task whose status alone
// changed gets a row of its own, not the one kept for its old status.
func TestTaskRowsAsRendered(t *testing.T) {
	t.Parallel()
	bundle, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC) }
	cached, err := New(nil, nil, bundle, slog.New(slog.DiscardHandler), now)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := New(nil, nil, bundle, slog.New(slog.DiscardHandler), now)
	if err != nil {
		t.Fatal(err)
	}
	plain.DisableCache()
	pct := 40
	successor := plan.AgencyRef{ID: 9, Name: "Sở Nông nghiệp và Môi trường"}
	tasks := []plan.Task{
		{ID: 1, Code: "I.1", Content: "Rà soát, thống nhất số liệu <hợp tác xã>",
			Lead:      []plan.AgencyRef{{ID: 3, Name: "Sở Tài chính"}},
			Support:   []plan.AgencyRef{{ID: 4, Name: "Sở Nông nghiệp", Successor: &successor}, {ID: 5, Name: "UBND các xã", Collective: true}},
			Timeframe: plan.Timeframe{Text: "Quý I/2026"}, Status: plan.StatusInProgress, Percent: &pct, DueSoon: true},
		{ID: 2, Code: "I.2", Content: "Tập huấn", Lead: []plan.AgencyRef{}, Support: []plan.AgencyRef{},
			Timeframe: plan.Timeframe{Text: "Thường xuyên"}, Status: plan.StatusOverdue},
	}
	for _, lang := range []string{"vi", "en"} {
		l := bundle.For(lang)
		want, err := plain.taskRows(l, tasks)
		if err != nil {
			t.Fatal(err)
		}
		for range 2 {
			got, err := cached.taskRows(l, tasks)
			if err != nil {
				t.Fatal(err)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("%s row %d from the cache:\n%s\nwant\n%s", lang, i, got[i], want[i])
				}
			}
		}
		if !strings.Contains(string(want[0]), "&lt;hợp tác xã&gt;") || !strings.Contains(string(want[0]), "→ Sở Nông nghiệp và Môi trường") {
			t.Errorf("%s row: %s", lang, want[0])
		}
		done := tasks[0]
		done.Status = plan.StatusDone
		got, err := cached.taskRows(l, []plan.Task{done})
		if err != nil {
			t.Fatal(err)
		}
		fresh, err := plain.taskRows(l, []plan.Task{done})
		if err != nil {
			t.Fatal(err)
		}
		if got[0] != fresh[0] || got[0] == want[0] {
			t.Errorf("%s: the row of a task now done is the one kept for it in progress:\n%s", lang, got[0])
		}
	}
}

// TestRowKeyCoversEveryField: changing any field of a row, or of one of
// its agencies or their successors, changes its key, and so does the
// language; two rows whose texts would run together differently differ.
func TestRowKeyCoversEveryField(t *testing.T) {
	t.Parallel()
	pct := 40
	base := taskRow{ID: 7, Code: "II.8", Content: "Tập huấn", Timeframe: "Năm 2026", Status: plan.StatusInProgress,
		Percent: &pct, Lead: []plan.AgencyRef{{ID: 3, Name: "Sở Tài chính"}},
		Support: []plan.AgencyRef{{ID: 4, Name: "Sở Kế hoạch và Đầu tư", Successor: &plan.AgencyRef{ID: 3, Name: "Sở Tài chính"}}}}
	keys := map[string]string{"base": base.key("vi"), "lang": base.key("en")}
	for path, m := range cachekey.Mutations(base) {
		keys[path] = m.(taskRow).key("vi")
	}
	deep := map[string]func(r *taskRow){
		"Lead[0].ID":                    func(r *taskRow) { r.Lead[0].ID++ },
		"Lead[0].Name":                  func(r *taskRow) { r.Lead[0].Name += "x" },
		"Lead[0].Collective":            func(r *taskRow) { r.Lead[0].Collective = true },
		"Lead[0].Successor":             func(r *taskRow) { r.Lead[0].Successor = &plan.AgencyRef{ID: 9} },
		"Support[0].Successor.Name":     func(r *taskRow) { r.Support[0].Successor.Name += "x" },
		"Support[0].Successor.ID":       func(r *taskRow) { r.Support[0].Successor.ID++ },
		"Support[0].Successor (none)":   func(r *taskRow) { r.Support[0].Successor = nil },
		"Percent 40 to 4":               func(r *taskRow) { p := 4; r.Percent = &p },
		"Code and Content run together": func(r *taskRow) { r.Code, r.Content = "II.8T", "ập huấn" },
		"an agency moved to support":    func(r *taskRow) { r.Lead, r.Support = nil, append(r.Lead, r.Support...) },
	}
	for name, change := range deep {
		r := base
		r.Lead = cloneRefs(base.Lead)
		r.Support = cloneRefs(base.Support)
		change(&r)
		keys[name] = r.key("vi")
	}
	seen := map[string]string{}
	for name, k := range keys {
		if other, ok := seen[k]; ok {
			t.Errorf("%s and %s give one key: a row would show the other's content", name, other)
		}
		seen[k] = name
	}
	if len(keys) < 15 {
		t.Errorf("only %d variants tried", len(keys))
	}
}

func cloneRefs(refs []plan.AgencyRef) []plan.AgencyRef {
	out := make([]plan.AgencyRef, len(refs))
	for i, a := range refs {
		out[i] = a
		if a.Successor != nil {
			s := *a.Successor
			out[i].Successor = &s
		}
	}
	return out
}
