// Package org describes the agencies that plans assign tasks to: provincial
// departments, district and commune committees, mass organisations, and the
// collective designations ("UBND các huyện, thị xã, thành phố") that plans
// use in place of a list.
package org

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/vntext"
)

// Kind groups agencies by what they are.
type Kind string

const (
	KindDepartment Kind = "department" // Sở, ban, ngành
	KindCommittee  Kind = "committee"  // UBND cấp huyện, cấp xã
	KindUnion      Kind = "union"      // Liên minh Hợp tác xã
	KindFront      Kind = "front"      // Mặt trận Tổ quốc, đoàn thể
	KindMedia      Kind = "media"      // báo, đài
	KindBank       Kind = "bank"
	KindCollective Kind = "collective" // a designation that stands for many agencies
	KindOther      Kind = "other"
)

// Kinds lists every kind in the order the UI offers them.
func Kinds() []Kind {
	return []Kind{KindDepartment, KindCommittee, KindUnion, KindFront, KindMedia, KindBank, KindCollective, KindOther}
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	for _, x := range Kinds() {
		if k == x {
			return true
		}
	}
	return false
}

// Agency is an organisation that leads or supports tasks.
type Agency struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	ShortName  string     `json:"short_name"`
	Kind       Kind       `json:"kind"`
	Collective bool       `json:"collective"`
	Aliases    []string   `json:"aliases"`
	ValidFrom  *time.Time `json:"valid_from"`
	ValidTo    *time.Time `json:"valid_to"`
	// SuccessorID is the agency that took over this one's duties, from
	// SuccessorSince; a task led by a merged agency is followed up there.
	SuccessorID    *int64     `json:"successor_id"`
	SuccessorSince *time.Time `json:"successor_since"`
	Flagged        bool       `json:"flagged"` // created by an import without a match; needs a look
	// UnitID is the administrative unit the agency serves, if any: UBND
	// xã X belongs to commune X.
	UnitID    *int64    `json:"unit_id"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Limits of an agency's fields, in characters. The agency form, imports
// and every other writer meet them in Validate; the i18n messages that
// name them quote the same numbers.
const (
	MaxNameLen      = 300 // the longest official names run to about 150
	MaxShortNameLen = 100
	// MaxAliases bounds the other names an agency is known by; import
	// resolves names against all of them, so the list stays short.
	MaxAliases  = 50
	MaxAliasLen = MaxNameLen
)

// Normalize passes every text field through the input boundary (NFC, one
// line, whitespace collapsed) and drops empty or repeated aliases. A field
// holding a control, bidirectional or noncharacter rune is left as typed,
// for Validate to refuse by name and the form to show again: an agency is
// typed by a person, who is told rather than silently corrected.
func (a *Agency) Normalize() {
	line := func(s string) string {
		if v, err := vntext.Line(s); err == nil {
			return v
		}
		return s
	}
	a.Name = line(a.Name)
	a.ShortName = line(a.ShortName)
	seen := map[string]bool{vntext.Fold(a.Name): true}
	var out []string
	for _, al := range a.Aliases {
		al = line(al)
		k := vntext.Fold(al)
		if strings.TrimSpace(al) == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, al)
	}
	a.Aliases = out
	if a.Kind == KindCollective {
		a.Collective = true
	}
}

// Validate checks the fields a user can get wrong.
func (a *Agency) Validate() error {
	fe := apperr.FieldErrors{}
	if vntext.Check(a.Name) != nil {
		fe.Add("name", "error.field.forbidden_chars")
	}
	if vntext.Check(a.ShortName) != nil {
		fe.Add("short_name", "error.field.forbidden_chars")
	}
	for _, al := range a.Aliases {
		if vntext.Check(al) != nil {
			fe.Add("aliases", "error.field.forbidden_chars")
		}
	}
	if a.Name == "" {
		fe.Add("name", "error.field.required")
	} else if utf8.RuneCountInString(a.Name) > MaxNameLen {
		fe.Add("name", "error.field.name_too_long")
	}
	if utf8.RuneCountInString(a.ShortName) > MaxShortNameLen {
		fe.Add("short_name", "error.field.short_name_too_long")
	}
	if len(a.Aliases) > MaxAliases {
		fe.Add("aliases", "error.field.aliases_too_many")
	}
	for _, al := range a.Aliases {
		if utf8.RuneCountInString(al) > MaxAliasLen {
			fe.Add("aliases", "error.field.alias_too_long")
		}
	}
	if !a.Kind.Valid() {
		fe.Add("kind", "error.field.kind")
	}
	if a.ValidFrom != nil && a.ValidTo != nil && a.ValidTo.Before(*a.ValidFrom) {
		fe.Add("valid_to", "error.field.valid_to_before_from")
	}
	if a.SuccessorID != nil {
		if a.ID != 0 && *a.SuccessorID == a.ID {
			fe.Add("successor_id", "error.field.successor_self")
		}
		if a.SuccessorSince == nil {
			fe.Add("successor_since", "error.field.required")
		}
	}
	return fe.Err()
}

// ActiveOn reports whether the agency exists on day d.
func (a *Agency) ActiveOn(d time.Time) bool {
	if a.ValidFrom != nil && d.Before(*a.ValidFrom) {
		return false
	}
	return a.ValidTo == nil || !d.After(*a.ValidTo)
}
