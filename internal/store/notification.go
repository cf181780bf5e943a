package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
)

// Notification is a message shown on one user's pages: an i18n key with
// its arguments, translated when shown, or plain text when the sender
// wrote it (an urge's own message).
type Notification struct {
	ID        int64
	UserID    int64
	Key       string
	Args      []string
	Text      string
	Link      string // a path inside hoptac, or empty
	CreatedAt time.Time
	ReadAt    *time.Time
}

// Notify stores a notification for n.UserID and returns its ID.
func (t *Tx) Notify(ctx context.Context, n Notification) (int64, error) {
	if n.Key == "" && n.Text == "" {
		return 0, apperr.New(apperr.Invalid, "error.notification_empty")
	}
	if n.Args == nil {
		n.Args = []string{}
	}
	args, err := json.Marshal(n.Args)
	if err != nil {
		return 0, fmt.Errorf("store: notify: %w", err)
	}
	id, err := t.insert(ctx, `INSERT INTO notifications (user_id, msg_key, args, text, link, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		n.UserID, n.Key, string(args), n.Text, n.Link, fmtTime(t.now))
	if err != nil {
		return 0, fmt.Errorf("store: notify: %w", err)
	}
	return id, nil
}

func scanNotification(r rowScanner) (Notification, error) {
	var n Notification
	var args, created string
	var read sql.NullString
	if err := r.Scan(&n.ID, &n.UserID, &n.Key, &args, &n.Text, &n.Link, &created, &read); err != nil {
		return n, err
	}
	if err := json.Unmarshal([]byte(args), &n.Args); err != nil {
		return n, fmt.Errorf("notification %d args: %w", n.ID, err)
	}
	n.CreatedAt, n.ReadAt = parseTime(created), nullTime(read)
	return n, nil
}

// Notifications lists a user's notifications, newest first, one page.
func (db *DB) Notifications(ctx context.Context, userID int64, p Page) ([]Notification, error) {
	limit, offset := limits(p.Page, p.PerPage)
	rows, err := db.query(ctx, `SELECT id, user_id, msg_key, args, text, link, created_at, read_at FROM notifications
		WHERE user_id = ? ORDER BY id DESC LIMIT ? OFFSET ?`, userID, limit, offset)
	list, err := scanAll(rows, err, scanNotification)
	if err != nil {
		return nil, fmt.Errorf("store: notifications: %w", err)
	}
	return list, nil
}

// UnreadNotifications counts a user's unread notifications. Every page's
// header shows it, so it is one count over the partial index
// notifications_unread, which holds only unread rows.
func (db *DB) UnreadNotifications(ctx context.Context, userID int64) (int, error) {
	var n int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL`, userID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: unread notifications: %w", err)
	}
	return n, nil
}

// MarkNotificationsRead marks the user's notifications read: the one with
// id, or all of them when id is 0. Another user's notification is never
// touched: its ID simply matches nothing.
func (t *Tx) MarkNotificationsRead(ctx context.Context, userID, id int64) error {
	q, args := `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL`, []any{fmtTime(t.now), userID}
	if id != 0 {
		q, args = q+` AND id = ?`, append(args, id)
	}
	if _, err := t.exec(ctx, q, args...); err != nil {
		return fmt.Errorf("store: mark notifications read: %w", err)
	}
	return nil
}
