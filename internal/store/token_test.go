package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/store"
)

func TestCreateToken(t *testing.T) {
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
