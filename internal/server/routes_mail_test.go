package server

import (
	"context"
	"fmt"
	"io"
	"net/url"

	"github.com/hoptac/hoptac/internal/store"
)

// mailIDs gives every role's account two unread notifications: one for
// the route that marks one read, one for the route that marks all read,
// so each accepted call has something to change.
func (e *env) mailIDs(x *ids) {
	t, ctx := e.t, context.Background()
	x.ownNotices = map[string]int64{}
	err := e.db.Update(ctx, func(tx *store.Tx) error {
		for role, email := range roleEmails {
			u, err := e.db.UserByEmail(ctx, email)
			if err != nil {
				return err
			}
			for i := range 2 {
				id, err := tx.Notify(ctx, store.Notification{UserID: u.ID, Text: fmt.Sprintf("Thông báo %d cho %s", i, role)})
				if err != nil {
					return err
				}
				if i == 0 {
					x.ownNotices[role] = id
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("notifications: %v", err)
	}
	x.ownNotices[roleAnon] = x.ownNotices[roleAdmin]
}

// mailExpectations are the matrix rows of the mail settings and the
// notifications.
func (e *env) mailExpectations() map[string][]call {
	admins := byRole{roleAnon: see, roleAdmin: ok, roleCoordinator: forbidden, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}
	adminWrites := byRole{roleAnon: unauth, roleAdmin: see, roleCoordinator: forbidden, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}
	everyone := byRole{roleAnon: unauth, roleAdmin: see, roleCoordinator: see, roleAgency: see, roleOther: see, roleViewer: see, roleCoop: see}
	return map[string][]call{
		"GET /settings/mail": {{path: fixed("/settings/mail"), want: admins}},
		"POST /settings/mail": {{path: fixed("/settings/mail"), want: adminWrites, writes: true,
			loc: map[string]string{roleAdmin: "/settings/mail"},
			body: func(_ ids, role string) (io.Reader, string) {
				return form(url.Values{"host": {"smtp.example.org"}, "port": {"587"}, "tls": {"starttls"},
					"from": {"hoptac@example.org"}, "from_name": {"Hợp tác " + role}, "password": {"mật khẩu"}})
			}}},
		"POST /settings/mail/test": {{path: fixed("/settings/mail/test"), want: adminWrites, writes: true,
			loc: map[string]string{roleAdmin: "/settings/mail"}}},
		"GET /notifications": {{path: fixed("/notifications"), want: readPage}},
		"POST /notifications/{id}/read": {{path: fixed(""), writes: true, want: everyone,
			rolePath: func(x ids, role string) string { return fmt.Sprintf("/notifications/%d/read", x.ownNotices[role]) }}},
		"POST /notifications/read": {{path: fixed("/notifications/read"), want: everyone, writes: true,
			loc: map[string]string{roleAdmin: "/notifications", roleViewer: "/notifications"}}},
	}
}
