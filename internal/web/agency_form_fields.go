package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/org"
)

// agencyForm is the agency form's fields as text: as typed when it was
// submitted, or as stored when an agency is opened for editing. The page
// is always filled from it, so a refused form keeps what was typed.
type agencyForm struct {
	ID             int64 // 0 for a new agency
	Name           string
	ShortName      string
	Kind           string
	Collective     bool
	Aliases        string // one a line
	ValidFrom      string
	ValidTo        string
	SuccessorID    string
	SuccessorSince string
	// UnitID is the agency's administrative unit, carried through the
	// form unchanged (the form has no unit picker yet), so saving the
	// form never drops it.
	UnitID string
}

// parseAgencyForm reads the submitted form once, for the agency id (0 when
// it is a new one).
func parseAgencyForm(r *http.Request, id int64) agencyForm {
	return agencyForm{ID: id, Name: r.PostFormValue("name"), ShortName: r.PostFormValue("short_name"),
		Kind: r.PostFormValue("kind"), Collective: r.PostFormValue("collective") != "",
		Aliases: r.PostFormValue("aliases"), ValidFrom: r.PostFormValue("valid_from"),
		ValidTo: r.PostFormValue("valid_to"), SuccessorID: r.PostFormValue("successor_id"),
		SuccessorSince: r.PostFormValue("successor_since"), UnitID: r.PostFormValue("unit_id")}
}

// agencyFormOf is the form for a stored agency.
func agencyFormOf(a org.Agency) agencyForm {
	f := agencyForm{ID: a.ID, Name: a.Name, ShortName: a.ShortName, Kind: string(a.Kind), Collective: a.Collective,
		Aliases: strings.Join(a.Aliases, "\n"), ValidFrom: isoDate(a.ValidFrom), ValidTo: isoDate(a.ValidTo),
		SuccessorSince: isoDate(a.SuccessorSince)}
	if a.SuccessorID != nil {
		f.SuccessorID = strconv.FormatInt(*a.SuccessorID, 10)
	}
	if a.UnitID != nil {
		f.UnitID = strconv.FormatInt(*a.UnitID, 10)
	}
	return f
}

// Validate reports the fields the form cannot read: a date that is not one
// and a successor that is not an agency's number. The rules of an agency
// (name required, aliases unique, no succession cycle) are org's and the
// store's, whose field errors join these.
func (f agencyForm) Validate() apperr.FieldErrors {
	fe := apperr.FieldErrors{}
	for _, d := range []struct{ field, value string }{
		{"valid_from", f.ValidFrom}, {"valid_to", f.ValidTo}, {"successor_since", f.SuccessorSince}} {
		if _, ok := parseFormDate(d.value); !ok {
			fe.Add(d.field, "error.field.date")
		}
	}
	if _, ok := f.successor(); !ok {
		fe.Add("successor_id", "error.field.successor_missing")
	}
	if _, ok := formID(f.UnitID); !ok {
		fe.Add("unit_id", "error.field.unit_missing")
	}
	return fe
}

// Agency is the agency the form describes; only meaningful once Validate
// found nothing.
func (f agencyForm) Agency() org.Agency {
	a := org.Agency{ID: f.ID, Name: f.Name, ShortName: f.ShortName, Kind: org.Kind(f.Kind), Collective: f.Collective,
		Aliases: strings.Split(f.Aliases, "\n")}
	a.ValidFrom, _ = parseFormDate(f.ValidFrom)
	a.ValidTo, _ = parseFormDate(f.ValidTo)
	a.SuccessorSince, _ = parseFormDate(f.SuccessorSince)
	a.SuccessorID, _ = f.successor()
	a.UnitID, _ = formID(f.UnitID)
	return a
}

// normalizedAs is the form after the store refused a: the names, kind and
// aliases as the store cleaned them (trimmed, duplicates dropped), the
// dates and successor as typed.
func (f agencyForm) normalizedAs(a org.Agency) agencyForm {
	g := agencyFormOf(a)
	g.ID = f.ID
	g.ValidFrom, g.ValidTo, g.SuccessorID, g.SuccessorSince = f.ValidFrom, f.ValidTo, f.SuccessorID, f.SuccessorSince
	g.UnitID = f.UnitID
	return g
}

// Values refills the template's text fields (.Form).
func (f agencyForm) Values() map[string]string {
	collective := ""
	if f.Collective {
		collective = "1"
	}
	return map[string]string{"name": f.Name, "short_name": f.ShortName, "kind": f.Kind, "collective": collective,
		"aliases": f.Aliases, "valid_from": f.ValidFrom, "valid_to": f.ValidTo,
		"successor_id": f.SuccessorID, "successor_since": f.SuccessorSince, "unit_id": f.UnitID}
}

// successor is the chosen successor; nil for none, ok false when the value
// is not a number.
func (f agencyForm) successor() (*int64, bool) {
	if f.SuccessorID == "" {
		return nil, true
	}
	id, err := strconv.ParseInt(f.SuccessorID, 10, 64)
	if err != nil {
		return nil, false
	}
	return &id, true
}

// formID reads an optional record number: nil for an empty field, ok
// false for one that is not a number.
func formID(s string) (*int64, bool) {
	if s == "" {
		return nil, true
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return nil, false
	}
	return &id, true
}

// parseFormDate reads a yyyy-mm-dd date input (or dd/mm/yyyy typed by
// hand); nil for an empty field, ok false for one that is not a date.
func parseFormDate(s string) (*time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, true
	}
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return &t, true
		}
	}
	return nil, false
}

// isoDate is a date as a date input holds it.
func isoDate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format("2006-01-02")
}
