package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/unit"
	"github.com/hoptac/hoptac/internal/vntext"
)

// indicatorRow is one line of the indicators page.
type indicatorRow struct {
	Def   indicator.Definition
	Value indicator.Value
	// Link opens the organisations behind the number on /register, where
	// the register's filters can say which they are; "" where they cannot.
	Link string
	// Approx marks a link whose filter reads today's status, not the
	// status on 31/12 of the year.
	Approx bool
	// The numbers in Vietnamese notation (1.234.567,5): value ("" when
	// none), numerator and denominator (for shares and averages).
	ValueText, Num, Den string
	Ratio               bool
}

// indicatorsPage is the indicators of a year and unit.
type indicatorsPage struct {
	Year      int
	Years     []int
	Province  string
	Commune   string
	Unit      string // the commune if chosen, else the province, else ""
	Provinces []unit.Unit
	Communes  []unit.Unit // of the chosen province
	Rows      []indicatorRow
	CanEnter  bool
}

// Indicators shows every indicator for a year and a unit chosen with a
// province picker, then a commune picker (plain GET forms, so the page
// works without JavaScript), with each value's numerator and denominator,
// formula, how many organisations came through the 2025 unit mapping, and
// links to the organisations behind the numbers.
func (h *Handler) Indicators(w http.ResponseWriter, r *http.Request) {
	u, err := requireAllowed(r, auth.CanRead)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	ctx := r.Context()
	today := plan.Today(h.now())
	q := r.URL.Query()
	p := indicatorsPage{Year: today.Year() - 1, Province: q.Get("province"), Commune: q.Get("commune"), CanEnter: indicator.CanEnter(u)}
	if s := q.Get("year"); s != "" {
		if p.Year, err = strconv.Atoi(s); err != nil || p.Year < indicator.FirstYear || p.Year > 9999 {
			h.Error(w, r, apperr.New(apperr.Invalid, "error.param.year"))
			return
		}
	}
	for y := today.Year(); y >= today.Year()-10; y-- {
		p.Years = append(p.Years, y)
	}
	if p.Provinces, _, err = h.store.Units(ctx, store.UnitFilter{Level: unit.LevelProvince, On: &today, PerPage: store.MaxPerPage}); err != nil {
		h.Error(w, r, err)
		return
	}
	if p.Province != "" {
		if p.Communes, _, err = h.store.Units(ctx, store.UnitFilter{Level: unit.LevelCommune, Parent: p.Province, On: &today,
			PerPage: store.MaxPerPage}); err != nil {
			h.Error(w, r, err)
			return
		}
	}
	// A commune left over from another province is dropped, not an error:
	// the reader just changed the province.
	p.Unit = p.Province
	for _, c := range p.Communes {
		if c.Code == p.Commune {
			p.Unit = c.Code
		}
	}
	if p.Unit == p.Province {
		p.Commune = ""
	}
	values, err := indicator.NewRegister(h.store).Compute(ctx, p.Year, p.Unit)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	for _, v := range values {
		d, _ := indicator.Lookup(v.ID)
		link, approx := registerLink(d, p.Year, p.Unit)
		row := indicatorRow{Def: d, Value: v, Link: link, Approx: approx,
			Ratio: d.Kind == indicator.KindShare || d.Kind == indicator.KindAverage}
		if v.Value != nil {
			row.ValueText = vntext.FormatDecimal(*v.Value, 2)
		}
		row.Num, row.Den = vntext.FormatDecimal(v.Numerator, 0), vntext.FormatDecimal(v.Denominator, 0)
		p.Rows = append(p.Rows, row)
	}
	h.render(w, r, http.StatusOK, "indicators", h.view(r, "indicators.title", p))
}

// registerLink is the /register filter that lists the organisations an
// indicator counts, when the register's filters can express it: the
// unit, a form and the current status, the year's figures, exemplary.
// Foundations and dissolutions in the year, managers' training, value
// chains, high technology and charters have no filter there.
func registerLink(d indicator.Definition, year int, unitCode string) (string, bool) {
	v := url.Values{}
	if unitCode != "" {
		v.Set("unit", unitCode)
	}
	approx := false
	switch d.ID {
	case indicator.ActiveTHT, indicator.ActiveHTX, indicator.ActiveLHHTX:
		v.Set("form", map[string]string{indicator.ActiveTHT: "tht", indicator.ActiveHTX: "htx", indicator.ActiveLHHTX: "lhhtx"}[d.ID])
		v.Set("status", "active")
		approx = true
	case indicator.Members, indicator.Employees, indicator.AvgRevenue, indicator.AvgProfit, indicator.OCOPProducts,
		indicator.ShareValueChain, indicator.AvgIncome, indicator.ShareGoodFair:
		v.Set("year", strconv.Itoa(year))
	case indicator.Exemplary:
		v.Set("year", strconv.Itoa(year))
		v.Set("exemplary", "true")
	default:
		return "", false
	}
	return "/register?" + v.Encode(), approx
}
