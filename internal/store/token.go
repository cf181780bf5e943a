package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
)

// tokenPrefix marks hoptac tokens, so a leaked one is easy to recognise.
const tokenPrefix = "hpt_"

// TokenUseGranularity is how stale a token's last-used time may get: the
// time is written at most once a minute per token, not on every request,
// so an API client's reads do not each become a write.
const TokenUseGranularity = time.Minute

// CreateToken makes a new unnamed personal API token for a user, without
// expiry, and returns it.
func (t *Tx) CreateToken(ctx context.Context, userID int64) (string, error) {
	_, secret, err := t.CreateNamedToken(ctx, userID, "", nil)
	return secret, err
}

// CreateNamedToken makes a personal API token with a name and an optional
// expiry and returns it with its secret, which is shown once: only its
// SHA-256 is stored, so a stolen database gives no working tokens.
func (t *Tx) CreateNamedToken(ctx context.Context, userID int64, name string, expires *time.Time) (auth.Token, string, error) {
	secret := tokenPrefix + auth.RandomSecret(32)
	tok := auth.Token{UserID: userID, Name: name, CreatedAt: t.now, ExpiresAt: expires}
	var exp any
	if expires != nil {
		exp = fmtTime(*expires)
	}
	id, err := t.insert(ctx, `INSERT INTO api_tokens (user_id, token_hash, created_at, name, expires_at) VALUES (?, ?, ?, ?, ?)`,
		userID, hashToken(secret), fmtTime(t.now), name, exp)
	if err != nil {
		return tok, "", fmt.Errorf("store: create token: %w", err)
	}
	tok.ID = id
	if err := t.audit(ctx, "create", "api_token", id, nil, map[string]any{"user_id": userID, "name": name, "expires_at": expires}); err != nil {
		return tok, "", err
	}
	return tok, secret, nil
}

// accessColumns are the columns of api_tokens a listing reads (never the hash).
const accessColumns = `id, user_id, name, created_at, expires_at, last_used_at, revoked_at`

func scanToken(row interface{ Scan(...any) error }) (auth.Token, error) {
	var k auth.Token
	var created string
	var expires, used, revoked sql.NullString
	err := row.Scan(&k.ID, &k.UserID, &k.Name, &created, &expires, &used, &revoked)
	k.CreatedAt = parseTime(created)
	k.ExpiresAt, k.LastUsedAt, k.RevokedAt = nullTime(expires), nullTime(used), nullTime(revoked)
	return k, err
}

func nullTime(s sql.NullString) *time.Time {
	if !s.Valid {
		return nil
	}
	t := parseTime(s.String)
	return &t
}

// Token returns one token's record.
func (db *DB) Token(ctx context.Context, id int64) (auth.Token, error) {
	k, err := scanToken(db.queryRow(ctx, `SELECT `+accessColumns+` FROM api_tokens WHERE id = ?`, id))
	return k, notFound(err, "error.token_not_found")
}

// Tokens lists a user's tokens, newest first, revoked and expired ones too:
// the list is also the record of what was issued.
func (db *DB) Tokens(ctx context.Context, userID int64) ([]auth.Token, error) {
	rows, err := db.query(ctx, `SELECT `+accessColumns+` FROM api_tokens WHERE user_id = ? ORDER BY id DESC`, userID)
	tokens, err := scanAll(rows, err, scanToken)
	if err != nil {
		return nil, fmt.Errorf("store: tokens: %w", err)
	}
	return tokens, nil
}

// RevokeToken ends a token at once, on every server: each request reads
// revoked_at from the database. Revoking a revoked token changes nothing.
func (t *Tx) RevokeToken(ctx context.Context, id int64) error {
	n, err := t.execCount(ctx, `UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, fmtTime(t.now), id)
	if err != nil {
		return fmt.Errorf("store: revoke token: %w", err)
	}
	if n == 0 {
		return nil
	}
	return t.audit(ctx, "revoke", "api_token", id, nil, nil)
}

// UserByToken returns the user a bearer token belongs to. A revoked or
// expired token, or one of a disabled account, is refused. It notes when
// the token was used, at most once per TokenUseGranularity.
func (db *DB) UserByToken(ctx context.Context, token string) (auth.User, error) {
	now := db.Now().UTC()
	var tokenID int64
	var used sql.NullString
	var u auth.User
	var agency, organisation sql.NullInt64
	var disabled, mustChange int
	var created string
	err := db.queryRow(ctx, `SELECT k.id, k.last_used_at, u.id, u.email, u.name, u.role, u.agency_id, u.password_hash,
		u.disabled, u.created_at, u.must_change_password, u.organisation_id FROM api_tokens k JOIN users u ON u.id = k.user_id
		WHERE k.token_hash = ? AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > ?)`,
		hashToken(token), fmtTime(now)).Scan(&tokenID, &used, &u.ID, &u.Email, &u.Name, &u.Role, &agency,
		&u.PasswordHash, &disabled, &created, &mustChange, &organisation)
	u.AgencyID, u.Disabled, u.CreatedAt, u.MustChangePassword = intPtr(agency), disabled == 1, parseTime(created), mustChange == 1
	u.OrganisationID = intPtr(organisation)
	if errors.Is(err, sql.ErrNoRows) || err == nil && u.Disabled {
		return auth.User{}, apperr.New(apperr.Unauthorized, "error.bad_token")
	}
	if err != nil {
		return u, fmt.Errorf("store: user by token: %w", err) // an outage is not a bad token
	}
	if !used.Valid || parseTime(used.String).Add(TokenUseGranularity).Before(now) {
		if _, err := db.w.ExecContext(ctx, db.d.rebind(`UPDATE api_tokens SET last_used_at = ? WHERE id = ?`),
			fmtTime(now), tokenID); err != nil {
			return u, fmt.Errorf("store: note token use: %w", err)
		}
	}
	return u, nil
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// RevokeTokenFor revokes token id on behalf of u, who must own it or be
// allowed to manage its owner's tokens (the policy decides), and returns
// the token as it now stands: the browser and the API revoke alike.
func (db *DB) RevokeTokenFor(ctx context.Context, u *auth.User, id int64) (auth.Token, error) {
	tok, err := db.Token(ctx, id)
	if err != nil {
		return tok, err
	}
	if !auth.CanManageTokensOf(u, tok.UserID) {
		return tok, apperr.New(apperr.Forbidden, "error.forbidden")
	}
	if err := db.Update(ctx, func(tx *Tx) error { return tx.RevokeToken(ctx, id) }); err != nil {
		return tok, err
	}
	return db.Token(ctx, id)
}
