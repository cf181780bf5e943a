package web

import (
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/org"
)

func TestParseFormDate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in, want string
		bad      bool
	}{
		{"2026-07-01", "2026-07-01", false},
		{"01/07/2026", "2026-07-01", false},
		{"1/7/2026", "2026-07-01", false},
		{"  2026-07-01  ", "2026-07-01", false},
		{"", "", false},
		{"31/02/2026", "", true},
		{"07/01/2026 ", "2026-01-07", false},
		{"hôm qua", "", true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			d, ok := parseFormDate(tc.in)
			if got := isoDate(d); got != tc.want || ok == tc.bad {
				t.Errorf("parseFormDate(%q) = %q, %v; want %q, bad %v", tc.in, got, ok, tc.want, tc.bad)
			}
		})
	}
}

// TestAgencyFormValidate: the form refuses what it cannot read, each beside
// its field, and leaves the agency's own rules to org and the store.
func TestAgencyFormValidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		form url.Values
		want map[string]string
	}{
		{"all readable", url.Values{"name": {"Ban Mới"}, "valid_from": {"01/01/2020"}, "successor_id": {"3"}}, nil},
		{"empty name is the store's to refuse", url.Values{}, nil},
		{"dates that are not", url.Values{"valid_from": {"hôm qua"}, "valid_to": {"31/02/2026"}, "successor_since": {"x"}},
			map[string]string{"valid_from": "error.field.date", "valid_to": "error.field.date",
				"successor_since": "error.field.date"}},
		{"successor not a number", url.Values{"successor_id": {"Sở Tài chính"}},
			map[string]string{"successor_id": "error.field.successor_missing"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fe := parseAgencyForm(postRequest(tc.form), 0).Validate()
			if len(fe) != len(tc.want) {
				t.Errorf("Validate = %v, want %v", fe, tc.want)
			}
			for field, key := range tc.want {
				if fe[field] != key {
					t.Errorf("Validate[%s] = %q, want %q", field, fe[field], key)
				}
			}
		})
	}
}

// TestAgencyFormRoundTrip: an agency opened for editing and saved unchanged
// is the same agency, and a submitted form refills the page as typed.
func TestAgencyFormRoundTrip(t *testing.T) {
	t.Parallel()
	day := func(s string) *time.Time {
		d, _ := time.Parse("2006-01-02", s)
		return &d
	}
	succ, unitID := int64(3), int64(4711)
	a := org.Agency{ID: 9, Name: "Sở Kế hoạch và Đầu tư", ShortName: "SKHĐT", Kind: org.KindDepartment,
		Collective: true, Aliases: []string{"Sở KH&ĐT", "SKHDT"}, ValidFrom: day("2008-01-01"),
		ValidTo: day("2025-02-28"), SuccessorID: &succ, SuccessorSince: day("2025-03-01"), UnitID: &unitID}
	if got := agencyFormOf(a).Agency(); !reflect.DeepEqual(got, a) {
		t.Errorf("agencyFormOf(a).Agency() = %+v, want %+v", got, a)
	}
	if got := agencyFormOf(org.Agency{Kind: org.KindOther}).Agency(); got.SuccessorID != nil || got.ValidFrom != nil {
		t.Errorf("an empty agency came back with %+v", got)
	}

	typed := url.Values{"name": {" Ban Mới "}, "short_name": {"BM"}, "kind": {"other"}, "collective": {"1"},
		"aliases": {"BM1\r\n\r\nBM1"}, "valid_from": {"01/01/2020"}, "valid_to": {"hôm qua"},
		"successor_id": {"3"}, "successor_since": {""}, "unit_id": {""}}
	f := parseAgencyForm(postRequest(typed), 9)
	want := map[string]string{}
	for k := range typed {
		want[k] = typed.Get(k)
	}
	if got := f.Values(); !reflect.DeepEqual(got, want) {
		t.Errorf("Values = %v, want what was typed %v", got, want)
	}

	// After the store refused it, the names show as the store cleaned
	// them, the dates as typed: a typed day is not rewritten.
	clean := f.Agency()
	clean.Normalize()
	g := f.normalizedAs(clean).Values()
	if g["name"] != "Ban Mới" || g["aliases"] != "BM1" || g["valid_from"] != "01/01/2020" ||
		g["valid_to"] != "hôm qua" || g["successor_id"] != "3" || g["collective"] != "1" {
		t.Errorf("refill after the store = %v", g)
	}
}
