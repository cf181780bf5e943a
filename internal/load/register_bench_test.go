package load

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/gen"
	"github.com/hoptac/hoptac/internal/registerload"
	"github.com/hoptac/hoptac/internal/seeds"
	"github.com/hoptac/hoptac/internal/server"
	"github.com/hoptac/hoptac/internal/sheet"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/unit"
)

// The register benchmarks run on HOPTAC_BENCH_ORGS organisations (200.000)
// × HOPTAC_BENCH_YEARS years (10) of `hoptac gen register` over the
// official unit lists. Building that takes minutes, so the database is
// kept: a SQLite file under os.TempDir named by its size, reused by later
// runs; or, with HOPTAC_BENCH_REGISTER_DSN, a database of the caller's
// (a PostgreSQL one, created empty beforehand), built when empty.
//
// The organisations and their last year come through the register
// importer (registerload.Import), as a province's file would; the earlier
// years are copied from it in SQL, each a little smaller, because the
// importer needs about a minute of CPU per 100.000 yearly rows and the
// benchmarks read the rows, not the import (BenchmarkImportRegister in
// internal/registerload measures that).
//
//	go test -run '^$' -bench 'RegisterPages' -benchtime 200x ./internal/load
//	go test -run '^$' -bench 'RegisterLoad' -benchtime 1x ./internal/load
func registerBenchDB(b *testing.B) *store.DB {
	b.Helper()
	orgs, years := benchEnv(b, "HOPTAC_BENCH_ORGS", 200_000), benchEnv(b, "HOPTAC_BENCH_YEARS", 10)
	ctx := context.Background()
	dsn := os.Getenv("HOPTAC_BENCH_REGISTER_DSN")
	if dsn == "" {
		dsn = filepath.Join(os.TempDir(), fmt.Sprintf("hoptac-register-%dx%d.db", orgs, years))
	}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	var have, figs int
	if err := db.SQL().QueryRowContext(ctx, `SELECT COUNT(*), (SELECT COUNT(*) FROM organisation_figures)
		FROM organisations`).Scan(&have, &figs); err != nil {
		b.Fatal(err)
	}
	if have >= orgs && figs >= orgs*years*9/10 {
		b.Logf("reusing %s: %d organisations, %d yearly rows", dsn, have, figs)
		return db
	}
	if have > 0 {
		b.Fatalf("%s holds %d organisations, %d yearly rows: half built; remove it", dsn, have, figs)
	}
	start := time.Now()
	buildRegister(b, db, orgs, years)
	if err := db.SQL().QueryRowContext(ctx, `SELECT COUNT(*), (SELECT COUNT(*) FROM organisation_figures)
		FROM organisations`).Scan(&have, &figs); err != nil {
		b.Fatal(err)
	}
	b.Logf("built %s in %v: %d organisations, %d yearly rows", dsn, time.Since(start).Round(time.Second), have, figs)
	return db
}

