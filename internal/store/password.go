package store

import (
	"context"
	"fmt"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
)

// SetPassword replaces a user's password, which it hashes, and records the
// change in the audit log without the password or its hash. An
// administrator uses it to issue a new one-time password when the last
// one was lost.
func (t *Tx) SetPassword(ctx context.Context, userID int64, password string) error {
	if err := auth.CheckNewPassword(password); err != nil {
		return err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	n, err := t.execCount(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, userID)
	if err != nil {
		return fmt.Errorf("store: set password: %w", err)
	}
	if n == 0 {
		return apperr.New(apperr.NotFound, "error.user_not_found")
	}
	return t.audit(ctx, "reset_password", "user", userID, nil, nil)
}
