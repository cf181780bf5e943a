package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// progressTables are what a progress entry writes.
var progressTables = []string{"progress", "files", "audit_log"}

func TestRecordProgressAsSystem(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	task := f.task(t, "II.2") // due 31 Dec 2026

	p := record(t, db, plan.Progress{TaskID: task.ID, Status: plan.StatusInProgress, Percent: ptr(40),
		Note: "  Đã rà soát 12/30 hợp tác xã  ", EvidenceURL: "https://example.vn/bao-cao"})
	if p.ID == 0 || p.UserID != nil || p.UserName != "" || !p.CreatedAt.Equal(fixedNow) {
		t.Errorf("progress = %+v", p)
	}
	got, err := db.Task(ctx, task.ID, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	if got.Recorded != plan.StatusInProgress || got.Status != plan.StatusInProgress || got.Percent == nil ||
		*got.Percent != 40 || got.DoneOn != nil {
		t.Errorf("task after progress: %s/%s percent %v done %s", got.Recorded, got.Status, got.Percent, fmtDate(got.DoneOn))
	}
	if len(got.Progress) != 1 {
		t.Fatalf("%d progress entries, want 1", len(got.Progress))
	}
	h := got.Progress[0]
	if h.ID != p.ID || h.TaskID != task.ID || h.Note != "Đã rà soát 12/30 hợp tác xã" ||
		h.EvidenceURL != "https://example.vn/bao-cao" || h.Percent == nil || *h.Percent != 40 ||
		h.UserID != nil || !h.CreatedAt.Equal(fixedNow) {
		t.Errorf("history entry = %+v", h)
	}

	// A note without a percentage keeps the last percentage.
	record(t, db, plan.Progress{TaskID: task.ID, Status: plan.StatusInProgress, Note: "Đang tiếp tục"})
	got, _ = db.Task(ctx, task.ID, fixedNow)
	if got.Percent == nil || *got.Percent != 40 {
		t.Errorf("percent after a note = %v, want 40 kept", got.Percent)
	}

	// Done: 100 %, done today (Vietnam date), on time.
	record(t, db, plan.Progress{TaskID: task.ID, Status: plan.StatusDone, Note: "Hoàn thành"})
	got, _ = db.Task(ctx, task.ID, fixedNow)
	if got.Recorded != plan.StatusDone || got.Status != plan.StatusDone || got.Percent == nil || *got.Percent != 100 ||
		!sameDate(got.DoneOn, day(2026, 11, 24)) {
		t.Errorf("task after done: %s/%s percent %v done %s", got.Recorded, got.Status, got.Percent, fmtDate(got.DoneOn))
	}
	if len(got.Progress) != 3 {
		t.Errorf("%d progress entries, want 3", len(got.Progress))
	}
}

func TestRecordProgressDoneOn(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	task := f.task(t, "II.1") // due 30 Jun 2026

	// 23:00 on the due day in Vietnam is 16:00 UTC: done on time.
	setClock(db, time.Date(2026, 6, 30, 16, 0, 0, 0, time.UTC))
	record(t, db, plan.Progress{TaskID: task.ID, Status: plan.StatusDone})
	got, _ := db.Task(ctx, task.ID, fixedNow)
	if !sameDate(got.DoneOn, day(2026, 6, 30)) || got.Status != plan.StatusDone {
		t.Errorf("done 23:00 ICT on the due day: done_on %s status %s, want 2026-06-30 done", fmtDate(got.DoneOn), got.Status)
	}

	// Marking it done again later keeps the first day: a later note must not
	// make the task late.
	setClock(db, time.Date(2026, 8, 15, 3, 0, 0, 0, time.UTC))
	record(t, db, plan.Progress{TaskID: task.ID, Status: plan.StatusDone, Note: "Bổ sung báo cáo"})
	got, _ = db.Task(ctx, task.ID, fixedNow)
	if !sameDate(got.DoneOn, day(2026, 6, 30)) || got.Status != plan.StatusDone {
		t.Errorf("done again: done_on %s status %s, want the first day 2026-06-30", fmtDate(got.DoneOn), got.Status)
	}

	// Reopened, then done again: the new day counts.
	record(t, db, plan.Progress{TaskID: task.ID, Status: plan.StatusInProgress, Percent: ptr(80)})
	got, _ = db.Task(ctx, task.ID, fixedNow)
	if got.DoneOn != nil || got.Status != plan.StatusOverdue {
		t.Errorf("reopened: done_on %s status %s, want none, overdue", fmtDate(got.DoneOn), got.Status)
	}
	// 18:00 UTC on 1 Sep is already 2 Sep in Vietnam.
	setClock(db, time.Date(2026, 9, 1, 18, 0, 0, 0, time.UTC))
	record(t, db, plan.Progress{TaskID: task.ID, Status: plan.StatusDone})
	got, _ = db.Task(ctx, task.ID, fixedNow)
	if !sameDate(got.DoneOn, day(2026, 9, 2)) || got.Status != plan.StatusDoneLate {
		t.Errorf("done after reopening: done_on %s status %s, want 2026-09-02 done_late", fmtDate(got.DoneOn), got.Status)
	}
	list, _, err := db.Tasks(ctx, plan.TaskFilter{PlanID: f.Plan.ID, Today: fixedNow, Status: plan.StatusDoneLate})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(taskIDs(list), []int64{task.ID}) {
		t.Errorf("done_late list = %v, want [%d]", taskIDs(list), task.ID)
	}
}

func TestRecordProgressAuthorization(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	task := f.task(t, "I.1") // lead TC, KHDT; support LM, UBND

	officerTC := createUser(t, db, "tc@hoptac.vn", auth.RoleAgency, &f.TC.ID)
	officerLM := createUser(t, db, "lm@hoptac.vn", auth.RoleAgency, &f.LM.ID)
	officerOther := createUser(t, db, "sct@hoptac.vn", auth.RoleAgency, &f.Other.ID)
	viewer := createUser(t, db, "lanhdao@hoptac.vn", auth.RoleViewer, nil)
	coop := createUser(t, db, "htx@hoptac.vn", auth.RoleCoop, &f.TC.ID)
	coordinator := createUser(t, db, "daumoi@hoptac.vn", auth.RoleCoordinator, nil)
	admin := createUser(t, db, "admin@hoptac.vn", auth.RoleAdmin, nil)
	disabled := officerTC
	disabled.Disabled = true
	noAgency := officerTC
	noAgency.AgencyID = nil

	tests := []struct {
		name string
		user auth.User
		ok   bool
	}{
		{"officer of a lead agency", officerTC, true},
		{"officer of a supporting agency", officerLM, true},
		{"coordinator", coordinator, true},
		{"admin", admin, true},
		{"officer of another agency", officerOther, false},
		{"viewer", viewer, false},
		{"cooperative", coop, false},
		{"disabled officer", disabled, false},
		{"officer without agency", noAgency, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := counts(t, db, progressTables...)
			taskBefore, _ := db.Task(ctx, task.ID, fixedNow)
			uctx := asUser(tt.user)
			p := plan.Progress{TaskID: task.ID, Status: plan.StatusInProgress, Percent: ptr(len(tt.name)), Note: tt.name}
			file := &store.File{Name: "bien-ban.pdf", ContentType: "application/pdf", Data: []byte("%PDF " + tt.name)}
			err := db.Update(uctx, func(tx *store.Tx) error { return tx.RecordProgress(uctx, &p, file) })
			if !tt.ok {
				wantCode(t, err, apperr.Forbidden)
				wantSameCounts(t, before, counts(t, db, progressTables...))
				after, _ := db.Task(ctx, task.ID, fixedNow)
				if after.Recorded != taskBefore.Recorded || !slices.Equal(ptrSlice32(after.Percent), ptrSlice32(taskBefore.Percent)) {
					t.Errorf("refused progress changed the task: %s %v", after.Recorded, after.Percent)
				}
				return
			}
			if err != nil {
				t.Fatalf("RecordProgress: %v", err)
			}
			if p.UserID == nil || *p.UserID != tt.user.ID || p.UserName != tt.user.Name {
				t.Errorf("progress by %v %q, want %d %q", p.UserID, p.UserName, tt.user.ID, tt.user.Name)
			}
			got, _ := db.Task(ctx, task.ID, fixedNow)
			if got.Percent == nil || *got.Percent != len(tt.name) {
				t.Errorf("task percent = %v, want %d", got.Percent, len(tt.name))
			}
			h := got.Progress[0]
			if h.ID != p.ID || h.UserID == nil || *h.UserID != tt.user.ID || h.UserName != tt.user.Name {
				t.Errorf("history entry = %+v", h)
			}
			entries, _, err := db.ListAudit(ctx, audit.Filter{Entity: "progress", EntityID: p.ID})
			if err != nil || len(entries) != 1 {
				t.Fatalf("audit for progress %d: %d entries, %v", p.ID, len(entries), err)
			}
			if e := entries[0]; e.UserID == nil || *e.UserID != tt.user.ID || e.UserName != tt.user.Email {
				t.Errorf("audit actor = %v %q, want %d %q", e.UserID, e.UserName, tt.user.ID, tt.user.Email)
			}
			after := counts(t, db, progressTables...)
			for _, tb := range progressTables {
				if after[tb] != before[tb]+1 {
					t.Errorf("%s rows %d → %d, want one more", tb, before[tb], after[tb])
				}
			}
		})
	}
}

