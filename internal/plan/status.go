package plan

import "time"

// Status is a task's progress. Only the first three are ever stored; the
// late/overdue ones are derived from dates at read time so they can never
// go stale.
type Status string

const (
	StatusNotStarted Status = "not_started"
	StatusInProgress Status = "in_progress"
	StatusDone       Status = "done"
	StatusDoneLate   Status = "done_late" // computed, never recorded
	StatusOverdue    Status = "overdue"   // computed, never recorded
)

// Recordable reports whether s may be stored, i.e. chosen by a user.
func (s Status) Recordable() bool {
	switch s {
	case StatusNotStarted, StatusInProgress, StatusDone:
		return true
	}
	return false
}

// Valid reports whether s is any known status, recorded or computed.
func (s Status) Valid() bool {
	return s.Recordable() || s == StatusDoneLate || s == StatusOverdue
}

// Effective computes what a user sees from the recorded status, the day it
// was recorded done, the timeframe and today. An empty recorded status
// means not started. A computed status passed in as recorded is
// recomputed (done_late as done, overdue as in progress) so a stale value
// cannot stick; an unknown status is returned as is.
func Effective(recorded Status, doneOn *time.Time, tf Timeframe, today time.Time) Status {
	switch recorded {
	case "":
		recorded = StatusNotStarted
	case StatusDoneLate:
		recorded = StatusDone
	case StatusOverdue:
		recorded = StatusInProgress
	}
	if !recorded.Recordable() || tf.Due == nil {
		return recorded // ongoing and free-text tasks have no deadline to miss
	}
	due := civilDay(*tf.Due)
	if recorded == StatusDone {
		if doneOn != nil && civilDay(*doneOn).After(due) {
			return StatusDoneLate
		}
		return StatusDone
	}
	if civilDay(today).After(due) { // the due day itself is still on time
		return StatusOverdue
	}
	return recorded
}

// TaskStatus is Effective for a task that may have been dropped: a dropped
// task is never overdue (nothing is owed on it any more) and shows the last
// status recorded on it; done late stays, as it records what happened. The
// store's statusSQL is the same rule in SQL.
func TaskStatus(recorded Status, doneOn *time.Time, tf Timeframe, dropped bool, today time.Time) Status {
	s := Effective(recorded, doneOn, tf, today)
	if dropped && s == StatusOverdue {
		return Effective(recorded, doneOn, Timeframe{}, today)
	}
	return s
}

// DueSoon reports whether an unfinished task falls due within `within`
// days from today (today <= due <= today+within), for reminders; tasks
// already overdue are not "soon".
func DueSoon(recorded Status, tf Timeframe, today time.Time, within int) bool {
	switch recorded {
	case StatusDone, StatusDoneLate:
		return false
	}
	if tf.Due == nil || within < 0 {
		return false
	}
	due, from := civilDay(*tf.Due), civilDay(today)
	return !due.Before(from) && !due.After(from.AddDate(0, 0, within))
}

// civilDay takes the calendar date of t in its own location (callers pass
// Asia/Ho_Chi_Minh times) as UTC midnight, so only dates are compared and
// a task is not overdue hours early or late because of the time zone.
func civilDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
