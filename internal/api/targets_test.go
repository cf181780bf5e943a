package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/planimport"
	"github.com/hoptac/hoptac/internal/seeds"
	"github.com/hoptac/hoptac/internal/server"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/target"
)

// targetCases are the targets endpoint's requests of
// TestResponsesMatchOpenAPI, on the server without indicator figures:
// the demo plan's targets, one of them linked (status no_data).
func targetCases(t *testing.T, e *env, viewer string) []specCase {
	p, err := e.db.Plan(context.Background(), e.planID)
	if err != nil || len(p.Targets) == 0 {
		t.Fatalf("demo targets: %v", err)
	}
	link(t, e.db, p.ID, target.Link{TargetID: p.Targets[0].ID, Indicator: indicator.ActiveHTX, Comparator: target.AtLeast,
		Value: 1100, BaselineYear: 2024, Deadline: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)})
	path := fmt.Sprintf("/api/v1/targets?plan=%d", e.planID)
	return []specCase{
		{"targets", request{Path: path, Token: viewer}, 200, reqValid},
		{"targets no plan", request{Path: "/api/v1/targets", Token: viewer}, 400, reqInvalid},
		{"targets bad plan", request{Path: "/api/v1/targets?plan=abc", Token: viewer}, 400, reqInvalid},
		{"targets unknown plan", request{Path: "/api/v1/targets?plan=999999", Token: viewer}, 404, reqValid},
		{"targets anonymous", request{Path: path}, 401, reqInvalid},
	}
}

func link(t *testing.T, db *store.DB, planID int64, l target.Link) {
	t.Helper()
	ctx := context.Background()
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.SaveTargetLink(ctx, planID, &l) }); err != nil {
		t.Fatal(err)
	}
}

// figures is an indicator.Source with fixed series for the whole
// register.
type figures map[string]map[int]indicator.Value

func (f figures) Series(_ context.Context, id, unit string, from, to int) ([]indicator.Value, error) {
	var out []indicator.Value
	for y := from; y <= to; y++ {
		v, ok := f[id][y]
		if !ok || unit != "" {
			v = indicator.Value{ID: id, Year: y, Unit: unit}
		}
		out = append(out, v)
	}
	return out, nil
}

func share(id string, year int, num, den float64) indicator.Value {
	x := num / den * 100
	return indicator.Value{ID: id, Year: year, Value: &x, Numerator: num, Denominator: den}
}

type targetsBody struct {
	Items []struct {
		ID       int64        `json:"id"`
		Link     *target.Link `json:"link"`
		Proposal *struct{ Indicator string }
		Status   *target.Status `json:"status"`
		Current  *float64       `json:"current"`
		Year     *int           `json:"current_year"`
		Nested   bool           `json:"nested"`
		Rule     *struct {
			Date     string   `json:"date"`
			Expected *float64 `json:"expected"`
			Elapsed  float64  `json:"elapsed"`
			Baseline *float64 `json:"baseline"`
		} `json:"rule"`
		Series []struct {
			Year  int      `json:"year"`
			Value *float64 `json:"value"`
		} `json:"series"`
	} `json:"items"`
	Total int `json:"total"`
}

