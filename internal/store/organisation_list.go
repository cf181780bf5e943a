package store

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/coop"
)

// OrganisationFilter selects organisations of the register. Empty fields
// select everything.
type OrganisationFilter struct {
	Query  string          // diacritic- and case-insensitive, over name, short name, code and address
	Form   coop.Form       //
	Sector coop.Sector     //
	Status coop.StatusKind // the current status
	// Commune is the code of a unit, province, district or commune, old
	// or new: it selects the organisations recorded in any unit it covers
	// (store.UnitCoverage), through the commune they were recorded in or
	// their post-reform commune. The new Hải Phòng thereby selects what
	// was recorded in old Hải Dương communes. A code no unit carries is
	// matched as recorded, for registers kept without the unit lists.
	Commune string
	// UnitOn picks, among the units that carried Commune, the one in force
	// that day (10507 was Cẩm Thượng until 30/06/2025, Thành Đông since);
	// zero takes every unit that ever carried the code.
	UnitOn time.Time
	// Year keeps organisations with figures of that year; Rating and
	// Exemplary then read that year's figures, and without a year each
	// organisation's latest.
	Year      int
	Rating    coop.Rating
	Exemplary bool
	Page      int
	PerPage   int
}

// coverSQL is UnitCoverage in one statement: from the units picked (the
// first bound values), down to the units under them and back to the old
// units they were formed from, to the bottom. One recursive reference,
// joined to both kinds of edge, because PostgreSQL allows no more.
const coverSQL = `WITH RECURSIVE cover(id) AS (
	SELECT u.id FROM units u WHERE u.code = ? %s
	UNION
	SELECT e.child FROM cover c JOIN (
		SELECT x.id AS child, x.parent_id AS up FROM units x WHERE x.parent_id IS NOT NULL
		UNION ALL SELECT s.unit_id, s.successor_id FROM unit_successors s) e ON e.up = c.id)
	SELECT id FROM cover`

// unitCond selects the organisations recorded in a unit covered by code
// (on day on, when set). An organisation's commune is its code and a day
// it bore that code (the import writes 1900-01-01 for the open start of
// the old lists), so it is the unit of that code in force that day.
func unitCond(code string, on time.Time) (string, []any) {
	pick, args := "", []any{code}
	if !on.IsZero() {
		d := on.Format(dateLayout)
		pick, args = "AND "+validOnSQL, append(args, d, d)
	}
	match := func(col string) string {
		return fmt.Sprintf(`(u.code = o.%[1]s_code AND (o.%[1]s_valid_from IS NULL OR
			((u.valid_from IS NULL OR u.valid_from <= o.%[1]s_valid_from) AND (u.valid_to IS NULL OR u.valid_to >= o.%[1]s_valid_from))))`, col)
	}
	return `(EXISTS (SELECT 1 FROM units u WHERE u.id IN (` + fmt.Sprintf(coverSQL, pick) + `) AND (` +
			match("commune") + ` OR ` + match("new_commune") + `))
		OR (NOT EXISTS (SELECT 1 FROM units n WHERE n.code = ?) AND (o.commune_code = ? OR o.new_commune_code = ?)))`,
		append(args, code, code, code)
}

// Organisations lists the organisations f selects in Vietnamese
// alphabetical order of their names, one page of them, with how many
// there are in all (organisation_find.go says how it stays fast).
func (db *DB) Organisations(ctx context.Context, f OrganisationFilter) ([]coop.Organisation, int, error) {
	p, err := db.OrganisationPage(ctx, f)
	return p.Items, p.Total, err
}

// ParseOrganisationFilter reads a filter from a page's or the API's query
// (q, form, sector, status, unit, year, rating, exemplary); the page and
// its size are the caller's. A value outside its list is an Invalid error
// naming the parameter, never a filter quietly dropped.
func ParseOrganisationFilter(q url.Values) (OrganisationFilter, error) {
	f := OrganisationFilter{Query: q.Get("q"), Form: coop.Form(q.Get("form")), Sector: coop.Sector(q.Get("sector")),
		Status: coop.StatusKind(q.Get("status")), Commune: strings.TrimSpace(q.Get("unit")), Rating: coop.Rating(q.Get("rating"))}
	bad := func(key string) (OrganisationFilter, error) { return f, apperr.New(apperr.Invalid, key) }
	switch {
	case f.Form != "" && !f.Form.Valid():
		return bad("error.param.form")
	case f.Sector != "" && !f.Sector.Valid():
		return bad("error.param.sector")
	case f.Status != "" && !f.Status.Valid():
		return bad("error.param.status")
	case !f.Rating.Valid():
		return bad("error.param.rating")
	case f.Commune != "" && !digitsOnly(f.Commune):
		return bad("error.param.unit")
	}
	if s := q.Get("unit_on"); s != "" {
		d, err := time.Parse(dateLayout, s)
		if err != nil || f.Commune == "" {
			return bad("error.param.unit_on")
		}
		f.UnitOn = d
	}
	if s := q.Get("year"); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < coop.MinYear || y > 9999 {
			return bad("error.param.year")
		}
		f.Year = y
	}
	switch q.Get("exemplary") {
	case "":
	case "true", "1", "on":
		f.Exemplary = true
	case "false", "0":
	default:
		return bad("error.param.exemplary")
	}
	return f, nil
}

// Values is the query that selects f again: pager links and exports keep
// the filter with it.
func (f OrganisationFilter) Values() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("q", f.Query)
	set("form", string(f.Form))
	set("sector", string(f.Sector))
	set("status", string(f.Status))
	set("unit", f.Commune)
	set("rating", string(f.Rating))
	if !f.UnitOn.IsZero() {
		v.Set("unit_on", f.UnitOn.Format(dateLayout))
	}
	if f.Year != 0 {
		v.Set("year", strconv.Itoa(f.Year))
	}
	if f.Exemplary {
		v.Set("exemplary", "true")
	}
	return v
}

func digitsOnly(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return len(s) <= 10
}
