package store

import (
	"context"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/report"
)

// ReadableSubmission returns report id when the policy lets u read it,
// so that the web pages and the API load a report with the same checks
// in the same order: a user who may read no report at all is refused
// before the report is looked up (a 403, never a 404 that would tell
// which reports exist), then the report's agency is checked.
func (db *DB) ReadableSubmission(ctx context.Context, u *auth.User, id int64, now time.Time) (report.Submission, error) {
	if !auth.CanReadReports(u) {
		return report.Submission{}, apperr.New(apperr.Forbidden, "error.forbidden")
	}
	s, err := db.Submission(ctx, id)
	if err != nil {
		return s, err
	}
	if err := db.MayReadReport(ctx, u, s.AgencyID, now); err != nil {
		return report.Submission{}, err
	}
	return s, nil
}

// MayReadReport refuses u agency's report unless the policy lets u read
// it: the successor's officers read a predecessor's reports from the
// succession date on (auth.CanReadReportOf), and only read them, since
// every write checks auth.CanSubmitReport. The directory is read only
// when the plain check fails, since most readers pass it.
func (db *DB) MayReadReport(ctx context.Context, u *auth.User, agency int64, now time.Time) error {
	if auth.CanReadAgencyReport(u, agency) {
		return nil
	}
	dir, err := db.AgencyDirectory(ctx)
	if err != nil {
		return err
	}
	if !auth.CanReadReportOf(u, agency, dir.SuccessorsOn(agency, plan.Today(now))) {
		return apperr.New(apperr.Forbidden, "error.forbidden")
	}
	return nil
}
