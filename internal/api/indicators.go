package api

import (
	"net/http"
	"strconv"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/indicator"
)

// indicatorItem is one indicator with its definition, in the reader's
// language, and its value for the year and unit asked.
type indicatorItem struct {
	indicator.Value
	Kind      indicator.Kind `json:"kind"`
	Name      string         `json:"name"`
	Formula   string         `json:"formula"`
	UnitCode  string         `json:"measure"`
	UnitLabel string         `json:"measure_label"`
}

// indicatorList answers GET /indicators.
type indicatorList struct {
	Year       int             `json:"year"`
	Unit       string          `json:"unit"`
	Indicators []indicatorItem `json:"indicators"`
}

// indicatorYear reads ?year=, last year without one: a year's figures are
// filed in the next.
func (h *Handler) indicatorYear(r *http.Request) (int, error) {
	s := r.URL.Query().Get("year")
	if s == "" {
		return h.now().Year() - 1, nil
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < indicator.FirstYear || y > 9999 {
		return 0, apperr.New(apperr.Invalid, "error.param.year")
	}
	return y, nil
}

// Indicators answers every indicator, computed and hand-entered, for a
// year and a unit in force today ("" or none: the whole register), each
// with its definition, numerator, denominator and how many organisations
// came through the unit mapping.
func (h *Handler) Indicators(w http.ResponseWriter, r *http.Request) {
	_, err := requireUser(r)
	var year int
	if err == nil {
		year, err = h.indicatorYear(r)
	}
	unitCode := r.URL.Query().Get("unit")
	var values []indicator.Value
	if err == nil {
		values, err = indicator.NewRegister(h.store).Compute(r.Context(), year, unitCode)
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	l := h.i18n.For(i18n.PickAPI(r))
	out := indicatorList{Year: year, Unit: unitCode, Indicators: []indicatorItem{}}
	for _, v := range values {
		d, _ := indicator.Lookup(v.ID)
		out.Indicators = append(out.Indicators, indicatorItem{Value: v, Kind: d.Kind, Name: l.T(d.NameKey()),
			Formula: l.T(d.FormulaKey()), UnitCode: d.Unit, UnitLabel: l.T(d.UnitKey())})
	}
	writeJSON(w, http.StatusOK, out)
}

// indicatorValueInput is the body of PUT /indicator-values.
type indicatorValueInput struct {
	Indicator string   `json:"indicator"`
	Year      int      `json:"year"`
	Unit      string   `json:"unit"`
	Value     *float64 `json:"value"`
	Source    string   `json:"source"`
}

// PutIndicatorValue stores a hand-entered indicator's value for a year and
// unit (coordinator and administrator), replacing the one before; a wrong
// field is named in the error.
func (h *Handler) PutIndicatorValue(w http.ResponseWriter, r *http.Request) {
	u, err := requireUser(r)
	if err == nil && !indicator.CanEnter(u) {
		err = apperr.New(apperr.Forbidden, "error.forbidden")
	}
	var in indicatorValueInput
	if err == nil {
		err = decodeBody(w, r, &in)
	}
	e := indicator.Entry{Indicator: in.Indicator, Year: in.Year, Unit: in.Unit, Source: in.Source}
	if err == nil && in.Value == nil {
		err = apperr.FieldErrors{"value": "error.field.required"}.Err()
	}
	if err == nil {
		e.Value = *in.Value
		err = indicator.NewRegister(h.store).Put(r.Context(), u, &e, h.now())
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, e)
}
