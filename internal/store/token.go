package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
)

// tokenPrefix marks hoptac tokens, so a leaked one is easy to recognise.
const tokenPrefix = "hpt_"

// CreateToken makes a new personal API token for a user and returns it. Only
// its SHA-256 is stored: a stolen database gives no working tokens.
func (t *Tx) CreateToken(ctx context.Context, userID int64) (string, error) {
	token := tokenPrefix + auth.RandomSecret(32)
	id, err := t.insert(ctx, `INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES (?, ?, ?)`,
		userID, hashToken(token), fmtTime(t.now))
	if err != nil {
		return "", fmt.Errorf("store: create token: %w", err)
	}
	if err := t.audit(ctx, "create", "api_token", id, nil, map[string]int64{"user_id": userID}); err != nil {
		return "", err
	}
	return token, nil
}

// UserByToken returns the user a bearer token belongs to.
func (db *DB) UserByToken(ctx context.Context, token string) (auth.User, error) {
	u, err := scanUser(db.queryRow(ctx, `SELECT u.id, u.email, u.name, u.role, u.agency_id, u.password_hash,
		u.disabled, u.created_at FROM api_tokens k JOIN users u ON u.id = k.user_id WHERE k.token_hash = ?`,
		hashToken(token)))
	if errors.Is(err, sql.ErrNoRows) || err == nil && u.Disabled {
		return u, apperr.New(apperr.Unauthorized, "error.bad_token")
	}
	if err != nil {
		return u, fmt.Errorf("store: user by token: %w", err) // an outage is not a bad token
	}
	return u, nil
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
