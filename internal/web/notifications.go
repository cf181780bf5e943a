package web

import (
	"net/http"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/store"
)

// The reader's notifications: urges and other messages addressed to them,
// newest first, with the unread count in every page's header (view).

// noticesShown bounds the list: the newest notifications are what matter.
const noticesShown = 100

type noticeItem struct {
	store.Notification
	Message string // translated, or the sender's own text
	Href    string // the link, if it stays inside hoptac
}

// noticeReader returns the reader, or renders the refusal.
func (h *Handler) noticeReader(w http.ResponseWriter, r *http.Request) (*auth.User, bool) {
	u := auth.UserFrom(r.Context())
	if !auth.CanReadNotifications(u) {
		h.Error(w, r, forbiddenOrLogin(r))
		return nil, false
	}
	return u, true
}

// Notifications lists the reader's own notifications.
func (h *Handler) Notifications(w http.ResponseWriter, r *http.Request) {
	u, ok := h.noticeReader(w, r)
	if !ok {
		return
	}
	list, err := h.store.Notifications(r.Context(), u.ID, store.Page{PerPage: noticesShown})
	if err != nil {
		h.Error(w, r, err)
		return
	}
	v := h.view(r, "notice.title", nil)
	items := make([]noticeItem, len(list))
	for i, n := range list {
		items[i] = noticeItem{Notification: n, Message: n.Text}
		if n.Key != "" {
			args := make([]any, len(n.Args))
			for j, a := range n.Args {
				args[j] = a
			}
			items[i].Message = v.L.T(n.Key, args...)
		}
		// A link is written by code, but shown as a link only when it
		// stays on this site.
		if n.Link != "" && safeNext(n.Link) == n.Link {
			items[i].Href = n.Link
		}
	}
	v.Data = items
	h.render(w, r, http.StatusOK, "notifications", v)
}

// MarkNotificationRead marks one of the reader's notifications read;
// another user's ID changes nothing.
func (h *Handler) MarkNotificationRead(w http.ResponseWriter, r *http.Request) {
	u, id, ok := h.readerAndID(w, r)
	if ok {
		h.markRead(w, r, u, id)
	}
}

// MarkNotificationsRead marks all of the reader's notifications read.
func (h *Handler) MarkNotificationsRead(w http.ResponseWriter, r *http.Request) {
	if u, ok := h.noticeReader(w, r); ok {
		h.markRead(w, r, u, 0)
	}
}

func (h *Handler) markRead(w http.ResponseWriter, r *http.Request, u *auth.User, id int64) {
	if err := h.store.Update(r.Context(), func(tx *store.Tx) error { return tx.MarkNotificationsRead(r.Context(), u.ID, id) }); err != nil {
		h.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/notifications", http.StatusSeeOther)
}
