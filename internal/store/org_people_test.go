package store_test

import (
	"context"
	"testing"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
)

func TestPeople(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	o := createOrg(t, db, newOrg("2800123456", "Hợp tác xã A"))
	set := func(list []coop.Person) (bool, error) {
		var changed bool
		err := db.Update(ctx, func(tx *store.Tx) error {
			var err error
			changed, err = tx.SetPeople(ctx, o.ID, list)
			return err
		})
		return changed, err
	}
	list := []coop.Person{
		{Role: coop.RoleController, Name: "Phạm Thị Dung", Training: coop.TrainingIntermediate},
		{Role: coop.RoleChair, Name: "Nguyễn Văn An", Training: coop.TrainingUniversity, Phone: "0912 345 678"},
	}
	if changed, err := set(list); err != nil || !changed {
		t.Fatalf("set: %v, %v", changed, err)
	}
	got, err := db.People(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Role != coop.RoleChair || got[0].Phone != "0912 345 678" || got[1].Training != coop.TrainingIntermediate {
		t.Errorf("people %+v", got)
	}
	audits := count(t, db, "audit_log")
	if changed, err := set(list); err != nil || changed {
		t.Errorf("the same list again: %v, %v", changed, err)
	}
	if n := count(t, db, "audit_log"); n != audits {
		t.Errorf("the same list was audited")
	}
	before := counts(t, db, "organisation_people", "audit_log")
	_, err = set([]coop.Person{{Role: coop.RoleChair, Name: "", Training: coop.TrainingNone}})
	wantField(t, err, "people_chair_name")
	wantSameCounts(t, before, counts(t, db, "organisation_people", "audit_log"))
	if changed, err := set(nil); err != nil || !changed {
		t.Errorf("clearing: %v, %v", changed, err)
	}
	if n := count(t, db, "organisation_people"); n != 0 {
		t.Errorf("%d people left", n)
	}
}
