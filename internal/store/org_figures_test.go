package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
)

// fullFigures gives every number of a year's figures its own value and
// every flag true, so a column that is not written or read back shows.
func fullFigures(orgID int64, year int) coop.YearFigures {
	f := coop.YearFigures{OrganisationID: orgID, Year: year, Rating: coop.RatingFair,
		Exemplary: true, ValueChain: true, HighTech: true}
	v := reflect.ValueOf(&f).Elem()
	n := int64(1)
	for i := 0; i < v.NumField(); i++ {
		if fv := v.Field(i); fv.Kind() == reflect.Int64 && v.Type().Field(i).Name != "OrganisationID" {
			fv.SetInt(n * 1_003)
			n++
		}
	}
	f.Employees, f.MemberEmployees = 50, 30
	f.Profit = -123_456_789              // a loss
	f.CharterCapital = 9_000_000_000_000 // beyond 32 bits: money is int64
	f.TotalAssets, f.Revenue, f.AvgIncome = 12_500_000_001, 7_300_000_002, 68_000_003
	return f
}

func putFigures(db *store.DB, f *coop.YearFigures, step coop.FilingStep, byCoop bool) (bool, []coop.Warning, error) {
	var changed bool
	var w []coop.Warning
	err := db.Update(context.Background(), func(tx *store.Tx) error {
		var err error
		changed, w, err = tx.PutFigures(context.Background(), f, step, byCoop)
		return err
	})
	return changed, w, err
}

func TestFiguresRoundTrip(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	o := createOrg(t, db, newOrg("2800123456", "Hợp tác xã A"))
	in := fullFigures(o.ID, 2025)
	if changed, _, err := putFigures(db, &in, coop.StepSave, false); err != nil || !changed {
		t.Fatalf("put: %v, %v", changed, err)
	}
	got, err := db.FiguresFor(ctx, o.ID, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if !got.SameNumbers(&in) {
		t.Errorf("a figure was lost on save:\ngot  %+v\nwant %+v", got, in)
	}
	if got.Filing != coop.FilingNone {
		t.Errorf("figures the coordinator records have no filing, got %q", got.Filing)
	}
	// Saving the same again changes nothing and is not audited.
	audits := count(t, db, "audit_log")
	same := fullFigures(o.ID, 2025)
	if changed, _, err := putFigures(db, &same, coop.StepSave, false); err != nil || changed {
		t.Errorf("same again: %v, %v", changed, err)
	}
	if n := count(t, db, "audit_log"); n != audits {
		t.Error("an unchanged save was audited")
	}
	older := fullFigures(o.ID, 2023)
	if _, _, err := putFigures(db, &older, coop.StepSave, false); err != nil {
		t.Fatal(err)
	}
	all, err := db.Figures(ctx, o.ID)
	if err != nil || len(all) != 2 || all[0].Year != 2023 || all[1].Year != 2025 {
		t.Errorf("figures by year: %v, %v", all, err)
	}
	if _, err := db.FiguresFor(ctx, o.ID, 2024); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("a year without figures: %v", err)
	}
}

func TestFiguresRefusedAndWarned(t *testing.T) {
	db := newTestDB(t)
	o := createOrg(t, db, newOrg("2800123456", "Hợp tác xã A"))
	before := counts(t, db, "organisation_figures", "audit_log")
	bad := coop.YearFigures{OrganisationID: o.ID, Year: 2025, Revenue: -1}
	_, _, err := putFigures(db, &bad, coop.StepSave, false)
	wantField(t, err, "revenue")
	missing := coop.YearFigures{OrganisationID: o.ID + 99, Year: 2025}
	_, _, err = putFigures(db, &missing, coop.StepSave, false)
	wantCode(t, err, apperr.NotFound)
	wantSameCounts(t, before, counts(t, db, "organisation_figures", "audit_log"))
	// An HTX of 3 members is stored, with the law's warning.
	small := coop.YearFigures{OrganisationID: o.ID, Year: 2025, MembersIndividual: 3}
	changed, w, err := putFigures(db, &small, coop.StepSave, false)
	if err != nil || !changed {
		t.Fatalf("a small HTX is refused: %v", err)
	}
	if len(w) != 1 || w[0].Key != "warning.coop.htx_min_members" {
		t.Errorf("warnings %v", w)
	}
}

