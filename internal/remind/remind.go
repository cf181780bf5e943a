// Package remind sends the reporting cycle's reminders (đôn đốc): it asks
// report.DueReminders which urges are due for every open period of every
// scheduled plan and queues them in the e-mail outbox, once each.
package remind

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// Job queues due reminders. Several servers may run one on a database:
// the dedupe keys make each reminder reach each officer once.
type Job struct {
	DB  *store.DB
	Now func() time.Time // nil is time.Now
	// BaseURL ("https://hoptac.tinh.gov.vn") makes the e-mails' links
	// absolute; "" leaves them as paths.
	BaseURL    string
	DaysBefore int // 0 is report.DefaultUrgeDaysBefore
	Tick       time.Duration
	Log        *slog.Logger
}

// Queued is one reminder the job queued, or would queue on a dry run.
type Queued struct {
	report.Reminder
	PlanID   int64
	Period   string
	Subject  string
	Officers int // active officers of the agency
	Sent     int // messages newly queued; 0 when all had it already
}

// Run queues due reminders every Tick until ctx is cancelled; a failed
// pass is logged and tried again at the next tick.
func (j *Job) Run(ctx context.Context) {
	log := j.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	tick := j.Tick
	if tick <= 0 {
		tick = time.Hour
	}
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		}
		got, err := j.RunOnce(ctx, 0, false)
		if err != nil && ctx.Err() == nil {
			log.Error("report reminders", "err", err)
		}
		sent := 0
		for _, q := range got {
			sent += q.Sent
		}
		if sent > 0 {
			log.Info("report reminders queued", "messages", sent)
		}
		timer.Reset(tick)
	}
}

// RunOnce finds the reminders due today for one plan (planID > 0) or all
// and, unless dryRun, queues each in its own transaction. It returns the
// reminders due, with what was queued.
func (j *Job) RunOnce(ctx context.Context, planID int64, dryRun bool) ([]Queued, error) {
	now := time.Now
	if j.Now != nil {
		now = j.Now
	}
	today := report.Day(now().In(report.Zone()))
	plans := []int64{planID}
	if planID <= 0 {
		var err error
		if plans, err = j.DB.ScheduledPlanIDs(ctx); err != nil {
			return nil, err
		}
	}
	var out []Queued
	for _, id := range plans {
		got, err := j.plan(ctx, id, today, dryRun)
		out = append(out, got...)
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

func (j *Job) plan(ctx context.Context, planID int64, today time.Time, dryRun bool) ([]Queued, error) {
	schedules, err := j.DB.Schedules(ctx, planID)
	if err != nil {
		return nil, err
	}
	var out []Queued
	seen := map[string]bool{}
	for _, s := range schedules {
		for _, p := range candidates(s, today) {
			if seen[p.Key()] || !report.UrgeOpen(s, p, today, j.DaysBefore) {
				continue
			}
			seen[p.Key()] = true
			st, err := j.DB.ReportStatus(ctx, planID, p.Key())
			if err != nil {
				return out, fmt.Errorf("remind: plan %d %s: %w", planID, p.Key(), err)
			}
			var missing []int64
			for _, r := range st.Missing() {
				missing = append(missing, r.AgencyID)
			}
			due := report.DueReminders(report.UrgePlan{PlanID: planID, PlanTitle: st.PlanTitle, Schedule: st.Schedule,
				Period: p, Missing: missing, DaysBefore: j.DaysBefore, BaseURL: j.BaseURL}, today)
			for _, r := range due {
				q, err := j.queue(ctx, planID, p.Key(), r, dryRun)
				out = append(out, q)
				if err != nil {
					return out, err
				}
			}
		}
	}
	return out, nil
}

// candidates are the periods of s that may be open today: the years
// around today for a periodic schedule, the one period of an ad hoc one.
func candidates(s report.Schedule, today time.Time) []report.Period {
	if s.Frequency == report.AdHoc {
		return []report.Period{s.PeriodOn(today)}
	}
	var ps []report.Period
	for _, y := range []int{today.Year() - 1, today.Year(), today.Year() + 1} {
		ps = append(ps, report.Periods(s.Frequency, y)...)
	}
	return ps
}

// queue writes no audit entry, unlike an urge sent by hand: a reminder is
// no one's decision but what the schedule (which is audited) says on a
// day, one per agency per week of lateness across every plan, which would
// bury the people's changes; each is kept in the outbox under its dedupe
// key, which the tracking page counts.
func (j *Job) queue(ctx context.Context, planID int64, period string, r report.Reminder, dryRun bool) (Queued, error) {
	u := Message(r)
	q := Queued{Reminder: r, PlanID: planID, Period: period, Subject: u.Subject}
	if dryRun {
		return q, nil
	}
	err := j.DB.Update(ctx, func(tx *store.Tx) error {
		res, err := tx.QueueUrge(ctx, u)
		q.Officers, q.Sent = res.Officers, res.Queued
		return err
	})
	return q, err
}

// Message is the urge for a reminder: the e-mail in Vietnamese, and a
// notification that each officer reads in their own language.
func Message(r report.Reminder) store.Urge {
	vi := i18n.Default()
	args := make([]any, len(r.Args))
	for i, a := range r.Args {
		args[i] = a
	}
	subject := vi.T(i18n.Vietnamese, r.Key, args[:3]...)
	return store.Urge{AgencyID: r.AgencyID, DedupeKey: r.DedupeKey, Subject: subject,
		Body: vi.T(i18n.Vietnamese, r.BodyKey, args...), NoticeKey: r.Key, NoticeArgs: r.Args[:3],
		Link: report.TrackingPath(r.PlanID, r.Period)}
}
