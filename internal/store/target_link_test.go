package store_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/target"
	"github.com/hoptac/hoptac/internal/unit"
)

// targetPlan stores a plan with seed 004's GRDP range and its nested
// managers' targets.
func targetPlan(t *testing.T, db *store.DB, number string) plan.Plan {
	t.Helper()
	fifty, seventy, one, onePointTwo := 50.0, 70.0, 1.0, 1.2
	p := plan.Plan{Number: number, Type: "KH", Title: "Kế hoạch " + number, IssuedOn: day(2018, 5, 23),
		Targets: []plan.Target{
			{Text: "1,0 - 1,2% GRDP", Comparator: "between", Value: &one, ValueMax: &onePointTwo, Unit: "%", Due: day(2020, 12, 31)},
			{Text: "Trên 50% cán bộ quản lý được đào tạo", Comparator: ">", Value: &fifty, Unit: "%", Due: day(2020, 12, 31)},
			{Text: "trong đó 70% có trình độ cao đẳng trở lên", Value: &seventy, Unit: "%", Parent: ptr(1)},
		}}
	update(t, db, func(tx *store.Tx) error { return tx.CreatePlan(context.Background(), &p) })
	return p
}

func TestTargetLinkSaveAndAudit(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	admin := createUser(t, db, "dieu.phoi@tinh.gov.vn", "coordinator", nil)
	actx := asUser(admin)
	update(t, db, func(tx *store.Tx) error {
		_, err := tx.ImportUnits(ctx, []*unit.File{{Kind: unit.KindNewList, Units: []unit.Record{
			{Level: unit.LevelProvince, Code: "31", Name: "Thành phố Hải Phòng"}}}})
		return err
	})
	p := targetPlan(t, db, "135/KH-UBND")
	other := targetPlan(t, db, "136/KH-UBND")

	l := target.Link{TargetID: p.Targets[0].ID, Indicator: indicator.GRDPShare, Comparator: target.Between, Value: 1,
		ValueMax: ptr(1.2), BaselineYear: 2017, BaselineValue: ptr(0.8), Deadline: *day(2020, 12, 31), Scope: " 31 "}
	update(t, db, func(tx *store.Tx) error { return tx.SaveTargetLink(actx, p.ID, &l) })
	l2 := target.Link{TargetID: p.Targets[1].ID, Indicator: indicator.ShareManagersTrained, Comparator: target.Above,
		Value: 50, BaselineYear: 2017, Deadline: *day(2020, 12, 31)}
	update(t, db, func(tx *store.Tx) error { return tx.SaveTargetLink(actx, p.ID, &l2) })

	links, err := db.TargetLinks(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := links[p.Targets[0].ID]
	if len(links) != 2 || got.Indicator != indicator.GRDPShare || got.Scope != "31" || *got.ValueMax != 1.2 ||
		*got.BaselineValue != 0.8 || got.BaselineYear != 2017 || fmtDate(&got.Deadline) != "2020-12-31" {
		t.Errorf("links = %+v", links)
	}
	if g := links[p.Targets[1].ID]; g.BaselineValue != nil || g.ValueMax != nil || g.Scope != "" {
		t.Errorf("optional fields = %+v", g)
	}
	if o, err := db.TargetLinks(ctx, other.ID); err != nil || len(o) != 0 {
		t.Errorf("the other plan's links = %v, %v", o, err)
	}

	// A change is an update, with what was and what is.
	l.Value, l.ValueMax, l.Scope = 1.1, ptr(1.3), ""
	update(t, db, func(tx *store.Tx) error { return tx.SaveTargetLink(actx, p.ID, &l) })
	if links, _ = db.TargetLinks(ctx, p.ID); links[l.TargetID].Value != 1.1 || links[l.TargetID].Scope != "" {
		t.Errorf("after update: %+v", links[l.TargetID])
	}
	entries, _, err := db.ListAudit(ctx, audit.Filter{Entity: "target_link", EntityID: l.TargetID})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 || entries[0].Action != "update" || entries[1].Action != "create" ||
		entries[0].UserName == "" || !strings.Contains(string(entries[0].Before), `"value":1,`) ||
		!strings.Contains(string(entries[0].After), `"value":1.1,`) {
		t.Errorf("audit = %+v", entries)
	}
}

func TestTargetLinkRefused(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	p := targetPlan(t, db, "135/KH-UBND")
	other := targetPlan(t, db, "136/KH-UBND")
	ok := target.Link{TargetID: p.Targets[1].ID, Indicator: indicator.ShareManagersTrained, Comparator: target.Above,
		Value: 50, BaselineYear: 2017, Deadline: *day(2020, 12, 31)}
	with := func(change func(*target.Link)) target.Link { l := ok; change(&l); return l }
	cases := []struct {
		name  string
		link  target.Link
		field string
		code  apperr.Code
	}{
		{"unknown indicator", with(func(l *target.Link) { l.Indicator = "grdp" }), "indicator", apperr.Validation},
		{"unknown unit", with(func(l *target.Link) { l.Scope = "99" }), "scope", apperr.Validation},
		{"deadline before baseline", with(func(l *target.Link) { l.BaselineYear = 2021 }), "deadline", apperr.Validation},
		{"another plan's target", with(func(l *target.Link) { l.TargetID = other.Targets[1].ID }), "", apperr.NotFound},
		{"no such target", with(func(l *target.Link) { l.TargetID = 99999 }), "", apperr.NotFound},
	}
	before := counts(t, db, "target_links", "audit_log")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := db.Update(ctx, func(tx *store.Tx) error { return tx.SaveTargetLink(ctx, p.ID, &c.link) })
			if c.field != "" {
				wantField(t, err, c.field)
			} else {
				wantCode(t, err, c.code)
			}
		})
	}
	wantSameCounts(t, before, counts(t, db, "target_links", "audit_log"))
}

// Deleting a plan takes its targets' links with it.
func TestTargetLinkGoesWithItsTarget(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	p := targetPlan(t, db, "135/KH-UBND")
	l := target.Link{TargetID: p.Targets[2].ID, Indicator: indicator.ShareManagersCollege, Comparator: target.AtLeast,
		Value: 70, BaselineYear: 2017, Deadline: *day(2020, 12, 31)}
	update(t, db, func(tx *store.Tx) error { return tx.SaveTargetLink(ctx, p.ID, &l) })
	if n := count(t, db, "target_links"); n != 1 {
		t.Fatalf("%d links", n)
	}
	if _, err := db.SQL().ExecContext(ctx, "DELETE FROM targets WHERE id = "+strconv.FormatInt(l.TargetID, 10)); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, "target_links"); n != 0 {
		t.Errorf("%d links left after their target went", n)
	}
}
