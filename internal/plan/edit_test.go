package plan_test

import (
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/plan"
)

func TestTaskEditValidate(t *testing.T) {
	t.Parallel()
	s := func(v string) *string { return &v }
	tests := []struct {
		name  string
		e     plan.TaskEdit
		field string // "" when valid
	}{
		{"content", plan.TaskEdit{Content: s("Tập huấn")}, ""},
		{"nothing", plan.TaskEdit{Reason: "Lý do"}, "content"},
		{"blank content after cleaning", plan.TaskEdit{Content: s(" \t ")}, "content"},
		{"blank timeframe", plan.TaskEdit{Timeframe: s("  ")}, "timeframe"},
		{"no lead", plan.TaskEdit{Lead: []int64{}}, "lead"},
		{"clearing support is a change", plan.TaskEdit{Support: []int64{}}, ""},
		{"drop without decision", plan.TaskEdit{Drop: true}, "decision"},
		{"drop with decision", plan.TaskEdit{Drop: true, Decision: " Quyết định số 12/QĐ-UBND "}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.e
			e.Normalize()
			err := e.Validate()
			if tt.field == "" {
				if err != nil {
					t.Errorf("refused: %v", err)
				}
				return
			}
			if apperr.As(err).Fields[tt.field] == "" {
				t.Errorf("error %v names no field %s", err, tt.field)
			}
		})
	}
}

func TestCheckAgencies(t *testing.T) {
	t.Parallel()
	if err := plan.CheckAgencies([]int64{1}, []int64{2}); err != nil {
		t.Errorf("distinct lead and support refused: %v", err)
	}
	if apperr.As(plan.CheckAgencies(nil, []int64{2})).Fields["lead"] == "" {
		t.Error("no lead agency accepted")
	}
	if apperr.As(plan.CheckAgencies([]int64{1, 2}, []int64{2})).Fields["support"] == "" {
		t.Error("an agency both leading and supporting accepted")
	}
}
