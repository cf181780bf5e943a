package coop

import (
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
)

var today = time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)

func TestFiguresValidate(t *testing.T) {
	base := YearFigures{Year: 2025, MembersIndividual: 40, Employees: 12, MemberEmployees: 10,
		CharterCapital: 1_500_000_000, Revenue: 3_200_000_000, Profit: -45_000_000, AvgIncome: 62_000_000, Rating: RatingGood}
	for _, c := range []struct {
		name  string
		edit  func(*YearFigures)
		field string
		key   string
	}{
		{"valid, a loss included", func(*YearFigures) {}, "", ""},
		{"not rated", func(f *YearFigures) { f.Rating = "" }, "", ""},
		{"next year", func(f *YearFigures) { f.Year = 2027 }, "", ""},
		{"two years ahead", func(f *YearFigures) { f.Year = 2028 }, "year", "error.field.figures_year"},
		{"before the first law", func(f *YearFigures) { f.Year = 1995 }, "year", "error.field.figures_year"},
		{"negative members", func(f *YearFigures) { f.MembersHousehold = -1 }, "members_household", "error.field.negative"},
		{"negative capital", func(f *YearFigures) { f.CharterCapital = -1 }, "charter_capital", "error.field.negative"},
		{"absurd revenue", func(f *YearFigures) { f.Revenue = MaxMoney + 1 }, "revenue", "error.field.too_large"},
		{"absurd loss", func(f *YearFigures) { f.Profit = -MaxMoney - 1 }, "profit", "error.field.too_large"},
		{"more member employees than employees", func(f *YearFigures) { f.MemberEmployees = 13 }, "member_employees", "error.field.member_employees_over"},
		{"unknown rating", func(f *YearFigures) { f.Rating = "excellent" }, "rating", "error.field.coop_rating"},
		{"unknown filing", func(f *YearFigures) { f.Filing = "late" }, "filing", "error.field.filing"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := base
			c.edit(&f)
			err := f.Validate(today)
			if c.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if got := apperr.As(err).Fields[c.field]; got != c.key {
				t.Errorf("%s: %q, want %q (%v)", c.field, got, c.key, err)
			}
		})
	}
}

// The minimum sizes of Law 17/2023 warn and never refuse.
func TestWarnings(t *testing.T) {
	for _, c := range []struct {
		name string
		form Form
		f    YearFigures
		key  string
	}{
		{"tht of 1", FormTHT, YearFigures{MembersIndividual: 1}, "warning.coop.tht_min_members"},
		{"tht of 2", FormTHT, YearFigures{MembersHousehold: 2}, ""},
		{"htx of 4", FormHTX, YearFigures{MembersIndividual: 2, MembersHousehold: 1, MembersLegal: 1}, "warning.coop.htx_min_members"},
		{"htx of 5 across kinds", FormHTX, YearFigures{MembersIndividual: 2, MembersHousehold: 2, MembersLegal: 1}, ""},
		{"lhhtx of 1 htx", FormLHHTX, YearFigures{MemberCoops: 1, MembersLegal: 9}, "warning.coop.lhhtx_min_coops"},
		{"lhhtx of 2 htx", FormLHHTX, YearFigures{MemberCoops: 2}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.f.Year = 2025
			if err := c.f.Validate(today); err != nil {
				t.Fatalf("a small organisation is refused: %v", err)
			}
			w := c.f.Warnings(c.form)
			switch {
			case c.key == "" && len(w) > 0:
				t.Errorf("warnings %v, want none", w)
			case c.key != "" && (len(w) != 1 || w[0].Key != c.key):
				t.Errorf("warnings %v, want %s", w, c.key)
			}
		})
	}
}

func TestSameNumbers(t *testing.T) {
	a := YearFigures{Year: 2025, Revenue: 10, Filing: FilingDraft}
	b := a
	b.Filing, b.FilingComment = FilingAccepted, "ok"
	if !a.SameNumbers(&b) {
		t.Error("the filing is not a number")
	}
	b.OCOPProducts = 1
	if a.SameNumbers(&b) {
		t.Error("a changed product count is a change")
	}
}

func TestNext(t *testing.T) {
	for _, c := range []struct {
		from    Filing
		step    FilingStep
		byCoop  bool
		comment string
		want    Filing
		err     string // the field refused
	}{
		{FilingNone, StepSave, true, "", FilingDraft, ""},
		{FilingDraft, StepSubmit, true, "", FilingSubmitted, ""},
		{FilingReturned, StepSubmit, true, "", FilingSubmitted, ""},
		{FilingSubmitted, StepSave, true, "", FilingSubmitted, "filing"},
		{FilingAccepted, StepSubmit, true, "", FilingAccepted, "filing"},
		{FilingSubmitted, StepAccept, true, "", FilingSubmitted, "filing"}, // a cooperative never accepts its own
		{FilingSubmitted, StepAccept, false, "", FilingAccepted, ""},
		{FilingSubmitted, StepReturn, false, "Thiếu doanh thu", FilingReturned, ""},
		{FilingSubmitted, StepReturn, false, "", FilingSubmitted, "filing_comment"},
		{FilingDraft, StepAccept, false, "", FilingDraft, "filing"},
		{FilingAccepted, StepSave, false, "", FilingAccepted, ""}, // the coordinator corrects figures
		{FilingNone, StepSave, false, "", FilingNone, ""},
	} {
		got, err := Next(c.from, c.step, c.byCoop, c.comment)
		name := string(c.from) + "/" + string(c.step)
		if c.err == "" && (err != nil || got != c.want) {
			t.Errorf("%s coop=%v: %q, %v; want %q", name, c.byCoop, got, err, c.want)
		}
		if c.err != "" {
			if _, ok := apperr.As(err).Fields[c.err]; !ok {
				t.Errorf("%s coop=%v: error %v, want one on %s", name, c.byCoop, err, c.err)
			}
		}
	}
	if d := FilingDue(2026); d.Format("02/01/2006") != "15/12/2026" {
		t.Errorf("due %v", d)
	}
}
