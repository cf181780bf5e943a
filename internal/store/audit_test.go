package store_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

func TestAuditAgencyUpdateShowsBeforeAndAfter(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	admin := createUser(t, db, "admin@hoptac.vn", auth.RoleAdmin, nil)
	actx := asUser(admin)
	a := org.Agency{Name: "Sở Kế hoạch và Đầu tư", Kind: org.KindDepartment, Aliases: []string{"Sở KHĐT"}}
	update(t, db, func(tx *store.Tx) error { return tx.CreateAgency(actx, &a) })

	later := fixedNow.Add(48 * time.Hour)
	setClock(db, later)
	a.Name, a.Aliases = "Sở Tài chính", []string{"STC"}
	update(t, db, func(tx *store.Tx) error { return tx.UpdateAgency(actx, &a) })

	entries, total, err := db.ListAudit(context.Background(), audit.Filter{Entity: "agency", EntityID: a.ID})
	if err != nil {
		t.Fatal(err)
	}
	if total != 2 || len(entries) != 2 {
		t.Fatalf("%d entries (total %d), want create and update", len(entries), total)
	}
	up, cr := entries[0], entries[1]
	if up.Action != "update" || cr.Action != "create" {
		t.Fatalf("actions = %s, %s; want update, create (newest first)", up.Action, cr.Action)
	}
	for _, e := range entries {
		if e.UserID == nil || *e.UserID != admin.ID || e.UserName != admin.Email || e.Entity != "agency" || e.EntityID != a.ID {
			t.Errorf("entry %d actor/entity = %v %q %s %d", e.ID, e.UserID, e.UserName, e.Entity, e.EntityID)
		}
	}
	if !up.At.Equal(later) || !cr.At.Equal(fixedNow) {
		t.Errorf("At = %v, %v; want the clock at each change", up.At, cr.At)
	}
	var before, after, created org.Agency
	for _, x := range []struct {
		raw json.RawMessage
		dst *org.Agency
	}{{up.Before, &before}, {up.After, &after}, {cr.After, &created}} {
		if err := json.Unmarshal(x.raw, x.dst); err != nil {
			t.Fatalf("audit JSON %s: %v", x.raw, err)
		}
	}
	if before.Name != "Sở Kế hoạch và Đầu tư" || !slices.Equal(before.Aliases, []string{"Sở KHĐT"}) {
		t.Errorf("before = %s", up.Before)
	}
	if after.Name != "Sở Tài chính" || !slices.Equal(after.Aliases, []string{"STC"}) {
		t.Errorf("after = %s", up.After)
	}
	if cr.Before != nil || created.Name != "Sở Kế hoạch và Đầu tư" || created.ID != a.ID {
		t.Errorf("create entry before %s after %s", cr.Before, cr.After)
	}
}

func TestAuditSystemActor(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	a := createAgency(t, db, org.Agency{Name: "Sở Tài chính"})
	entries, _, err := db.ListAudit(context.Background(), audit.Filter{})
	if err != nil || len(entries) != 1 {
		t.Fatalf("%d entries, %v", len(entries), err)
	}
	if e := entries[0]; e.UserID != nil || e.UserName != audit.SystemActor || e.EntityID != a.ID {
		t.Errorf("entry without a user = %+v", e)
	}
}

func TestAuditPlanCreate(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	f := newFixture(t, db)
	entries, _, err := db.ListAudit(context.Background(), audit.Filter{Entity: "plan", EntityID: f.Plan.ID})
	if err != nil || len(entries) != 1 {
		t.Fatalf("%d entries, %v", len(entries), err)
	}
	var after map[string]any
	if err := json.Unmarshal(entries[0].After, &after); err != nil {
		t.Fatal(err)
	}
	if after["number"] != "187/KH-UBND" || after["title"] != f.Plan.Title || after["issued_on"] != "2026-03-15" ||
		after["groups"] != 2.0 || after["tasks"] != 4.0 {
		t.Errorf("plan audit = %s", entries[0].After)
	}
}

