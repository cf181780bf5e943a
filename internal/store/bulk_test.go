package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// importHistory is a history on the fixture's tasks, oldest first: notes
// without status or percentage (one on a done task), a task done on time,
// one done, reopened and done late, and one left in progress.
func importHistory(f *fixture, t *testing.T) []plan.Progress {
	at := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, time.UTC) }
	i1, i2, ii1, ii2 := f.task(t, "I.1").ID, f.task(t, "I.2").ID, f.task(t, "II.1").ID, f.task(t, "II.2").ID
	return []plan.Progress{
		{TaskID: ii1, Status: plan.StatusInProgress, Percent: ptr(20), Note: "Bắt đầu rà soát", CreatedAt: at(2026, 4, 1, 3)},
		{TaskID: i1, Status: plan.StatusInProgress, Note: "Đã đăng 12 tin bài", CreatedAt: at(2026, 4, 2, 3)},
		{TaskID: ii2, Status: plan.StatusInProgress, Percent: ptr(40), CreatedAt: at(2026, 4, 3, 3)},
		{TaskID: ii1, Note: "  Ghi chú  không đổi trạng thái ", CreatedAt: at(2026, 5, 1, 3)},
		// 23:00 in Vietnam on the due day: on time.
		{TaskID: ii1, Status: plan.StatusDone, CreatedAt: at(2026, 6, 30, 16)},
		{TaskID: ii1, Status: plan.StatusDone, Note: "Bổ sung báo cáo", CreatedAt: at(2026, 8, 1, 3)},
		{TaskID: i2, Status: plan.StatusDone, Percent: ptr(100), CreatedAt: at(2026, 8, 2, 3)},
		{TaskID: i2, Status: plan.StatusInProgress, Percent: ptr(90), Note: "Mở lại", CreatedAt: at(2026, 9, 1, 3)},
		// 18:00 UTC is already the next day in Vietnam: late.
		{TaskID: i2, Status: plan.StatusDone, CreatedAt: at(2026, 10, 1, 18)},
		{TaskID: ii2, Note: "Chỉ ghi chú", EvidenceURL: "https://example.vn/bc", CreatedAt: at(2026, 10, 5, 3)},
		// A note alone on a done task leaves it done.
		{TaskID: ii1, Note: "Ghi chú sau khi xong", CreatedAt: at(2026, 10, 6, 3)},
	}
}

