package remind_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/demo"
	"github.com/hoptac/hoptac/internal/remind"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// setup opens two handles on one database, as two servers have, with the
// demo plan and a quarterly schedule: 2026-Q4 is due on 20/12/2026.
func setup(t *testing.T) (a, b *store.DB, planID int64) {
	t.Helper()
	ctx := context.Background()
	dsn := storetest.DSN(t)
	a = storetest.OpenAt(t, dsn)
	loaded, err := demo.Load(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	// The demo's own schedules are replaced by one whose dates the tests
	// know.
	if _, err := a.SQL().ExecContext(ctx, `DELETE FROM reporting_schedules`); err != nil {
		t.Fatal(err)
	}
	s := report.NewSchedule(report.Quarterly)
	s.PlanID = loaded.PlanID
	if err := a.Update(ctx, func(tx *store.Tx) error { return tx.CreateSchedule(ctx, &s) }); err != nil {
		t.Fatal(err)
	}
	return a, storetest.OpenAt(t, dsn), loaded.PlanID
}

func day(m time.Month, d int) func() time.Time {
	return func() time.Time { return time.Date(2026, m, d, 9, 0, 0, 0, report.Zone()) }
}

func count(t *testing.T, db *store.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRowContext(context.Background(), db.Rebind(q), args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func sent(got []remind.Queued) int {
	n := 0
	for _, q := range got {
		n += q.Sent
	}
	return n
}

// TestJobQueuesEachUrgeOnce: a run queues the due urges; a second run, by
// the same or another handle, or two at once, queues nothing more.
func TestJobQueuesEachUrgeOnce(t *testing.T) {
	ctx := context.Background()
	a, b, planID := setup(t)
	jobA := &remind.Job{DB: a, Now: day(time.December, 15)}
	jobB := &remind.Job{DB: b, Now: day(time.December, 15)}
	got, err := jobA.RunOnce(ctx, 0, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || sent(got) == 0 {
		t.Fatalf("first run queued nothing: %+v", got)
	}
	officers := 0
	for _, q := range got {
		if q.PlanID != planID || q.Period != "2026-Q4" || !strings.HasSuffix(q.DedupeKey, ":before") {
			t.Errorf("urge %s of plan %d, want the before-due urge of 2026-Q4", q.DedupeKey, q.PlanID)
		}
		if !strings.Contains(q.Subject, "hạn 20/12/2026") || !strings.HasPrefix(q.Subject, "Nhắc gửi báo cáo: ") {
			t.Errorf("subject %q", q.Subject)
		}
		officers += q.Sent
	}
	mails := count(t, a, `SELECT COUNT(*) FROM mail_outbox WHERE kind = 'urge'`)
	if mails != officers {
		t.Errorf("%d urge mails, want %d", mails, officers)
	}
	notes := count(t, a, `SELECT COUNT(*) FROM notifications`)
	for _, job := range []*remind.Job{jobA, jobB} {
		again, err := job.RunOnce(ctx, planID, false)
		if err != nil || len(again) != len(got) || sent(again) != 0 {
			t.Errorf("run again: %d due, %d sent (%v), want %d due, none sent", len(again), sent(again), err, len(got))
		}
	}
	// A week later the report is overdue: both servers at once queue the
	// overdue urge once.
	jobA.Now, jobB.Now = day(time.December, 27), day(time.December, 27)
	var wg sync.WaitGroup
	res := make([][]remind.Queued, 2)
	for i, job := range []*remind.Job{jobA, jobB} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var err error
			if res[i], err = job.RunOnce(ctx, 0, false); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := sent(res[0]) + sent(res[1]); n != officers {
		t.Errorf("two servers queued %d overdue mails, want %d", n, officers)
	}
	if n := count(t, a, `SELECT COUNT(*) FROM mail_outbox WHERE dedupe_key LIKE ?`, "%:overdue:1:%"); n != officers {
		t.Errorf("%d overdue mails stored, want %d", n, officers)
	}
	if n := count(t, b, `SELECT COUNT(*) FROM notifications`); n != notes+officers {
		t.Errorf("%d notifications, want %d", n, notes+officers)
	}
}

// TestJobDryRunWritesNothing: a dry run lists the due urges and stores
// nothing.
func TestJobDryRunWritesNothing(t *testing.T) {
	a, _, _ := setup(t)
	got, err := (&remind.Job{DB: a, Now: day(time.December, 15)}).RunOnce(context.Background(), 0, true)
	if err != nil || len(got) == 0 {
		t.Fatalf("dry run: %d due, %v", len(got), err)
	}
	if n := count(t, a, `SELECT COUNT(*) FROM mail_outbox`); n != 0 {
		t.Errorf("dry run stored %d mails", n)
	}
}

// TestJobNothingDueEarly: a week and a day before 2026-Q4's due date
// nothing is due for it; 2026-Q3, due 20/09, is in its last overdue week.
func TestJobNothingDueEarly(t *testing.T) {
	a, _, _ := setup(t)
	got, err := (&remind.Job{DB: a, Now: day(time.December, 12)}).RunOnce(context.Background(), 0, false)
	if err != nil || len(got) == 0 {
		t.Fatalf("12/12: %d due, %v", len(got), err)
	}
	for _, q := range got {
		if q.Period != "2026-Q3" || q.Week != report.UrgeOverdueWeeks {
			t.Errorf("12/12: %s due, want only 2026-Q3's last overdue urges", q.DedupeKey)
		}
	}
}
