package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/store"
)

// TestDesignationMembers: a collective designation gets an editable list
// of member agencies; only designations have one, and members are agencies.
func TestDesignationMembers(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	hA := createAgency(t, db, org.Agency{Name: "UBND huyện Yên Thành", Kind: org.KindCommittee})
	hB := createAgency(t, db, org.Agency{Name: "UBND huyện Anh Sơn", Kind: org.KindCommittee})
	set := func(d int64, ids ...int64) error {
		return db.Update(ctx, func(tx *store.Tx) error { return tx.SetDesignationMembers(ctx, d, ids) })
	}
	wantField(t, set(f.TC.ID, hA.ID), "designation")
	wantField(t, set(f.UBND.ID, f.UBND.ID), "members")
	wantField(t, set(f.UBND.ID, 999999), "members")
	if err := set(f.UBND.ID, hA.ID, hB.ID, hA.ID); err != nil {
		t.Fatal(err)
	}
	list, err := db.DesignationMembers(ctx, f.UBND.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := agencyNames(list); !slices.Equal(got, []string{"UBND huyện Anh Sơn", "UBND huyện Yên Thành"}) {
		t.Errorf("members %v, want both in Vietnamese order", got)
	}
	if err := set(f.UBND.ID, hB.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := db.DesignationMembers(ctx, f.UBND.ID); len(list) != 1 || list[0].ID != hB.ID {
		t.Errorf("after replacing: %v", agencyNames(list))
	}
	if n := count(t, db, "audit_log WHERE entity = 'designation'"); n != 2 {
		t.Errorf("%d audit entries, want 2", n)
	}
}