// buildRegister fills an empty database: units, gen's load accounts (and a
// small plan), the register's last year through the importer, then the
// years before it.
func buildRegister(b *testing.B, db *store.DB, orgs, years int) {
	ctx := context.Background()
	files := seeds.UnitFiles(b)
	var parsed []*unit.File
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		f, err := unit.Parse(filepath.Base(p), data)
		if err != nil {
			b.Fatal(err)
		}
		parsed = append(parsed, f)
	}
	if err := db.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.ImportUnits(ctx, parsed)
		return err
	}); err != nil {
		b.Fatal(err)
	}
	if _, err := gen.Generate(ctx, db, gen.Config{Plans: 1, Tasks: 10, Seed: 1, Password: gen.DefaultPassword}); err != nil {
		b.Fatal(err)
	}
	if _, err := db.SQL().ExecContext(ctx, "UPDATE users SET must_change_password = 0"); err != nil {
		b.Fatal(err)
	}
	communes := func(p string) []gen.Commune {
		f, err := os.Open(p)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		cs, err := gen.LoadCommunes(f)
		if err != nil {
			b.Fatal(err)
		}
		return cs
	}
	var csv bytes.Buffer
	const last = 2025
	if _, err := gen.WriteRegister(&csv, gen.RegisterConfig{Orgs: orgs, Years: 1, LastYear: last, Seed: 1,
		Communes: communes(files[1]), Old: communes(files[0])}); err != nil {
		b.Fatal(err)
	}
	lim := sheet.DefaultLimits()
	lim.MaxBytes = 1 << 40
	sum, err := registerload.Import(ctx, db, "register.csv", bytes.NewReader(csv.Bytes()), int64(csv.Len()),
		registerload.Options{Limits: lim})
	if err != nil {
		b.Fatal(err)
	}
	if !sum.Written || sum.Invalid != 0 {
		b.Fatalf("import: written %v, %d invalid: %v", sum.Written, sum.Invalid, sum.Errors[:min(5, len(sum.Errors))])
	}
	// Each earlier year is the last one shrunk a little: a register
	// grows, and the chart and totals then differ from year to year.
	tx, err := db.SQL().BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	for k := 1; k < years; k++ {
		if _, err := tx.ExecContext(ctx, db.Rebind(`INSERT INTO organisation_figures (organisation_id, year,
			members_individual, members_household, members_legal, member_coops, employees, member_employees,
			charter_capital, total_assets, revenue, profit, avg_income, rating, exemplary, value_chain, high_tech,
			ocop_products, filing, filing_comment, updated_at)
			SELECT organisation_id, year - ?, members_individual * (40 - ?) / 40, members_household, members_legal,
			member_coops, employees, member_employees, charter_capital, total_assets * (30 - ?) / 30,
			revenue * (25 - ?) / 25, profit * (25 - ?) / 25, avg_income * (30 - ?) / 30, rating, exemplary,
			value_chain, high_tech, ocop_products, filing, filing_comment, updated_at
			FROM organisation_figures WHERE year = ?`), k, k, k, k, k, k, last); err != nil {
			_ = tx.Rollback()
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

func benchEnv(b *testing.B, name string, def int) int {
	b.Helper()
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		b.Fatalf("%s: %v", name, err)
	}
	return n
}

// registerBenchApp is the application on the register benchmark's
// database, with a viewer's session and a sample of organisations.
func registerBenchApp(b *testing.B) (*store.DB, http.Handler, string, []int64) {
	b.Helper()
	db := registerBenchDB(b)
	srv, err := server.New(db, server.Config{Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	h := srv.Handler()
	rows, err := db.SQL().Query(`SELECT id FROM organisations ORDER BY id`)
	if err != nil {
		b.Fatal(err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Close(); err != nil || len(ids) == 0 {
		b.Fatalf("no organisations: %v", err)
	}
	// 200 spread over the register, so pages are not all cached.
	var sample []int64
	for i := 0; i < len(ids); i += max(1, len(ids)/200) {
		sample = append(sample, ids[i])
	}
	return db, h, benchLogin(b, h, gen.ViewerEmail), sample
}

// BenchmarkRegisterPages is the server's own time (in process, no
// network) for an organisation's page, searches, and filtered lists of 50,
// warm and cold: "cold" is the first request after figures were filed
// (amounts, which no filter reads, and a rating), "cold_org" the first
// after an organisation was edited, which every kept total and search of
// the register must follow.
func BenchmarkRegisterPages(b *testing.B) {
	ctx := context.Background()
	db, h, cookie, ids := registerBenchApp(b)
	serve := func(b *testing.B, path string) {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("Cookie", cookie)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: %d %.300s", path, rec.Code, rec.Body.String())
		}
	}
	n := 0
	touch := func(b *testing.B) {
		n++
		f := coop.YearFigures{OrganisationID: ids[n%len(ids)], Year: 2025, MembersIndividual: int64(10 + n%50),
			Employees: 3, Revenue: int64(n) * 1_000_000}
		if err := db.Update(ctx, func(tx *store.Tx) error {
			_, _, err := tx.PutFigures(ctx, &f, coop.StepSave, false)
			return err
		}); err != nil {
			b.Fatal(err)
		}
	}
	// touchOrg renames an organisation: every kept total and search of
	// the register is then out of date (store.orgTotalKey), where filed
	// amounts (touch) leave those that do not read them.
	touchOrg := func(b *testing.B) {
		n++
		if err := db.Update(ctx, func(tx *store.Tx) error {
			o, err := tx.OrganisationForUpdate(ctx, ids[n%len(ids)])
			if err != nil {
				return err
			}
			// A name read by search and name order; back the next time.
			if n%2 == 0 {
				o.Name += " mới"
			} else {
				o.Name = strings.TrimSuffix(o.Name, " mới")
			}
			return tx.UpdateOrganisation(ctx, &o)
		}); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("org_page", func(b *testing.B) {
		i := 0
		for b.Loop() {
			i++
			serve(b, "/register/"+strconv.FormatInt(ids[i%len(ids)], 10))
		}
	})
	b.Run("org_page/cold", func(b *testing.B) {
		i := 0
		for b.Loop() {
			b.StopTimer()
			touch(b)
			i++
			b.StartTimer()
			serve(b, "/register/"+strconv.FormatInt(ids[(n+i)%len(ids)], 10))
		}
	})
	for _, text := range []string{"dong thap", "hop tac xa", "htx nong nghiep", "khong co to chuc nay"} {
		for _, p := range []string{"/register?q=", "/api/v1/organisations?per_page=50&q="} {
			path := p + url.QueryEscape(text)
			name := "search" + map[bool]string{true: "_api", false: ""}[p[1] == 'a'] + "/" + text
			b.Run(name, func(b *testing.B) {
				for b.Loop() {
					serve(b, path)
				}
			})
			b.Run(name+"/cold_org", func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					touchOrg(b)
					b.StartTimer()
					serve(b, path)
				}
			})
		}
	}
	// Units: the new Hải Phòng (31), which covers old Hải Dương's communes
	// too, alone and with a year; a commune of the new list with a form.
	for _, q := range []string{"form=htx&sector=agriculture", "form=htx&year=2020", "sector=trade&year=2025",
		"unit=31", "unit=31&year=2025", "unit=11914&form=htx"} {
		for _, p := range []string{"/register?", "/api/v1/organisations?per_page=50&"} {
			path := p + q
			name := "list50" + map[bool]string{true: "_api", false: ""}[p[1] == 'a'] + "/" + q
			b.Run(name, func(b *testing.B) {
				for b.Loop() {
					serve(b, path)
				}
			})
			b.Run(name+"/cold", func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					touch(b)
					b.StartTimer()
					serve(b, path)
				}
			})
			b.Run(name+"/cold_org", func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					touchOrg(b)
					b.StartTimer()
					serve(b, path)
				}
			})
		}
	}
}

