package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// The store accepts progress on a task from the officers the task page
// offers the button to, on the day of the write: the agency the plan
// named, and the one answering for it that day by the succession dates.
// Sở Tài chính takes over Sở Kế hoạch và Đầu tư's tasks on 01/03/2025,
// not before; once its own duties pass to Sở Công Thương (01/07/2026 here)
// it no longer records on them.
func TestRecordProgressFollowsSuccessionDate(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	mergeKHDT(t, db, f)
	tc := f.TC
	tc.ValidTo, tc.SuccessorID, tc.SuccessorSince = day(2026, 6, 30), &f.Other.ID, day(2026, 7, 1)
	update(t, db, func(tx *store.Tx) error { return tx.UpdateAgency(ctx, &tc) })
	officers := map[string]auth.User{
		"KHDT":  createUser(t, db, "khdt@tinh.gov.vn", auth.RoleAgency, &f.KHDT.ID),
		"TC":    createUser(t, db, "tc@tinh.gov.vn", auth.RoleAgency, &f.TC.ID),
		"Other": createUser(t, db, "sct@tinh.gov.vn", auth.RoleAgency, &f.Other.ID),
	}
	ict := time.FixedZone("ICT", 7*60*60)
	onlyKHDT := f.task(t, "II.1").ID // led by KH&ĐT alone; supported by UBND
	for _, tc := range []struct {
		name string
		now  time.Time
		may  map[string]bool
	}{
		{"the evening before the merger", time.Date(2025, 2, 28, 23, 30, 0, 0, ict),
			map[string]bool{"KHDT": true, "TC": false, "Other": false}},
		{"the first morning of the merger", time.Date(2025, 3, 1, 0, 30, 0, 0, ict),
			map[string]bool{"KHDT": true, "TC": true, "Other": false}},
		{"the day before the second handover", time.Date(2026, 6, 30, 12, 0, 0, 0, ict),
			map[string]bool{"KHDT": true, "TC": true, "Other": false}},
		{"after the second handover", time.Date(2026, 7, 1, 8, 0, 0, 0, ict),
			map[string]bool{"KHDT": true, "TC": false, "Other": true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			setClock(db, tc.now)
			task, err := db.Task(ctx, onlyKHDT, plan.Today(tc.now))
			if err != nil {
				t.Fatal(err)
			}
			for who, may := range tc.may {
				u := officers[who]
				if page := auth.CanRecordProgress(&u, task.LeadIDs(), task.SupportIDs()); page != may {
					t.Errorf("%s: the task page offers the button = %v, want %v", who, page, may)
				}
				p := plan.Progress{TaskID: onlyKHDT, Status: plan.StatusInProgress, Note: "Báo cáo của " + who}
				err := db.Update(ctx, func(tx *store.Tx) error { return tx.RecordProgress(asUser(u), &p, nil) })
				switch {
				case may && err != nil:
					t.Errorf("%s: the store refused: %v", who, err)
				case !may && err == nil:
					t.Errorf("%s: the store accepted progress the page does not offer", who)
				case !may:
					wantCode(t, err, "forbidden")
				}
			}
		})
	}
}
