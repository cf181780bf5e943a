package web

import (
	"context"
	"net/url"
	"strconv"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/chart"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/vntext"
)

// The dashboard's register section: every indicator of the register for
// a year and a unit picked from the unit lists, as /indicators shows
// them, each number linked to the organisations behind it.

// unitComputer computes every indicator of a year for one unit. The
// register's computation (indicator.Register) does; a fixed test source
// may not, and then the register itself is read.
type unitComputer interface {
	Compute(ctx context.Context, year int, unit string) ([]indicator.Value, error)
}

// dashboardRegister is the register section of the dashboard.
type dashboardRegister struct {
	Picker unitPicker
	Year   int
	Years  []int
	Rows   []indicatorRow
	// Query is the section's choice as a query string, for the exports'
	// and the /indicators link.
	Query string
	// IndicatorsLink opens /indicators on the same year and unit.
	IndicatorsLink string
}

// registerFigures is where the dashboard reads the register's figures:
// the handler's indicator source when it computes whole years (the one
// server.New wires), else the register itself. Read live on every
// request, so a changed figure shows at once.
func (h *Handler) registerFigures() unitComputer {
	if c, ok := h.indicators.(unitComputer); ok {
		return c
	}
	return indicator.NewRegister(h.store)
}

// buildDashboardRegister reads the section for ?province=&commune=&ryear=
// (the rates have ?year=): by default last year's figures, the whole
// register. A unit not in force today is refused, naming the field.
func (h *Handler) buildDashboardRegister(ctx context.Context, q url.Values) (dashboardRegister, error) {
	today := plan.Today(h.now())
	d := dashboardRegister{Year: today.Year() - 1}
	if s := q.Get("ryear"); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < indicator.FirstYear || y > today.Year() {
			return d, apperr.New(apperr.Invalid, "dashboard.register.bad_year")
		}
		d.Year = y
	}
	for y := today.Year(); y >= today.Year()-10; y-- {
		d.Years = append(d.Years, y)
	}
	var err error
	d.Picker, err = h.pickUnit(ctx, q.Get("province"), q.Get("commune"), today,
		"dashboard.register.bad_province", "dashboard.register.bad_commune")
	if err != nil {
		return d, err
	}
	values, err := h.registerFigures().Compute(ctx, d.Year, d.Picker.Unit)
	if err != nil {
		return d, err
	}
	for _, v := range values {
		def, _ := indicator.Lookup(v.ID)
		link, approx := registerLink(def, d.Year, d.Picker.Unit)
		row := indicatorRow{Def: def, Value: v, Link: link, Approx: approx,
			Ratio: def.Kind == indicator.KindShare || def.Kind == indicator.KindAverage}
		if v.Value != nil {
			row.ValueText = vntext.FormatDecimal(*v.Value, 2)
		}
		row.Num, row.Den = vntext.FormatDecimal(v.Numerator, 0), vntext.FormatDecimal(v.Denominator, 0)
		d.Rows = append(d.Rows, row)
	}
	v := url.Values{"ryear": {strconv.Itoa(d.Year)}}
	iv := url.Values{"year": {strconv.Itoa(d.Year)}}
	if d.Picker.Province != "" {
		v.Set("province", d.Picker.Province)
		iv.Set("province", d.Picker.Province)
	}
	if d.Picker.Commune != "" {
		v.Set("commune", d.Picker.Commune)
		iv.Set("commune", d.Picker.Commune)
	}
	d.Query, d.IndicatorsLink = v.Encode(), "/indicators?"+iv.Encode()
	return d, nil
}

// registerTable is the section as an export table: a row per indicator
// with a value (one with nothing to compute from is left out rather than
// written as a zero), its value, numerator and denominator.
func registerTable(l i18n.Localizer, d dashboardRegister) chart.Data {
	t := chart.Data{ID: "dash-register", Title: l.T("dashboard.register.title", d.Year), Category: l.T("indicators.col.name"),
		Decimals: 2, Series: []chart.Series{{Name: l.T("indicators.col.value")}, {Name: l.T("targets.numerator")},
			{Name: l.T("targets.denominator")}}}
	for _, r := range d.Rows {
		if r.Value.Value == nil {
			continue
		}
		t.Labels = append(t.Labels, l.T(r.Def.NameKey())+" ("+l.T(r.Def.UnitKey())+")")
		for i, v := range []float64{*r.Value.Value, r.Value.Numerator, r.Value.Denominator} {
			t.Series[i].Values = append(t.Series[i].Values, v)
			t.Series[i].Hrefs = append(t.Series[i].Hrefs, r.Link)
		}
	}
	return t
}
