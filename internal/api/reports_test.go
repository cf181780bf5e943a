package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// loose decodes the fields of the body this test reads; the OpenAPI test
// checks the rest.
func loose(t *testing.T, r response, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatal(err)
	}
}

type statusBody struct {
	Rows []struct {
		AgencyID   int64        `json:"agency_id"`
		AgencyName string       `json:"agency_name"`
		State      report.State `json:"state"`
	} `json:"rows"`
	Rates         report.Rates `json:"rates"`
	ReportingRate float64      `json:"reporting_rate"`
	Missing       int          `json:"missing"`
}

// TestReportsAPI: the coordinator sees every expected report of the demo
// plan's year; Sở Tài chính's officer sees its own row and, once it has
// sent its report, the rates count it; a cooperative's account is refused.
func TestReportsAPI(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	path := fmt.Sprintf("/api/v1/reports?plan=%d&period=2026", e.planID)
	var all statusBody
	loose(t, e.get(path, e.token(coordinatorEmail)).must(t, http.StatusOK), &all)
	if len(all.Rows) < 2 || all.Rates.Expected != len(all.Rows) || all.Missing != len(all.Rows) || all.ReportingRate != 0 {
		t.Fatalf("coordinator's view: %+v", all)
	}
	finance := *e.users[financeEmail].AgencyID
	officer := e.users[financeEmail]
	err := e.db.Update(ctx, func(tx *store.Tx) error {
		uctx := auth.WithUser(ctx, &officer)
		s, err := tx.OpenSubmission(uctx, e.planID, "2026", finance)
		if err != nil {
			return err
		}
		_, err = tx.ActOnSubmission(uctx, s.ID, report.Submit, "")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var mine statusBody
	loose(t, e.get(path, e.token(financeEmail)).must(t, http.StatusOK), &mine)
	if len(mine.Rows) != 1 || mine.Rows[0].AgencyID != finance || mine.Rows[0].State != report.Submitted {
		t.Errorf("officer's rows %+v, want only Sở Tài chính's, submitted", mine.Rows)
	}
	if mine.Rates.Sent != 1 || mine.Rates.Expected != all.Rates.Expected {
		t.Errorf("officer's rates %+v, want the plan's with one sent", mine.Rates)
	}
	e.get(path, e.token(apptest.CoopEmail)).must(t, http.StatusForbidden)
}
