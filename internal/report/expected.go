package report

import (
	"slices"
	"time"

	"github.com/hoptac/hoptac/internal/org"
)

// Expected is one report a period expects, from one agency.
type Expected struct {
	AgencyID int64 `json:"agency_id"`
	// Covers lists the agency and those whose duties passed to it during
	// or before the period: a report by any of them fulfils this one, so
	// a merger counts once.
	Covers []int64 `json:"covers"`
	// From is the first day the agency answers for: the window's start, or
	// the succession date when it took over during the period.
	From time.Time `json:"from"`
}

// Expect returns the reports a window expects from the agencies assigned
// to a plan's tasks (the leads, and supporters when the schedule asks).
// A collective designation with members expands to them; one without
// stays as it is, so the gap shows. Validity decides the rest: each agency
// is answered for by whoever is responsible on the window's last day, an
// agency that did not exist during the window is not expected, and
// successors and predecessors share one expectation.
func Expect(dir org.Directory, members map[int64][]int64, assigned []int64, w Window) []Expected {
	var expanded []int64
	for _, id := range assigned {
		if a, ok := dir[id]; ok && a.Collective && len(members[id]) > 0 {
			expanded = append(expanded, members[id]...)
		} else {
			expanded = append(expanded, id)
		}
	}
	byAgency := map[int64]*Expected{}
	for _, id := range expanded {
		r, ok := dir.ResponsibleOn(id, w.End)
		if !ok || !r.ActiveDuring(w.Start, w.End) {
			continue
		}
		e := byAgency[r.ID]
		if e == nil {
			e = &Expected{AgencyID: r.ID, From: w.Start}
			byAgency[r.ID] = e
		}
		// Every agency on the way from id to r answered for these duties
		// at some time in or before the window.
		a := dir[id]
		for {
			if !slices.Contains(e.Covers, a.ID) {
				e.Covers = append(e.Covers, a.ID)
			}
			if a.ID == r.ID || a.SuccessorID == nil {
				break
			}
			if a.SuccessorSince != nil && a.SuccessorSince.After(e.From) && a.SuccessorSince.After(w.Start) {
				e.From = Day(*a.SuccessorSince)
			}
			next, found := dir[*a.SuccessorID]
			if !found || len(e.Covers) > len(dir) {
				break
			}
			a = next
		}
	}
	out := make([]Expected, 0, len(byAgency))
	for _, e := range byAgency {
		slices.Sort(e.Covers)
		out = append(out, *e)
	}
	slices.SortFunc(out, func(a, b Expected) int { return int(a.AgencyID - b.AgencyID) })
	return out
}

// Row is an expected report with what was sent for it.
type Row struct {
	Expected
	// By is the agency whose report counts (a predecessor's, sent before
	// the merger, counts for its successor); 0 when none was sent.
	By     int64      `json:"by"`
	SentAt *time.Time `json:"sent_at"`
	OnTime bool       `json:"on_time"`
}

// Tally matches expected reports with the first sending of each agency's
// report (sent maps an agency to when it first sent its report for the
// period) and counts them against due. Each expected report counts once.
func Tally(exp []Expected, sent map[int64]time.Time, due time.Time) ([]Row, Rates) {
	var rates Rates
	rows := make([]Row, 0, len(exp))
	for _, e := range exp {
		row := Row{Expected: e}
		for _, id := range e.Covers {
			at, ok := sent[id]
			if ok && (row.SentAt == nil || at.Before(*row.SentAt)) {
				row.By, row.SentAt = id, &at
			}
		}
		row.OnTime = row.SentAt != nil && !IsLate(*row.SentAt, due)
		rates.Add(row.SentAt != nil, row.OnTime)
		rows = append(rows, row)
	}
	return rows, rates
}
