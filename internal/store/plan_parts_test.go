package store_test

import (
	"context"
	"testing"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// An imported plan keeps what its document says besides the task table:
// the documents it implements, its targets (a nested one pointing at its
// parent), its reporting duties and the table's extra columns.
func TestPlanPartsRoundTrip(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	fifty, seventy, one, onePointTwo := 50.0, 70.0, 1.0, 1.2
	p := plan.Plan{Number: "135/KH-UBND", Type: "KH", Title: "Kế hoạch thực hiện Kết luận 13-KL/TU",
		Place: "Hải Phòng", Field: "Thương mại", SignerTitle: "Phó Chủ tịch", Coordinator: "Sở Kế hoạch và Đầu tư",
		Implements: []plan.DocRef{{Number: "56-KL/TW", Type: "KL", Issuer: "Bộ Chính trị", IssuedOn: day(2013, 2, 21)}},
		Targets: []plan.Target{
			{Text: "Trên 50% cán bộ quản lý được đào tạo", Comparator: ">", Value: &fifty, Unit: "%", Due: day(2020, 12, 31)},
			{Text: "trong đó 70% có trình độ cao đẳng trở lên", Comparator: "=", Value: &seventy, Unit: "%", Parent: ptr(0)},
			{Text: "1,0 - 1,2% GRDP", Comparator: "between", Value: &one, ValueMax: &onePointTwo, Unit: "%"},
		},
		Reporting: []plan.Duty{{Frequency: "yearly", Due: "12-30", Recipient: "Chủ tịch UBND thành phố", Via: "Sở Kế hoạch và Đầu tư"}},
		Groups: []plan.Group{{Code: "I", Title: "Nhiệm vụ", Tasks: []plan.Task{{Code: "I.1", Content: "Rà soát",
			Lead: []plan.AgencyRef{ref(f.TC)}, Timeframe: plan.ParseTimeframe("2018", 2018),
			Extra: map[string]string{"Sản phẩm": "Báo cáo"}}}}},
	}
	update(t, db, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &p) })

	got, err := db.Plan(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Place != "Hải Phòng" || got.Field != "Thương mại" || got.SignerTitle != "Phó Chủ tịch" || got.Coordinator != "Sở Kế hoạch và Đầu tư" {
		t.Errorf("document fields = %q %q %q %q", got.Place, got.Field, got.SignerTitle, got.Coordinator)
	}
	if len(got.Implements) != 1 || got.Implements[0].Number != "56-KL/TW" || fmtDate(got.Implements[0].IssuedOn) != "2013-02-21" {
		t.Errorf("implements = %+v", got.Implements)
	}
	if len(got.Targets) != 3 {
		t.Fatalf("targets = %+v", got.Targets)
	}
	if tg := got.Targets[1]; tg.ParentID == nil || *tg.ParentID != got.Targets[0].ID {
		t.Errorf("nested target's parent = %v, want %d", tg.ParentID, got.Targets[0].ID)
	}
	if tg := got.Targets[2]; tg.Comparator != "between" || *tg.Value != 1.0 || *tg.ValueMax != 1.2 || tg.Due != nil {
		t.Errorf("range target = %+v", tg)
	}
	if len(got.Reporting) != 1 || got.Reporting[0].Due != "12-30" || got.Reporting[0].Via != "Sở Kế hoạch và Đầu tư" {
		t.Errorf("reporting = %+v", got.Reporting)
	}
	task, err := db.Task(ctx, p.Groups[0].Tasks[0].ID, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	if task.Extra["Sản phẩm"] != "Báo cáo" {
		t.Errorf("task extra = %v", task.Extra)
	}
}

func TestPlanPartsValidation(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	tests := []struct {
		name string
		tg   []plan.Target
	}{
		{"unknown comparator", []plan.Target{{Text: "x", Comparator: "≈"}}},
		{"empty text", []plan.Target{{Text: " "}}},
		{"parent after child", []plan.Target{{Text: "a", Parent: ptr(1)}, {Text: "b"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := count(t, db, "plans")
			p := plan.Plan{Title: "Kế hoạch", Targets: tt.tg}
			wantField(t, db.Update(ctx, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &p) }), "targets")
			if count(t, db, "plans") != before {
				t.Error("a refused plan was stored")
			}
		})
	}
}
