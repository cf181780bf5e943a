package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/store"
)

func TestNotificationsListCountAndMarkRead(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	an := createUser(t, db, "an@example.org", auth.RoleViewer, nil)
	binh := createUser(t, db, "binh@example.org", auth.RoleViewer, nil)
	var ids []int64
	update(t, db, func(tx *store.Tx) error {
		for _, n := range []store.Notification{
			{UserID: an.ID, Key: "notice.urge", Args: []string{"Sở Tài chính", "Quý IV"}, Link: "/reports/1"},
			{UserID: an.ID, Text: "Đề nghị gửi báo cáo trước ngày 30."},
			{UserID: binh.ID, Text: "Của Bình"},
		} {
			id, err := tx.Notify(ctx, n)
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	list, err := db.Notifications(ctx, an.ID, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != ids[1] || list[1].ID != ids[0] {
		t.Fatalf("An's notifications = %+v, want theirs two, newest first", list)
	}
	if got := list[1]; got.Key != "notice.urge" || !slices.Equal(got.Args, []string{"Sở Tài chính", "Quý IV"}) ||
		got.Link != "/reports/1" || got.ReadAt != nil || !got.CreatedAt.Equal(fixedNow) {
		t.Errorf("read back %+v", got)
	}
	wantUnread := func(u auth.User, want int) {
		t.Helper()
		if n, err := db.UnreadNotifications(ctx, u.ID); err != nil || n != want {
			t.Errorf("unread for %s = %d, %v; want %d", u.Email, n, err, want)
		}
	}
	wantUnread(an, 2)
	// Marking Bình's notification as An changes nothing.
	update(t, db, func(tx *store.Tx) error { return tx.MarkNotificationsRead(ctx, an.ID, ids[2]) })
	wantUnread(binh, 1)
	update(t, db, func(tx *store.Tx) error { return tx.MarkNotificationsRead(ctx, an.ID, ids[0]) })
	wantUnread(an, 1)
	update(t, db, func(tx *store.Tx) error { return tx.MarkNotificationsRead(ctx, an.ID, 0) })
	wantUnread(an, 0)
	wantUnread(binh, 1)
}

func TestNotifyRefusesEmpty(t *testing.T) {
	db := newTestDB(t)
	u := createUser(t, db, "an@example.org", auth.RoleViewer, nil)
	err := db.Update(context.Background(), func(tx *store.Tx) error {
		_, err := tx.Notify(context.Background(), store.Notification{UserID: u.ID})
		return err
	})
	if err == nil || count(t, db, "notifications") != 0 {
		t.Errorf("an empty notification: err %v, rows %d", err, count(t, db, "notifications"))
	}
}