// ImportProgress must leave every task and its history exactly as the same
// entries recorded one by one would.
func TestImportProgressMatchesRecordProgress(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	oneByOne, bulk := newTestDB(t), newTestDB(t)
	f1, f2 := newFixture(t, oneByOne), newFixture(t, bulk)
	auditBefore := count(t, bulk, "audit_log")

	for _, p := range importHistory(f1, t) {
		update(t, oneByOne, func(tx *store.Tx) error {
			tx.SetClock(p.CreatedAt)
			return tx.RecordProgress(ctx, &p, nil)
		})
	}
	entries := importHistory(f2, t)
	update(t, bulk, func(tx *store.Tx) error { return tx.ImportProgress(ctx, entries) })

	for _, code := range []string{"I.1", "I.2", "II.1", "II.2"} {
		a, err := oneByOne.Task(ctx, f1.task(t, code).ID, fixedNow)
		if err != nil {
			t.Fatal(err)
		}
		b, err := bulk.Task(ctx, f2.task(t, code).ID, fixedNow)
		if err != nil {
			t.Fatal(err)
		}
		if a.Recorded != b.Recorded || a.Status != b.Status || !sameDate(a.DoneOn, b.DoneOn) ||
			fmt.Sprint(derefInt(a.Percent)) != fmt.Sprint(derefInt(b.Percent)) {
			t.Errorf("%s: one by one %s/%s %v%% done %s; imported %s/%s %v%% done %s", code,
				a.Recorded, a.Status, derefInt(a.Percent), fmtDate(a.DoneOn),
				b.Recorded, b.Status, derefInt(b.Percent), fmtDate(b.DoneOn))
		}
		if len(a.Progress) != len(b.Progress) {
			t.Fatalf("%s: %d entries one by one, %d imported", code, len(a.Progress), len(b.Progress))
		}
		for i := range a.Progress {
			pa, pb := a.Progress[i], b.Progress[i]
			if pa.Status != pb.Status || pa.Note != pb.Note || pa.EvidenceURL != pb.EvidenceURL ||
				derefInt(pa.Percent) != derefInt(pb.Percent) || !pa.CreatedAt.Equal(pb.CreatedAt) {
				t.Errorf("%s entry %d: one by one %+v, imported %+v", code, i, pa, pb)
			}
		}
	}
	// Spot checks against the rules themselves, not only against each other.
	if got, _ := bulk.Task(ctx, f2.task(t, "II.1").ID, fixedNow); got.Status != plan.StatusDone ||
		!sameDate(got.DoneOn, day(2026, 6, 30)) {
		t.Errorf("II.1: %s done %s, want done on 2026-06-30", got.Status, fmtDate(got.DoneOn))
	}
	if got, _ := bulk.Task(ctx, f2.task(t, "I.2").ID, fixedNow); got.Status != plan.StatusDoneLate ||
		!sameDate(got.DoneOn, day(2026, 10, 2)) {
		t.Errorf("I.2: %s done %s, want done_late on 2026-10-02", got.Status, fmtDate(got.DoneOn))
	}

	// One audit entry summarises the import.
	if n := count(t, bulk, "audit_log") - auditBefore; n != 1 {
		t.Fatalf("%d audit entries for the import, want 1", n)
	}
	entriesLog, _, err := bulk.ListAudit(ctx, audit.Filter{Entity: "progress"})
	if err != nil || len(entriesLog) != 1 {
		t.Fatalf("audit: %v %d", err, len(entriesLog))
	}
	var summary struct {
		Import  bool `json:"import"`
		Entries int  `json:"entries"`
		Tasks   int  `json:"tasks"`
	}
	if err := json.Unmarshal(entriesLog[0].After, &summary); err != nil || !summary.Import ||
		summary.Entries != 11 || summary.Tasks != 4 || entriesLog[0].UserName != audit.SystemActor {
		t.Errorf("audit summary %s by %s (%v)", entriesLog[0].After, entriesLog[0].UserName, err)
	}
}

func derefInt(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

// More entries than one statement carries go in several batches.
func TestImportProgressBatches(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newTestDB(t)
	f := newFixture(t, db)
	ids := []int64{f.task(t, "I.1").ID, f.task(t, "I.2").ID, f.task(t, "II.1").ID}
	var entries []plan.Progress
	start := time.Date(2026, 3, 20, 2, 0, 0, 0, time.UTC)
	const n = 1234
	for i := range n {
		entries = append(entries, plan.Progress{TaskID: ids[i%3], Status: plan.StatusInProgress,
			Percent: ptr(i * 100 / n), Note: fmt.Sprintf("Báo cáo lần %d", i+1), CreatedAt: start.Add(time.Duration(i) * time.Hour)})
	}
	before := count(t, db, "progress")
	update(t, db, func(tx *store.Tx) error { return tx.ImportProgress(ctx, entries) })
	if got := count(t, db, "progress") - before; got != n {
		t.Fatalf("%d rows imported, want %d", got, n)
	}
	got, err := db.Task(ctx, ids[0], fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	last := entries[n-1-(n-1)%3] // the last entry on ids[0]
	if got.ProgressTotal != (n+2)/3 || len(got.Progress) != store.DefaultPerPage || got.Progress[0].Note != last.Note ||
		derefInt(got.Percent) != *last.Percent {
		t.Errorf("task %d: %d entries (page of %d), newest %q, percent %v; want %d, %q, %d", ids[0], got.ProgressTotal,
			len(got.Progress), got.Progress[0].Note, derefInt(got.Percent), (n+2)/3, last.Note, *last.Percent)
	}
	// The oldest entries are on the last page.
	oldest, total, err := db.TaskProgress(ctx, ids[0], 9, store.DefaultPerPage)
	if err != nil {
		t.Fatal(err)
	}
	if total != (n+2)/3 || len(oldest) != total-8*store.DefaultPerPage || oldest[len(oldest)-1].Note != entries[0].Note {
		t.Errorf("last page: %d entries of %d, oldest %q", len(oldest), total, oldest[len(oldest)-1].Note)
	}
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.ImportProgress(ctx, nil) }); err != nil {
		t.Errorf("empty import: %v", err)
	}
}

