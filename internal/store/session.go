package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// SessionStore keeps web sessions in the database; it implements
// scs.CtxStore so sessions survive restarts and work on both backends.
type SessionStore struct{ db *DB }

// Sessions returns the session store.
func (db *DB) Sessions() *SessionStore { return &SessionStore{db: db} }

// FindCtx returns a session's data if it exists and has not expired.
func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var data []byte
	err := s.db.queryRow(ctx, `SELECT data FROM sessions WHERE token = ? AND expiry > ?`,
		token, s.db.Now().UnixNano()).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("store: find session: %w", err)
	}
	return data, true, nil
}

// CommitCtx writes a session.
func (s *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	_, err := s.db.sql.ExecContext(ctx, s.db.d.rebind(`INSERT INTO sessions (token, data, expiry) VALUES (?, ?, ?)
		ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`), token, b, expiry.UnixNano())
	if err != nil {
		return fmt.Errorf("store: commit session: %w", err)
	}
	return nil
}

// DeleteCtx removes a session.
func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	_, err := s.db.sql.ExecContext(ctx, s.db.d.rebind(`DELETE FROM sessions WHERE token = ?`), token)
	return err
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
	_, err := db.sql.ExecContext(ctx, db.d.rebind(`DELETE FROM sessions WHERE expiry <= ?`), db.Now().UnixNano())
	return err
}
