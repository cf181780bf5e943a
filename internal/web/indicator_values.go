package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/plan"
)

// indicatorValuesPage is the form for the indicators entered by hand and
// the values entered for the year.
type indicatorValuesPage struct {
	Year    int
	Manual  []indicator.Definition
	Entries []indicator.Entry
	Values  map[string]string // the form's values, refilled after an error
}

// IndicatorValues shows the hand-entered indicators' form (coordinator and
// administrator) and the values entered for the year.
func (h *Handler) IndicatorValues(w http.ResponseWriter, r *http.Request) {
	if _, err := requireAllowed(r, indicator.CanEnter); err != nil {
		h.Error(w, r, err)
		return
	}
	q := r.URL.Query()
	year := plan.Today(h.now()).Year() - 1
	if s := q.Get("year"); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < indicator.FirstYear || y > 9999 {
			h.Error(w, r, apperr.New(apperr.Invalid, "error.param.year"))
			return
		}
		year = y
	}
	h.indicatorValuesForm(w, r, http.StatusOK, year, map[string]string{"year": strconv.Itoa(year), "unit": q.Get("unit"),
		"indicator": indicator.GRDPShare}, nil)
}

// SaveIndicatorValue stores one hand-entered value, audited; a wrong field
// is named on the form, which keeps what was typed.
func (h *Handler) SaveIndicatorValue(w http.ResponseWriter, r *http.Request) {
	u, err := requireAllowed(r, indicator.CanEnter)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	values := map[string]string{}
	for _, k := range []string{"indicator", "year", "unit", "value", "source"} {
		values[k] = strings.TrimSpace(r.PostFormValue(k))
	}
	e := indicator.Entry{Indicator: values["indicator"], Unit: values["unit"], Source: values["source"]}
	fe := apperr.FieldErrors{}
	if e.Year, err = strconv.Atoi(values["year"]); err != nil {
		fe.Add("year", "error.field.figures_year")
	}
	if e.Value, err = parseVNNumber(values["value"]); err != nil {
		fe.Add("value", "error.field.indicator_value")
	}
	reg := indicator.NewRegister(h.store)
	err = fe.Err()
	if err == nil {
		err = reg.Put(r.Context(), u, &e, h.now())
	} else if cerr := reg.Check(r.Context(), &e, h.now()); apperr.CodeOf(cerr) == apperr.Validation {
		// Name every wrong field at once, not only the unreadable ones.
		for k, v := range apperr.As(cerr).Fields {
			if _, ok := fe[k]; !ok && k != "year" && k != "value" {
				fe[k] = v
			}
		}
		err = fe.Err()
	}
	if apperr.CodeOf(err) == apperr.Validation {
		h.indicatorValuesForm(w, r, http.StatusUnprocessableEntity, e.Year, values, err)
		return
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.sessions.Put(r.Context(), "flash", "indicators.saved")
	http.Redirect(w, r, "/indicators/values?"+url.Values{"year": {strconv.Itoa(e.Year)}}.Encode(), http.StatusSeeOther)
}

// parseVNNumber reads a number as people type it: "1,1" or "1.1" for a
// share, "1.250.000.000" for a budget (dots grouping thousands).
func parseVNNumber(s string) (float64, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	switch {
	case strings.Count(s, ".") > 1 || strings.Contains(s, ",") && strings.Contains(s, "."):
		s = strings.ReplaceAll(s, ".", "")
	}
	return strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
}

func (h *Handler) indicatorValuesForm(w http.ResponseWriter, r *http.Request, status, year int, values map[string]string, formErr error) {
	p := indicatorValuesPage{Year: year, Values: values}
	for _, d := range indicator.Definitions() {
		if d.Manual() {
			p.Manual = append(p.Manual, d)
		}
	}
	var err error
	if year >= indicator.FirstYear {
		if p.Entries, err = h.store.IndicatorEntries(r.Context(), year); err != nil {
			h.Error(w, r, err)
			return
		}
	}
	v := h.view(r, "indicators.values_title", p)
	if formErr != nil {
		v.Errors = formErrors(v.L, formErr)
	}
	h.render(w, r, status, "indicator_values", v)
}
