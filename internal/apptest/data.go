package apptest

import (
	"context"
	"os"
	"testing"

	"github.com/hoptac/hoptac/internal/plan"
)

// Count runs a query that answers one number (written with ? for its
// parameters, as on SQLite).
func (a *App) Count(query string, args ...any) int {
	a.T.Helper()
	var n int
	if err := a.DB.SQL().QueryRow(a.DB.Rebind(query), args...).Scan(&n); err != nil {
		a.T.Fatalf("%s: %v", query, err)
	}
	return n
}

// Tasks returns every task of the demo plan, as of the App's clock.
func (a *App) Tasks() []plan.Task {
	a.T.Helper()
	tasks, _, err := a.DB.Tasks(context.Background(), plan.TaskFilter{PlanID: a.PlanID, Today: plan.Today(a.Now()), PerPage: -1})
	if err != nil {
		a.T.Fatalf("Tasks: %v", err)
	}
	return tasks
}

// TaskByCode finds a demo task by its code ("II.2").
func (a *App) TaskByCode(code string) plan.Task {
	a.T.Helper()
	for _, t := range a.Tasks() {
		if t.Code == code {
			return t
		}
	}
	a.T.Fatalf("no task %s in the demo plan", code)
	return plan.Task{}
}

// AgencyID returns the id of a demo agency by its name.
func (a *App) AgencyID(name string) int64 {
	a.T.Helper()
	ag, err := a.DB.AgencyByName(context.Background(), name)
	if err != nil {
		a.T.Fatalf("AgencyByName(%s): %v", name, err)
	}
	return ag.ID
}

// Need stops a test whose prerequisite (a browser, a database server, a
// seed file) is missing: under CI=true it fails, since CI must run
// everything; elsewhere it is skipped, saying why.
func Need(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("missing prerequisite: "+format, args...)
	}
	t.Skipf("skipped: "+format, args...)
}