// A cooperative files, the coordinator returns with a comment, the
// cooperative corrects and submits again, the coordinator accepts.
func TestFilingFlow(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	o := createOrg(t, db, newOrg("2800123456", "Hợp tác xã A"))
	f := coop.YearFigures{OrganisationID: o.ID, Year: 2026, MembersIndividual: 20, Revenue: 1_000_000}
	step := func(s coop.FilingStep, byCoop bool, comment string) error {
		g, err := db.FiguresFor(ctx, o.ID, 2026)
		if err != nil {
			g = f
		}
		g.FilingComment = comment
		_, _, err = putFigures(db, &g, s, byCoop)
		return err
	}
	state := func() coop.YearFigures {
		t.Helper()
		g, err := db.FiguresFor(ctx, o.ID, 2026)
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	if err := step(coop.StepSave, true, ""); err != nil {
		t.Fatal(err)
	}
	if g := state(); g.Filing != coop.FilingDraft {
		t.Errorf("after save: %q", g.Filing)
	}
	if err := step(coop.StepSubmit, true, ""); err != nil {
		t.Fatal(err)
	}
	if g := state(); g.Filing != coop.FilingSubmitted || g.SubmittedAt == nil {
		t.Errorf("after submit: %+v", g)
	}
	wantField(t, step(coop.StepSave, true, ""), "filing") // locked while reviewed
	wantField(t, step(coop.StepReturn, false, ""), "filing_comment")
	if err := step(coop.StepReturn, false, "Doanh thu chưa khớp báo cáo tài chính"); err != nil {
		t.Fatal(err)
	}
	if g := state(); g.Filing != coop.FilingReturned || g.FilingComment != "Doanh thu chưa khớp báo cáo tài chính" || g.ReviewedAt == nil {
		t.Errorf("after return: %+v", g)
	}
	if err := step(coop.StepSubmit, true, ""); err != nil {
		t.Fatal(err)
	}
	if err := step(coop.StepAccept, false, ""); err != nil {
		t.Fatal(err)
	}
	if g := state(); g.Filing != coop.FilingAccepted {
		t.Errorf("after accept: %q", g.Filing)
	}
	wantField(t, step(coop.StepSubmit, true, ""), "filing")
}

// Two writers filing the same organisation's new year at once: on
// PostgreSQL, which runs them side by side, the second finds at its insert
// the row the first stored after it read none, and takes its step again
// from that row instead of failing; on SQLite writers take turns. Either
// way both succeed and the second's figures are kept.
func TestPutFiguresConcurrentNewYear(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	importRows(t, db, []store.RegisterRow{regRow("0100000001", "HTX Một", 2023, 1)})
	o, err := db.OrganisationByCode(ctx, "0100000001")
	if err != nil {
		t.Fatal(err)
	}
	put := func(tx *store.Tx, members int64) error {
		f := &coop.YearFigures{OrganisationID: o.ID, Year: 2025, MembersIndividual: members}
		_, _, err := tx.PutFigures(ctx, f, coop.StepSave, false)
		return err
	}
	stored, release := make(chan struct{}), make(chan struct{})
	errA, errB := make(chan error, 1), make(chan error, 1)
	go func() {
		errA <- db.Update(ctx, func(tx *store.Tx) error {
			if err := put(tx, 7); err != nil {
				return err
			}
			close(stored)
			<-release // the first writer's row stays uncommitted meanwhile
			return nil
		})
	}()
	<-stored
	go func() { errB <- db.Update(ctx, func(tx *store.Tx) error { return put(tx, 9) }) }()
	time.Sleep(300 * time.Millisecond) // the second writer reaches its insert and waits on the first's row
	close(release)
	if err := <-errA; err != nil {
		t.Fatalf("first writer: %v", err)
	}
	if err := <-errB; err != nil {
		t.Fatalf("second writer: %v", err)
	}
	got, err := db.FiguresOfYear(ctx, []int64{o.ID}, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if f := got[o.ID]; f.MembersIndividual != 9 {
		t.Errorf("stored %d members, want the second writer's 9", f.MembersIndividual)
	}
}
