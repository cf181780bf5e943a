package org

import "time"

// maxSuccession bounds a walk along successors; the store refuses cycles,
// so it only guards against a hand-edited database.
const maxSuccession = 20

// Directory holds agencies by ID, to follow successions in memory: a
// plan's expected reports walk dozens of chains for every period.
type Directory map[int64]Agency

// ResponsibleOn returns the agency that answers on day for the duties of
// agency id: id itself, or the successor its duties passed to on or before
// day, down the chain. A task led by Sở Kế hoạch và Đầu tư is its own until
// 28/02/2025 and Sở Tài chính's from 01/03/2025. ok is false when id is
// unknown.
func (d Directory) ResponsibleOn(id int64, day time.Time) (a Agency, ok bool) {
	a, ok = d[id]
	if !ok {
		return a, false
	}
	day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	for range maxSuccession {
		if a.SuccessorID == nil || a.SuccessorSince == nil || day.Before(*a.SuccessorSince) {
			break
		}
		next, found := d[*a.SuccessorID]
		if !found {
			break
		}
		a = next
	}
	return a, true
}

// ActiveDuring reports whether the agency existed on any day from start to
// end.
func (a *Agency) ActiveDuring(start, end time.Time) bool {
	if a.ValidFrom != nil && a.ValidFrom.After(end) {
		return false
	}
	return a.ValidTo == nil || !a.ValidTo.Before(start)
}

// SuccessorsOn returns the agencies the duties of agency id had passed to
// by day, down the chain in order: none before the first succession date.
// A successor reads the reports its predecessor filed on the duties it
// took over (Sở Tài chính reads Sở Kế hoạch và Đầu tư's reports from
// 01/03/2025); an agency merely named later in the chain does not before
// its own date.
func (d Directory) SuccessorsOn(id int64, day time.Time) []int64 {
	var out []int64
	a, ok := d[id]
	if !ok {
		return nil
	}
	day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	for range maxSuccession {
		if a.SuccessorID == nil || a.SuccessorSince == nil || day.Before(*a.SuccessorSince) {
			break
		}
		next, found := d[*a.SuccessorID]
		if !found {
			break
		}
		out = append(out, next.ID)
		a = next
	}
	return out
}
