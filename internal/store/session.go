package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"
)

// SessionRefresh is how stale a session's stored expiry may get before an
// unchanged session is written again. With an idle timeout the session
// manager commits every session on every request; writing each of those
// would put a write transaction (and on SQLite an fsync) behind every page
// view. Skipping them makes the idle timeout accurate to this much.
const SessionRefresh = 5 * time.Minute

// maxSessionMemo bounds the memory the skip rule uses; past it the memo
// starts afresh, which only costs one extra write per active session.
const maxSessionMemo = 100_000

// SessionStore keeps web sessions in the database; it implements
// scs.CtxStore so sessions survive restarts and work on both backends.
//
// The database holds only SHA-256 of each session token (token_hash), as it
// does for API tokens: whoever reads a backup or the sessions table cannot
// log in with what is there. scs's tokens have 256 random bits, so a plain hash
// without salt or stretching is enough.
type SessionStore struct {
	db *DB

	// Owner reads whose session the encoded data is and the browser it
	// was started from, so the row can carry its user: the server sets it
	// to decode with the session manager's codec. Nil stores no owner.
	Owner func(data []byte) (userID int64, agent string)

	mu   sync.Mutex
	memo map[string]storedSession // what this process last read or wrote per token hash
}

type storedSession struct {
	data   string
	expiry int64
}

// Sessions returns a session store. Keep one per server: its memo of stored
// sessions is what lets it skip unchanged writes.
func (db *DB) Sessions() *SessionStore {
	return &SessionStore{db: db, memo: map[string]storedSession{}}
}

// FindCtx returns a session's data if it exists and has not expired.
func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	key := hashToken(token)
	var data []byte
	var expiry int64
	err := s.db.queryRow(ctx, `SELECT data, expiry FROM sessions WHERE token_hash = ? AND expiry > ?`,
		key, s.db.Now().UnixNano()).Scan(&data, &expiry)
	if errors.Is(err, sql.ErrNoRows) {
		s.forget(key)
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("store: find session: %w", err)
	}
	s.remember(key, storedSession{data: string(data), expiry: expiry})
	return data, true, nil
}

// CommitCtx writes a session, unless the stored copy has the same data and
// an expiry less than SessionRefresh short of the new one.
func (s *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	key := hashToken(token)
	next := storedSession{data: string(b), expiry: expiry.UnixNano()}
	s.mu.Lock()
	prev, ok := s.memo[key]
	s.mu.Unlock()
	if ok && prev.data == next.data && prev.expiry <= next.expiry &&
		next.expiry-prev.expiry < int64(SessionRefresh) && prev.expiry > s.db.Now().UnixNano() {
		return nil
	}
	var owner any
	var agent string
	if s.Owner != nil {
		if id, a := s.Owner(b); id != 0 {
			owner, agent = id, a
		}
	}
	now := fmtTime(s.db.Now())
	_, err := s.db.w.ExecContext(ctx, s.db.d.rebind(`INSERT INTO sessions (token_hash, data, expiry, user_id, created_at, seen_at, agent)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (token_hash) DO UPDATE SET data = excluded.data, expiry = excluded.expiry, user_id = excluded.user_id,
		seen_at = excluded.seen_at, agent = excluded.agent`), key, b, next.expiry, owner, now, now, agent)
	if err != nil {
		s.forget(key) // the row may or may not have changed
		return fmt.Errorf("store: commit session: %w", err)
	}
	s.remember(key, next)
	return nil
}

// DeleteCtx removes a session.
func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	key := hashToken(token)
	s.forget(key)
	_, err := s.db.w.ExecContext(ctx, s.db.d.rebind(`DELETE FROM sessions WHERE token_hash = ?`), key)
	return err
}

func (s *SessionStore) remember(key string, v storedSession) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.memo) >= maxSessionMemo {
		clear(s.memo)
	}
	s.memo[key] = v
}

func (s *SessionStore) forget(key string) {
	s.mu.Lock()
	delete(s.memo, key)
	s.mu.Unlock()
}

// Find, Commit and Delete satisfy scs.Store; scs calls the Ctx variants.
func (s *SessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

func (s *SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

func (s *SessionStore) Delete(token string) error { return s.DeleteCtx(context.Background(), token) }

// DeleteExpired removes expired sessions; the server calls it now and then.
func (db *DB) DeleteExpired(ctx context.Context) error {
	_, err := db.w.ExecContext(ctx, db.d.rebind(`DELETE FROM sessions WHERE expiry <= ?`), db.Now().UnixNano())
	return err
}
