package report

import (
	"fmt"
	"net/url"
	"time"
)

// DefaultUrgeDaysBefore is how many days before the due date an agency
// that has not sent its report is first reminded.
const DefaultUrgeDaysBefore = 7

// UrgeOverdueWeeks is how many weeks after the due date overdue reminders
// go on: past it the period is closed for reminders, so a forgotten
// period does not mail an agency for ever.
const UrgeOverdueWeeks = 12

// Reminder is one urge due now to one agency about one period.
type Reminder struct {
	PlanID   int64
	Period   string // the period's key
	AgencyID int64
	// Week is 0 for the reminder before the due date, n for the n-th
	// week a report is overdue.
	Week int
	// DedupeKey names the reminder, so it is queued exactly once however
	// many servers or runs see it due.
	DedupeKey string
	Due       time.Time
	// Key and BodyKey are the i18n keys of the subject and the body; Args
	// their %s arguments: plan, period, due date (dd/mm/yyyy), the
	// tracking page's link and, for a manual urge, the coordinator's
	// message. The subject takes the first three.
	Key, BodyKey string
	Args         []string
}

// UrgePlan is what the planner needs to know about one period.
type UrgePlan struct {
	PlanID     int64
	PlanTitle  string
	Schedule   Schedule
	Period     Period
	Missing    []int64 // agencies whose report is not sent
	DaysBefore int     // 0 means DefaultUrgeDaysBefore
	BaseURL    string  // prefixed to the tracking page's path in e-mails
}

// TrackingPath is the tracking page of a period of a plan.
func TrackingPath(planID int64, period string) string {
	return fmt.Sprintf("/plans/%d/reports?period=%s", planID, url.QueryEscape(period))
}

// UrgeOpen reports whether reminders about p may be due on today: from
// the day the first reminder is due to UrgeOverdueWeeks after the due
// date. An ad hoc schedule without dates is never open.
func UrgeOpen(s Schedule, p Period, today time.Time, daysBefore int) bool {
	if s.Frequency == AdHoc && (s.Start == nil || s.End == nil) {
		return false
	}
	if daysBefore <= 0 {
		daysBefore = DefaultUrgeDaysBefore
	}
	today, due := Day(today), s.DueOn(p)
	return !today.Before(due.AddDate(0, 0, -daysBefore)) && !today.After(due.AddDate(0, 0, 7*UrgeOverdueWeeks))
}

// DueReminders returns the reminders due on today (a day in the
// province's time zone) for the reports of u not yet sent: one within
// DaysBefore days before the due date, the due day included, then one a
// week while the report is overdue (week 1 is the seven days after the
// due date).
func DueReminders(u UrgePlan, today time.Time) []Reminder {
	if !UrgeOpen(u.Schedule, u.Period, today, u.DaysBefore) {
		return nil
	}
	today, due := Day(today), u.Schedule.DueOn(u.Period)
	key, body, week, suffix := "urge.before", "urge.before_body", 0, "before"
	if today.After(due) {
		days := int(today.Sub(due).Hours()/24 + 0.5)
		week = (days-1)/7 + 1
		key, body, suffix = "urge.overdue", "urge.overdue_body", fmt.Sprintf("overdue:%d", week)
	}
	link := u.BaseURL + TrackingPath(u.PlanID, u.Period.Key())
	out := make([]Reminder, 0, len(u.Missing))
	for _, a := range u.Missing {
		out = append(out, Reminder{PlanID: u.PlanID, Period: u.Period.Key(), AgencyID: a, Week: week, Due: due,
			Key: key, BodyKey: body,
			DedupeKey: fmt.Sprintf("urge:%d:%s:%d:%s", u.PlanID, u.Period.Key(), a, suffix),
			Args:      []string{u.PlanTitle, u.Period.Key(), due.Format("02/01/2006"), link}})
	}
	return out
}

// ManualReminder is the urge a coordinator sends by hand to one agency,
// with their message ("" for none). nonce makes its dedupe key unique, so
// every press of the button is one urge, and a resent form is not.
func ManualReminder(u UrgePlan, agencyID int64, message, nonce string) Reminder {
	due := u.Schedule.DueOn(u.Period)
	return Reminder{PlanID: u.PlanID, Period: u.Period.Key(), AgencyID: agencyID, Due: due,
		Key: "urge.manual", BodyKey: "urge.manual_body",
		DedupeKey: fmt.Sprintf("urge:%d:%s:%d:manual:%s", u.PlanID, u.Period.Key(), agencyID, nonce),
		Args: []string{u.PlanTitle, u.Period.Key(), due.Format("02/01/2006"),
			u.BaseURL + TrackingPath(u.PlanID, u.Period.Key()), message}}
}
