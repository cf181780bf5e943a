package api

import (
	"context"
	"time"

	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
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
	ReportStatus(ctx context.Context, planID int64, period string) (store.ReportStatus, error)
	Update(ctx context.Context, fn func(*store.Tx) error) error
}
