package coop

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/vntext"
)

// Organisation is one THT, HTX or LHHTX of the register.
//
// Its commune is an administrative unit named by its official code
// together with the date the unit's validity starts, because codes were
// reused by the 2025 reform (old 10507 and new 10507 are different
// communes). CommuneCode is the unit it was recorded in, NewCommuneCode
// the post-reform commune it now belongs to.
type Organisation struct {
	ID        int64  `json:"id"`
	Code      string `json:"code"` // registration code; "" only for a THT without one
	Name      string `json:"name"`
	ShortName string `json:"short_name"`
	Form      Form   `json:"form"`
	Sector    Sector `json:"sector"`

	CommuneCode         string     `json:"commune_code"`
	CommuneValidFrom    *time.Time `json:"commune_valid_from"`
	NewCommuneCode      string     `json:"new_commune_code"`
	NewCommuneValidFrom *time.Time `json:"new_commune_valid_from"`
	Address             string     `json:"address"`

	FoundedOn    *time.Time `json:"founded_on"`
	RegisteredOn *time.Time `json:"registered_on"`
	Law          Law        `json:"law"`
	// ConvertedOn is when it re-registered under the 2012 law; CharterOn
	// when its charter was brought in line with the 2023 law.
	ConvertedOn *time.Time `json:"converted_on"`
	CharterOn   *time.Time `json:"charter_on"`

	Phone   string `json:"phone"`
	Email   string `json:"email"`
	Website string `json:"website"`

	// Status is the latest entry of its status history, kept on the row
	// so lists filter on it; only the store's status writes change it.
	Status    StatusKind `json:"status"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// Limits of an organisation's text fields, in characters.
const (
	MaxNameLen      = 300
	MaxShortNameLen = 100
	MaxAddressLen   = 500
	MaxContactLen   = 200
)

// communeCodeRE is an official commune code: five digits.
var communeCodeRE = regexp.MustCompile(`^[0-9]{5}$`)

// Normalize passes text fields through the input boundary (NFC, one line)
// and brings the registration code to its stored form when it is one.
// Text with forbidden characters is left as typed for Validate to name.
func (o *Organisation) Normalize() {
	o.Name = line(o.Name)
	o.ShortName = line(o.ShortName)
	o.Address = line(o.Address)
	o.Phone = line(o.Phone)
	o.Email = strings.ToLower(line(o.Email))
	o.Website = line(o.Website)
	o.Code = strings.TrimSpace(o.Code)
	if c, ok := NormalizeCode(o.Code); ok {
		o.Code = c
	}
	o.CommuneCode = strings.TrimSpace(o.CommuneCode)
	o.NewCommuneCode = strings.TrimSpace(o.NewCommuneCode)
	if o.Status == "" {
		o.Status = StatusActive
	}
	for _, d := range []**time.Time{&o.CommuneValidFrom, &o.NewCommuneValidFrom, &o.FoundedOn, &o.RegisteredOn,
		&o.ConvertedOn, &o.CharterOn} {
		*d = DayOf(*d)
	}
}

// DayOf is the calendar day of t as a UTC midnight, nil for nil: dates in
// the register are days, and two writes of the same day must compare equal
// whatever zone or hour they were parsed with.
func DayOf(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return &d
}

func line(s string) string {
	if v, err := vntext.Line(s); err == nil {
		return v
	}
	return s
}

// Validate checks the fields a person or a file can get wrong; every
// wrong field is named at once.
func (o *Organisation) Validate() error {
	fe := apperr.FieldErrors{}
	for name, v := range map[string]string{"name": o.Name, "short_name": o.ShortName, "address": o.Address,
		"phone": o.Phone, "email": o.Email, "website": o.Website} {
		if vntext.Check(v) != nil {
			fe.Add(name, "error.field.forbidden_chars")
		}
	}
	switch {
	case o.Code == "" && o.Form != FormTHT:
		fe.Add("code", "error.field.required")
	case o.Code != "" && !ValidCode(o.Code):
		fe.Add("code", "error.field.registration_code")
	}
	if o.Name == "" {
		fe.Add("name", "error.field.required")
	} else if utf8.RuneCountInString(o.Name) > MaxNameLen {
		fe.Add("name", "error.field.coop_name_too_long")
	}
	if utf8.RuneCountInString(o.ShortName) > MaxShortNameLen {
		fe.Add("short_name", "error.field.short_name_too_long")
	}
	if utf8.RuneCountInString(o.Address) > MaxAddressLen {
		fe.Add("address", "error.field.too_long")
	}
	for name, v := range map[string]string{"phone": o.Phone, "email": o.Email, "website": o.Website} {
		if utf8.RuneCountInString(v) > MaxContactLen {
			fe.Add(name, "error.field.too_long")
		}
	}
	if o.Email != "" && !strings.Contains(o.Email, "@") {
		fe.Add("email", "error.field.email")
	}
	if !o.Form.Valid() {
		fe.Add("form", "error.field.coop_form")
	}
	if !o.Sector.Valid() {
		fe.Add("sector", "error.field.coop_sector")
	}
	if !o.Law.Valid() {
		fe.Add("law", "error.field.coop_law")
	}
	if !o.Status.Valid() {
		fe.Add("status", "error.field.coop_status")
	}
	checkUnit(fe, "commune_code", "commune_valid_from", o.CommuneCode, o.CommuneValidFrom)
	checkUnit(fe, "new_commune_code", "new_commune_valid_from", o.NewCommuneCode, o.NewCommuneValidFrom)
	if o.FoundedOn != nil && o.RegisteredOn != nil && o.RegisteredOn.Before(*o.FoundedOn) {
		fe.Add("registered_on", "error.field.registered_before_founded")
	}
	return fe.Err()
}

// checkUnit requires a commune code to be an official one and to say which
// unit of that code it means: its validity start.
func checkUnit(fe apperr.FieldErrors, codeField, fromField, code string, from *time.Time) {
	switch {
	case code == "" && from != nil:
		fe.Add(codeField, "error.field.required")
	case code != "" && !communeCodeRE.MatchString(code):
		fe.Add(codeField, "error.field.commune_code")
	case code != "" && from == nil:
		fe.Add(fromField, "error.field.unit_validity_required")
	}
}

// IsCreditFund reports whether the organisation is a people's credit fund.
func (o *Organisation) IsCreditFund() bool { return o.Form == FormHTX && o.Sector == SectorCredit }