func ptrSlice32(p *int) []int {
	if p == nil {
		return nil
	}
	return []int{*p}
}

// An entry without a status is a note on the task as it stands: it must not
// reopen a done task or clear the day it was done.
func TestRecordProgressWithoutStatusKeepsStatus(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	id := f.task(t, "I.2").ID
	done := plan.Progress{TaskID: id, Status: plan.StatusDone}
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.RecordProgress(ctx, &done, nil) }); err != nil {
		t.Fatal(err)
	}
	before, _ := db.Task(ctx, id, fixedNow)
	note := plan.Progress{TaskID: id, Note: "Bổ sung báo cáo tổng kết"}
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.RecordProgress(ctx, &note, nil) }); err != nil {
		t.Fatal(err)
	}
	after, _ := db.Task(ctx, id, fixedNow)
	if note.Status != plan.StatusDone || after.Recorded != plan.StatusDone || after.DoneOn == nil ||
		!after.DoneOn.Equal(*before.DoneOn) || after.Percent == nil || *after.Percent != 100 {
		t.Errorf("note reopened or changed the task: entry %s, task %s done %v percent %v",
			note.Status, after.Recorded, after.DoneOn, after.Percent)
	}
}

func TestRecordProgressValidation(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	id := f.task(t, "I.2").ID
	tests := []struct {
		name  string
		p     plan.Progress
		field string
	}{
		{"percent below 0", plan.Progress{TaskID: id, Status: plan.StatusInProgress, Percent: ptr(-1)}, "percent"},
		{"percent over 100", plan.Progress{TaskID: id, Status: plan.StatusInProgress, Percent: ptr(101)}, "percent"},
		{"done over 100", plan.Progress{TaskID: id, Status: plan.StatusDone, Percent: ptr(150)}, "percent"},
		{"computed status", plan.Progress{TaskID: id, Status: plan.StatusOverdue, Note: "x"}, "status"},
		{"no status and nothing said", plan.Progress{TaskID: id}, "note"},
		{"says nothing", plan.Progress{TaskID: id, Status: plan.StatusInProgress, Note: " \u200b "}, "note"},
		{"bad evidence url", plan.Progress{TaskID: id, Status: plan.StatusInProgress, EvidenceURL: "javascript:alert(1)"}, "evidence_url"},
		{"evidence url over the limit", plan.Progress{TaskID: id, Status: plan.StatusInProgress,
			EvidenceURL: "https://a.vn/" + strings.Repeat("a", plan.MaxURLLen)}, "evidence_url"},
		{"note over the limit", plan.Progress{TaskID: id, Status: plan.StatusInProgress, Note: strings.Repeat("a", plan.MaxNoteLen+1)}, "note"},
		{"NUL in note", plan.Progress{TaskID: id, Status: plan.StatusInProgress, Note: "a\x00b"}, "note"},
		{"RLO in evidence url", plan.Progress{TaskID: id, Status: plan.StatusInProgress, EvidenceURL: "https://a.vn/\u202Ex"}, "evidence_url"},
		{"done at 0%", plan.Progress{TaskID: id, Status: plan.StatusDone, Percent: ptr(0)}, "percent"},
		{"not started at 100%", plan.Progress{TaskID: id, Status: plan.StatusNotStarted, Percent: ptr(100)}, "percent"},
		// Without a status the task's own applies, and I.2 is not started.
		{"no status, a percent on a task not started", plan.Progress{TaskID: id, Percent: ptr(30)}, "percent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := counts(t, db, progressTables...)
			p := tt.p
			wantField(t, db.Update(ctx, func(tx *store.Tx) error { return tx.RecordProgress(ctx, &p, nil) }), tt.field)
			wantSameCounts(t, before, counts(t, db, progressTables...))
		})
	}
	got, _ := db.Task(ctx, id, fixedNow)
	if got.Recorded != plan.StatusNotStarted || got.Percent != nil {
		t.Errorf("refused entries changed the task: %s %v", got.Recorded, got.Percent)
	}
	p := plan.Progress{TaskID: 9999, Status: plan.StatusInProgress, Note: "x"}
	wantCode(t, db.Update(ctx, func(tx *store.Tx) error { return tx.RecordProgress(ctx, &p, nil) }), apperr.NotFound)
}

