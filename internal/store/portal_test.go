package store_test

import (
	"context"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

func portalVersion(t *testing.T, db *store.DB) string {
	t.Helper()
	v, err := db.PortalVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v.Plans + "/" + v.Register
}

// TestPublishPlan: publishing records who and when and is audited;
// withdrawing clears both; a plan that is not published is not found by
// the portal's reads; every change moves the portal's version.
func TestPublishPlan(t *testing.T) {
	db := newTestDB(t)
	coord := createUser(t, db, "dieuphoi@example.vn", auth.RoleCoordinator, nil)
	ctx := asUser(coord)
	p := plan.Plan{Number: "5/KH-UBND", Title: "Kế hoạch công khai thử"}
	update(t, db, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &p) })
	hidden := plan.Plan{Number: "6/KH-UBND", Title: "Kế hoạch chưa công khai"}
	update(t, db, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &hidden) })

	v0 := portalVersion(t, db)
	if _, _, err := db.PublishedPlan(ctx, p.ID); apperr.CodeOf(err) != apperr.NotFound {
		t.Fatalf("unpublished plan: %v, want NotFound", err)
	}
	setPublished := func(on bool) {
		t.Helper()
		if err := db.Update(ctx, func(tx *store.Tx) error { return tx.SetPlanPublished(ctx, p.ID, on) }); err != nil {
			t.Fatal(err)
		}
	}
	setPublished(true)
	pub, err := db.PlanPublication(ctx, p.ID)
	if err != nil || pub.At == nil || pub.By != coord.Name {
		t.Fatalf("publication %+v, %v; want now by %s", pub, err, coord.Name)
	}
	v1 := portalVersion(t, db)
	if v1 == v0 {
		t.Error("publishing did not move the portal's version")
	}
	list, err := db.PublishedPlans(ctx)
	if err != nil || len(list) != 1 || list[0].ID != p.ID {
		t.Fatalf("published plans %+v, %v; want only %d", list, err, p.ID)
	}
	if got, _, err := db.PublishedPlan(ctx, p.ID); err != nil || got.Title != p.Title {
		t.Fatalf("published plan %q, %v", got.Title, err)
	}
	setPublished(true) // a no-op: no second entry, no new version
	if v := portalVersion(t, db); v != v1 {
		t.Errorf("publishing again moved the version %s → %s", v1, v)
	}
	setPublished(false)
	if pub, _ := db.PlanPublication(ctx, p.ID); pub.At != nil {
		t.Errorf("withdrawn plan still published: %+v", pub)
	}
	if list, _ := db.PublishedPlans(ctx); len(list) != 0 {
		t.Errorf("published plans after withdrawal: %+v", list)
	}
	if v := portalVersion(t, db); v == v1 || v == v0 {
		t.Errorf("withdrawing gave version %s (before %s, %s)", v, v0, v1)
	}
	entries, _, err := db.ListAudit(ctx, audit.Filter{Entity: "plan", EntityID: p.ID, PerPage: 100})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range entries {
		if e.Action == "publish" || e.Action == "unpublish" {
			actions = append(actions, e.Action)
			if e.UserName != coord.Email {
				t.Errorf("%s by %q, want %q", e.Action, e.UserName, coord.Email)
			}
		}
	}
	if len(actions) != 2 {
		t.Errorf("audited %v, want one publish and one unpublish", actions)
	}
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.SetPlanPublished(ctx, 999999, true) }); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("publishing a missing plan: %v", err)
	}
}

// TestPortalVersionFollowsTheRegister: every write to an organisation,
// whatever path it takes, moves the version (triggers of migration 00023).
func TestPortalVersionFollowsTheRegister(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	v0 := portalVersion(t, db)
	o := createOrg(t, db, newOrg("0800123456", "Hợp tác xã Cẩm Vũ"))
	v1 := portalVersion(t, db)
	if v1 == v0 {
		t.Error("a new organisation did not move the version")
	}
	o.Sector = coop.SectorTrade
	update(t, db, func(tx *store.Tx) error { return tx.UpdateOrganisation(ctx, &o) })
	v2 := portalVersion(t, db)
	if v2 == v1 {
		t.Error("an edit did not move the version")
	}
	update(t, db, func(tx *store.Tx) error {
		return tx.AddStatus(ctx, &coop.Status{OrganisationID: o.ID, Kind: coop.StatusDissolved, On: *day(2026, 1, 5)})
	})
	if v := portalVersion(t, db); v == v2 {
		t.Error("a dissolution did not move the version")
	}
}

// TestPortalRegisterCounts counts active organisations by commune, form
// and sector, with the commune's name and province from the unit lists
// (the post-reform commune where recorded; one recorded only in a commune
// of before the reform is in no province, first), and leaves out the
// others.
func TestPortalRegisterCounts(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	storetest.ImportReformUnits(t, db)
	a := newOrg("0800000001", "Hợp tác xã A")
	a.NewCommuneCode, a.NewCommuneValidFrom = "10507", day(2025, 7, 1)
	createOrg(t, db, a)
	b := newOrg("0800000002", "Hợp tác xã B")
	b.NewCommuneCode, b.NewCommuneValidFrom = "10507", day(2025, 7, 1)
	createOrg(t, db, b)
	c := newOrg("0800000003", "Hợp tác xã C")
	c.NewCommuneCode, c.NewCommuneValidFrom, c.Sector = "", nil, coop.SectorTrade
	neverAssigned(t, db, createOrg(t, db, c).ID)
	gone := createOrg(t, db, newOrg("0800000004", "Hợp tác xã Đã giải thể"))
	update(t, db, func(tx *store.Tx) error {
		return tx.AddStatus(ctx, &coop.Status{OrganisationID: gone.ID, Kind: coop.StatusDissolved, On: *day(2026, 1, 5)})
	})
	got, err := db.PortalRegisterCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []store.RegisterCount{
		{ProvinceCode: "", ProvinceName: "", CommuneCode: "10507", CommuneName: "Phường Cẩm Thượng", Form: coop.FormHTX, Sector: coop.SectorTrade, Active: 1},
		{ProvinceCode: "31", ProvinceName: "Thành phố Hải Phòng", CommuneCode: "10507", CommuneName: "Phường Thành Đông", Form: coop.FormHTX, Sector: coop.SectorAgriculture, Active: 2},
	}
	if len(got) != len(want) {
		t.Fatalf("counts %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}
