package demo

import (
	"context"
	"testing"

	"github.com/hoptac/hoptac/internal/seeds"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// The demo finds ../shared from the repository and loads the units once.
func TestLoadUnits(t *testing.T) {
	want := seeds.UnitsDir(t)
	if got := UnitsDir(); got == "" {
		t.Fatalf("UnitsDir found nothing; the tests found %s", want)
	}
	db := storetest.Open(t)
	ctx := context.Background()
	res, err := LoadUnits(ctx, db, UnitsDir())
	if err != nil || res.Created != 14149 {
		t.Fatalf("first load: %+v, %v", res, err)
	}
	if res, err = LoadUnits(ctx, db, UnitsDir()); err != nil || res.Changed() {
		t.Errorf("second load: %+v, %v", res, err)
	}
	if _, err := LoadUnits(ctx, db, t.TempDir()); err == nil {
		t.Error("a folder without the files loaded")
	}
}
