package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
)

const userColumns = `id, email, name, role, agency_id, password_hash, disabled, created_at, must_change_password, organisation_id`

func scanUser(row interface{ Scan(...any) error }) (auth.User, error) {
	var u auth.User
	var agency, organisation sql.NullInt64
	var disabled, mustChange int
	var created string
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &agency, &u.PasswordHash, &disabled, &created, &mustChange, &organisation)
	u.AgencyID, u.Disabled, u.CreatedAt = intPtr(agency), disabled == 1, parseTime(created)
	u.MustChangePassword = mustChange == 1
	u.OrganisationID = intPtr(organisation)
	return u, err
}

// User returns a user by ID.
func (db *DB) User(ctx context.Context, id int64) (auth.User, error) {
	u, err := scanUser(db.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	return u, notFound(err, "error.user_not_found")
}

// UserByEmail returns a user by e-mail address, case-insensitively.
func (db *DB) UserByEmail(ctx context.Context, email string) (auth.User, error) {
	u, err := scanUser(db.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE email = ?`,
		strings.ToLower(strings.TrimSpace(email))))
	return u, notFound(err, "error.user_not_found")
}

// CreateUser stores a user with a password, which it hashes. Set
// u.MustChangePassword when the password is one-time (every account an
// administrator or the demo makes); its holder must then choose their own
// at the first login.
func (t *Tx) CreateUser(ctx context.Context, u *auth.User, password string) error {
	u.Normalize()
	fe := apperr.FieldErrors{}
	if err := u.Validate(); err != nil {
		fe = apperr.As(err).Fields
	}
	if err := auth.CheckNewPassword(password); err != nil {
		fe.Add("password", apperr.As(err).Fields["password"])
	}
	if err := fe.Err(); err != nil {
		return err
	}
	var exists int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM users WHERE email = ?`, u.Email).Scan(&exists); err != nil {
		return fmt.Errorf("store: check email: %w", err)
	}
	if exists > 0 {
		return apperr.FieldErrors{"email": "error.field.email_taken"}.Err()
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	u.PasswordHash, u.CreatedAt = hash, t.now
	u.ID, err = t.insert(ctx, `INSERT INTO users (email, name, role, agency_id, password_hash, disabled, created_at,
		must_change_password) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, u.Email, u.Name, u.Role, nullInt(u.AgencyID), hash,
		boolInt(u.Disabled), fmtTime(t.now), boolInt(u.MustChangePassword))
	if err != nil {
		return fmt.Errorf("store: create user: %w", err)
	}
	return t.audit(ctx, "create", "user", u.ID, nil, u)
}

// Authenticate checks an e-mail and password. Unknown e-mail and wrong
// password give the same error, so the login form does not reveal accounts.
func (db *DB) Authenticate(ctx context.Context, email, password string) (auth.User, error) {
	// Each check takes 19 MiB and tens of milliseconds of one core; a class
	// of officers logging in at once queues here instead of running fifty
	// checks side by side and taking a gigabyte.
	select {
	case db.passwordSlots <- struct{}{}:
		defer func() { <-db.passwordSlots }()
	case <-ctx.Done():
		return auth.User{}, ctx.Err()
	}
	u, err := db.UserByEmail(ctx, email)
	if err != nil {
		if apperr.CodeOf(err) == apperr.NotFound {
			// Spend the same time as a real check against timing probes.
			_, _ = auth.CheckPassword(dummyHash, password)
			return u, apperr.New(apperr.Unauthorized, "error.login_failed")
		}
		return u, err
	}
	ok, err := auth.CheckPassword(u.PasswordHash, password)
	if err != nil {
		return u, fmt.Errorf("store: check password: %w", err)
	}
	if !ok || u.Disabled {
		return u, apperr.New(apperr.Unauthorized, "error.login_failed")
	}
	return u, nil
}

// dummyHash is a valid argon2id hash of a random string.
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2Rj0lqqTi0R3m2A6uXh2cS2B0f7ZJ0gKq0l4yq8q6xU"

// LogLogin records a successful login in the audit log.
func (t *Tx) LogLogin(ctx context.Context, u *auth.User) error {
	return t.audit(auth.WithUser(ctx, u), "login", "user", u.ID, nil, nil)
}

// SetUserOrganisation links a cooperative representative's account to the
// organisation it acts for, or unlinks it (nil).
func (t *Tx) SetUserOrganisation(ctx context.Context, userID int64, orgID *int64) error {
	before, err := scanUser(t.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, userID))
	if err != nil {
		return notFound(err, "error.user_not_found")
	}
	if orgID != nil {
		// Only a representative acts for an organisation; a link on another
		// account would lie unused until a role change put it to work.
		if before.Role != auth.RoleCoop {
			return apperr.FieldErrors{"organisation": "error.field.organisation_coop_only"}.Err()
		}
		if _, err := readOrganisation(ctx, t, *orgID); err != nil {
			return err
		}
	}
	if (before.OrganisationID == nil && orgID == nil) || (before.OrganisationID != nil && orgID != nil && *before.OrganisationID == *orgID) {
		return nil // the same link: nothing to change or audit
	}
	if _, err := t.exec(ctx, `UPDATE users SET organisation_id = ? WHERE id = ?`, nullInt(orgID), userID); err != nil {
		return fmt.Errorf("store: set user organisation: %w", err)
	}
	after := before
	after.OrganisationID = orgID
	return t.audit(ctx, "update", "user", userID, before, after)
}
