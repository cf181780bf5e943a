package api

import (
	"context"
	"github.com/hoptac/hoptac/internal/indicator"
	"time"

	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/unit"
)

// Store is what the API needs from storage.
type Store interface {
	Plans(ctx context.Context, page, perPage int) ([]plan.Plan, int, error)
	PlanWithTasks(ctx context.Context, id int64, today time.Time) (plan.Plan, error)
	Tasks(ctx context.Context, f plan.TaskFilter) ([]plan.Task, int, error)
	Task(ctx context.Context, id int64, today time.Time) (plan.Task, error)
	TaskProgress(ctx context.Context, taskID int64, page, perPage int) ([]plan.Progress, int, error)
	Agencies(ctx context.Context, f store.AgencyFilter) ([]org.Agency, int, error)
	ListAudit(ctx context.Context, f audit.Filter) ([]audit.Entry, int, error)
	Tokens(ctx context.Context, userID int64) ([]auth.Token, error)
	Token(ctx context.Context, id int64) (auth.Token, error)
	RevokeTokenFor(ctx context.Context, u *auth.User, id int64) (auth.Token, error)
	Units(ctx context.Context, f store.UnitFilter) ([]unit.Unit, int, error)
	Unit(ctx context.Context, id int64) (unit.Unit, error)
	UnitOn(ctx context.Context, code string, on time.Time) (unit.Unit, error)
	UnitsByCode(ctx context.Context, code string) ([]unit.Unit, error)
	UnitSuccessors(ctx context.Context, id int64) ([]unit.Link, error)
	UnitPredecessors(ctx context.Context, id int64) ([]unit.Link, error)
	Organisations(ctx context.Context, f store.OrganisationFilter) ([]coop.Organisation, int, error)
	Organisation(ctx context.Context, id int64) (coop.Organisation, error)
	Statuses(ctx context.Context, orgID int64) ([]coop.Status, error)
	People(ctx context.Context, orgID int64) ([]coop.Person, error)
	Figures(ctx context.Context, orgID int64) ([]coop.YearFigures, error)
	FiguresFor(ctx context.Context, orgID int64, year int) (coop.YearFigures, error)
	Duplicates(ctx context.Context, page, perPage int) ([]store.Duplicate, int, error)
	ReportStatus(ctx context.Context, planID int64, period string) (store.ReportStatus, error)
	Submission(ctx context.Context, id int64) (report.Submission, error)
	ReadableSubmission(ctx context.Context, u *auth.User, id int64, now time.Time) (report.Submission, error)
	AgencyDirectory(ctx context.Context) (org.Directory, error)
	ReportLineFile(ctx context.Context, submissionID, taskID int64) (store.File, error)
	Plan(ctx context.Context, id int64) (plan.Plan, error)
	Schedules(ctx context.Context, planID int64) ([]report.Schedule, error)
	FilingOverview(ctx context.Context, year int, unit string, today time.Time) ([]store.FilingCount, error)
	// Indicators (issue 19): what indicator.Register reads.
	IndicatorSumsFor(ctx context.Context, year int, communes []string) ([]indicator.Sums, error)
	IndicatorTotalsFor(ctx context.Context, year int) ([]indicator.Sums, error)
	CurrentCommunes(ctx context.Context) ([]indicator.CommuneProvince, error)
	IndicatorEntries(ctx context.Context, year int) ([]indicator.Entry, error)
	PutIndicatorEntry(ctx context.Context, e *indicator.Entry) error
	Update(ctx context.Context, fn func(*store.Tx) error) error
	proposalStore
}
