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
