package planimport

import (
	"context"
	"time"

	"github.com/hoptac/hoptac/internal/plan"
)

// PlanFinder looks up the plans stored from a document: *store.DB for the
// review, *store.Tx inside the transaction that stores the plan, so the
// check and the insert it guards see the same data.
type PlanFinder interface {
	PlansByDocument(ctx context.Context, number, issuer string, issuedOn *time.Time) ([]int64, error)
}

// EarlierPlans returns the plans already stored from the document d,
// oldest first: the duplicates the web review warns about and the plans a
// document imported again, from the web or the command line, carries its
// target links from. A number or issuer with characters no plan may hold
// matches none (and PostgreSQL refuses NUL even in a query), so it is not
// looked up.
func EarlierPlans(ctx context.Context, f PlanFinder, d Document) ([]int64, error) {
	number, issuer := str(d.Number), str(d.Issuer)
	if plan.HasForbiddenRune(number, false) || plan.HasForbiddenRune(issuer, false) {
		return nil, nil
	}
	var issued *time.Time
	if d.IssuedOn != nil {
		t := d.IssuedOn.Time()
		issued = &t
	}
	return f.PlansByDocument(ctx, number, issuer, issued)
}