// BenchmarkRegisterLoad runs the load tool's register scenario against the
// application over the network on this machine: 10 users, one of them
// filing figures, for HOPTAC_BENCH_SECONDS (20), after HOPTAC_BENCH_WARMUP
// seconds of the same unmeasured (none by default); it reports the p95 of
// each route and prints the tool's table.
func BenchmarkRegisterLoad(b *testing.B) {
	_, h, _, _ := registerBenchApp(b)
	ts := httptest.NewServer(h)
	b.Cleanup(ts.Close)
	secs := benchEnv(b, "HOPTAC_BENCH_SECONDS", 20)
	// HOPTAC_BENCH_WARMUP runs the scenario that many seconds first,
	// unmeasured, so the run measures a server that has served a while
	// (its caches filled, its readers' pages read) rather than one just
	// started.
	if warm := benchEnv(b, "HOPTAC_BENCH_WARMUP", 0); warm > 0 {
		if _, err := Run(context.Background(), Config{URL: ts.URL, Scenario: ScenarioRegister, Users: 10, WriteUsers: 1,
			Duration: time.Duration(warm) * time.Second, Seed: 2}); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		rep, err := Run(context.Background(), Config{URL: ts.URL, Scenario: ScenarioRegister, Users: 10, WriteUsers: 1,
			Duration: time.Duration(secs) * time.Second, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		var out bytes.Buffer
		rep.WriteTable(&out)
		// Printed whole: the benchmark log cuts long output short.
		fmt.Print(out.String())
		if rep.Errors() != 0 {
			b.Errorf("%d errors: %v", rep.Errors(), rep.ErrorSamples)
		}
		for i, route := range registerRoutes() {
			if s, ok := rep.Route(route); ok {
				b.ReportMetric(float64(s.P95.Microseconds())/1000, fmt.Sprintf("p95-ms-%d", i))
			}
		}
	}
}
