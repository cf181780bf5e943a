package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/store"
)

func TestCreateToken(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	u := createUser(t, db, "api@hoptac.vn", auth.RoleCoordinator, nil)
	other := createUser(t, db, "khac@hoptac.vn", auth.RoleViewer, nil)

	var token, token2, otherToken string
	update(t, db, func(tx *store.Tx) (err error) {
		if token, err = tx.CreateToken(ctx, u.ID); err != nil {
			return err
		}
		if token2, err = tx.CreateToken(ctx, u.ID); err != nil {
			return err
		}
		otherToken, err = tx.CreateToken(ctx, other.ID)
		return err
	})
	if !strings.HasPrefix(token, "hpt_") || len(token) < 40 || token == token2 {
		t.Errorf("tokens %q, %q: want distinct hpt_ tokens of 32 random bytes", token, token2)
	}
	for _, tc := range []struct {
		token string
		want  int64
	}{{token, u.ID}, {token2, u.ID}, {otherToken, other.ID}} {
		got, err := db.UserByToken(ctx, tc.token)
		if err != nil || got.ID != tc.want {
			t.Errorf("UserByToken = %d, %v; want %d", got.ID, err, tc.want)
		}
	}

	// Only the SHA-256 is stored.
	rows, err := db.SQL().QueryContext(ctx, "SELECT token_hash FROM api_tokens")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	sum := sha256.Sum256([]byte(token))
	found := false
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(h, strings.TrimPrefix(token, "hpt_")) || strings.Contains(h, strings.TrimPrefix(token2, "hpt_")) {
			t.Errorf("stored hash %q holds the token", h)
		}
		found = found || h == hex.EncodeToString(sum[:])
	}
	if !found {
		t.Error("no stored hash is the token's SHA-256")
	}

	for _, bad := range []string{"", "hpt_", token + "x", strings.TrimPrefix(token, "hpt_"), hex.EncodeToString(sum[:])} {
		_, err := db.UserByToken(ctx, bad)
		wantCode(t, err, apperr.Unauthorized)
	}

	entries, total, err := db.ListAudit(ctx, audit.Filter{Entity: "api_token"})
	if err != nil || total != 3 {
		t.Fatalf("api_token audit entries = %d, %v", total, err)
	}
	if strings.Contains(string(entries[0].After), otherToken) || !strings.Contains(string(entries[0].After), `"user_id"`) {
		t.Errorf("token audit after = %s", entries[0].After)
	}
}

func TestTokenOfDisabledUser(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	u := auth.User{Email: "tat@hoptac.vn", Name: "Đã khóa", Role: auth.RoleViewer, Disabled: true}
	update(t, db, func(tx *store.Tx) error { return tx.CreateUser(ctx, &u, testPassword) })
	var token string
	update(t, db, func(tx *store.Tx) (err error) { token, err = tx.CreateToken(ctx, u.ID); return err })
	_, err := db.UserByToken(ctx, token)
	wantCode(t, err, apperr.Unauthorized)
}

func TestTokenForMissingUser(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	err := db.Update(ctx, func(tx *store.Tx) error { _, err := tx.CreateToken(ctx, 404); return err })
	if err == nil {
		t.Fatal("token for a missing user was created")
	}
	if n := count(t, db, "api_tokens") + count(t, db, "audit_log"); n != 0 {
		t.Errorf("%d rows left by a failed token", n)
	}
}

// A named token can expire and be revoked; either refuses it at once, and
// its owner sees it in the list with when it was last used.
func TestNamedTokenExpiryAndRevoke(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	u := createUser(t, db, "canbo@hoptac.local", auth.RoleViewer, nil)
	exp := fixedNow.Add(48 * time.Hour)
	var tok auth.Token
	var secret, forever string
	update(t, db, func(tx *store.Tx) (err error) {
		if tok, secret, err = tx.CreateNamedToken(ctx, u.ID, "Báo cáo quý", &exp); err != nil {
			return err
		}
		_, forever, err = tx.CreateNamedToken(ctx, u.ID, "Đồng bộ", nil)
		return err
	})
	if _, err := db.UserByToken(ctx, secret); err != nil {
		t.Fatalf("a fresh token is refused: %v", err)
	}
	list, err := db.Tokens(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[1].ID != tok.ID || list[1].Name != "Báo cáo quý" || list[1].LastUsedAt == nil ||
		!list[1].LastUsedAt.Equal(fixedNow) || list[1].ExpiresAt == nil || !list[1].ExpiresAt.Equal(exp) {
		t.Fatalf("Tokens = %+v", list)
	}
	// Used again within a minute: no new write of the last-used time.
	setClock(db, fixedNow.Add(30*time.Second))
	if _, err := db.UserByToken(ctx, secret); err != nil {
		t.Fatal(err)
	}
	if k, _ := db.Token(ctx, tok.ID); !k.LastUsedAt.Equal(fixedNow) {
		t.Errorf("last used %v, want still %v", k.LastUsedAt, fixedNow)
	}
	setClock(db, fixedNow.Add(2*time.Minute))
	if _, err := db.UserByToken(ctx, secret); err != nil {
		t.Fatal(err)
	}
	if k, _ := db.Token(ctx, tok.ID); !k.LastUsedAt.Equal(fixedNow.Add(2 * time.Minute)) {
		t.Errorf("last used %v, want %v", k.LastUsedAt, fixedNow.Add(2*time.Minute))
	}
	setClock(db, exp)
	if _, err := db.UserByToken(ctx, secret); apperr.CodeOf(err) != apperr.Unauthorized {
		t.Errorf("an expired token: %v, want refused", err)
	}
	if _, err := db.UserByToken(ctx, forever); err != nil {
		t.Errorf("a token without expiry is refused: %v", err)
	}
	update(t, db, func(tx *store.Tx) error { return tx.RevokeToken(ctx, list[0].ID) })
	if _, err := db.UserByToken(ctx, forever); apperr.CodeOf(err) != apperr.Unauthorized {
		t.Errorf("a revoked token: %v, want refused", err)
	}
	if k, _ := db.Token(ctx, list[0].ID); k.RevokedAt == nil || k.Active(exp) {
		t.Errorf("revoked token record %+v", k)
	}
}
