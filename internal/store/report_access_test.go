package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// TestReadableSubmission: the one check the web pages and the API share
// before showing a report. A reader who may read no report is refused
// before the lookup, so a missing and an existing report look alike to
// them; an agency reads its own reports, its successor a predecessor's
// from the succession date on, and another agency none.
func TestReadableSubmission(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	quarterly(t, db, f, false)
	var s report.Submission
	update(t, db, func(tx *store.Tx) error {
		var err error
		s, err = tx.OpenSubmission(ctx, f.Plan.ID, "2025-Q1", f.KHDT.ID)
		return err
	})
	mergeKHDT(t, db, f) // Sở Tài chính succeeds KH&ĐT from 1 March 2025

	coordinator := createUser(t, db, "dm@hoptac.vn", auth.RoleCoordinator, nil)
	viewer := createUser(t, db, "ld@hoptac.vn", auth.RoleViewer, nil)
	own := createUser(t, db, "khdt@hoptac.vn", auth.RoleAgency, &f.KHDT.ID)
	successor := createUser(t, db, "tc@hoptac.vn", auth.RoleAgency, &f.TC.ID)
	other := createUser(t, db, "sct@hoptac.vn", auth.RoleAgency, &f.Other.ID)
	coop := createUser(t, db, "htx@hoptac.vn", auth.RoleCoop, nil)
	before := time.Date(2025, 2, 28, 12, 0, 0, 0, time.UTC)
	after := time.Date(2025, 3, 1, 3, 0, 0, 0, time.UTC)
	missing := s.ID + 1000

	for _, c := range []struct {
		name string
		u    auth.User
		id   int64
		now  time.Time
		want apperr.Code // "" when the report is read
	}{
		{"coordinator", coordinator, s.ID, before, ""},
		{"viewer", viewer, s.ID, before, ""},
		{"its own agency", own, s.ID, before, ""},
		{"successor before the succession", successor, s.ID, before, apperr.Forbidden},
		{"successor from the succession on", successor, s.ID, after, ""},
		{"another agency", other, s.ID, after, apperr.Forbidden},
		{"coop account", coop, s.ID, after, apperr.Forbidden},
		{"coop account, missing report", coop, missing, after, apperr.Forbidden},
		{"coordinator, missing report", coordinator, missing, after, apperr.NotFound},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := db.ReadableSubmission(ctx, &c.u, c.id, c.now)
			if c.want != "" {
				wantCode(t, err, c.want)
				if got.ID != 0 {
					t.Errorf("refused, yet returned report %d", got.ID)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != s.ID || got.AgencyID != f.KHDT.ID || len(got.Events) == 0 {
				t.Errorf("read %+v, want report %d of KH&ĐT with its history", got, s.ID)
			}
		})
	}
}
