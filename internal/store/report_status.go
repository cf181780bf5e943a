package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/vntext"
)

// ReportStatus is where a period of a plan's reporting stands: every
// expected report with its state, and the rates.
type ReportStatus struct {
	PlanID    int64           `json:"plan_id"`
	PlanTitle string          `json:"plan_title"`
	Schedule  report.Schedule `json:"schedule"`
	Period    string          `json:"period"`
	Start     time.Time       `json:"start"`
	End       time.Time       `json:"end"`
	DueOn     time.Time       `json:"due_on"`
	Rows      []StatusRow     `json:"rows"`
	Rates     report.Rates    `json:"rates"`
}

// StatusRow is one expected report.
type StatusRow struct {
	report.Row
	AgencyName   string       `json:"agency_name"`
	SubmissionID int64        `json:"submission_id"` // 0 when the agency has not opened one
	State        report.State `json:"state"`         // "" when none
	Late         bool         `json:"late"`
}

// Missing lists the expected reports not sent.
func (s ReportStatus) Missing() []StatusRow {
	var out []StatusRow
	for _, r := range s.Rows {
		if r.SentAt == nil {
			out = append(out, r)
		}
	}
	return out
}

// ReportStatus returns the status of period key ("2025", "2025-Q3" …) of
// a plan: the plan's schedule of that frequency, its expected reports in
// Vietnamese order of agency, what each sent, and the rates.
func (db *DB) ReportStatus(ctx context.Context, planID int64, key string) (ReportStatus, error) {
	return db.reportStatus(ctx, planID, key, db.ExpectedReports, nil)
}

// ReportStatusIn is ReportStatus for a caller that has read the plan's
// schedules already (DB.Schedules, in order of ID): the tracking page
// lists them for its period picker, and the period's schedule is taken
// from them rather than read again, one round trip less on a page whose
// time is mostly round trips.
func (db *DB) ReportStatusIn(ctx context.Context, planID int64, key string, schedules []report.Schedule) (ReportStatus, error) {
	return db.reportStatus(ctx, planID, key, db.ExpectedReports, schedules)
}

// expectFunc lists the reports a period of a schedule expects, with the
// directory of agencies: DB.ExpectedReports, or ReportStatuses' reading
// shared by several periods.
type expectFunc func(context.Context, report.Schedule, report.Period) ([]report.Expected, org.Directory, error)

func (db *DB) reportStatus(ctx context.Context, planID int64, key string, expect expectFunc, schedules []report.Schedule) (ReportStatus, error) {
	st := ReportStatus{PlanID: planID, Rows: []StatusRow{}}
	title, err := readPlanTitle(ctx, db, planID)
	if err != nil {
		return st, err
	}
	p, err := report.ParsePeriod(key)
	if err != nil {
		return st, err
	}
	s, found := report.Schedule{}, false
	if schedules != nil {
		// ScheduleFor's rule on the list: the first made of the period's
		// frequency.
		for _, x := range schedules {
			if x.PlanID == planID && x.Frequency == p.Frequency {
				s, found = x, true
				break
			}
		}
		if !found {
			return st, apperr.New(apperr.NotFound, "error.schedule_not_found")
		}
	} else if s, err = db.ScheduleFor(ctx, planID, p); err != nil {
		return st, err
	}
	exp, dir, err := expect(ctx, s, p)
	if err != nil {
		return st, err
	}
	w := s.Window(p)
	st.PlanTitle, st.Schedule, st.Period, st.Start, st.End, st.DueOn = title, s, p.Key(), w.Start, w.End, s.DueOn(p)
	subs, err := periodSubmissions(ctx, db, s.ID, p.Key())
	if err != nil {
		return st, err
	}
	sent := map[int64]time.Time{}
	for id, sub := range subs {
		if sub.state.Sent() && sub.firstSent != nil {
			sent[id] = *sub.firstSent
		}
	}
	rows, rates := report.Tally(exp, sent, st.DueOn)
	st.Rates = rates
	for _, r := range rows {
		row := StatusRow{Row: r, AgencyName: dir[r.AgencyID].Name}
		who := r.By
		if who == 0 {
			who = r.AgencyID
		}
		if sub, ok := subs[who]; ok {
			row.SubmissionID, row.State, row.Late = sub.id, sub.state, sub.late
		}
		st.Rows = append(st.Rows, row)
	}
	vntext.SortFunc(st.Rows, func(r StatusRow) string { return r.AgencyName })
	return st, nil
}

type periodSubmission struct {
	id        int64
	state     report.State
	firstSent *time.Time
	late      bool
}

// periodSubmissions maps each agency to its report for a period.
func periodSubmissions(ctx context.Context, q querier, scheduleID int64, period string) (map[int64]periodSubmission, error) {
	type pair struct {
		agency int64
		sub    periodSubmission
	}
	rows, err := q.query(ctx, `SELECT agency_id, id, state, first_sent_at, late FROM report_submissions
		WHERE schedule_id = ? AND period = ?`, scheduleID, period)
	list, err := scanAll(rows, err, func(r rowScanner) (pair, error) {
		var p pair
		var first sql.NullString
		var late int
		err := r.Scan(&p.agency, &p.sub.id, &p.sub.state, &first, &late)
		if first.Valid {
			t := parseTime(first.String)
			p.sub.firstSent = &t
		}
		p.sub.late = late == 1
		return p, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: period reports: %w", err)
	}
	out := make(map[int64]periodSubmission, len(list))
	for _, p := range list {
		out[p.agency] = p.sub
	}
	return out, nil
}

// RatesSummary sums a plan's reporting over a year: for the plan, for each
// agency and for each period.
type RatesSummary struct {
	Plan     report.Rates            `json:"plan"`
	ByAgency map[int64]report.Rates  `json:"by_agency"`
	ByPeriod map[string]report.Rates `json:"by_period"`
}

// ReportRates sums the reporting and on-time rates of every periodic
// schedule of a plan over the periods ending in year.
func (db *DB) ReportRates(ctx context.Context, planID int64, year int) (RatesSummary, error) {
	sum := RatesSummary{ByAgency: map[int64]report.Rates{}, ByPeriod: map[string]report.Rates{}}
	schedules, err := db.Schedules(ctx, planID)
	if err != nil {
		return sum, err
	}
	for _, s := range schedules {
		for _, p := range report.Periods(s.Frequency, year) {
			st, err := db.ReportStatus(ctx, planID, p.Key())
			if err != nil {
				return sum, err
			}
			if st.Schedule.ID != s.ID {
				continue // a second schedule of one frequency shares the first's periods
			}
			sum.Plan.Merge(st.Rates)
			sum.ByPeriod[p.Key()] = st.Rates
			for _, r := range st.Rows {
				a := sum.ByAgency[r.AgencyID]
				a.Add(r.SentAt != nil, r.OnTime)
				sum.ByAgency[r.AgencyID] = a
			}
		}
	}
	return sum, nil
}
