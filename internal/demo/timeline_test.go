package demo

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// seedDueDate interprets a timeframe as written in the plan ("trước ngày 30/12"
// is read as the first such day on or after the plan's issue date). kind names
// the form: ongoing (no due date), year, range, quarter or date.
func seedDueDate(tf string, issued time.Time) (due time.Time, kind string, err error) {
	reYear := regexp.MustCompile(`^(?:Năm )?(\d{4})$`)
	reRange := regexp.MustCompile(`^(\d{4}) ?[-–] ?(\d{4})$`)
	reQuarter := regexp.MustCompile(`^Quý (I|II|III|IV)/(\d{4})$`)
	reBefore := regexp.MustCompile(`^trước ngày (\d{1,2})/(\d{1,2})$`)
	reDate := regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	endOfYear := func(y int) time.Time { return time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC) }
	dayOf := func(y, m, d int) (time.Time, error) {
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if t.Day() != d || int(t.Month()) != m {
			return time.Time{}, fmt.Errorf("no such date %d/%d/%d", d, m, y)
		}
		return t, nil
	}
	switch {
	case tf == "Thường xuyên":
		return time.Time{}, "ongoing", nil
	case reYear.MatchString(tf):
		return endOfYear(atoi(reYear.FindStringSubmatch(tf)[1])), "year", nil
	case reRange.MatchString(tf):
		m := reRange.FindStringSubmatch(tf)
		if atoi(m[1]) >= atoi(m[2]) {
			return time.Time{}, "", fmt.Errorf("range %q runs backwards", tf)
		}
		return endOfYear(atoi(m[2])), "range", nil
	case reQuarter.MatchString(tf):
		m := reQuarter.FindStringSubmatch(tf)
		q := map[string]int{"I": 1, "II": 2, "III": 3, "IV": 4}[m[1]]
		return time.Date(atoi(m[2]), time.Month(3*q+1), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1), "quarter", nil
	case reBefore.MatchString(tf):
		m := reBefore.FindStringSubmatch(tf)
		d, err := dayOf(issued.Year(), atoi(m[2]), atoi(m[1]))
		if err == nil && d.Before(issued) {
			d = d.AddDate(1, 0, 0)
		}
		return d, "date", err
	case reDate.MatchString(tf):
		m := reDate.FindStringSubmatch(tf)
		d, err := dayOf(atoi(m[3]), atoi(m[2]), atoi(m[1]))
		return d, "date", err
	}
	return time.Time{}, "", fmt.Errorf("unrecognised timeframe %q", tf)
}

func TestTimeframes(t *testing.T) {
	issued := seedDate(actionPlan().IssuedOn)
	labels, tasks := seedTasks()
	kinds := map[string]int{}
	for i, task := range tasks {
		due, kind, err := seedDueDate(task.Timeframe, issued)
		if err != nil {
			t.Errorf("task %s: %v", labels[i], err)
			continue
		}
		if kind != "ongoing" && due.Before(issued) {
			t.Errorf("task %s: due %s before the plan was issued", labels[i], due.Format(seedDateLayout))
		}
		kinds[kind]++
	}
	if n := kinds["ongoing"]; n < 6 || n > 10 {
		t.Errorf("%d ongoing (Thường xuyên) tasks, want about 8", n)
	}
	for _, k := range []string{"year", "range", "quarter", "date"} {
		if kinds[k] == 0 {
			t.Errorf("no timeframe of form %s", k)
		}
	}
}

func TestProgress(t *testing.T) {
	issued := seedDate(actionPlan().IssuedOn)
	first, last := seedDate("2024-09-01"), seedDate("2026-11-20")
	if issued.After(first) {
		first = issued
	}
	labels, tasks := seedTasks()
	for i, task := range tasks {
		var prev time.Time
		prevPct := -1
		for j, p := range task.Progress {
			where := fmt.Sprintf("task %s progress %d", labels[i], j+1)
			on, err := time.Parse(seedDateLayout, p.On)
			if err != nil {
				t.Errorf("%s: date: %v", where, err)
				continue
			}
			if on.Before(first) || on.After(last) {
				t.Errorf("%s: date %s outside %s…%s", where, p.On, first.Format(seedDateLayout), last.Format(seedDateLayout))
			}
			if j > 0 && !on.After(prev) {
				t.Errorf("%s: date %s not after the previous entry", where, p.On)
			}
			prev = on
			switch p.Status {
			case "in_progress":
				if p.Percent >= 100 {
					t.Errorf("%s: in progress at %d%%", where, p.Percent)
				}
			case "done":
				if j != len(task.Progress)-1 {
					t.Errorf("%s: done but not the last entry", where)
				}
				if p.Percent != 100 && p.Percent != -1 {
					t.Errorf("%s: done at %d%%", where, p.Percent)
				}
			default:
				t.Errorf("%s: status %q", where, p.Status)
			}
			if p.Percent < -1 || p.Percent > 100 {
				t.Errorf("%s: percent %d out of range", where, p.Percent)
			}
			if p.Percent >= 0 {
				if p.Percent < prevPct {
					t.Errorf("%s: percent fell from %d to %d", where, prevPct, p.Percent)
				}
				prevPct = p.Percent
			}
			if strings.TrimSpace(p.Note) == "" {
				t.Errorf("%s: empty note", where)
			}
		}
		if len(task.Progress) > 3 {
			t.Errorf("task %s: %d progress entries, want at most 3", labels[i], len(task.Progress))
		}
	}
}

// TestStatusMix checks that, as of demoToday, the demo shows every status a
// task can have.
func TestStatusMix(t *testing.T) {
	demoToday := seedDate("2026-11-24") // the day the demo is written for
	issued := seedDate(actionPlan().IssuedOn)
	labels, tasks := seedTasks()
	got := map[string][]string{}
	for i, task := range tasks {
		due, kind, err := seedDueDate(task.Timeframe, issued)
		if err != nil {
			t.Fatalf("task %s: %v", labels[i], err)
		}
		hasDue := kind != "ongoing"
		var status string
		switch {
		case len(task.Progress) > 0 && task.Progress[len(task.Progress)-1].Status == "done":
			doneOn := seedDate(task.Progress[len(task.Progress)-1].On)
			if hasDue && doneOn.After(due) {
				status = "done_late"
			} else {
				status = "done"
			}
		case hasDue && due.Before(demoToday):
			status = "overdue"
		case len(task.Progress) == 0:
			status = "not_started"
		default:
			status = "in_progress"
		}
		got[status] = append(got[status], labels[i])
	}
	t.Logf("as of %s: %v", demoToday.Format(seedDateLayout), got)
	for _, s := range []string{"done", "overdue", "not_started", "in_progress"} {
		if len(got[s]) == 0 {
			t.Errorf("no task is %s", s)
		}
	}
	if len(got["done_late"]) != 1 {
		t.Errorf("done late: %v, want exactly one task", got["done_late"])
	}
}
