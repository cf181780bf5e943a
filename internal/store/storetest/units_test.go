package storetest

import (
	"context"
	"testing"
	"time"
)

// The fixture answers 10507 with the old commune before the reform and the
// new one after, and links them.
func TestImportReformUnits(t *testing.T) {
	db := Open(t)
	ImportReformUnits(t, db)
	ctx := context.Background()
	for day, want := range map[string]string{"2025-06-30": "Phường Cẩm Thượng", "2025-07-02": "Phường Thành Đông"} {
		on, _ := time.Parse(time.DateOnly, day)
		u, err := db.UnitOn(ctx, "10507", on)
		if err != nil || u.Name != want {
			t.Errorf("10507 on %s = %q, %v; want %q", day, u.Name, err, want)
		}
	}
	old, err := db.UnitOn(ctx, "10507", time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if links, err := db.UnitSuccessors(ctx, old.ID); err != nil || len(links) != 1 {
		t.Errorf("successors of the old commune = %v, %v; want one", links, err)
	}
}