func TestEvidenceFile(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	task := f.task(t, "II.1")
	data := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte{0, 1, 2, 255}, 1000)...)
	file := &store.File{Name: "Biên bản rà soát.pdf", ContentType: "application/pdf", Data: data}
	// A file alone is evidence enough.
	p := plan.Progress{TaskID: task.ID, Status: plan.StatusInProgress}
	update(t, db, func(tx *store.Tx) error { return tx.RecordProgress(ctx, &p, file) })
	if file.ID == 0 || p.FileID == nil || *p.FileID != file.ID || p.FileName != file.Name {
		t.Fatalf("file %d, progress file %v %q", file.ID, p.FileID, p.FileName)
	}
	sum := sha256.Sum256(data)
	got, taskID, err := db.File(ctx, file.ID)
	if err != nil {
		t.Fatal(err)
	}
	if taskID != task.ID {
		t.Errorf("file's task = %d, want %d", taskID, task.ID)
	}
	if got.ID != file.ID || got.Name != file.Name || got.ContentType != "application/pdf" ||
		got.Size != int64(len(data)) || got.SHA256 != hex.EncodeToString(sum[:]) || !bytes.Equal(got.Data, data) {
		t.Errorf("File = %d %q %q size %d sha %s, %d bytes", got.ID, got.Name, got.ContentType, got.Size, got.SHA256, len(got.Data))
	}
	hist, _ := db.Task(ctx, task.ID, fixedNow)
	if h := hist.Progress[0]; h.FileID == nil || *h.FileID != file.ID || h.FileName != file.Name {
		t.Errorf("history file = %v %q", h.FileID, h.FileName)
	}
	// The audit keeps the file's name, not its bytes.
	entries, _, _ := db.ListAudit(ctx, audit.Filter{Entity: "progress", EntityID: p.ID})
	if len(entries) != 1 || bytes.Contains(entries[0].After, []byte("PDF-1.7")) ||
		!bytes.Contains(entries[0].After, []byte("rà soát.pdf")) {
		t.Errorf("audit after = %s", entries[0].After)
	}
	_, _, err = db.File(ctx, file.ID+1)
	wantCode(t, err, apperr.NotFound)
}

