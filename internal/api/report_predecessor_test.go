package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// TestSuccessorReadsPredecessorReportsThroughAPI: Sở Tài chính's officer
// reads Sở Kế hoạch và Đầu tư's 2024 report, and sees its row in the
// period's tracking, from 01/03/2025 only; it never writes, sends or
// reviews it, and an unrelated agency's officer never reads it.
func TestSuccessorReadsPredecessorReportsThroughAPI(t *testing.T) {
	t.Parallel()
	ict := time.FixedZone("ICT", 7*3600)
	clock := apptest.NewClock(time.Date(2025, 2, 28, 23, 30, 0, 0, ict))
	e := newEnv(t, apptest.WithClock(clock.Now))
	ctx := context.Background()
	khdt := e.app.AgencyID("Sở Kế hoạch và Đầu tư")
	var s report.Submission
	err := e.db.Update(ctx, func(tx *store.Tx) error {
		var err error
		s, err = tx.OpenSubmission(ctx, e.planID, "2024", khdt)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/api/v1/reports/%d", s.ID)
	tracking := fmt.Sprintf("/api/v1/reports?plan=%d&period=2024", e.planID)
	successor, unrelated := e.token(financeEmail), e.token(agricultureEmail)
	listed := func(t *testing.T, tok string) bool {
		t.Helper()
		var st struct {
			Rows []struct {
				AgencyID int64 `json:"agency_id"`
			} `json:"rows"`
		}
		r := e.get(tracking, tok).must(t, http.StatusOK)
		if err := json.Unmarshal(r.Body, &st); err != nil {
			t.Fatal(err)
		}
		for _, row := range st.Rows {
			if row.AgencyID == khdt {
				return true
			}
		}
		return false
	}
	for _, c := range []struct {
		name string
		at   time.Time
		read bool
	}{
		{"the day before the succession", time.Date(2025, 2, 28, 23, 30, 0, 0, ict), false},
		{"the day of the succession", time.Date(2025, 3, 1, 0, 30, 0, 0, ict), true},
	} {
		clock.Add(c.at.Sub(clock.Now()))
		t.Run(c.name, func(t *testing.T) {
			if c.read {
				var got report.Submission
				e.get(path, successor).must(t, http.StatusOK).decode(t, &got)
				if got.ID != s.ID || got.AgencyID != khdt {
					t.Errorf("read %+v", got)
				}
			} else {
				e.get(path, successor).apiErr(t, http.StatusForbidden, "forbidden")
			}
			if got := listed(t, successor); got != c.read {
				t.Errorf("the successor's tracking lists the predecessor: %v, want %v", got, c.read)
			}
			e.do(request{Method: http.MethodPut, Path: path, Token: successor, Body: `{"narrative":"sửa hộ","lines":[]}`}).
				apiErr(t, http.StatusForbidden, "forbidden")
			e.post(path+"/submit", successor, "").apiErr(t, http.StatusForbidden, "forbidden")
			e.post(path+"/accept", successor, "").apiErr(t, http.StatusForbidden, "forbidden")
			e.get(path, unrelated).apiErr(t, http.StatusForbidden, "forbidden")
			if listed(t, unrelated) {
				t.Error("an unrelated agency's tracking lists the report")
			}
		})
	}
}
