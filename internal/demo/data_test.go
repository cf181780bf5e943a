package demo

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

const seedDateLayout = "2006-01-02"

func seedDate(s string) time.Time {
	t, err := time.Parse(seedDateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func seedAgencyIndex(t *testing.T) map[string]agencySeed {
	t.Helper()
	idx := map[string]agencySeed{}
	for _, a := range agencies() {
		idx[a.Name] = a
	}
	return idx
}

// seedTasks returns every task with a label such as "II.3" for messages.
func seedTasks() (labels []string, tasks []taskSeed) {
	for _, g := range actionPlan().Groups {
		for i, task := range g.Tasks {
			code := task.Code
			if code == "" {
				code = fmt.Sprintf("(no code, row %d)", i+1)
			}
			labels = append(labels, g.Code+"."+code)
			tasks = append(tasks, task)
		}
	}
	return labels, tasks
}

func TestPlanShape(t *testing.T) {
	p := actionPlan()
	want := []struct {
		code  string
		tasks int
	}{
		{"I", 2}, {"II", 10}, {"III", 3}, {"IV", 2}, {"V", 1},
	}
	if len(p.Groups) != len(want) {
		t.Fatalf("got %d groups, want %d", len(p.Groups), len(want))
	}
	total := 0
	for i, w := range want {
		g := p.Groups[i]
		if g.Code != w.code {
			t.Errorf("group %d: code %q, want %q", i, g.Code, w.code)
		}
		if strings.TrimSpace(g.Title) == "" {
			t.Errorf("group %s: empty title", g.Code)
		}
		if len(g.Tasks) != w.tasks {
			t.Errorf("group %s: %d tasks, want %d", g.Code, len(g.Tasks), w.tasks)
		}
		total += len(g.Tasks)
	}
	if total != 18 {
		t.Errorf("got %d tasks in total, want 18", total)
	}
}

func TestPlanMetadata(t *testing.T) {
	p := actionPlan()
	if !regexp.MustCompile(`^\d+/KH-UBND$`).MatchString(p.Number) {
		t.Errorf("number %q is not of the form N/KH-UBND", p.Number)
	}
	if p.Type != "KH" {
		t.Errorf("type %q, want KH", p.Type)
	}
	if p.Issuer != "UBND tỉnh Nghệ An" {
		t.Errorf("issuer %q", p.Issuer)
	}
	issued, err := time.Parse(seedDateLayout, p.IssuedOn)
	if err != nil {
		t.Fatalf("IssuedOn %q: %v", p.IssuedOn, err)
	}
	if issued.Year() != 2024 || issued.Month() != time.August {
		t.Errorf("IssuedOn %s, want a day in August 2024", p.IssuedOn)
	}
	for field, v := range map[string]string{"Title": p.Title, "Signer": p.Signer, "Summary": p.Summary} {
		if strings.TrimSpace(v) == "" {
			t.Errorf("%s is empty", field)
		}
	}
}

func TestTaskCodes(t *testing.T) {
	noCode := 0
	for _, g := range actionPlan().Groups {
		next := 1
		for i, task := range g.Tasks {
			if task.Code == "" {
				noCode++
				if g.Code != "V" {
					t.Errorf("group %s row %d: task without code outside group V", g.Code, i+1)
				}
				continue
			}
			if task.Code != strconv.Itoa(next) {
				t.Errorf("group %s row %d: code %q, want %q", g.Code, i+1, task.Code, strconv.Itoa(next))
			}
			next++
		}
	}
	if noCode != 1 {
		t.Errorf("%d tasks without code, want exactly 1", noCode)
	}
}

func TestAgencyFields(t *testing.T) {
	kinds := map[string]bool{
		"department": true, "committee": true, "union": true, "front": true,
		"media": true, "bank": true, "other": true, "collective": true,
	}
	list := agencies()
	if n := len(list); n < 22 || n > 28 {
		t.Errorf("%d agencies, want 22–28", n)
	}
	collectives := 0
	for _, a := range list {
		if strings.TrimSpace(a.Name) == "" || strings.TrimSpace(a.Short) == "" {
			t.Errorf("agency %q: empty name or short name", a.Name)
		}
		if !kinds[a.Kind] {
			t.Errorf("agency %q: unknown kind %q", a.Name, a.Kind)
		}
		if a.Collective != (a.Kind == "collective") {
			t.Errorf("agency %q: Collective=%v but kind %q", a.Name, a.Collective, a.Kind)
		}
		if a.Collective {
			collectives++
		}
	}
	if collectives != 4 {
		t.Errorf("%d collective designations, want 4", collectives)
	}
}

func TestAgencyNamesUnique(t *testing.T) {
	owner := map[string]string{} // lower-cased spelling -> agency Name
	for _, a := range agencies() {
		spellings := append([]string{a.Name, a.Short}, a.Aliases...)
		own := map[string]bool{}
		for i, s := range spellings {
			key := strings.ToLower(s)
			if i == 1 && key == strings.ToLower(a.Name) {
				continue // a short name may equal the full name
			}
			if own[key] {
				t.Errorf("agency %q: spelling %q repeated", a.Name, s)
				continue
			}
			own[key] = true
			if prev, ok := owner[key]; ok {
				t.Errorf("spelling %q of %q is already used by %q", s, a.Name, prev)
				continue
			}
			owner[key] = a.Name
		}
	}
}

func TestAgencyValidity(t *testing.T) {
	idx := seedAgencyIndex(t)
	for _, a := range agencies() {
		var from, to time.Time
		var err error
		if a.ValidFrom != "" {
			if from, err = time.Parse(seedDateLayout, a.ValidFrom); err != nil {
				t.Errorf("agency %q: ValidFrom: %v", a.Name, err)
			}
		}
		if a.ValidTo != "" {
			if to, err = time.Parse(seedDateLayout, a.ValidTo); err != nil {
				t.Errorf("agency %q: ValidTo: %v", a.Name, err)
			}
		}
		if !from.IsZero() && !to.IsZero() && !from.Before(to) {
			t.Errorf("agency %q: ValidFrom %s not before ValidTo %s", a.Name, a.ValidFrom, a.ValidTo)
		}
		if a.Successor == "" {
			continue
		}
		succ, ok := idx[a.Successor]
		switch {
		case !ok:
			t.Errorf("agency %q: successor %q is not an agency", a.Name, a.Successor)
			continue
		case a.Successor == a.Name:
			t.Errorf("agency %q is its own successor", a.Name)
			continue
		case a.ValidTo == "":
			t.Errorf("agency %q has a successor but no ValidTo", a.Name)
			continue
		}
		// The successor must exist by the day after the predecessor ends, and outlive it.
		if succ.ValidFrom != "" {
			if sf, err := time.Parse(seedDateLayout, succ.ValidFrom); err == nil && sf.After(to.AddDate(0, 0, 1)) {
				t.Errorf("agency %q ends %s but successor %q starts %s", a.Name, a.ValidTo, succ.Name, succ.ValidFrom)
			}
		}
		if succ.ValidTo != "" {
			if st, err := time.Parse(seedDateLayout, succ.ValidTo); err == nil && !st.After(to) {
				t.Errorf("successor %q ends %s, not after %q (%s)", succ.Name, succ.ValidTo, a.Name, a.ValidTo)
			}
		}
	}
}

// TestReorganisation pins the facts of the 2025 reform the demo relies on.
func TestReorganisation(t *testing.T) {
	idx := seedAgencyIndex(t)
	cases := []struct {
		name, from, to, successor string
	}{
		{"Sở Kế hoạch và Đầu tư", "", "2025-02-28", "Sở Tài chính"},
		{"Sở Nông nghiệp và Phát triển nông thôn", "", "2025-02-28", "Sở Nông nghiệp và Môi trường"},
		{"Sở Tài nguyên và Môi trường", "", "2025-02-28", "Sở Nông nghiệp và Môi trường"},
		{"Sở Thông tin và Truyền thông", "", "2025-02-28", "Sở Khoa học và Công nghệ"},
		{"Sở Lao động, Thương binh và Xã hội", "", "2025-02-28", "Sở Nội vụ"},
		{"Sở Nông nghiệp và Môi trường", "2025-03-01", "", ""},
		{"Sở Tài chính", "", "", ""},
		{"UBND các huyện, thị xã, thành phố", "", "2025-06-30", "UBND các xã, phường"},
		{"UBND các xã, phường", "2025-07-01", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, ok := idx[c.name]
			if !ok {
				t.Fatalf("agency %q missing", c.name)
			}
			if a.ValidFrom != c.from || a.ValidTo != c.to || a.Successor != c.successor {
				t.Errorf("got from=%q to=%q successor=%q, want from=%q to=%q successor=%q",
					a.ValidFrom, a.ValidTo, a.Successor, c.from, c.to, c.successor)
			}
		})
	}
}

func TestTaskAgencies(t *testing.T) {
	idx := seedAgencyIndex(t)
	issued := seedDate(actionPlan().IssuedOn)
	labels, tasks := seedTasks()
	withCollectiveSupport := 0
	multiLead := 0
	for i, task := range tasks {
		if len(task.Lead) == 0 {
			t.Errorf("task %s: no lead agency", labels[i])
		}
		if len(task.Lead) > 1 {
			multiLead++
		}
		seen := map[string]bool{}
		collectiveSupport := false
		for role, names := range map[string][]string{"lead": task.Lead, "support": task.Support} {
			for _, n := range names {
				a, ok := idx[n]
				if !ok {
					t.Errorf("task %s: %s agency %q is not an agency Name", labels[i], role, n)
					continue
				}
				if seen[n] {
					t.Errorf("task %s: agency %q listed twice", labels[i], n)
				}
				seen[n] = true
				// The plan was issued in 2024: it can only name agencies that existed then.
				if a.ValidFrom != "" && seedDate(a.ValidFrom).After(issued) {
					t.Errorf("task %s: %s agency %q did not exist on %s", labels[i], role, n, actionPlan().IssuedOn)
				}
				if a.ValidTo != "" && seedDate(a.ValidTo).Before(issued) {
					t.Errorf("task %s: %s agency %q had ceased on %s", labels[i], role, n, actionPlan().IssuedOn)
				}
				if role == "support" && a.Collective {
					collectiveSupport = true
				}
			}
		}
		if collectiveSupport {
			withCollectiveSupport++
		}
	}
	if withCollectiveSupport*2 <= len(tasks) {
		t.Errorf("only %d of %d tasks have a collective supporting agency, want most", withCollectiveSupport, len(tasks))
	}
	if multiLead == 0 {
		t.Error("no task has several lead agencies")
	}
}

// TestLeadWithCommaNames makes sure the demo exercises agency names that
// contain commas inside a multi-agency lead list.
func TestLeadWithCommaNames(t *testing.T) {
	_, tasks := seedTasks()
	for _, task := range tasks {
		has := map[string]bool{}
		for _, n := range task.Lead {
			has[n] = true
		}
		if has["Sở Lao động, Thương binh và Xã hội"] && has["UBND các huyện, thị xã, thành phố"] {
			return
		}
	}
	t.Error("no task lists both Sở Lao động, Thương binh và Xã hội and UBND các huyện, thị xã, thành phố as leads")
}

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

// seedEachString calls f with every string reachable from v, with a path.
func seedEachString(path string, v reflect.Value, f func(path, s string)) {
	switch v.Kind() {
	case reflect.String:
		f(path, v.String())
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			seedEachString(path+"."+v.Type().Field(i).Name, v.Field(i), f)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			seedEachString(fmt.Sprintf("%s[%d]", path, i), v.Index(i), f)
		}
	}
}

func TestStrings(t *testing.T) {
	check := func(path, s string) {
		if !norm.NFC.IsNormalString(s) {
			t.Errorf("%s: not NFC: %q", path, s)
		}
		if s != strings.TrimSpace(s) {
			t.Errorf("%s: leading or trailing space: %q", path, s)
		}
		if strings.Contains(s, "  ") {
			t.Errorf("%s: double space: %q", path, s)
		}
	}
	seedEachString("agencies", reflect.ValueOf(agencies()), check)
	seedEachString("plan", reflect.ValueOf(actionPlan()), check)
}

// TestNFCCheckWorks guards the NFC test itself: decomposed text must fail it.
func TestNFCCheckWorks(t *testing.T) {
	decomposed := norm.NFD.String("Hợp tác xã")
	if norm.NFC.IsNormalString(decomposed) {
		t.Fatal("NFD text reported as NFC")
	}
}