// TestEveryChangeIsAudited runs one of each change and reads the log back.
func TestEveryChangeIsAudited(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db) // 5 agencies, 1 plan
	u := createUser(t, db, "cb@hoptac.vn", auth.RoleCoordinator, nil)
	uctx := asUser(u)
	update(t, db, func(tx *store.Tx) error {
		p := plan.Progress{TaskID: f.task(t, "I.1").ID, Status: plan.StatusInProgress, Note: "Bắt đầu"}
		return tx.RecordProgress(uctx, &p, nil)
	})
	a := f.Other
	a.ShortName = "SCT"
	update(t, db, func(tx *store.Tx) error { return tx.UpdateAgency(uctx, &a) })
	update(t, db, func(tx *store.Tx) error { _, err := tx.CreateToken(uctx, u.ID); return err })
	update(t, db, func(tx *store.Tx) error { return tx.LogLogin(ctx, &u) })

	entries, total, err := db.ListAudit(ctx, audit.Filter{PerPage: store.MaxPerPage})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Action+" "+e.Entity)
	}
	want := []string{"login user", "create api_token", "update agency", "create progress", "create user",
		"create plan", "create agency", "create agency", "create agency", "create agency", "create agency"}
	if !slices.Equal(got, want) || total != len(want) {
		t.Errorf("audit log (total %d) =\n%q\nwant\n%q", total, got, want)
	}
	for _, e := range entries[:4] {
		if e.UserID == nil || *e.UserID != u.ID {
			t.Errorf("%s %s by %v, want user %d", e.Action, e.Entity, e.UserID, u.ID)
		}
	}
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	createAgency(t, db, org.Agency{Name: "Sở Tài chính"})
	for _, q := range []string{
		"UPDATE audit_log SET action = 'tampered'",
		"UPDATE audit_log SET before_json = NULL, after_json = NULL",
		"UPDATE audit_log SET batch_id = id",
		"DELETE FROM audit_log",
		"DELETE FROM audit_log WHERE entity = 'agency'",
	} {
		_, err := db.SQL().ExecContext(ctx, q)
		if err == nil {
			t.Errorf("%s succeeded on the append-only log", q)
			continue
		}
		if !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: error %v does not come from the trigger", q, err)
		}
	}
	var action string
	var after *string
	if err := db.SQL().QueryRowContext(ctx, "SELECT action, after_json FROM audit_log").Scan(&action, &after); err != nil {
		t.Fatal(err)
	}
	if action != "create" || after == nil || !strings.Contains(*after, "Sở Tài chính") {
		t.Errorf("entry = %q %v after tampering", action, after)
	}
	if n := count(t, db, "audit_log"); n != 1 {
		t.Errorf("audit_log rows = %d, want 1", n)
	}
}

func TestListAuditPaging(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	var ids []int64
	for i, n := range []string{"Sở A", "Sở B", "Sở C", "Sở D", "Sở E"} {
		setClock(db, fixedNow.Add(time.Duration(i)*time.Minute))
		ids = append(ids, createAgency(t, db, org.Agency{Name: n}).ID)
	}
	createUser(t, db, "x@hoptac.vn", auth.RoleViewer, nil)

	var agencyIDs []int64
	for page := 1; page <= 3; page++ {
		entries, total, err := db.ListAudit(ctx, audit.Filter{Entity: "agency", Page: page, PerPage: 2})
		if err != nil {
			t.Fatal(err)
		}
		if total != 5 {
			t.Errorf("page %d total = %d, want 5", page, total)
		}
		if want := []int{2, 2, 1}[page-1]; len(entries) != want {
			t.Errorf("page %d has %d entries, want %d", page, len(entries), want)
		}
		for _, e := range entries {
			agencyIDs = append(agencyIDs, e.EntityID)
		}
	}
	reversed := slices.Clone(ids)
	slices.Reverse(reversed)
	if !slices.Equal(agencyIDs, reversed) {
		t.Errorf("agency entries = %v, want newest first %v", agencyIDs, reversed)
	}
	all, total, err := db.ListAudit(ctx, audit.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if total != 6 || len(all) != 6 || all[0].Entity != "user" {
		t.Errorf("unfiltered = %d entries (total %d), first %q", len(all), total, all[0].Entity)
	}
	for i := 1; i < len(all); i++ {
		if all[i].ID >= all[i-1].ID || all[i].At.After(all[i-1].At) {
			t.Errorf("entry %d (id %d at %v) not older than entry %d (id %d at %v)",
				i, all[i].ID, all[i].At, i-1, all[i-1].ID, all[i-1].At)
		}
	}
	one, total, err := db.ListAudit(ctx, audit.Filter{Entity: "agency", EntityID: ids[2]})
	if err != nil || total != 1 || len(one) != 1 || one[0].EntityID != ids[2] {
		t.Errorf("by entity id = %+v total %d, %v", one, total, err)
	}
}
