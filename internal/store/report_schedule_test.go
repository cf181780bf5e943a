package store_test

import (
	"context"
	"testing"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// TestDutiesBecomeSchedules: an imported plan's reporting duties become
// schedules with Decree 09's windows, keeping the due day the text gave.
func TestDutiesBecomeSchedules(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	p := plan.Plan{Title: "Kế hoạch", Reporting: []plan.Duty{
		{Frequency: "yearly", Due: "12-30", Recipient: "Chủ tịch UBND tỉnh", Via: "Sở Kế hoạch và Đầu tư"},
		{Frequency: "ad_hoc"}},
		Groups: []plan.Group{{Code: "I", Title: "Nhóm", Tasks: []plan.Task{{Content: "Nhiệm vụ"}}}}}
	update(t, db, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &p) })
	list, err := db.Schedules(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 {
		t.Fatalf("schedules %+v, want 2", list)
	}
	y := list[0]
	if y.Frequency != report.Yearly || y.DueMD != "12-30" || y.Cutoff != 15 || y.Recipient != "Chủ tịch UBND tỉnh" ||
		y.DutyID == nil || *y.DutyID != p.Reporting[0].ID {
		t.Errorf("yearly schedule %+v", y)
	}
	if list[1].Frequency != report.AdHoc {
		t.Errorf("second schedule %+v", list[1])
	}
	got, err := db.ScheduleFor(ctx, p.ID, report.Period{Frequency: report.Yearly, Year: 2025, N: 1})
	if err != nil || got.ID != y.ID {
		t.Errorf("ScheduleFor = %+v, %v", got, err)
	}
	_, err = db.ScheduleFor(ctx, p.ID, report.Period{Frequency: report.Monthly, Year: 2025, N: 1})
	wantCode(t, err, "not_found")
	// "once" is refused at the door.
	bad := plan.Plan{Title: "K", Reporting: []plan.Duty{{Frequency: "once"}}}
	err = db.Update(ctx, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &bad) })
	wantField(t, err, "reporting")
}

// TestMigrationMakesSchedules: migration 15 renames "once" to ad_hoc in
// stored duties and makes every stored duty a schedule.
func TestMigrationMakesSchedules(t *testing.T) {
	ctx := context.Background()
	db := openAtVersion(t, 12)
	for _, q := range []string{
		`INSERT INTO plans (id, title, search_fold, created_at, updated_at) VALUES (1, 'P', 'p', '2026-01-01', '2026-01-01')`,
		`INSERT INTO reporting_duties (id, plan_id, ordinal, frequency, due_md) VALUES (5, 1, 1, 'yearly', '12-30')`,
		`INSERT INTO reporting_duties (id, plan_id, ordinal, frequency) VALUES (6, 1, 2, 'once')`,
	} {
		if _, err := db.SQL().ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var freq string
	if err := db.SQL().QueryRowContext(ctx, `SELECT frequency FROM reporting_duties WHERE id = 6`).Scan(&freq); err != nil || freq != "ad_hoc" {
		t.Errorf("duty 6 frequency %q, %v; want ad_hoc", freq, err)
	}
	list, err := db.Schedules(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Frequency != report.Yearly || list[0].DueMD != "12-30" || list[0].Cutoff != 15 ||
		list[0].DueAfter != report.DefaultDueAfter || list[1].Frequency != report.AdHoc || *list[1].DutyID != 6 {
		t.Errorf("schedules after migrating: %+v", list)
	}
}

func TestScheduleEdits(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	s := report.NewSchedule(report.Monthly)
	s.Cutoff = 0
	s.PlanID = f.Plan.ID
	err := db.Update(ctx, func(tx *store.Tx) error { return tx.CreateSchedule(ctx, &s) })
	wantField(t, err, "cutoff")
	s.Cutoff, s.PlanID = 15, 999999
	err = db.Update(ctx, func(tx *store.Tx) error { return tx.CreateSchedule(ctx, &s) })
	wantCode(t, err, "not_found")
	s.PlanID = f.Plan.ID
	update(t, db, func(tx *store.Tx) error { return tx.CreateSchedule(ctx, &s) })
	s.Cutoff, s.IncludeSupport = 1, true
	update(t, db, func(tx *store.Tx) error { return tx.UpdateSchedule(ctx, &s) })
	got, err := db.Schedule(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Cutoff != 1 || !got.IncludeSupport || got.PlanID != f.Plan.ID {
		t.Errorf("after editing: %+v", got)
	}
	if n := count(t, db, "audit_log WHERE entity = 'schedule'"); n != 2 {
		t.Errorf("%d audit entries for the schedule, want 2", n)
	}
}
