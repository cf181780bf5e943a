package store

import (
	"context"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
)

// Session is one of a user's active web sessions, as the account page
// lists it. ID is the SHA-256 of the session's token, as stored: it names
// the session without being a way into it.
type Session struct {
	ID        string
	CreatedAt time.Time
	SeenAt    time.Time // the last write of the session, to within SessionRefresh
	Agent     string    // the browser's User-Agent at login
	Expiry    time.Time
}

// SessionID is the ID of the session with the given token.
func SessionID(token string) string { return hashToken(token) }

// UserSessions lists a user's unexpired sessions, most recently seen first.
func (db *DB) UserSessions(ctx context.Context, userID int64) ([]Session, error) {
	rows, err := db.query(ctx, `SELECT token_hash, created_at, seen_at, agent, expiry FROM sessions
		WHERE user_id = ? AND expiry > ? ORDER BY seen_at DESC, token_hash`, userID, db.Now().UnixNano())
	sessions, err := scanAll(rows, err, scanSession)
	if err != nil {
		return nil, fmt.Errorf("store: user sessions: %w", err)
	}
	return sessions, nil
}

func scanSession(r rowScanner) (Session, error) {
	var s Session
	var created, seen string
	var expiry int64
	err := r.Scan(&s.ID, &created, &seen, &s.Agent, &expiry)
	s.CreatedAt, s.SeenAt, s.Expiry = parseTime(created), parseTime(seen), time.Unix(0, expiry)
	return s, err
}

// EndSession ends one of the user's sessions; another user's session of the
// same ID is left alone, and answers as a session that does not exist. Every server reads sessions from the database on
// each request, so the session ends everywhere at once.
func (t *Tx) EndSession(ctx context.Context, userID int64, id string) error {
	n, err := t.execCount(ctx, `DELETE FROM sessions WHERE user_id = ? AND token_hash = ?`, userID, id)
	if err != nil {
		return fmt.Errorf("store: end session: %w", err)
	}
	if n == 0 {
		return apperr.New(apperr.NotFound, "error.session_not_found")
	}
	return t.audit(ctx, "end_session", "user", userID, nil, nil)
}

// EndSessions ends every session of the user ("log out everywhere") and
// says how many there were.
func (t *Tx) EndSessions(ctx context.Context, userID int64) (int64, error) {
	n, err := t.execCount(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID)
	if err != nil {
		return 0, fmt.Errorf("store: end sessions: %w", err)
	}
	return n, t.audit(ctx, "end_sessions", "user", userID, nil, map[string]int64{"sessions": n})
}
