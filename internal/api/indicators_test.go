package api_test

import (
	"net/http"
	"testing"
)

// A hand-entered value is entered by the coordinator, refused with every
// wrong field named, and read back with its source beside the computed
// indicators, whose names and formulas come in the reader's language.
func TestIndicatorsAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	loadTestUnits(t, e.db)
	coordinator, viewer := e.token(coordinatorEmail), e.token(viewerEmail)

	var bad struct {
		Error struct {
			Code    string            `json:"code"`
			Message string            `json:"message"`
			Fields  map[string]string `json:"fields"`
		} `json:"error"`
	}
	e.do(request{Method: "PUT", Path: "/api/v1/indicator-values", Token: coordinator,
		Body: `{"indicator":"grdp_share","year":2024,"unit":"30","value":120,"source":" "}`}).must(t, http.StatusUnprocessableEntity).decode(t, &bad)
	for _, f := range []string{"unit", "value", "source"} {
		if bad.Error.Fields[f] == "" {
			t.Errorf("field %s not named: %+v", f, bad.Error)
		}
	}
	e.do(request{Method: "PUT", Path: "/api/v1/indicator-values", Token: coordinator,
		Body: `{"indicator":"grdp_share","year":2024,"unit":"31","value":1.1,"source":"Niên giám thống kê 2024"}`}).must(t, http.StatusOK)

	var got struct {
		Year       int    `json:"year"`
		Unit       string `json:"unit"`
		Indicators []struct {
			ID           string   `json:"id"`
			Year         int      `json:"year"`
			Unit         string   `json:"unit"`
			Kind         string   `json:"kind"`
			Name         string   `json:"name"`
			Formula      string   `json:"formula"`
			Measure      string   `json:"measure"`
			MeasureLabel string   `json:"measure_label"`
			Value        *float64 `json:"value"`
			Numerator    float64  `json:"numerator"`
			Denominator  float64  `json:"denominator"`
			Mapped       int      `json:"mapped"`
			Source       string   `json:"source"`
		} `json:"indicators"`
	}
	e.get("/api/v1/indicators?year=2024&unit=31", viewer).must(t, http.StatusOK).decode(t, &got)
	found := false
	for _, x := range got.Indicators {
		if x.Name == "" || x.Formula == "" {
			t.Errorf("%s: no name or formula", x.ID)
		}
		if x.ID == "grdp_share" {
			found = true
			if x.Value == nil || *x.Value != 1.1 || x.Source != "Niên giám thống kê 2024" {
				t.Errorf("grdp_share read back as %+v", x)
			}
		}
	}
	if !found || len(got.Indicators) != 21 {
		t.Errorf("%d indicators, grdp_share found %v", len(got.Indicators), found)
	}
	// Another unit has no value: a province's figure is never its
	// communes' or the country's.
	e.get("/api/v1/indicators?year=2024", viewer).must(t, http.StatusOK).decode(t, &got)
	for _, x := range got.Indicators {
		if x.ID == "grdp_share" && x.Value != nil {
			t.Errorf("whole register's grdp_share %v, want none", *x.Value)
		}
	}
}
