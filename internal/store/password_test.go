package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/store"
)

func TestSetPassword(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	u := createUser(t, db, "quantri@hoptac.local", auth.RoleAdmin, nil)
	const fresh = "mat-khau-moi-rat-dai"
	update(t, db, func(tx *store.Tx) error { return tx.SetPassword(ctx, u.ID, fresh) })

	if _, err := db.Authenticate(ctx, u.Email, fresh); err != nil {
		t.Errorf("new password refused: %v", err)
	}
	if _, err := db.Authenticate(ctx, u.Email, testPassword); apperr.CodeOf(err) != apperr.Unauthorized {
		t.Errorf("old password: %v, want refused", err)
	}
	entries, _, err := db.ListAudit(ctx, audit.Filter{Entity: "user", EntityID: u.ID, PerPage: 10})
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, e := range entries {
		if e.Action != "reset_password" {
			continue
		}
		found = true
		if e.UserName != audit.SystemActor {
			t.Errorf("reset recorded as %q, want %q", e.UserName, audit.SystemActor)
		}
		if text := string(e.Before) + string(e.After); strings.Contains(text, fresh) || strings.Contains(text, "argon2") {
			t.Errorf("audit row carries the password or its hash: %s", text)
		}
	}
	if !found {
		t.Errorf("no reset_password row in the audit log: %+v", entries)
	}

	tests := []struct {
		name     string
		id       int64
		password string
		code     apperr.Code
	}{
		{"short password", u.ID, "ngan", apperr.Validation},
		{"unknown user", u.ID + 100, fresh, apperr.NotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := db.Update(ctx, func(tx *store.Tx) error { return tx.SetPassword(ctx, tt.id, tt.password) })
			if apperr.CodeOf(err) != tt.code {
				t.Errorf("SetPassword: %v, want code %s", err, tt.code)
			}
		})
	}
	if _, err := db.Authenticate(ctx, u.Email, fresh); err != nil {
		t.Errorf("a refused reset changed the password: %v", err)
	}
}
