package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/hoptac/hoptac/internal/store"
)

// afterAll reads the whole list f selects through OrganisationsAfter,
// limit at a time, as an export does.
func afterAll(t *testing.T, db *store.DB, f store.OrganisationFilter, limit int) []int64 {
	t.Helper()
	var out []int64
	var cur store.OrgCursor
	for range 10_000 {
		page, next, err := db.OrganisationsAfter(context.Background(), f, cur, limit)
		if err != nil {
			t.Fatalf("after %+v: %v", f, err)
		}
		for _, o := range page {
			out = append(out, o.ID)
		}
		if len(page) < limit {
			return out
		}
		cur = next
	}
	t.Fatalf("%+v: the walk does not end", f)
	return nil
}

// referenceAll is the reference's whole list for f, page by page.
func referenceAll(t *testing.T, db *store.DB, f store.OrganisationFilter) []int64 {
	t.Helper()
	var out []int64
	f.PerPage = store.MaxPerPage
	for f.Page = 1; ; f.Page++ {
		page, total, err := db.ReferenceOrganisations(context.Background(), f)
		if err != nil {
			t.Fatalf("reference %+v: %v", f, err)
		}
		for _, o := range page {
			out = append(out, o.ID)
		}
		if len(out) >= total || len(page) == 0 {
			return out
		}
	}
}

// sameAfterAsReference asserts that walking a list by keyset gives the
// reference's whole list: every organisation once, in its order, whatever
// the page size (the register has runs of equal names, which fall on page boundaries).
func sameAfterAsReference(t *testing.T, db *store.DB, f store.OrganisationFilter, stage string) {
	t.Helper()
	want := referenceAll(t, db, f)
	for _, limit := range []int{2, 7} {
		if got := afterAll(t, db, f, limit); !slices.Equal(got, want) {
			t.Fatalf("%s: after, %d at a time, %+v:\n got %v\nwant %v", stage, limit, f, got, want)
		}
	}
}

// TestOrganisationsAfterWritesBetweenPages: organisations added before and
// after the cursor between two pages neither repeat nor hide the others
// (an OFFSET would repeat the last row read); the one added after it is
// read, the one before is not.
func TestOrganisationsAfterWritesBetweenPages(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	var ids []int64
	for i, name := range []string{"Hợp tác xã Bình", "Hợp tác xã Cường", "Hợp tác xã Dũng", "Hợp tác xã Đông",
		"Hợp tác xã Giang", "Hợp tác xã Giang"} {
		ids = append(ids, createOrg(t, db, newOrg(fmt.Sprintf("28000000%02d", i), name)).ID)
	}
	f := store.OrganisationFilter{Query: "hop tac"}
	first, cur, err := db.OrganisationsAfter(ctx, f, store.OrgCursor{}, 3)
	if err != nil || len(first) != 3 {
		t.Fatalf("first page %d, %v", len(first), err)
	}
	before := createOrg(t, db, newOrg("2800000098", "Hợp tác xã An"))
	after := createOrg(t, db, newOrg("2800000099", "Hợp tác xã Hưng"))
	got := []int64{first[0].ID, first[1].ID, first[2].ID}
	for {
		page, next, err := db.OrganisationsAfter(ctx, f, cur, 3)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page {
			got = append(got, o.ID)
		}
		if len(page) < 3 {
			break
		}
		cur = next
	}
	if want := append(slices.Clone(ids), after.ID); !slices.Equal(got, want) {
		t.Errorf("read %v, want %v (%d added before the cursor)", got, want, before.ID)
	}
}