// Seed 004 imported and three of its targets linked: the endpoint gives
// each status with the rule's inputs, the nested target on its parent's
// population, and the import's proposal for a target not linked yet.
func TestTargetsAPI(t *testing.T) {
	t.Parallel()
	_, router := loadOpenAPI(t)
	src := figures{
		indicator.GRDPShare:            {2017: {Year: 2017, Value: ptrF(0.8)}, 2019: {Year: 2019, Value: ptrF(0.9)}},
		indicator.ShareManagersTrained: {2017: share("t", 2017, 60, 200), 2020: share("t", 2020, 110, 200)},
		indicator.ShareManagersCollege: {2017: share("c", 2017, 30, 200), 2020: share("c", 2020, 80, 200)},
	}
	app := apptest.Start(t, func(db *store.DB, c apptest.Config) (apptest.Server, error) {
		return server.New(db, server.Config{Now: c.Now, Log: c.Log, Indicators: src})
	})
	e := &env{app: app, t: t, db: app.DB, srv: app.Server.(*server.Server), ts: app.TS, client: app.TS.Client(), planID: app.PlanID}
	tok := e.apiToken(apptest.CoopEmail) // the least of the roles reads targets too

	matches, _ := filepath.Glob(filepath.Join(seeds.Dir(t), "004_*.txt"))
	if len(matches) != 1 {
		t.Fatalf("seed 004: %v", matches)
	}
	data, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	res, err := planimport.Parse(ctx, filepath.Base(matches[0]), data, planimport.Catalog())
	if err != nil {
		t.Fatal(err)
	}
	saved, err := planimport.Save(ctx, e.db, res)
	if err != nil {
		t.Fatal(err)
	}
	p := saved.Plan
	due := *p.Targets[2].Due
	link(t, e.db, p.ID, target.Link{TargetID: p.Targets[2].ID, Indicator: indicator.GRDPShare, Comparator: target.Between,
		Value: 1, ValueMax: ptrF(1.2), BaselineYear: 2017, Deadline: due})
	link(t, e.db, p.ID, target.Link{TargetID: p.Targets[4].ID, Indicator: indicator.ShareManagersTrained, Comparator: target.Above,
		Value: 50, BaselineYear: 2017, Deadline: due})
	link(t, e.db, p.ID, target.Link{TargetID: p.Targets[5].ID, Indicator: indicator.ShareManagersCollege, Comparator: target.AtLeast,
		Value: 70, BaselineYear: 2017, Deadline: due})

	r := e.do(request{Path: fmt.Sprintf("/api/v1/targets?plan=%d", p.ID), Token: tok}).must(t, http.StatusOK)
	if err := validateResponse(t, router, r); err != nil {
		t.Errorf("response does not match openapi.json: %v", err)
	}
	var body targetsBody
	if err := json.Unmarshal(r.Body, &body); err != nil { // the document checks the rest
		t.Fatal(err)
	}
	if body.Total != 8 || len(body.Items) != 8 {
		t.Fatalf("%d targets, want seed 004's 8", len(body.Items))
	}
	grdp, trained, college, exemplary := body.Items[2], body.Items[4], body.Items[5], body.Items[7]
	// 2020's GRDP share is missing; 2019's 0.9 stands and is outside the range.
	if grdp.Status == nil || *grdp.Status != target.Missed || *grdp.Current != 0.9 || *grdp.Year != 2019 ||
		grdp.Rule == nil || grdp.Rule.Date != "2026-11-24" || grdp.Rule.Elapsed != 1 || *grdp.Rule.Baseline != 0.8 ||
		len(grdp.Series) != 4 || grdp.Series[3].Value != nil {
		t.Errorf("GRDP = %+v", grdp)
	}
	if trained.Status == nil || *trained.Status != target.Achieved || trained.Nested {
		t.Errorf("managers trained = %+v", trained)
	}
	if college.Status == nil || *college.Status != target.Achieved || !college.Nested || math.Abs(*college.Current-80.0/110*100) > 1e-9 {
		t.Errorf("nested college target = %+v", college)
	}
	if exemplary.Link != nil || exemplary.Status != nil || exemplary.Proposal == nil || exemplary.Proposal.Indicator != indicator.Exemplary {
		t.Errorf("unlinked exemplary target = %+v", exemplary)
	}
	if body.Items[3].Proposal == nil || body.Items[3].Proposal.Indicator != "" {
		t.Errorf("a target naming no indicator got a proposal %+v", body.Items[3].Proposal)
	}
}

func ptrF(f float64) *float64 { return &f }

// apiToken gives the demo account an API token.
func (e *env) apiToken(email string) string {
	e.t.Helper()
	ctx := context.Background()
	u, err := e.db.UserByEmail(ctx, email)
	if err != nil {
		e.t.Fatal(err)
	}
	var tok string
	if err := e.db.Update(ctx, func(tx *store.Tx) error {
		tok, err = tx.CreateToken(ctx, u.ID)
		return err
	}); err != nil {
		e.t.Fatal(err)
	}
	return tok
}
