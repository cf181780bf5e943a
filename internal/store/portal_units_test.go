package store_test

import (
	"context"
	"testing"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// TestPortalCommuneNames names a commune by its code and the day the
// record gives it (10507 before and after the reform), the post-reform
// commune first, the latest unit before a day no unit starts on, and
// leaves out a code no list knows.
func TestPortalCommuneNames(t *testing.T) {
	db := newTestDB(t)
	storetest.ImportReformUnits(t, db)
	orgs := []coop.Organisation{
		{CommuneCode: "10507", CommuneValidFrom: day(2008, 1, 1)},
		{CommuneCode: "10507", CommuneValidFrom: day(2025, 7, 1)},
		{CommuneCode: "10507", CommuneValidFrom: day(2008, 1, 1), NewCommuneCode: "10507", NewCommuneValidFrom: day(2025, 7, 1)},
		{CommuneCode: "10507", CommuneValidFrom: day(2030, 1, 1)},
		{CommuneCode: "10507"},
		{CommuneCode: "77777", CommuneValidFrom: day(2025, 7, 1)},
	}
	want := []string{"Phường Cẩm Thượng", "Phường Thành Đông", "Phường Thành Đông", "Phường Thành Đông", "Phường Thành Đông", ""}
	names, err := db.PortalCommuneNames(context.Background(), orgs)
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range orgs {
		if got := names[store.PortalCommuneKey(o)]; got != want[i] {
			t.Errorf("org %d (%s): %q, want %q", i, store.PortalCommuneKey(o), got, want[i])
		}
	}
	if len(names) != 4 {
		t.Errorf("names %v: want the four known (code, day) pairs", names)
	}
}
