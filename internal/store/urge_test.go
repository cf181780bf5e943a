package store_test

import (
	"context"
	"testing"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/store"
)

func TestQueueUrgeReachesEachOfficerOnce(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	tc := createAgency(t, db, org.Agency{Name: "Sở Tài chính"})
	other := createAgency(t, db, org.Agency{Name: "Sở Xây dựng"})
	an := createUser(t, db, "an@example.org", auth.RoleAgency, &tc.ID)
	binh := createUser(t, db, "binh@example.org", auth.RoleAgency, &tc.ID)
	gone := createUser(t, db, "gone@example.org", auth.RoleAgency, &tc.ID)
	createUser(t, db, "xd@example.org", auth.RoleAgency, &other.ID)
	createUser(t, db, "coord@example.org", auth.RoleCoordinator, nil)
	if _, err := db.SQL().ExecContext(ctx, db.Rebind(`UPDATE users SET disabled = 1 WHERE id = ?`), gone.ID); err != nil {
		t.Fatal(err)
	}
	u := store.Urge{AgencyID: tc.ID, DedupeKey: "urge:report-7:due-7d", Subject: "Đôn đốc báo cáo quý IV",
		Body: "Kính gửi Sở Tài chính,\nđề nghị gửi báo cáo.", NoticeKey: "notice.urge", NoticeArgs: []string{"Quý IV"}, Link: "/reports/7"}
	queue := func() store.UrgeResult {
		var res store.UrgeResult
		update(t, db, func(tx *store.Tx) error {
			var err error
			res, err = tx.QueueUrge(ctx, u)
			return err
		})
		return res
	}
	if res := queue(); res != (store.UrgeResult{Officers: 2, Queued: 2}) {
		t.Errorf("first urge: %+v, want 2 officers reached", res)
	}
	if res := queue(); res != (store.UrgeResult{Officers: 2, Queued: 0}) {
		t.Errorf("same urge again: %+v, want nobody newly urged", res)
	}
	msgs, err := db.OutboxByState(ctx, store.MailPending, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	to := map[string]bool{}
	for _, m := range msgs {
		to[m.To] = true
		if m.Kind != "urge" || m.Subject != u.Subject || m.Body != u.Body {
			t.Errorf("message %+v", m)
		}
	}
	if len(msgs) != 2 || !to[an.Email] || !to[binh.Email] {
		t.Errorf("mail to %v, want the two active officers of the agency", to)
	}
	for _, who := range []auth.User{an, binh} {
		if n, _ := db.UnreadNotifications(ctx, who.ID); n != 1 {
			t.Errorf("%s has %d notifications, want 1", who.Email, n)
		}
	}
	if n := count(t, db, "notifications"); n != 2 {
		t.Errorf("%d notifications in all, want 2", n)
	}
	// A new reminder (another key) reaches them again.
	u.DedupeKey = "urge:report-7:overdue-w1"
	if res := queue(); res.Queued != 2 {
		t.Errorf("a new urge: %+v", res)
	}
	// An agency without officers reaches nobody, without error.
	u.AgencyID = createAgency(t, db, org.Agency{Name: "Sở Nội vụ"}).ID
	if res := queue(); res != (store.UrgeResult{}) {
		t.Errorf("agency without officers: %+v", res)
	}
	err = db.Update(ctx, func(tx *store.Tx) error { _, err := tx.QueueUrge(ctx, store.Urge{AgencyID: tc.ID}); return err })
	if err == nil {
		t.Error("an urge without a dedupe key was accepted")
	}
}