func TestProgressHistoryNewestFirst(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	id := f.task(t, "I.1").ID
	var want []int64
	for i, pct := range []int{10, 50, 90} {
		setClock(db, fixedNow.Add(time.Duration(i)*time.Hour))
		p := record(t, db, plan.Progress{TaskID: id, Status: plan.StatusInProgress, Percent: ptr(pct)})
		want = append([]int64{p.ID}, want...)
	}
	// Another task's progress stays out of this history.
	record(t, db, plan.Progress{TaskID: f.task(t, "I.2").ID, Status: plan.StatusInProgress, Note: "khác"})
	got, err := db.Task(ctx, id, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, p := range got.Progress {
		ids = append(ids, p.ID)
	}
	if !slices.Equal(ids, want) {
		t.Fatalf("history = %v, want newest first %v", ids, want)
	}
	if p := got.Progress[0]; *p.Percent != 90 || !p.CreatedAt.Equal(fixedNow.Add(2*time.Hour)) {
		t.Errorf("newest = %d%% at %v", *p.Percent, p.CreatedAt)
	}
	if *got.Percent != 90 {
		t.Errorf("task percent = %d, want the latest 90", *got.Percent)
	}
}

// TestProgressAuditBeforeAfter: the audit shows the task's state before and
// the entry recorded.
func TestProgressAuditBeforeAfter(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	id := f.task(t, "I.1").ID
	record(t, db, plan.Progress{TaskID: id, Status: plan.StatusInProgress, Percent: ptr(60)})
	p := record(t, db, plan.Progress{TaskID: id, Status: plan.StatusDone, Note: "Xong"})
	entries, _, err := db.ListAudit(ctx, audit.Filter{Entity: "progress", EntityID: p.ID})
	if err != nil || len(entries) != 1 {
		t.Fatalf("%d entries, %v", len(entries), err)
	}
	e := entries[0]
	var before struct {
		Status  string  `json:"status"`
		Percent *int    `json:"percent"`
		DoneOn  *string `json:"done_on"`
	}
	var after plan.Progress
	if err := json.Unmarshal(e.Before, &before); err != nil {
		t.Fatalf("before %s: %v", e.Before, err)
	}
	if err := json.Unmarshal(e.After, &after); err != nil {
		t.Fatalf("after %s: %v", e.After, err)
	}
	if before.Status != "in_progress" || before.Percent == nil || *before.Percent != 60 || before.DoneOn != nil {
		t.Errorf("before = %s", e.Before)
	}
	if after.Status != plan.StatusDone || after.TaskID != id || after.Note != "Xong" || after.Percent == nil || *after.Percent != 100 {
		t.Errorf("after = %s", e.After)
	}
	if e.Action != "create" || e.UserID != nil || e.UserName != audit.SystemActor {
		t.Errorf("entry = %s by %v %q", e.Action, e.UserID, e.UserName)
	}
}
