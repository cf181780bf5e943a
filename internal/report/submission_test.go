package report

import (
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
)

func TestSubmissionValidate(t *testing.T) {
	status := func(s string) bool { return s == "in_progress" || s == "done" }
	good := func() Submission {
		return Submission{Narrative: "Đã triển khai", Lines: []Line{{TaskID: 1, Status: "done", Done: "Tổ chức 3 lớp",
			Estimated: 500_000_000, Allocated: 400_000_000, Spent: 350_000_000, Source: SourceLocal}}}
	}
	tests := []struct {
		name  string
		spoil func(*Submission)
		field string
		key   string
	}{
		{"good", func(*Submission) {}, "", ""},
		{"amount at the limit", func(s *Submission) { s.Lines[0].Spent = MaxAmount }, "", ""},
		{"amount over the limit", func(s *Submission) { s.Lines[0].Spent = MaxAmount + 1 }, "lines.1.budget_spent", "error.field.budget_amount"},
		{"negative amount", func(s *Submission) { s.Lines[0].Allocated = -1 }, "lines.1.budget_allocated", "error.field.budget_amount"},
		{"unknown source", func(s *Submission) { s.Lines[0].Source = "bank" }, "lines.1.budget_source", "error.field.budget_source"},
		{"unknown status", func(s *Submission) { s.Lines[0].Status = "overdue" }, "lines.1.status", "error.field.status"},
		{"bidi in proposals", func(s *Submission) { s.Proposals = "đề xuất\u202E" }, "proposals", "error.field.forbidden_chars"},
		{"narrative too long", func(s *Submission) { s.Narrative = strings.Repeat("ữ", MaxTextLen+1) }, "narrative", "error.field.report_text_too_long"},
		{"figures too long", func(s *Submission) { s.Lines[0].Figures = strings.Repeat("1", MaxLineLen+1) }, "lines.1.figures", "error.field.report_line_too_long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := good()
			tt.spoil(&s)
			s.Normalize()
			err := s.Validate(status)
			if tt.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if got := apperr.As(err).Fields[tt.field]; got != tt.key {
				t.Errorf("err %v, want %s on %s", err, tt.key, tt.field)
			}
		})
	}
}