// A refused entry leaves nothing behind: not the good entries before it,
// not the audit summary.
func TestImportProgressRefusals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newTestDB(t)
	f := newFixture(t, db)
	i1, ii2 := f.task(t, "I.1").ID, f.task(t, "II.2").ID // I.1 led by TC and KHDT; II.2 led by TC
	other := createUser(t, db, "khac@so.vn", auth.RoleAgency, &f.Other.ID)
	finance := createUser(t, db, "taichinh@so.vn", auth.RoleAgency, &f.TC.ID)
	good := plan.Progress{TaskID: i1, Status: plan.StatusInProgress, Percent: ptr(10)}

	tests := []struct {
		name    string
		ctx     context.Context
		entries []plan.Progress
		code    apperr.Code
	}{
		{"bad percent", ctx, []plan.Progress{good, {TaskID: ii2, Status: plan.StatusInProgress, Percent: ptr(140)}}, apperr.Validation},
		{"computed status", ctx, []plan.Progress{good, {TaskID: ii2, Status: plan.StatusOverdue, Note: "x"}}, apperr.Validation},
		{"empty entry", ctx, []plan.Progress{good, {TaskID: ii2, Status: plan.StatusInProgress}}, apperr.Validation},
		{"done at 0%", ctx, []plan.Progress{good, {TaskID: ii2, Status: plan.StatusDone, Percent: ptr(0)}}, apperr.Validation},
		{"NUL in a note", ctx, []plan.Progress{good, {TaskID: ii2, Status: plan.StatusInProgress, Note: "a\x00"}}, apperr.Validation},
		{"unknown task", ctx, []plan.Progress{good, {TaskID: 999999, Status: plan.StatusInProgress, Note: "x"}}, apperr.NotFound},
		{"agency not on task", asUser(other), []plan.Progress{good}, apperr.Forbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := counts(t, db, progressTables...)
			err := db.Update(tt.ctx, func(tx *store.Tx) error {
				return tx.ImportProgress(tt.ctx, append([]plan.Progress(nil), tt.entries...))
			})
			wantCode(t, err, tt.code)
			wantSameCounts(t, before, counts(t, db, progressTables...))
			if got, _ := db.Task(ctx, i1, fixedNow); got.Recorded != plan.StatusNotStarted {
				t.Errorf("I.1 recorded %s after a refused import", got.Recorded)
			}
		})
	}

	// An agency officer imports on its own tasks and is the author.
	update(t, db, func(tx *store.Tx) error {
		return tx.ImportProgress(asUser(finance), []plan.Progress{good, {TaskID: ii2, Status: plan.StatusDone}})
	})
	got, _ := db.Task(ctx, ii2, fixedNow)
	if got.Recorded != plan.StatusDone || len(got.Progress) != 1 || got.Progress[0].UserID == nil ||
		*got.Progress[0].UserID != finance.ID || got.Progress[0].UserName != finance.Name {
		t.Errorf("import as %s: task %s, history %+v", finance.Email, got.Recorded, got.Progress)
	}
	log, _, _ := db.ListAudit(ctx, audit.Filter{Entity: "progress"})
	if len(log) != 1 || log[0].UserID == nil || *log[0].UserID != finance.ID {
		t.Errorf("audit of the import: %+v", log)
	}
}
