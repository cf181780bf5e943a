package store_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/demo"
	"github.com/hoptac/hoptac/internal/gen"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/planimport"
	"github.com/hoptac/hoptac/internal/seeds"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// searchQueries are what users type: with and without diacritics, in any
// case, short ones the trigram index cannot serve, LIKE wildcards and
// quotes that must match literally, doubled spaces, codes.
var searchQueries = []string{
	"hop tac xa", "HỢP TÁC XÃ", "Hợp tác xã", "dong thap", "Đồng Tháp", "so tai chinh", "SỞ TÀI CHÍNH",
	"xa", "XÃ", "đ", "d", "a", "ii", "II.8", "I.1", "ii.8", "tuyen truyen", "ke hoach",
	"hop  tac   xa", " hop tac ", "100%", "%", "_", "a_b", `\`, `a\b`, `"`, `""`, `"hop tac"`, "'",
	"x'a", "hop tac xa\"", "*", "tac*", "hop OR tac", "NEAR(hop tac)", "hop-tac", "(", "^hop",
	"nghe an", "ubnd", "không có gì như thế này",
}

// searchData fills db with the demo data (agencies with aliases and
// successors), every seed plan and a generated dataset.
func searchData(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	if _, err := demo.Load(ctx, db); err != nil {
		t.Fatalf("demo.Load: %v", err)
	}
	names, err := filepath.Glob(filepath.Join(seeds.Dir(t), "*.txt"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no seed plans: %v", err)
	}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		res, err := planimport.Parse(ctx, filepath.Base(name), data, planimport.Catalog())
		if err != nil {
			t.Fatalf("parse %s: %v", name, err)
		}
		if res.Document.Title == nil {
			// What the reviewer types when the article names no title.
			title := "Kế hoạch " + filepath.Base(name)
			res.Document.Title = &title
		}
		if _, err := planimport.Save(ctx, db, res); err != nil {
			t.Fatalf("save %s: %v", name, err)
		}
	}
	// Texts only the edge-case queries find: a province, LIKE wildcards,
	// a backslash, quotes and FTS5 query syntax, all to match literally.
	odd := plan.Plan{Number: "15/KH-TEST", Type: "KH", Title: "Tìm kiếm", Issuer: "UBND tỉnh",
		Groups: []plan.Group{{Code: "I", Title: "Nhóm", Tasks: []plan.Task{
			{Code: "I.1", Ordinal: 1, Content: "Học tập mô hình Hợp tác xã tỉnh Đồng Tháp",
				Timeframe: plan.ParseTimeframe("2026", 2026)},
			{Code: "I.2", Ordinal: 2, Content: `Đạt 100% kế hoạch; mã a_b, đường dẫn a\b`,
				Timeframe: plan.ParseTimeframe("2026", 2026)},
			{Code: "I.3", Ordinal: 3, Content: `Chương trình "hop tac" (giai đoạn 2) - x'a, tac* NEAR(hop tac) ^hop`,
				Timeframe: plan.ParseTimeframe("2026", 2026)},
		}}}}
	update(t, db, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &odd) })
	asOf := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	if _, err := gen.Generate(ctx, db, gen.Config{Plans: 2, Tasks: 400, Seed: 15, AsOf: asOf}); err != nil {
		t.Fatalf("gen: %v", err)
	}
}

// agencyQueries are searches that reach tasks through their agencies: an
// alias, and the name of an agency's successor.
func agencyQueries(t *testing.T, db *store.DB) []string {
	t.Helper()
	var alias, successor string
	if err := db.SQL().QueryRow(`SELECT alias FROM agency_aliases ORDER BY alias LIMIT 1`).Scan(&alias); err != nil {
		t.Fatalf("no alias: %v", err)
	}
	if err := db.SQL().QueryRow(`SELECT s.name FROM agencies a JOIN agencies s ON s.id = a.successor_id
		ORDER BY s.name LIMIT 1`).Scan(&successor); err != nil {
		t.Fatalf("no successor: %v", err)
	}
	return []string{alias, successor, strings.ToUpper(alias), "STC", "Sở KHĐT", "so khdt"}
}

func searchIDs(t *testing.T, db *store.DB, f plan.TaskFilter) []int64 {
	t.Helper()
	f.PerPage = -1
	tasks, total, err := db.Tasks(context.Background(), f)
	if err != nil {
		t.Fatalf("Tasks(%q): %v", f.Query, err)
	}
	if total != len(tasks) {
		t.Errorf("Tasks(%q): total %d, %d rows", f.Query, total, len(tasks))
	}
	return sorted(taskIDs(tasks))
}

// TestSearchMatchesReference: the indexed search returns exactly the tasks
// the LIKE scan of before returned, for every query, across all plans and
// within each plan, over the seed plans and generated data.
func TestSearchMatchesReference(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	db.DisableCache()
	searchData(t, db)
	ctx := context.Background()
	planIDs := storetest.IDs(t, db, `SELECT id FROM plans ORDER BY id`)
	if len(planIDs) < 5 {
		t.Fatalf("%d plans loaded, want the seeds and generated ones", len(planIDs))
	}
	queries := append(slices.Clone(searchQueries), agencyQueries(t, db)...)
	indexed, found := 0, 0
	for _, q := range queries {
		if db.SearchIndexed(q) {
			indexed++
		}
		for _, pid := range append([]int64{0}, planIDs...) {
			want, err := db.ReferenceSearchIDs(ctx, pid, q)
			if err != nil {
				t.Fatalf("reference %q: %v", q, err)
			}
			// A page is read through the index, or by walking the tasks
			// in order when matches are many: both must agree.
			for _, walkFrom := range []int{1, 1 << 30} {
				db.SetSearchWalkFrom(walkFrom)
				got := searchIDs(t, db, plan.TaskFilter{PlanID: pid, Query: q})
				if !slices.Equal(got, want) {
					t.Errorf("search %q in plan %d (walk from %d): %d tasks %v, want %d %v",
						q, pid, walkFrom, len(got), head(got), len(want), head(want))
				}
			}
			if pid == 0 && len(want) > 0 {
				found++
			}
		}
	}
	// The comparison means something only if both paths ran and found.
	if indexed < len(queries)/2 || indexed == len(queries) {
		t.Errorf("%d of %d queries used the index", indexed, len(queries))
	}
	if found < len(queries)/2 {
		t.Errorf("only %d of %d queries found anything", found, len(queries))
	}
	for _, q := range []string{"hop tac xa", "HỢP TÁC XÃ", "dong thap", "xa", "100%", "a_b", `a\b`, `"hop tac"`,
		"x'a", "tac*", "NEAR(hop tac)", "^hop", "hop  tac   xa"} {
		if len(searchIDs(t, db, plan.TaskFilter{Query: q})) == 0 {
			t.Errorf("search %q found nothing", q)
		}
	}
	if !slices.Equal(searchIDs(t, db, plan.TaskFilter{Query: "hop tac xa"}),
		searchIDs(t, db, plan.TaskFilter{Query: "HỢP TÁC XÃ"})) {
		t.Error(`"hop tac xa" and "HỢP TÁC XÃ" differ`)
	}
}

func head(ids []int64) []int64 { return ids[:min(len(ids), 8)] }
