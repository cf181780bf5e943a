package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// TestReportCycle: draft → submitted → returned with a comment →
// resubmitted → accepted and locked → reopened with a reason; each step in
// the history with who and why; a late sending is accepted and marked.
func TestReportCycle(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	quarterly(t, db, f, false)
	officer := createUser(t, db, "stc@tinh.gov.vn", auth.RoleAgency, &f.TC.ID)
	coord := createUser(t, db, "dau-moi@tinh.gov.vn", auth.RoleCoordinator, nil)
	var s report.Submission
	update(t, db, func(tx *store.Tx) error {
		var err error
		s, err = tx.OpenSubmission(asUser(officer), f.Plan.ID, "2026-Q4", f.TC.ID)
		return err
	})
	act := func(u auth.User, a report.Action, comment string) error {
		return db.Update(ctx, func(tx *store.Tx) error {
			got, err := tx.ActOnSubmission(asUser(u), s.ID, a, comment)
			if err == nil {
				s = got
			}
			return err
		})
	}
	save := func() error {
		return db.Update(ctx, func(tx *store.Tx) error { return tx.SaveSubmission(asUser(officer), &s) })
	}
	s.Narrative, s.Difficulties, s.Proposals = "Đã triển khai", "Thiếu vốn", "Bổ sung kinh phí"
	s.Lines[0].Estimated, s.Lines[0].Allocated, s.Lines[0].Spent, s.Lines[0].Source = 2_000_000_000, 1_500_000_000, 1_200_000_000, report.SourceLocal
	if err := save(); err != nil {
		t.Fatal(err)
	}
	if s.Lines[0].Spent != 1_200_000_000 || s.Proposals != "Bổ sung kinh phí" {
		t.Errorf("saved %+v", s)
	}
	stranger := s
	stranger.Lines = append(stranger.Lines, report.Line{TaskID: f.task(t, "I.2").ID})
	err := db.Update(ctx, func(tx *store.Tx) error { return tx.SaveSubmission(ctx, &stranger) })
	wantField(t, err, "lines.3.task_id")

	setClock(db, time.Date(2026, 12, 21, 2, 0, 0, 0, time.UTC)) // due 20/12: a day late
	if err := act(officer, report.Submit, ""); err != nil {
		t.Fatal(err)
	}
	if s.State != report.Submitted || !s.Late || s.FirstSentAt == nil {
		t.Errorf("submitted late: %+v", s)
	}
	wantCode(t, save(), "conflict")
	wantField(t, act(coord, report.Return, " "), "comment")
	if err := act(coord, report.Return, "Thiếu số liệu giải ngân"); err != nil {
		t.Fatal(err)
	}
	if err := save(); err != nil {
		t.Errorf("a returned report is editable again: %v", err)
	}
	setClock(db, time.Date(2026, 12, 28, 2, 0, 0, 0, time.UTC))
	if err := act(officer, report.Submit, ""); err != nil {
		t.Fatal(err)
	}
	// The on-time rate counts the first sending; the last is kept too.
	if !s.FirstSentAt.Equal(time.Date(2026, 12, 21, 2, 0, 0, 0, time.UTC)) || !s.SentAt.Equal(time.Date(2026, 12, 28, 2, 0, 0, 0, time.UTC)) {
		t.Errorf("resubmitted: first sent %v, last %v", s.FirstSentAt, s.SentAt)
	}
	if err := act(coord, report.Accept, ""); err != nil {
		t.Fatal(err)
	}
	wantCode(t, save(), "conflict")
	wantCode(t, act(officer, report.Submit, ""), "conflict")
	wantField(t, act(coord, report.Reopen, ""), "comment")
	if err := act(coord, report.Reopen, "Sai số liệu vốn"); err != nil {
		t.Fatal(err)
	}
	if s.State != report.Returned {
		t.Errorf("reopened to %s", s.State)
	}
	want := []struct {
		a       report.Action
		to      report.State
		comment string
		by      string
	}{
		{report.Open, report.Draft, "", "stc@tinh.gov.vn"},
		{report.Submit, report.Submitted, "", "stc@tinh.gov.vn"},
		{report.Return, report.Returned, "Thiếu số liệu giải ngân", "dau-moi@tinh.gov.vn"},
		{report.Submit, report.Resubmitted, "", "stc@tinh.gov.vn"},
		{report.Accept, report.Accepted, "", "dau-moi@tinh.gov.vn"},
		{report.Reopen, report.Returned, "Sai số liệu vốn", "dau-moi@tinh.gov.vn"},
	}
	if len(s.Events) != len(want) {
		t.Fatalf("history %+v", s.Events)
	}
	for i, w := range want {
		e := s.Events[i]
		if e.Action != w.a || e.To != w.to || e.Comment != w.comment || e.UserName != w.by {
			t.Errorf("step %d: %+v, want %+v", i, e, w)
		}
	}
	if !s.Events[1].Late {
		t.Error("the late sending is not marked in the history")
	}
	if n := count(t, db, "audit_log WHERE entity = 'report'"); n != 7 {
		t.Errorf("%d audit entries for the report, want 7 (2 saves, 5 steps)", n)
	}
}
