package portal_test

// The portal's cache is keyed on store.PortalVersion. These tests run two
// servers on one database, one with every cache and one with none, and
// require the same answer (status, body, ETag) from both on every public
// page and download, across several plans, publication changes, progress
// written, register edits and the day turning. Each step also checks that
// what a visitor sees did change, so the comparison is not of two stale
// copies.

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/demo"
	"github.com/hoptac/hoptac/internal/gen"
	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/server"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
	"github.com/hoptac/hoptac/internal/target"
	"github.com/hoptac/hoptac/internal/unit"
)

type clock struct{ ns atomic.Int64 }

func (c *clock) Now() time.Time { return time.Unix(0, c.ns.Load()).UTC() }

type diffEnv struct {
	t             *testing.T
	db            *store.DB // the cached server's handle, which the test writes through
	cached, plain string    // the two servers' URLs
	plans         []int64
	clock         *clock
}

func newDiffEnv(t *testing.T) *diffEnv {
	t.Helper()
	ctx := context.Background()
	dsn := storetest.DSN(t)
	cachedDB, plainDB := storetest.OpenAt(t, dsn), storetest.OpenAt(t, dsn)
	plainDB.DisableCache()
	e := &diffEnv{t: t, db: cachedDB, clock: &clock{}}
	e.clock.ns.Store(apptest.Now.UnixNano())
	loaded, err := demo.Load(ctx, cachedDB)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gen.Generate(ctx, cachedDB, gen.Config{Plans: 2, Tasks: 40, Seed: 3, AsOf: apptest.Now}); err != nil {
		t.Fatal(err)
	}
	e.plans = append([]int64{loaded.PlanID}, storetest.IDs(t, cachedDB, `SELECT id FROM plans WHERE id <> ? ORDER BY id`, loaded.PlanID)...)
	for db, noCache := range map[*store.DB]bool{cachedDB: false, plainDB: true} {
		srv, err := server.New(db, server.Config{Now: e.clock.Now, NoCache: noCache, Log: apptest.TestLog(t)})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv.Handler())
		t.Cleanup(ts.Close)
		if noCache {
			e.plain = ts.URL
		} else {
			e.cached = ts.URL
		}
	}
	return e
}

func (e *diffEnv) paths() []string {
	a := &apptest.App{T: e.t, DB: e.db}
	return publicPaths(a, e.plans...)
}

