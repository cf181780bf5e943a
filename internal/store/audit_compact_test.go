package store

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
)

func TestCompactAudit(t *testing.T) {
	day := time.Date(2020, 3, 15, 0, 0, 0, 0, time.UTC)
	after := &coop.YearFigures{OrganisationID: 7, Year: 2024, MembersIndividual: 12, Revenue: 1_500_000_000,
		Rating: "good", Exemplary: true, UpdatedAt: day}
	b, a, err := compactAudit(nil, after)
	if err != nil || b != nil {
		t.Fatalf("create: %s, %v", b, err)
	}
	want := `{"organisation_id":7,"year":2024,"members_individual":12,"revenue":1500000000,"rating":"good","exemplary":true}`
	if string(a) != want {
		t.Errorf("create\n got %s\nwant %s", a, want)
	}
	before := *after
	before.Revenue, before.Exemplary = 900, false
	before.UpdatedAt = day.AddDate(1, 0, 0)
	b, a, err = compactAudit(&before, after)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"organisation_id":7,"year":2024,"revenue":900,"exemplary":false}` ||
		string(a) != `{"organisation_id":7,"year":2024,"revenue":1500000000,"exemplary":true}` {
		t.Errorf("update: %s → %s", b, a)
	}
	// Text is escaped as encoding/json escapes it; a time as it writes it.
	o := &coop.Organisation{ID: 3, Name: "HTX \"Tân Hòa\" <A&B>\n\u2028", FoundedOn: &day}
	_, a, err = compactAudit(nil, o)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(a, &got); err != nil || got["name"] != o.Name || got["founded_on"] != "2020-03-15T00:00:00Z" || len(got) != 3 {
		t.Errorf("organisation %s (%v)", a, err)
	}
	name, _ := json.Marshal(o.Name)
	if !json.Valid(a) || !containsBytes(a, name) {
		t.Errorf("name not escaped as encoding/json does: %s", a)
	}
	if _, _, err := compactAudit(nil, 5); err == nil {
		t.Error("a value that is no struct was accepted")
	}
}

func containsBytes(s, sub []byte) bool { return strings.Contains(string(s), string(sub)) }
