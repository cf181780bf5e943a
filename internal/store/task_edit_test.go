package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

func strp(s string) *string { return &s }

func editTask(db *store.DB, ctx context.Context, id int64, e plan.TaskEdit) error {
	return db.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.EditTask(ctx, id, e)
		return err
	})
}

// An edit changes what every list and the task show at once (the caches
// are keyed by the plan's shape), and its history keeps before and after.
func TestEditTaskChangesListsAndKeepsHistory(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	f := newFixture(t, db)
	coord := createUser(t, db, "dieu-phoi@tinh.gov.vn", auth.RoleCoordinator, nil)
	ctx := asUser(coord)
	task := f.task(t, "II.1")
	list := func() plan.Task {
		t.Helper()
		ts, _, err := db.Tasks(ctx, plan.TaskFilter{PlanID: f.Plan.ID, PerPage: -1, Today: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range ts {
			if x.ID == task.ID {
				return x
			}
		}
		t.Fatal("task missing from its plan's list")
		return plan.Task{}
	}
	before := list() // fills the caches
	if err := editTask(db, ctx, task.ID, plan.TaskEdit{Rev: &before.Rev, Content: strp("Rà soát, phân loại hợp tác xã"),
		Timeframe: strp("Quý IV/2026"), Lead: []int64{f.TC.ID}, Support: []int64{}, Reason: "Theo chỉ đạo"}); err != nil {
		t.Fatal(err)
	}
	got := list()
	if got.Content != "Rà soát, phân loại hợp tác xã" || got.Timeframe.Text != "Quý IV/2026" || got.Timeframe.Due == nil ||
		got.Timeframe.Due.Month() != 12 {
		t.Errorf("list after edit shows %q %+v", got.Content, got.Timeframe)
	}
	if names := refNames(got.Lead); len(names) != 1 || names[0] != "Sở Tài chính" || len(got.Support) != 0 {
		t.Errorf("agencies after edit: lead %v support %v", names, refNames(got.Support))
	}
	if got.Rev != before.Rev+1 {
		t.Errorf("rev %d, want %d", got.Rev, before.Rev+1)
	}
	// Search and the agency filter follow the edit too.
	found, _, err := db.Tasks(ctx, plan.TaskFilter{PlanID: f.Plan.ID, Query: "phan loai", PerPage: -1, Today: fixedNow})
	if err != nil || len(found) != 1 || found[0].ID != task.ID {
		t.Errorf("search for the new content: %v %v", taskCodes(found), err)
	}
	byKHDT, _, err := db.Tasks(ctx, plan.TaskFilter{PlanID: f.Plan.ID, AgencyID: f.KHDT.ID, PerPage: -1, Today: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range byKHDT {
		if x.ID == task.ID {
			t.Error("the former lead agency still lists the task")
		}
	}
	revs, err := db.TaskRevisions(ctx, task.ID)
	if err != nil || len(revs) != 1 {
		t.Fatalf("revisions %v %v", revs, err)
	}
	r := revs[0]
	if r.Action != "edit" || r.Before == nil || r.Before.Content != "Rà soát, đánh giá hợp tác xã" ||
		r.After.Content != "Rà soát, phân loại hợp tác xã" || r.Reason != "Theo chỉ đạo" || r.UserName != coord.Email {
		t.Errorf("revision %+v", r)
	}
	if len(r.Before.Lead) != 1 || r.Before.Lead[0] != "Sở Kế hoạch và Đầu tư" || len(r.Before.Support) != 1 {
		t.Errorf("revision before agencies %+v", r.Before)
	}
	if n := auditCount(t, db, "update", "task", task.ID); n != 1 {
		t.Errorf("audit entries %d, want 1", n)
	}
}

func auditCount(t *testing.T, db *store.DB, action, entity string, id int64) int {
	t.Helper()
	var n int
	q := `SELECT COUNT(*) FROM audit_log WHERE action = $1 AND entity = $2 AND entity_id = $3`
	if db.Dialect() == "sqlite" {
		q = `SELECT COUNT(*) FROM audit_log WHERE action = ? AND entity = ? AND entity_id = ?`
	}
	if err := db.SQL().QueryRow(q, action, entity, id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// An edit made on a revision someone else has since changed is refused,
// and two edits at once on one revision: one wins, the other is refused.
func TestEditTaskRefusesLostUpdate(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	f := newFixture(t, db)
	ctx := asUser(createUser(t, db, "dieu-phoi@tinh.gov.vn", auth.RoleCoordinator, nil))
	task, err := db.Task(ctx, f.task(t, "I.2").ID, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = editTask(db, ctx, task.ID, plan.TaskEdit{Rev: &task.Rev, Content: strp([]string{"Một", "Hai"}[i])})
		}()
	}
	wg.Wait()
	var ok, conflicts int
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case apperr.CodeOf(err) == apperr.Conflict:
			conflicts++
		default:
			t.Errorf("edit: %v", err)
		}
	}
	if ok != 1 || conflicts != 1 {
		t.Errorf("%d edits succeeded and %d were refused, want 1 and 1", ok, conflicts)
	}
	// A progress entry moves the revision too: an edit on the old one is refused.
	after, _ := db.Task(ctx, task.ID, fixedNow)
	record(t, db, plan.Progress{TaskID: task.ID, Status: plan.StatusInProgress, Note: "Đang làm"})
	if err := editTask(db, ctx, task.ID, plan.TaskEdit{Rev: &after.Rev, Content: strp("Ba")}); apperr.CodeOf(err) != apperr.Conflict {
		t.Errorf("edit on a revision before progress: %v, want a conflict", err)
	}
	revs, _ := db.TaskRevisions(ctx, task.ID)
	if len(revs) != 1 {
		t.Errorf("%d revisions, want the winner's only", len(revs))
	}
}

// A dropped task stays in its plan, marked with its decision, keeps its
// history, and cannot be edited again.
func TestDropTaskKeepsItAndItsHistory(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	f := newFixture(t, db)
	ctx := asUser(createUser(t, db, "dieu-phoi@tinh.gov.vn", auth.RoleCoordinator, nil))
	id := f.task(t, "I.1").ID
	record(t, db, plan.Progress{TaskID: id, Status: plan.StatusInProgress, Note: "Đã tuyên truyền"})
	if err := editTask(db, ctx, id, plan.TaskEdit{Drop: true}); apperr.CodeOf(err) != apperr.Validation {
		t.Errorf("drop without a decision: %v, want a validation error", err)
	}
	if err := editTask(db, ctx, id, plan.TaskEdit{Drop: true, Decision: "Quyết định số 12/QĐ-UBND", Reason: "Trùng nhiệm vụ"}); err != nil {
		t.Fatal(err)
	}
	task, err := db.Task(ctx, id, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	if task.Dropped == nil || task.Dropped.Decision != "Quyết định số 12/QĐ-UBND" {
		t.Errorf("dropped %+v", task.Dropped)
	}
	if task.ProgressTotal != 1 || task.Content != "Tuyên truyền chính sách về hợp tác xã" {
		t.Errorf("dropped task lost its progress or content: %d %q", task.ProgressTotal, task.Content)
	}
	list, _, err := db.Tasks(ctx, plan.TaskFilter{PlanID: f.Plan.ID, PerPage: -1, Today: fixedNow})
	if err != nil || len(list) != 4 || list[0].ID != id || list[0].Dropped == nil {
		t.Errorf("plan list after drop: %v (first dropped: %v) %v", taskCodes(list), len(list) > 0 && list[0].Dropped != nil, err)
	}
	revs, _ := db.TaskRevisions(ctx, id)
	if len(revs) != 1 || revs[0].Action != "drop" || !revs[0].After.Dropped || revs[0].Before.Dropped {
		t.Errorf("revisions %+v", revs)
	}
	if err := editTask(db, ctx, id, plan.TaskEdit{Content: strp("Sửa lại")}); apperr.CodeOf(err) != apperr.Conflict {
		t.Errorf("edit of a dropped task: %v, want a conflict", err)
	}
}

func TestEditTaskRefusesBadEdits(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	f := newFixture(t, db)
	coord := asUser(createUser(t, db, "dieu-phoi@tinh.gov.vn", auth.RoleCoordinator, nil))
	officer := asUser(createUser(t, db, "can-bo@tinh.gov.vn", auth.RoleAgency, &f.TC.ID))
	id := f.task(t, "II.2").ID
	tests := []struct {
		name  string
		ctx   context.Context
		e     plan.TaskEdit
		code  apperr.Code
		field string
	}{
		{"officer may not edit", officer, plan.TaskEdit{Content: strp("Khác")}, apperr.Forbidden, ""},
		{"nothing to change", coord, plan.TaskEdit{}, apperr.Validation, "content"},
		{"blank content", coord, plan.TaskEdit{Content: strp("  ")}, apperr.Validation, "content"},
		{"no lead", coord, plan.TaskEdit{Lead: []int64{}}, apperr.Validation, "lead"},
		{"lead also supports", coord, plan.TaskEdit{Lead: []int64{f.KHDT.ID}}, apperr.Validation, "support"},
		{"unknown agency", coord, plan.TaskEdit{Lead: []int64{999999}}, apperr.Validation, "lead"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := editTask(db, tt.ctx, id, tt.e)
			if apperr.CodeOf(err) != tt.code {
				t.Fatalf("error %v, want %s", err, tt.code)
			}
			var ae *apperr.Error
			if tt.field != "" && (!errors.As(err, &ae) || ae.Fields[tt.field] == "") {
				t.Errorf("error %v names no field %s", err, tt.field)
			}
		})
	}
	if revs, _ := db.TaskRevisions(coord, id); len(revs) != 0 {
		t.Errorf("refused edits left %d revisions", len(revs))
	}
}

func TestAddTask(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	f := newFixture(t, db)
	ctx := asUser(createUser(t, db, "dieu-phoi@tinh.gov.vn", auth.RoleCoordinator, nil))
	before, total, err := db.Tasks(ctx, plan.TaskFilter{PlanID: f.Plan.ID, PerPage: -1, Today: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	task := plan.Task{PlanID: f.Plan.ID, GroupID: f.Plan.Groups[0].ID, Code: "I.3", Content: "Biểu dương hợp tác xã điển hình",
		Lead: []plan.AgencyRef{ref(f.LM)}, Support: []plan.AgencyRef{ref(f.TC)}}
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.AddTask(ctx, &task, "Quý IV/2026", "Bổ sung") }); err != nil {
		t.Fatal(err)
	}
	after, total2, err := db.Tasks(ctx, plan.TaskFilter{PlanID: f.Plan.ID, PerPage: -1, Today: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if total2 != total+1 || len(after) != len(before)+1 || after[2].Code != "I.3" || after[2].Ordinal != 3 {
		t.Errorf("plan after add: %v (%d)", taskCodes(after), total2)
	}
	revs, _ := db.TaskRevisions(ctx, task.ID)
	if len(revs) != 1 || revs[0].Action != "create" || revs[0].Before != nil || revs[0].After.Lead[0] != "Liên minh Hợp tác xã tỉnh" {
		t.Errorf("revisions %+v", revs)
	}
	bad := plan.Task{PlanID: f.Plan.ID, GroupID: 999999, Content: "X", Lead: []plan.AgencyRef{ref(f.LM)}}
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.AddTask(ctx, &bad, "2026", "") }); apperr.CodeOf(err) != apperr.Validation {
		t.Errorf("task in a group of no plan: %v", err)
	}
}
