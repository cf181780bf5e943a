package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/coop"
)

type figuresBody struct {
	coop.YearFigures
	Warnings []struct{ Field, Message string } `json:"warnings"`
}

func (e *env) put(path, token, body string) response {
	e.t.Helper()
	return e.do(request{Method: http.MethodPut, Path: path, Token: token, Body: body})
}

// Every figure sent is stored and read back: none is lost on the way.
func TestFiguresRoundTrip(t *testing.T) {
	e := newEnv(t)
	own, _ := e.registerIDs(t)
	path := fmt.Sprintf("/api/v1/organisations/%d/figures/2021", own)
	sent := map[string]any{"members_individual": 301, "members_household": 302, "members_legal": 3, "member_coops": 4,
		"employees": 305, "member_employees": 206, "charter_capital": 1_000_000_007, "total_assets": 9_000_000_000_008,
		"revenue": 7_000_000_009, "profit": -10, "avg_income": 60_000_011, "rating": "fair", "exemplary": true,
		"value_chain": true, "high_tech": true, "ocop_products": 12}
	body, _ := json.Marshal(sent)
	e.put(path, e.token(coordinatorEmail), string(body)).must(t, http.StatusOK)
	var got map[string]any
	r := e.get(path, e.token(viewerEmail)).must(t, http.StatusOK)
	dec := json.NewDecoder(bytes.NewReader(r.Body))
	dec.UseNumber() // money beyond float64's whole numbers must read back exactly
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	for k, v := range sent {
		if fmt.Sprint(got[k]) != fmt.Sprint(v) {
			t.Errorf("%s: sent %v, read back %v", k, v, got[k])
		}
	}
}

// The cooperative files its figures, the coordinator returns them with a
// comment, the cooperative corrects and submits, the coordinator accepts.
func TestFilingThroughTheAPI(t *testing.T) {
	e := newEnv(t)
	own, other := e.registerIDs(t)
	coopTok, coord := e.token(apptest.CoopEmail), e.token(coordinatorEmail)
	path := fmt.Sprintf("/api/v1/organisations/%d/figures/2026", own)
	var f figuresBody
	e.put(path, coopTok, `{"members_individual":3,"step":"save"}`).must(t, http.StatusOK).decode(t, &f)
	if f.Filing != coop.FilingDraft || len(f.Warnings) != 1 || f.Warnings[0].Field != "members_individual" {
		t.Errorf("draft of 3 members: %q, warnings %v", f.Filing, f.Warnings)
	}
	e.put(path, coopTok, `{"members_individual":360,"step":"submit"}`).must(t, http.StatusOK).decode(t, &f)
	if f.Filing != coop.FilingSubmitted {
		t.Errorf("after submit: %q", f.Filing)
	}
	e.put(path, coopTok, `{"members_individual":361,"step":"save"}`).must(t, http.StatusUnprocessableEntity)
	e.put(path, coopTok, `{"members_individual":360,"step":"accept"}`).must(t, http.StatusUnprocessableEntity)
	e.put(path, coord, `{"members_individual":360,"step":"return"}`).must(t, http.StatusUnprocessableEntity)
	e.put(path, coord, `{"members_individual":360,"step":"return","filing_comment":"Thiếu doanh thu"}`).must(t, http.StatusOK).decode(t, &f)
	if f.Filing != coop.FilingReturned || f.FilingComment != "Thiếu doanh thu" {
		t.Errorf("after return: %q %q", f.Filing, f.FilingComment)
	}
	e.put(path, coopTok, `{"members_individual":360,"revenue":9100000000,"step":"submit"}`).must(t, http.StatusOK)
	e.put(path, coord, `{"members_individual":360,"revenue":9100000000,"step":"accept"}`).must(t, http.StatusOK).decode(t, &f)
	if f.Filing != coop.FilingAccepted || f.Revenue != 9_100_000_000 {
		t.Errorf("after accept: %q %d", f.Filing, f.Revenue)
	}
	// Another organisation's figures are not the cooperative's to file.
	before := e.count(t, "organisation_figures")
	e.put(fmt.Sprintf("/api/v1/organisations/%d/figures/2026", other), coopTok, `{"members_individual":9}`).must(t, http.StatusForbidden)
	if e.count(t, "organisation_figures") != before {
		t.Error("a refused filing was stored")
	}
}
