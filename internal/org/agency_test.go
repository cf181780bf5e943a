package org

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/i18n"
	"golang.org/x/text/unicode/norm"
)

func aliases(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("Tên %d", i)
	}
	return out
}

// TestAgencyRules: the boundary and the limits, as the store applies them
// (Normalize, then Validate), with the field named.
func TestAgencyRules(t *testing.T) {
	day := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		a          Agency
		field, key string // "" when accepted
	}{
		{name: "plain", a: Agency{Name: "Sở Tài chính", ShortName: "STC", Kind: KindDepartment}},
		{name: "name at the limit", a: Agency{Name: strings.Repeat("ữ", MaxNameLen), Kind: KindDepartment}},
		{name: "name over the limit", a: Agency{Name: strings.Repeat("ữ", MaxNameLen+1), Kind: KindDepartment},
			field: "name", key: "error.field.name_too_long"},
		{name: "short name over the limit", a: Agency{Name: "Sở", ShortName: strings.Repeat("a", MaxShortNameLen+1), Kind: KindDepartment},
			field: "short_name", key: "error.field.short_name_too_long"},
		{name: "no name", a: Agency{Name: " \u200B ", Kind: KindDepartment}, field: "name", key: "error.field.required"},
		{name: "NUL in name", a: Agency{Name: "Sở\x00 Tài chính", Kind: KindDepartment}, field: "name", key: "error.field.forbidden_chars"},
		{name: "RLO in name", a: Agency{Name: "Sở Tài chính\u202E", Kind: KindDepartment}, field: "name", key: "error.field.forbidden_chars"},
		{name: "bidi isolate in short name", a: Agency{Name: "Sở", ShortName: "\u2067STC", Kind: KindDepartment},
			field: "short_name", key: "error.field.forbidden_chars"},
		{name: "escape in an alias", a: Agency{Name: "Sở", Aliases: []string{"ok", "\x1b[2J"}, Kind: KindDepartment},
			field: "aliases", key: "error.field.forbidden_chars"},
		{name: "aliases at the limit", a: Agency{Name: "Sở", Aliases: aliases(MaxAliases), Kind: KindDepartment}},
		{name: "aliases over the limit", a: Agency{Name: "Sở", Aliases: aliases(MaxAliases + 1), Kind: KindDepartment},
			field: "aliases", key: "error.field.aliases_too_many"},
		{name: "20,000 aliases", a: Agency{Name: "Sở", Aliases: aliases(20000), Kind: KindDepartment},
			field: "aliases", key: "error.field.aliases_too_many"},
		{name: "repeats do not count", a: Agency{Name: "Sở", Aliases: slices.Repeat([]string{"STC", "stc", ""}, 100), Kind: KindDepartment}},
		{name: "alias over the limit", a: Agency{Name: "Sở", Aliases: []string{strings.Repeat("a", MaxAliasLen+1)}, Kind: KindDepartment},
			field: "aliases", key: "error.field.alias_too_long"},
		{name: "unknown kind", a: Agency{Name: "Sở", Kind: "ministry"}, field: "kind", key: "error.field.kind"},
		{name: "successor without date", a: Agency{ID: 1, Name: "Sở", Kind: KindDepartment, SuccessorID: new(int64)},
			field: "successor_since", key: "error.field.required"},
		{name: "ends before it starts", a: Agency{Name: "Sở", Kind: KindDepartment, ValidFrom: &day, ValidTo: ptr(day.AddDate(0, 0, -1))},
			field: "valid_to", key: "error.field.valid_to_before_from"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.a
			a.Normalize()
			err := a.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			e := apperr.As(err)
			if e.Code != apperr.Validation || e.Fields[tt.field] != tt.key {
				t.Fatalf("err = %v, want %s on %s", err, tt.key, tt.field)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestAgencyNormalize(t *testing.T) {
	a := Agency{Name: norm.NFD.String("  Sở  Tài\tchính "), ShortName: "\uFEFFSTC",
		Aliases: []string{"Sở Tài chính", " STC ", "stc", "", "Sở\u00A0KH&ĐT"}, Kind: KindCollective}
	a.Normalize()
	if err := a.Validate(); err != nil {
		t.Fatal(err)
	}
	if a.Name != "Sở Tài chính" || a.ShortName != "STC" || !a.Collective {
		t.Errorf("got %q %q collective=%v", a.Name, a.ShortName, a.Collective)
	}
	if want := []string{"STC", "Sở KH&ĐT"}; !slices.Equal(a.Aliases, want) {
		t.Errorf("aliases %q, want %q", a.Aliases, want)
	}
	// A refused field keeps what was typed, so the form can show it again.
	b := Agency{Name: "Sở\x00", Kind: KindDepartment}
	if b.Normalize(); b.Validate() == nil || b.Name != "Sở\x00" {
		t.Errorf("refused name became %q", b.Name)
	}
}

// TestAgencyLimitMessages: the messages quote the limits the code enforces.
func TestAgencyLimitMessages(t *testing.T) {
	b, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for key, limit := range map[string]int{"error.field.name_too_long": MaxNameLen, "error.field.short_name_too_long": MaxShortNameLen,
		"error.field.aliases_too_many": MaxAliases, "error.field.alias_too_long": MaxAliasLen} {
		for _, lang := range []string{"vi", "en"} {
			if m := b.T(lang, key); !strings.Contains(m, strconv.Itoa(limit)) {
				t.Errorf("%s %s = %q, want it to quote %d", lang, key, m, limit)
			}
		}
	}
	for _, lang := range []string{"vi", "en"} {
		m := b.T(lang, "agency.aliases_hint")
		if !strings.Contains(m, strconv.Itoa(MaxAliases)) || !strings.Contains(m, strconv.Itoa(MaxAliasLen)) {
			t.Errorf("%s agency.aliases_hint = %q, want both limits", lang, m)
		}
	}
}
