package registerload

import (
	"context"
	"errors"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/registerimport"
	"github.com/hoptac/hoptac/internal/store"
)

// KeyCommuneUnknown is the row error of a commune code no unit carried in
// the figures' year.
const KeyCommuneUnknown = "register.import.commune_unknown"

// fieldError is a row's error before its column is known: the field of
// the register file it is about.
type fieldError struct {
	row   int
	field string
	key   string
	args  []any
}

// columnOf maps the fields coop's validation names to the register
// file's fields, whose column the message then names.
var columnOf = map[string]string{
	"code": registerimport.FieldCode, "name": registerimport.FieldName, "short_name": registerimport.FieldShortName,
	"form": registerimport.FieldForm, "sector": registerimport.FieldSector, "address": registerimport.FieldAddress,
	"phone": registerimport.FieldPhone, "email": registerimport.FieldEmail, "law": registerimport.FieldLaw,
	"status": registerimport.FieldStatus, "commune_code": registerimport.FieldCommuneCode,
	"founded_on": registerimport.FieldFounded, "registered_on": registerimport.FieldRegistered,
	"year": registerimport.FieldYear, "members_individual": registerimport.FieldIndividuals,
	"members_household": registerimport.FieldHouseholds, "members_legal": registerimport.FieldLegalEntities,
	"member_coops": registerimport.FieldMemberCoops, "employees": registerimport.FieldEmployees,
	"member_employees": registerimport.FieldEmployeeMembs, "charter_capital": registerimport.FieldCapital,
	"total_assets": registerimport.FieldAssets, "revenue": registerimport.FieldRevenue,
	"profit": registerimport.FieldProfit, "avg_income": registerimport.FieldIncome,
	"rating": registerimport.FieldRating, "ocop_products": registerimport.FieldOCOP,
}

// reformDay is the first day of the communes of the 2025 reform.
var reformDay = time.Date(2025, time.July, 1, 0, 0, 0, 0, time.UTC)

// communeDay is the day a row's commune code is read on: the last day of
// its figures' year, so a code of 2024 names the commune before the
// reform and one of 2025 or later the commune after it (or, when no new
// commune carries it, the old one: see build).
func communeDay(year int) time.Time {
	return time.Date(year, time.December, 31, 0, 0, 0, 0, time.UTC)
}

// resolver resolves commune codes once per code and unit: a register
// names a few thousand communes in hundreds of thousands of rows, each
// year of them on another day, and a unit found for one day stands for
// every day it was in force.
type resolver struct {
	db    *store.DB
	units map[string][]*store.UnitResolution // by code: the units found so far
	none  map[string]bool                    // code@day that no unit carried
	last  lastOrg                            // the organisation of the row before
}

func newResolver(db *store.DB) *resolver {
	return &resolver{db: db, units: map[string][]*store.UnitResolution{}, none: map[string]bool{}}
}

func (r *resolver) resolve(ctx context.Context, code string, on time.Time) (*store.UnitResolution, error) {
	for _, res := range r.units[code] {
		if res.Unit.ValidOn(on) {
			return res, nil
		}
	}
	key := code + "@" + on.Format(time.DateOnly)
	if r.none[key] {
		return nil, nil
	}
	res, err := r.db.ResolveUnit(ctx, code, on)
	switch {
	case err == nil:
		r.units[code] = append(r.units[code], &res)
		return &res, nil
	case apperr.CodeOf(err) != apperr.NotFound:
		return nil, err
	}
	r.none[key] = true
	return nil, nil
}

// rowCheck builds the rows of a file and keeps the errors of the bad
// ones (the first max, all counted), for the import and the check alike.
type rowCheck struct {
	rs    *resolver
	today time.Time
	max   int
	errs  []fieldError
	bad   int
}

