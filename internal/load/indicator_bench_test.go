package load

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/unit"
)

// BenchmarkIndicators computes every built-in indicator of 2025 for all
// the provinces in force (34) on the register benchmark's database
// (registerBenchDB: 200.000 organisations × 10 years), and in the same
// loop runs the bare aggregation (the same statements, rows scanned and
// dropped), so the two are timed under the same load: raw-ms,
// computed-ms and their ratio. Issue 19's targets: computed ≤ 300 ms and
// ≤ 1.3 × raw.
//
//	HOPTAC_BENCH_REGISTER_DSN=/tmp/hoptac-indic-register-200000x10.db \
//	go test -run '^$' -bench Indicators -benchtime 20x ./internal/load
func BenchmarkIndicators(b *testing.B) {
	ctx := context.Background()
	db := registerBenchDB(b)
	now := time.Now()
	provs, _, err := db.Units(ctx, store.UnitFilter{Level: unit.LevelProvince, On: &now, PerPage: 100})
	if err != nil {
		b.Fatal(err)
	}
	var codes []string
	for _, p := range provs {
		codes = append(codes, p.Code)
	}
	if len(codes) != 34 {
		b.Fatalf("%d provinces in force, want 34", len(codes))
	}
	reg := indicator.NewRegister(db)
	raw := func() {
		for _, q := range store.IndicatorQueries(2025, nil) {
			rows, err := db.SQL().QueryContext(ctx, db.Rebind(q.SQL), q.Args...)
			if err != nil {
				b.Fatal(err)
			}
			cols, _ := rows.Columns()
			dest := make([]any, len(cols))
			for i := range dest {
				dest[i] = new(sql.RawBytes)
			}
			for rows.Next() {
				if err := rows.Scan(dest...); err != nil {
					b.Fatal(err)
				}
			}
			if err := rows.Close(); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("all_provinces", func(b *testing.B) {
		var rawT, compT time.Duration
		n := 0
		for b.Loop() {
			b.StopTimer()
			t0 := time.Now()
			raw()
			rawT += time.Since(t0)
			b.StartTimer()
			t1 := time.Now()
			byUnit, err := reg.ComputeUnits(ctx, 2025, codes)
			compT += time.Since(t1)
			if err != nil || len(byUnit) != 34 {
				b.Fatalf("%d units: %v", len(byUnit), err)
			}
			n++
		}
		b.ReportMetric(float64(rawT.Microseconds())/1000/float64(n), "raw-ms")
		b.ReportMetric(float64(compT.Microseconds())/1000/float64(n), "computed-ms")
		b.ReportMetric(float64(compT)/float64(rawT), "ratio")
	})
	for _, u := range []struct{ name, code string }{{"whole", ""}, {"province_hai_phong", "31"}, {"commune_thanh_dong", "10507"}} {
		b.Run(u.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := reg.Compute(ctx, 2025, u.code); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
