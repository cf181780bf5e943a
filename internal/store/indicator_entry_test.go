package store_test

import (
	"context"
	"testing"

	"github.com/hoptac/hoptac/internal/indicator"

	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// A hand-entered value replaces the one of its indicator, year and unit,
// and the audit log keeps the value before; other units and years keep
// their own.
func TestPutIndicatorEntry(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	for _, e := range []indicator.Entry{
		{Indicator: "grdp_share", Year: 2024, Value: 1.1, Source: "Niên giám 2024"},
		{Indicator: "grdp_share", Year: 2024, Value: 1.2, Source: "Niên giám 2024, sửa"},
		{Indicator: "grdp_share", Year: 2024, Unit: "31", Value: 0.9, Source: "Cục Thống kê"},
		{Indicator: "grdp_share", Year: 2023, Value: 1.0, Source: "Niên giám 2023"},
	} {
		if err := db.Update(ctx, func(tx *store.Tx) error { return tx.PutIndicatorEntry(ctx, &e) }); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.IndicatorEntries(ctx, 2024)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Unit != "" || got[0].Value != 1.2 || got[0].Source != "Niên giám 2024, sửa" || got[1].Unit != "31" {
		t.Errorf("entries %+v", got)
	}
	var before int
	if err := db.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE entity = 'indicator_value'
		AND before_json IS NOT NULL`).Scan(&before); err != nil || before != 1 {
		t.Errorf("%d audit entries with a value before (%v), want 1", before, err)
	}
}
