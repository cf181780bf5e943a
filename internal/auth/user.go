// Package auth holds accounts, roles, passwords and the rules of who may do
// what. Handlers ask these rules; they never compare roles themselves.
package auth

import (
	"context"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/vntext"
)

// Role is what a user may do in hoptac.
type Role string

const (
	RoleAdmin       Role = "admin"       // the province's IT staff
	RoleCoordinator Role = "coordinator" // cơ quan đầu mối: runs the plan
	RoleAgency      Role = "agency"      // an officer of one agency
	RoleCoop        Role = "coop"        // a cooperative's representative
	RoleViewer      Role = "viewer"      // leaders: read only
)

// Roles lists every role in the order the UI offers them.
func Roles() []Role {
	return []Role{RoleAdmin, RoleCoordinator, RoleAgency, RoleCoop, RoleViewer}
}

// RoleOption is one choice of a role picker.
type RoleOption struct {
	Value    Role
	Selected bool
}

// RoleOptions lists every role for a form, the current one selected; roles
// are compared here so that handlers and templates never do.
func RoleOptions(current Role) []RoleOption {
	var out []RoleOption
	for _, r := range Roles() {
		out = append(out, RoleOption{Value: r, Selected: r == current})
	}
	return out
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles() {
		if r == x {
			return true
		}
	}
	return false
}

// User is an account.
type User struct {
	ID       int64  `json:"id"`
	Email    string `json:"email"`
	Name     string `json:"name"`
	Role     Role   `json:"role"`
	AgencyID *int64 `json:"agency_id"`
	// OrganisationID is the register's organisation a cooperative
	// representative acts for; nil for every other account.
	OrganisationID *int64 `json:"organisation_id"`
	PasswordHash   string `json:"-"`
	Disabled       bool   `json:"disabled"`
	// MustChangePassword: the password is one-time (a new account, a
	// reset); until its holder chooses their own, they may do nothing else.
	MustChangePassword bool      `json:"must_change_password"`
	CreatedAt          time.Time `json:"created_at"`
}

// Normalize cleans the user's text fields the way every input boundary must.
func (u *User) Normalize() {
	u.Email = strings.ToLower(vntext.Clean(u.Email))
	u.Name = vntext.Clean(u.Name)
}

// Validate checks a user before it is stored.
func (u *User) Validate() error {
	fe := apperr.FieldErrors{}
	if err := ValidateEmail(u.Email); err != nil {
		fe.Add("email", apperr.As(err).Fields["email"])
	}
	if u.Name == "" {
		fe.Add("name", "error.field.required")
	}
	if !u.Role.Valid() {
		fe.Add("role", "error.field.role")
	}
	if u.Role == RoleAgency && u.AgencyID == nil {
		fe.Add("agency", "error.field.agency_required")
	}
	return fe.Err()
}

type ctxKey struct{}

// WithUser returns a context that carries the acting user, so that the store
// can write who made each change to the audit log.
func WithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, ctxKey{}, u)
}

// UserFrom returns the acting user, or nil for an anonymous request.
func UserFrom(ctx context.Context) *User {
	u, _ := ctx.Value(ctxKey{}).(*User)
	return u
}
