package coop

import (
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
)

func TestStatusValidate(t *testing.T) {
	other := int64(9)
	self := int64(1)
	for _, c := range []struct {
		name  string
		s     Status
		field string
		key   string
	}{
		{"active", Status{Kind: StatusActive, On: *day("2020-01-01")}, "", ""},
		{"suspended with end", Status{Kind: StatusSuspended, On: *day("2023-01-01"), Until: day("2023-12-31"), Document: "QĐ 12/QĐ-UBND"}, "", ""},
		{"suspension ending before it starts", Status{Kind: StatusSuspended, On: *day("2023-01-01"), Until: day("2022-12-31")}, "until", "error.field.valid_to_before_from"},
		{"end on a dissolution", Status{Kind: StatusDissolved, On: *day("2023-01-01"), Until: day("2024-01-01")}, "until", "error.field.until_only_suspended"},
		{"merged needs target", Status{Kind: StatusMerged, On: *day("2024-01-01")}, "merged_into", "error.field.required"},
		{"merged into another", Status{OrganisationID: 1, Kind: StatusMerged, On: *day("2024-01-01"), MergedInto: &other}, "", ""},
		{"merged into itself", Status{OrganisationID: 1, Kind: StatusMerged, On: *day("2024-01-01"), MergedInto: &self}, "merged_into", "error.field.merged_into_self"},
		{"target on a bankruptcy", Status{Kind: StatusBankrupt, On: *day("2024-01-01"), MergedInto: &other}, "merged_into", "error.field.merged_into_only_merged"},
		{"no day", Status{Kind: StatusRevoked}, "on", "error.field.required"},
		{"unknown", Status{Kind: "sleeping", On: *day("2024-01-01")}, "kind", "error.field.coop_status"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.s.Validate()
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

func TestCurrent(t *testing.T) {
	at := func(s string) time.Time { return *day(s) }
	if got := Current(nil); got != StatusActive {
		t.Errorf("no history: %s", got)
	}
	h := []Status{
		{ID: 3, Kind: StatusActive, On: at("2024-01-01")},
		{ID: 1, Kind: StatusSuspended, On: at("2023-01-01")},
		{ID: 2, Kind: StatusDissolved, On: at("2025-03-01")},
	}
	if got := Current(h); got != StatusDissolved {
		t.Errorf("latest day: %s", got)
	}
	h = append(h, Status{ID: 4, Kind: StatusMerged, On: at("2025-03-01")})
	if got := Current(h); got != StatusMerged {
		t.Errorf("same day, recorded later: %s", got)
	}
}

func TestValidatePeople(t *testing.T) {
	ok := []Person{{Role: RoleChair, Name: "Nguyễn Văn An", Training: TrainingUniversity},
		{Role: RoleAccountant, Name: "Lê Thị Bình", Training: TrainingCollege}}
	if err := ValidatePeople(ok); err != nil {
		t.Fatalf("refused: %v", err)
	}
	for _, c := range []struct {
		name   string
		people []Person
		field  string
	}{
		{"twice", []Person{{Role: RoleChair, Name: "A", Training: TrainingNone}, {Role: RoleChair, Name: "B", Training: TrainingNone}}, "people_chair_role"},
		{"no name", []Person{{Role: RoleDirector, Training: TrainingNone}}, "people_director_name"},
		{"no training", []Person{{Role: RoleController, Name: "C"}}, "people_controller_training"},
		{"unknown role", []Person{{Role: "treasurer", Name: "D", Training: TrainingNone}}, "people_role"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := ValidatePeople(c.people)
			if _, ok := apperr.As(err).Fields[c.field]; !ok {
				t.Errorf("want an error on %s, got %v", c.field, err)
			}
		})
	}
}