// build builds rec; ok is false when the row is bad, its errors kept.
func (c *rowCheck) build(ctx context.Context, rec *registerimport.Record) (o *coop.Organisation, f *coop.YearFigures, ok bool, err error) {
	o, f, fe, err := c.rs.build(ctx, rec, c.today)
	if err != nil {
		return nil, nil, false, err
	}
	if len(fe) > 0 {
		c.bad++
		if len(c.errs) < c.max {
			c.errs = append(c.errs, fe...)
		}
		return nil, nil, false, nil
	}
	return o, f, true, nil
}

// build turns a record into the organisation and its year's figures, with
// every error coop's rules and the unit lists find in it.
func (r *resolver) build(ctx context.Context, rec *registerimport.Record, today time.Time) (*coop.Organisation, *coop.YearFigures, []fieldError, error) {
	var errs []fieldError
	o := &coop.Organisation{Code: rec.Code, Name: rec.Name, ShortName: rec.ShortName, Form: coop.Form(rec.Form),
		Sector: coop.Sector(rec.Sector), Address: rec.Address, Phone: rec.Phone, Email: rec.Email,
		FoundedOn: rec.Founded, RegisteredOn: rec.Registered, Law: coop.Law(rec.Law)}
	if o.Sector == "" {
		o.Sector = coop.SectorOther
	}
	if o.Law == 0 {
		o.Law = lawOf(rec)
	}
	if rec.CommuneCode != "" {
		on := communeDay(rec.Year)
		res, err := r.resolve(ctx, rec.CommuneCode, on)
		if err == nil && res == nil && !on.Before(reformDay) {
			// Files kept after the reform still name communes by their
			// old codes: a code no new commune carries is read on the
			// last day before the reform.
			res, err = r.resolve(ctx, rec.CommuneCode, reformDay.AddDate(0, 0, -1))
		}
		if err != nil {
			return nil, nil, nil, err
		}
		if res == nil {
			errs = append(errs, fieldError{rec.Row, registerimport.FieldCommuneCode, KeyCommuneUnknown,
				[]any{rec.CommuneCode, on.Format("02/01/2006")}})
		} else {
			o.CommuneCode, o.CommuneValidFrom = res.Unit.Code, validFrom(res.Unit.ValidFrom)
			// A commune split between several new ones has no single
			// successor: the person who knows the address chooses it.
			if len(res.Communes) == 1 {
				n := res.Communes[0].Unit
				o.NewCommuneCode, o.NewCommuneValidFrom = n.Code, validFrom(n.ValidFrom)
			}
		}
	}
	errs = append(errs, r.normalize(o, rec.Row)...)
	f := figures(rec)
	errs = appendFieldErrors(errs, rec.Row, f.Validate(today))
	return o, f, errs, nil
}

// validFrom is a unit's first day; a unit older than the records has
// none, and the register then dates it from the earliest day it knows.
func validFrom(d *time.Time) *time.Time {
	if d != nil {
		return d
	}
	t := time.Date(1900, time.January, 1, 0, 0, 0, 0, time.UTC)
	return &t
}

// lawOf is the law a record was registered under when the file does not
// say: the one in force on its registration (or founding) day, the 2023
// law when it gives neither.
func lawOf(rec *registerimport.Record) coop.Law {
	d := rec.Registered
	if d == nil {
		d = rec.Founded
	}
	switch {
	case d == nil:
		return 2023
	case !d.Before(time.Date(2024, time.July, 1, 0, 0, 0, 0, time.UTC)):
		return 2023
	case !d.Before(time.Date(2013, time.July, 1, 0, 0, 0, 0, time.UTC)):
		return 2012
	case !d.Before(time.Date(2004, time.July, 1, 0, 0, 0, 0, time.UTC)):
		return 2003
	}
	return 1996
}

func appendFieldErrors(errs []fieldError, row int, err error) []fieldError {
	var ae *apperr.Error
	if err == nil || !errors.As(err, &ae) {
		return errs
	}
	for name, key := range ae.Fields {
		field, ok := columnOf[name]
		if !ok {
			field = name
		}
		errs = append(errs, fieldError{row: row, field: field, key: key})
	}
	return errs
}