func get(t *testing.T, url string, hdr http.Header) (int, string, http.Header) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for k, v := range hdr {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

// compare asks both servers every path (twice from the cached one, so the
// second answer comes from its cache) and returns the answers joined.
func (e *diffEnv) compare(step string) string {
	e.t.Helper()
	var all strings.Builder
	for _, p := range e.paths() {
		for _, lang := range []string{"vi", "en"} {
			hdr := http.Header{"Cookie": {"lang=" + lang}}
			s1, b1, h1 := get(e.t, e.cached+p, hdr)
			s2, b2, h2 := get(e.t, e.cached+p, hdr)
			s3, b3, h3 := get(e.t, e.plain+p, hdr)
			if s1 != s3 || b1 != b3 || s2 != s3 || b2 != b3 {
				e.t.Fatalf("%s: %s (%s): cached %d/%d, uncached %d; bodies equal %v %v", step, p, lang, s1, s2, s3, b1 == b3, b2 == b3)
			}
			if h1.Get("ETag") != h3.Get("ETag") || h2.Get("ETag") != h3.Get("ETag") {
				e.t.Errorf("%s: %s: ETag %q/%q, uncached %q", step, p, h1.Get("ETag"), h2.Get("ETag"), h3.Get("ETag"))
			}
			fmt.Fprintf(&all, "%s %s %d\n%s\n", p, lang, s1, b1)
		}
	}
	return all.String()
}

// coordinatorCtx is a request's context as the coordinator, for writes
// that are audited.
func (e *diffEnv) coordinatorCtx() context.Context {
	return auth.WithUser(context.Background(), coordinator(e.t, e.db))
}

func (e *diffEnv) write(fn func(ctx context.Context, tx *store.Tx) error) {
	e.t.Helper()
	ctx := e.coordinatorCtx()
	if err := e.db.Update(ctx, func(tx *store.Tx) error { return fn(ctx, tx) }); err != nil {
		e.t.Fatal(err)
	}
}

func TestCachedAnswersEqualUncached(t *testing.T) {
	e := newDiffEnv(t)
	if len(e.plans) < 3 {
		t.Fatalf("plans %v", e.plans)
	}
	steps := []struct {
		name   string
		change func()
	}{
		{"publish the demo plan", func() { publish(t, e.db, e.plans[0], true) }},
		{"publish a second plan", func() { publish(t, e.db, e.plans[1], true) }},
		{"progress on a published plan", func() {
			task := storetest.IDs(t, e.db, `SELECT id FROM tasks WHERE plan_id = ? AND status <> 'done' ORDER BY id`, e.plans[1])[0]
			pct := 100
			e.write(func(ctx context.Context, tx *store.Tx) error {
				return tx.RecordProgress(ctx, &plan.Progress{TaskID: task, Status: plan.StatusDone, Percent: &pct, Note: "xong"}, nil)
			})
		}},
		{"a target of a published plan linked", func() {
			tid := storetest.IDs(t, e.db, `SELECT id FROM targets WHERE plan_id = ? ORDER BY ordinal`, e.plans[0])[0]
			e.write(func(ctx context.Context, tx *store.Tx) error {
				return tx.SaveTargetLink(ctx, e.plans[0], &target.Link{TargetID: tid, Indicator: indicator.GRDPShare,
					Comparator: target.AtLeast, Value: 1, BaselineYear: 2024, Deadline: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)})
			})
		}},
		{"the figure it reads entered by hand", func() {
			e.write(func(ctx context.Context, tx *store.Tx) error {
				return tx.PutIndicatorEntry(ctx, &indicator.Entry{Indicator: indicator.GRDPShare, Year: 2025, Value: 1.2,
					Source: "Niên giám thống kê 2025"})
			})
		}},
		{"an organisation renamed", func() {
			id := storetest.IDs(t, e.db, `SELECT id FROM organisations ORDER BY id`)[0]
			e.write(func(ctx context.Context, tx *store.Tx) error {
				o, err := tx.OrganisationForUpdate(ctx, id)
				if err != nil {
					return err
				}
				o.Name = "Hợp tác xã Đổi Tên Công Khai"
				return tx.UpdateOrganisation(ctx, &o)
			})
		}},
		{"an organisation dissolved", func() {
			id := storetest.IDs(t, e.db, `SELECT id FROM organisations WHERE status = 'active' ORDER BY id`)[0]
			e.write(func(ctx context.Context, tx *store.Tx) error {
				return tx.AddStatus(ctx, &coop.Status{OrganisationID: id, Kind: coop.StatusDissolved, On: apptest.Now.AddDate(0, 0, -1),
					Document: "QĐ 1/QĐ-UBND"})
			})
		}},
		// The communes' places are kept under the units' revision alone:
		// unit imports that place an organisation's commune in a province
		// and then rename the province must reach the home and the
		// statistics page.
		{"a unit import places a counted commune", func() { e.importUnits(t, "Tỉnh Thử Nghiệm") }},
		{"a unit import renames its province", func() { e.importUnits(t, "Tỉnh Thử Nghiệm Mới") }},
		{"the demo plan withdrawn", func() { publish(t, e.db, e.plans[0], false) }},
		{"the third plan published", func() { publish(t, e.db, e.plans[2], true) }},
		{"the day turns", func() { e.clock.ns.Add(int64(400 * 24 * time.Hour)) }},
	}
	before := e.compare("start")
	e.homeMatchesStatistics("start")
	for _, s := range steps {
		s.change()
		after := e.compare(s.name)
		e.homeMatchesStatistics(s.name)
		if after == before {
			t.Errorf("%s: the portal did not change", s.name)
		}
		before = after
	}
}

// importUnits imports a post-reform list holding province 96, named
// province, with the post-reform commune of the first active organisation
// that has one.
func (e *diffEnv) importUnits(t *testing.T, province string) {
	t.Helper()
	var comm string
	if err := e.db.SQL().QueryRow(`SELECT new_commune_code FROM organisations WHERE status = 'active'
		AND new_commune_code <> '' ORDER BY id LIMIT 1`).Scan(&comm); err != nil {
		t.Fatal(err)
	}
	e.write(func(ctx context.Context, tx *store.Tx) error {
		_, err := tx.ImportUnits(ctx, []*unit.File{{Kind: unit.KindNewList, Units: []unit.Record{
			{Level: unit.LevelProvince, Code: "96", Name: province},
			{Level: unit.LevelCommune, Code: comm, Name: "Xã Thử Nghiệm", ParentCode: "96"}}}})
		return err
	})
}
