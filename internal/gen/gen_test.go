package gen

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
	"github.com/hoptac/hoptac/internal/vntext"
)

var asOf = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

func generate(t *testing.T, cfg Config) (*store.DB, Result) {
	t.Helper()
	db := storetest.Open(t)
	if cfg.AsOf.IsZero() {
		cfg.AsOf = asOf
	}
	res, err := Generate(context.Background(), db, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return db, res
}

func count(t *testing.T, db *store.DB, table string) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// The dataset has the shape of real plans.
func TestGenerateShape(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, res := generate(t, Config{Plans: 3, Tasks: 80, Progress: 1500, Seed: 11})

	if res.Plans != 3 || res.Tasks != 240 || res.Groups != 15 || res.Progress != 1500 {
		t.Fatalf("result %+v", res)
	}
	for table, want := range map[string]int{"plans": 3, "task_groups": 15, "tasks": 240, "progress": 1500,
		"task_agencies": res.Assignments, "agencies": res.Agencies, "users": 0} {
		if got := count(t, db, table); got != want {
			t.Errorf("%s: %d rows, want %d", table, got, want)
		}
	}
	if res.Agencies < 30 || res.Successors < 2 {
		t.Errorf("%d agencies, %d with a successor; want about 30 and a few", res.Agencies, res.Successors)
	}
	// Collective designations and aliases, as in real plans.
	a, err := db.AgencyByName(ctx, "UBND cac xa, phuong")
	if err != nil || !a.Collective {
		t.Errorf("collective agency: %+v %v", a, err)
	}
	if a, err := db.AgencyByName(ctx, "So KHDT"); err != nil || a.Name != "Sở Kế hoạch và Đầu tư" || a.SuccessorID == nil {
		t.Errorf("alias and successor: %+v %v", a, err)
	}

	kinds := map[plan.TimeframeKind]int{}
	codes := map[string]bool{}
	for _, id := range res.PlanIDs {
		p, err := db.PlanWithTasks(ctx, id, asOf)
		if err != nil {
			t.Fatal(err)
		}
		if p.IssuedOn == nil || !p.IssuedOn.Before(asOf) || p.Number == "" || !strings.Contains(p.Number, "-UBND") {
			t.Errorf("plan %d: number %q issued %v", id, p.Number, p.IssuedOn)
		}
		var groupCodes []string
		n := 0
		for _, g := range p.Groups {
			groupCodes = append(groupCodes, g.Code)
			for i, tk := range g.Tasks {
				n++
				if tk.Code != fmt.Sprintf("%s.%d", g.Code, i+1) {
					t.Errorf("task code %q at %s #%d", tk.Code, g.Code, i+1)
				}
				if len(tk.Lead) < 1 || len(tk.Lead) > 4 || len(tk.Support) > 3 {
					t.Errorf("%s: %d lead, %d support", tk.Code, len(tk.Lead), len(tk.Support))
				}
				if vntext.Fold(tk.Content) == tk.Content {
					t.Errorf("%s has no diacritics: %q", tk.Code, tk.Content)
				}
				kinds[tk.Timeframe.Kind]++
				codes[tk.Content] = true
			}
		}
		if !slices.Equal(groupCodes, []string{"I", "II", "III", "IV", "V"}) || n != 80 {
			t.Errorf("plan %d: groups %v, %d tasks", id, groupCodes, n)
		}
	}
	for _, k := range []plan.TimeframeKind{plan.TimeframeOngoing, plan.TimeframeYear, plan.TimeframeRange,
		plan.TimeframeQuarter, plan.TimeframeDate, plan.TimeframeText} {
		if kinds[k] == 0 {
			t.Errorf("no task with a %s timeframe: %v", k, kinds)
		}
	}
	if len(codes) < 200 {
		t.Errorf("only %d different task texts of 240", len(codes))
	}

	// Every status, and the counts Generate reports are what the store says.
	for _, s := range []plan.Status{plan.StatusNotStarted, plan.StatusInProgress, plan.StatusOverdue,
		plan.StatusDone, plan.StatusDoneLate} {
		_, total, err := db.Tasks(ctx, plan.TaskFilter{Status: s, Today: asOf, PerPage: 1})
		if err != nil {
			t.Fatal(err)
		}
		if total == 0 || total != res.Status[s] {
			t.Errorf("%s: store counts %d, Generate reported %d", s, total, res.Status[s])
		}
	}

	// A search without diacritics finds some tasks, not all.
	_, found, err := db.Tasks(ctx, plan.TaskFilter{Query: "ho tro hop tac xa", Today: asOf, PerPage: 1})
	if err != nil || found == 0 || found == res.Tasks {
		t.Errorf("search found %d of %d (%v)", found, res.Tasks, err)
	}

	// Progress dates rise with each task's entries and stop at AsOf.
	rows, err := db.SQL().Query(db.Rebind(`SELECT p.task_id, p.created_at, p.status, t.status FROM progress p
		JOIN tasks t ON t.id = p.task_id ORDER BY p.task_id, p.id`))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var lastTask int64
	var lastAt, lastStatus, lastTaskStatus string
	check := func() {
		if lastTask != 0 && lastStatus != lastTaskStatus {
			t.Errorf("task %d: last entry %s, task %s", lastTask, lastStatus, lastTaskStatus)
		}
	}
	for rows.Next() {
		var id int64
		var at, status, taskStatus string
		if err := rows.Scan(&id, &at, &status, &taskStatus); err != nil {
			t.Fatal(err)
		}
		if id != lastTask {
			check()
		} else if at <= lastAt {
			t.Errorf("task %d: entry at %s after one at %s", id, at, lastAt)
		}
		if at > asOf.AddDate(0, 0, 1).Format(time.RFC3339) {
			t.Errorf("task %d: entry at %s after AsOf", id, at)
		}
		lastTask, lastAt, lastStatus, lastTaskStatus = id, at, status, taskStatus
	}
	check()
	// One audit entry sums up the history, and one each plan, which opens
	// into a row per task.
	if n := count(t, db, "audit_log WHERE batch_id IS NULL"); n != res.NewAgencies+res.Plans+1 {
		t.Errorf("%d audit entries, want %d", n, res.NewAgencies+res.Plans+1)
	}
	if n := count(t, db, "audit_log WHERE batch_id IS NOT NULL AND entity = 'task'"); n != res.Tasks {
		t.Errorf("%d audit rows of tasks, want %d", n, res.Tasks)
	}
}

// dump is the dataset's content, without IDs' storage details.
func dump(t *testing.T, db *store.DB) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT number, doc_type, title, issued_on, signer FROM plans ORDER BY id`,
		`SELECT t.code, t.content, t.tf_text, t.status, COALESCE(t.percent, -1), COALESCE(t.done_on, '') FROM tasks t ORDER BY t.id`,
		`SELECT ta.task_id, a.name, ta.role, ta.ordinal FROM task_agencies ta JOIN agencies a ON a.id = ta.agency_id
			ORDER BY ta.task_id, ta.role, ta.ordinal`,
		`SELECT task_id, status, COALESCE(percent, -1), note, user_name, created_at FROM progress ORDER BY id`,
	} {
		rows, err := db.SQL().Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, vals...)
		}
		rows.Close()
	}
	return b.String()
}

func TestGenerateIsDeterministic(t *testing.T) {
	t.Parallel()
	cfg := Config{Plans: 2, Tasks: 40, Progress: 400, Seed: 42, Password: "mat-khau-thu-tai"}
	a, _ := generate(t, cfg)
	b, _ := generate(t, cfg)
	if da, db := dump(t, a), dump(t, b); da != db {
		t.Error("the same seed gave different data")
	}
	cfg.Seed = 43
	c, _ := generate(t, cfg)
	if dump(t, a) == dump(t, c) {
		t.Error("another seed gave the same data")
	}
}

// The load tool's accounts: one officer per agency that still exists, a
// viewer and an administrator, all with the password; a second run adds
// data and reuses agencies and accounts.
func TestGenerateAccounts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const pw = "mat-khau-thu-tai"
	db, res := generate(t, Config{Plans: 1, Tasks: 20, Progress: 100, Seed: 1, Password: pw})
	agencies, _, err := db.Agencies(ctx, store.AgencyFilter{PerPage: store.MaxPerPage})
	if err != nil {
		t.Fatal(err)
	}
	officers := 0
	for _, a := range agencies {
		u, err := db.UserByEmail(ctx, AgencyEmail(a.ID))
		if !HasLoadAccount(a) {
			if apperr.CodeOf(err) != apperr.NotFound {
				t.Errorf("%s (merged or collective) has an account: %v", a.Name, err)
			}
			continue
		}
		officers++
		if err != nil || u.Role != auth.RoleAgency || u.AgencyID == nil || *u.AgencyID != a.ID {
			t.Errorf("officer of %s: %+v %v", a.Name, u, err)
		}
	}
	if officers < 15 || res.Users != officers+2 {
		t.Errorf("%d officers, %d accounts", officers, res.Users)
	}
	logins := map[string]auth.Role{ViewerEmail: auth.RoleViewer, AdminEmail: auth.RoleAdmin}
	for _, a := range agencies {
		if HasLoadAccount(a) {
			logins[AgencyEmail(a.ID)] = auth.RoleAgency
			break
		}
	}
	for email, role := range logins {
		if u, err := db.Authenticate(ctx, email, pw); err != nil || u.Role != role {
			t.Errorf("log in as %s: %v %s", email, err, u.Role)
		}
	}
	// Reports are signed by the officers of the lead agencies.
	var signed int
	if err := db.SQL().QueryRow(`SELECT COUNT(*) FROM progress WHERE user_id IS NOT NULL`).Scan(&signed); err != nil || signed == 0 {
		t.Errorf("%d progress entries with an author (%v)", signed, err)
	}

	res2, err := Generate(ctx, db, Config{Plans: 1, Tasks: 10, Progress: 30, Seed: 2, Password: pw, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	if res2.NewAgencies != 0 || res2.Users != 0 || count(t, db, "plans") != 2 || count(t, db, "progress") != 130 {
		t.Errorf("second run: %+v", res2)
	}
}

// One plan of 10,000 tasks, the size the task list must serve quickly.
func TestGenerateLargePlan(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("writes 10,000 tasks")
	}
	ctx := context.Background()
	db, res := generate(t, Config{Plans: 1, Tasks: 10_000, Progress: 20_000, Seed: 9})
	_, total, err := db.Tasks(ctx, plan.TaskFilter{PlanID: res.PlanIDs[0], Today: asOf, PerPage: 50})
	if err != nil || total != 10_000 || res.Progress != 20_000 {
		t.Fatalf("tasks %d, progress %d (%v)", total, res.Progress, err)
	}
	t.Logf("10,000 tasks and 20,000 entries in %v (plans %v, progress %v)", res.Total, res.PlanTime, res.ProgressTime)
}

// The seeds are constants: every date parses, every successor exists, and
// no two agencies answer to the same name.
func TestAgencySeeds(t *testing.T) {
	t.Parallel()
	seen := map[string]string{}
	names := map[string]bool{}
	for _, s := range agencySeeds() {
		names[s.name] = true
	}
	for _, s := range agencySeeds() {
		parseDay(s.validFrom)
		parseDay(s.validTo)
		if s.successor != "" && (!names[s.successor] || s.validTo == "") {
			t.Errorf("%s: successor %q without an end date or unknown", s.name, s.successor)
		}
		if s.weight <= 0 {
			t.Errorf("%s: weight %d", s.name, s.weight)
		}
		for _, n := range append([]string{s.name}, s.aliases...) {
			f := vntext.Fold(n)
			if other, ok := seen[f]; ok {
				t.Errorf("%q of %s is also %s", n, s.name, other)
			}
			seen[f] = s.name
		}
	}
}