func figures(rec *registerimport.Record) *coop.YearFigures {
	v := func(p *int64) int64 {
		if p == nil {
			return 0
		}
		return *p
	}
	b := func(p *bool) bool { return p != nil && *p }
	f := &coop.YearFigures{Year: rec.Year, MembersIndividual: v(rec.Individuals), MembersHousehold: v(rec.Households),
		MembersLegal: v(rec.LegalEntities), MemberCoops: v(rec.MemberCoops), Employees: v(rec.Employees),
		MemberEmployees: v(rec.EmployeeMembs), CharterCapital: v(rec.CharterCapital), TotalAssets: v(rec.TotalAssets),
		Revenue: v(rec.Revenue), Profit: v(rec.Profit), AvgIncome: v(rec.AverageIncome), Rating: coop.Rating(rec.Rating),
		Exemplary: b(rec.Exemplary), ValueChain: b(rec.ValueChain), HighTech: b(rec.HighTech), OCOPProducts: v(rec.OCOPProducts)}
	// A file with only the total of members counts them as individuals:
	// the law's minimum sizes are about the total.
	if rec.Individuals == nil && rec.Households == nil && rec.LegalEntities == nil {
		f.MembersIndividual = v(rec.Members)
	}
	return f
}

// keepFigures is what a row leaves of the stored figures of its year: an
// empty cell means "not given", so the stored value stays; only a cell
// with a value changes it. A row with only the total of members sets
// the individuals to it (see figures), which replaces the breakdown.
func keepFigures(rec *registerimport.Record) func(stored, f *coop.YearFigures) {
	return func(s, f *coop.YearFigures) {
		keep := func(given *int64, dst *int64, stored int64) {
			if given == nil {
				*dst = stored
			}
		}
		if rec.Individuals != nil || rec.Households != nil || rec.LegalEntities != nil || rec.Members == nil {
			keep(rec.Individuals, &f.MembersIndividual, s.MembersIndividual)
			keep(rec.Households, &f.MembersHousehold, s.MembersHousehold)
			keep(rec.LegalEntities, &f.MembersLegal, s.MembersLegal)
		}
		keep(rec.MemberCoops, &f.MemberCoops, s.MemberCoops)
		keep(rec.Employees, &f.Employees, s.Employees)
		keep(rec.EmployeeMembs, &f.MemberEmployees, s.MemberEmployees)
		keep(rec.CharterCapital, &f.CharterCapital, s.CharterCapital)
		keep(rec.TotalAssets, &f.TotalAssets, s.TotalAssets)
		keep(rec.Revenue, &f.Revenue, s.Revenue)
		keep(rec.Profit, &f.Profit, s.Profit)
		keep(rec.AverageIncome, &f.AvgIncome, s.AvgIncome)
		keep(rec.OCOPProducts, &f.OCOPProducts, s.OCOPProducts)
		if rec.Rating == "" {
			f.Rating = s.Rating
		}
		keepBool := func(given *bool, dst *bool, stored bool) {
			if given == nil {
				*dst = stored
			}
		}
		keepBool(rec.Exemplary, &f.Exemplary, s.Exemplary)
		keepBool(rec.ValueChain, &f.ValueChain, s.ValueChain)
		keepBool(rec.HighTech, &f.HighTech, s.HighTech)
	}
}

// statusOf is the status a row states, for the organisation's history:
// on the file's status date, else on the last day of the figures' year
// (the day the row speaks of). An "active" the file does not state, only
// assumes, is none; nor is a merger, which needs the organisation merged
// into, that a register file does not name (the Summary counts those).
func statusOf(rec *registerimport.Record) (s *coop.Status, merged bool) {
	kind := coop.StatusKind(rec.Status)
	switch {
	case kind == "" || (kind == coop.StatusActive && !rec.StatusGiven):
		return nil, false
	case kind == coop.StatusMerged:
		return nil, true
	}
	on := communeDay(rec.Year)
	if rec.StatusDate != nil {
		on = *rec.StatusDate
	}
	return &coop.Status{Kind: kind, On: on}, false
}
