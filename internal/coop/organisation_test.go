package coop

import (
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
)

func day(s string) *time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return &d
}

func validOrg() Organisation {
	return Organisation{Code: "2800123456", Name: "Hợp tác xã Nông nghiệp Thiệu Đô", Form: FormHTX,
		Sector: SectorAgriculture, Law: 2012, CommuneCode: "16018", CommuneValidFrom: day("2008-01-01"),
		NewCommuneCode: "16021", NewCommuneValidFrom: day("2025-07-01")}
}

// fields returns the names of the fields err names, with their keys.
func fields(err error) map[string]string {
	if err == nil {
		return nil
	}
	return apperr.As(err).Fields
}

func TestOrganisationValidate(t *testing.T) {
	for _, c := range []struct {
		name  string
		edit  func(*Organisation)
		field string // "" for valid
		key   string
	}{
		{"valid", func(*Organisation) {}, "", ""},
		{"branch code", func(o *Organisation) { o.Code = "2800123456-002" }, "", ""},
		{"branch code without hyphen is stored with it", func(o *Organisation) { o.Code = "2800123456002" }, "", ""},
		{"code of 9 digits", func(o *Organisation) { o.Code = "280012345" }, "code", "error.field.registration_code"},
		{"code with letters", func(o *Organisation) { o.Code = "28001234AB" }, "code", "error.field.registration_code"},
		{"htx without code", func(o *Organisation) { o.Code = "" }, "code", "error.field.required"},
		{"tht without code", func(o *Organisation) { o.Code, o.Form = "", FormTHT }, "", ""},
		{"no name", func(o *Organisation) { o.Name = " " }, "name", "error.field.required"},
		{"control char in name", func(o *Organisation) { o.Name = "HTX\u202eA" }, "name", "error.field.forbidden_chars"},
		{"credit fund is an htx", func(o *Organisation) { o.Sector = SectorCredit }, "", ""},
		{"unknown form", func(o *Organisation) { o.Form = "qtdnd" }, "form", "error.field.coop_form"},
		{"unknown sector", func(o *Organisation) { o.Sector = "mining" }, "sector", "error.field.coop_sector"},
		{"unknown law", func(o *Organisation) { o.Law = 2010 }, "law", "error.field.coop_law"},
		{"no law", func(o *Organisation) { o.Law = 0 }, "law", "error.field.coop_law"},
		{"commune code of 4 digits", func(o *Organisation) { o.CommuneCode = "1601" }, "commune_code", "error.field.commune_code"},
		{"commune without validity", func(o *Organisation) { o.CommuneValidFrom = nil }, "commune_valid_from", "error.field.unit_validity_required"},
		{"new commune without validity", func(o *Organisation) { o.NewCommuneValidFrom = nil }, "new_commune_valid_from", "error.field.unit_validity_required"},
		{"validity without commune", func(o *Organisation) { o.NewCommuneCode = "" }, "new_commune_code", "error.field.required"},
		{"no commune at all", func(o *Organisation) { o.CommuneCode, o.CommuneValidFrom = "", nil }, "", ""},
		{"registered before founded", func(o *Organisation) { o.FoundedOn, o.RegisteredOn = day("2010-05-01"), day("2009-01-01") },
			"registered_on", "error.field.registered_before_founded"},
		{"email without @", func(o *Organisation) { o.Email = "htx.vn" }, "email", "error.field.email"},
		{"unknown status", func(o *Organisation) { o.Status = "closed" }, "status", "error.field.coop_status"},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := validOrg()
			c.edit(&o)
			o.Normalize()
			err := o.Validate()
			if c.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if apperr.CodeOf(err) != apperr.Validation {
				t.Fatalf("error %v, want a validation error", err)
			}
			if got := fields(err)[c.field]; got != c.key {
				t.Errorf("field %s: %q, want %q (all: %v)", c.field, got, c.key, fields(err))
			}
		})
	}
}

func TestOrganisationNormalize(t *testing.T) {
	o := validOrg()
	o.Code = " 2800123456001 "
	o.Name = "Ho\u031b\u0323p ta\u0301c xa\u0303  Đông   Sơn" // NFD with doubled spaces, as pasted from Word
	o.Email = "HTX@Example.VN"
	o.Status = ""
	o.Normalize()
	if o.Code != "2800123456-001" {
		t.Errorf("code %q", o.Code)
	}
	if o.Name != "Hợp tác xã Đông Sơn" {
		t.Errorf("name %q", o.Name)
	}
	if o.Email != "htx@example.vn" {
		t.Errorf("email %q", o.Email)
	}
	if o.Status != StatusActive {
		t.Errorf("status %q, want active by default", o.Status)
	}
}
