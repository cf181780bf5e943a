package store

import (
	"context"
	"fmt"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
)

// Users lists every account, disabled ones too: nothing deletes an account,
// and a disabled one keeps its history.
func (db *DB) Users(ctx context.Context) ([]auth.User, error) {
	rows, err := db.query(ctx, `SELECT `+userColumns+` FROM users ORDER BY disabled, email`)
	users, err := scanAll(rows, err, scanUser)
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	return users, nil
}

// userForUpdate reads an account inside the transaction that changes it.
// Like AgencyForUpdate it locks the row first with a no-op UPDATE
// (portable where FOR UPDATE is not), so two administrators' changes
// cannot both start from the same version.
func (t *Tx) userForUpdate(ctx context.Context, id int64) (auth.User, error) {
	if _, err := t.exec(ctx, `UPDATE users SET disabled = disabled WHERE id = ?`, id); err != nil {
		return auth.User{}, fmt.Errorf("store: lock user: %w", err)
	}
	u, err := scanUser(t.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	return u, notFound(err, "error.user_not_found")
}

// adminChangeForUpdate starts a change to an account's role or state: it
// locks every active administrator's row, then the account's own. Two
// transactions that each take away a different administrator then run one
// after the other, so the second counts what the first left and both
// cannot pass keepAnAdmin. Locking the administrators first, always in the
// same statement, keeps two such changes from waiting on each other.
func (t *Tx) adminChangeForUpdate(ctx context.Context, id int64) (auth.User, error) {
	if _, err := t.exec(ctx, `UPDATE users SET disabled = disabled WHERE role = ? AND disabled = 0`,
		auth.RoleAdmin); err != nil {
		return auth.User{}, fmt.Errorf("store: lock administrators: %w", err)
	}
	return t.userForUpdate(ctx, id)
}

// keepAnAdmin refuses a change that would leave no active administrator:
// nobody could then manage accounts from the web, the API or the audit log.
func (t *Tx) keepAnAdmin(ctx context.Context, before, after auth.User) error {
	activeAdmin := func(u auth.User) bool { return u.Role == auth.RoleAdmin && !u.Disabled }
	if !activeAdmin(before) || activeAdmin(after) {
		return nil
	}
	var others int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM users WHERE role = ? AND disabled = 0 AND id <> ?`,
		auth.RoleAdmin, before.ID).Scan(&others); err != nil {
		return fmt.Errorf("store: count administrators: %w", err)
	}
	if others == 0 {
		return apperr.New(apperr.Conflict, "error.account_last_admin")
	}
	return nil
}

// UpdateAccount changes an account's name, role and agency. The change
// applies to the account's next request: every request reads its user.
func (t *Tx) UpdateAccount(ctx context.Context, id int64, name string, role auth.Role, agencyID *int64) (auth.User, error) {
	before, err := t.adminChangeForUpdate(ctx, id)
	if err != nil {
		return before, err
	}
	after := before
	after.Name, after.Role, after.AgencyID = name, role, agencyID
	after.Normalize()
	if err := after.Validate(); err != nil {
		return before, err
	}
	if err := t.keepAnAdmin(ctx, before, after); err != nil {
		return before, err
	}
	if agencyID != nil {
		var n int
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM agencies WHERE id = ?`, *agencyID).Scan(&n); err != nil {
			return before, fmt.Errorf("store: check agency: %w", err)
		}
		if n == 0 {
			return before, apperr.FieldErrors{"agency": "error.field.agency_missing"}.Err()
		}
	}
	if _, err := t.exec(ctx, `UPDATE users SET name = ?, role = ?, agency_id = ? WHERE id = ?`,
		after.Name, after.Role, nullInt(after.AgencyID), id); err != nil {
		return before, fmt.Errorf("store: update account: %w", err)
	}
	return after, t.audit(ctx, "update", "user", id, before, after)
}

// SetDisabled disables or re-enables an account. Disabling ends its
// sessions and revokes its API tokens in the same transaction, so neither
// works on any server from the next request on, and re-enabling does not
// bring back credentials handed out before. An administrator cannot
// disable their own account, and nobody the last active administrator.
func (t *Tx) SetDisabled(ctx context.Context, id int64, disabled bool) error {
	if u := auth.UserFrom(ctx); disabled && u != nil && u.ID == id {
		return apperr.New(apperr.Invalid, "error.account_disable_self")
	}
	before, err := t.adminChangeForUpdate(ctx, id)
	if err != nil {
		return err
	}
	if before.Disabled == disabled {
		return nil
	}
	after := before
	after.Disabled = disabled
	if err := t.keepAnAdmin(ctx, before, after); err != nil {
		return err
	}
	if _, err := t.exec(ctx, `UPDATE users SET disabled = ? WHERE id = ?`, boolInt(disabled), id); err != nil {
		return fmt.Errorf("store: disable account: %w", err)
	}
	action := "enable"
	if disabled {
		action = "disable"
		if _, err := t.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, id); err != nil {
			return fmt.Errorf("store: end sessions: %w", err)
		}
		if _, err := t.exec(ctx, `UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL`,
			fmtTime(t.now), id); err != nil {
			return fmt.Errorf("store: revoke tokens: %w", err)
		}
	}
	return t.audit(ctx, action, "user", id, nil, nil)
}

// IssueOneTimePassword gives an account a new random password that its
// holder must replace at the next login, ends the account's sessions (a
// reset is often a sign the old password got out), and returns the
// password to be handed over once.
func (t *Tx) IssueOneTimePassword(ctx context.Context, id int64) (string, error) {
	password := OneTimePassword()
	if err := t.SetPassword(ctx, id, password); err != nil {
		return "", err
	}
	if err := t.SetMustChangePassword(ctx, id, true); err != nil {
		return "", err
	}
	if _, err := t.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, id); err != nil {
		return "", fmt.Errorf("store: end sessions: %w", err)
	}
	return password, nil
}

// OneTimePassword makes a password for an administrator to hand over:
// 96 random bits, 16 characters.
func OneTimePassword() string { return auth.RandomSecret(12) }

// SetMustChangePassword marks whether the account's password is one-time.
func (t *Tx) SetMustChangePassword(ctx context.Context, id int64, must bool) error {
	if _, err := t.exec(ctx, `UPDATE users SET must_change_password = ? WHERE id = ?`, boolInt(must), id); err != nil {
		return fmt.Errorf("store: must change password: %w", err)
	}
	return nil
}

// ChangeOwnPassword replaces a user's password with one they chose, after
// checking the current one, and ends the one-time state. The new password
// must follow the rules and differ from the current one.
func (db *DB) ChangeOwnPassword(ctx context.Context, userID int64, current, next string) error {
	u, err := db.User(ctx, userID)
	if err != nil {
		return err
	}
	if _, err := db.Authenticate(ctx, u.Email, current); err != nil {
		if apperr.CodeOf(err) == apperr.Unauthorized {
			return apperr.FieldErrors{"current": "error.field.password_wrong"}.Err()
		}
		return err
	}
	if err := auth.CheckNewPassword(next); err != nil {
		return apperr.FieldErrors{"new": apperr.As(err).Fields["password"]}.Err()
	}
	if next == current {
		return apperr.FieldErrors{"new": "error.field.password_same"}.Err()
	}
	hash, err := auth.HashPassword(next)
	if err != nil {
		return err
	}
	return db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?`, hash, userID); err != nil {
			return fmt.Errorf("store: change password: %w", err)
		}
		return tx.audit(ctx, "change_password", "user", userID, nil, nil)
	})
}
