package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/store"
)

func auditActions(t *testing.T, db *store.DB, entity string, id int64) map[string]int {
	t.Helper()
	entries, _, err := db.ListAudit(context.Background(), audit.Filter{Entity: entity, EntityID: id, PerPage: 100})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, e := range entries {
		out[e.Action]++
	}
	return out
}

func TestUpdateAccount(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	fin := createAgency(t, db, org.Agency{Name: "Sở Tài chính"})
	admin := createUser(t, db, "quantri@hoptac.local", auth.RoleAdmin, nil)
	u := createUser(t, db, "canbo@hoptac.local", auth.RoleViewer, nil)
	actx := asUser(admin)

	update(t, db, func(tx *store.Tx) error {
		_, err := tx.UpdateAccount(actx, u.ID, "Trần Văn Hùng", auth.RoleAgency, &fin.ID)
		return err
	})
	got, err := db.User(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Role != auth.RoleAgency || got.AgencyID == nil || *got.AgencyID != fin.ID || got.Name != "Trần Văn Hùng" {
		t.Errorf("after update: %+v", got)
	}
	if auditActions(t, db, "user", u.ID)["update"] != 1 {
		t.Error("the change is not in the audit log")
	}
	missing := int64(999)
	for _, tt := range []struct {
		name   string
		role   auth.Role
		agency *int64
		field  string
	}{
		{"agency officer without agency", auth.RoleAgency, nil, "agency"},
		{"unknown role", auth.Role("root"), nil, "role"},
		{"missing agency", auth.RoleAgency, &missing, "agency"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := db.Update(ctx, func(tx *store.Tx) error {
				_, err := tx.UpdateAccount(actx, u.ID, "Trần Văn Hùng", tt.role, tt.agency)
				return err
			})
			wantField(t, err, tt.field)
		})
	}
	err = db.Update(ctx, func(tx *store.Tx) error { _, err := tx.UpdateAccount(actx, 999, "X", auth.RoleViewer, nil); return err })
	if apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("missing account: %v, want not found", err)
	}
}

// Disabling ends the account's sessions and revokes its tokens at once;
// re-enabling lets it log in again but brings back neither.
func TestDisableEndsSessionsAndTokens(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	admin := createUser(t, db, "quantri@hoptac.local", auth.RoleAdmin, nil)
	u := createUser(t, db, "canbo@hoptac.local", auth.RoleViewer, nil)
	other := createUser(t, db, "khac@hoptac.local", auth.RoleViewer, nil)
	s := db.Sessions()
	s.Owner = func(b []byte) (int64, string) { return int64(b[0]), "Firefox" }
	if err := s.CommitCtx(ctx, "phien-canbo", []byte{byte(u.ID)}, fixedNow.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.CommitCtx(ctx, "phien-khac", []byte{byte(other.ID)}, fixedNow.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	var token string
	update(t, db, func(tx *store.Tx) (err error) { token, err = tx.CreateToken(ctx, u.ID); return err })

	actx := asUser(admin)
	update(t, db, func(tx *store.Tx) error { return tx.SetDisabled(actx, u.ID, true) })
	if _, found, _ := s.FindCtx(ctx, "phien-canbo"); found {
		t.Error("the disabled account's session still works")
	}
	if _, found, _ := s.FindCtx(ctx, "phien-khac"); !found {
		t.Error("another account's session ended too")
	}
	if _, err := db.UserByToken(ctx, token); apperr.CodeOf(err) != apperr.Unauthorized {
		t.Errorf("the disabled account's token: %v, want refused", err)
	}
	if _, err := db.Authenticate(ctx, u.Email, testPassword); apperr.CodeOf(err) != apperr.Unauthorized {
		t.Errorf("the disabled account logs in: %v", err)
	}
	update(t, db, func(tx *store.Tx) error { return tx.SetDisabled(actx, u.ID, false) })
	if _, err := db.Authenticate(ctx, u.Email, testPassword); err != nil {
		t.Errorf("the re-enabled account cannot log in: %v", err)
	}
	if _, err := db.UserByToken(ctx, token); apperr.CodeOf(err) != apperr.Unauthorized {
		t.Errorf("re-enabling revived a token: %v", err)
	}
	acts := auditActions(t, db, "user", u.ID)
	if acts["disable"] != 1 || acts["enable"] != 1 {
		t.Errorf("audit actions %v, want one disable and one enable", acts)
	}
	// The history stays: the account is still there.
	if _, err := db.User(ctx, u.ID); err != nil {
		t.Errorf("the account is gone: %v", err)
	}
	err := db.Update(ctx, func(tx *store.Tx) error { return tx.SetDisabled(actx, admin.ID, true) })
	if apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("an administrator disabled their own account: %v", err)
	}
}

func TestIssueOneTimePassword(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	u := createUser(t, db, "canbo@hoptac.local", auth.RoleViewer, nil)
	var pw string
	update(t, db, func(tx *store.Tx) (err error) { pw, err = tx.IssueOneTimePassword(ctx, u.ID); return err })
	if len(pw) < auth.MinPasswordLen {
		t.Errorf("one-time password %q is short", pw)
	}
	got, err := db.Authenticate(ctx, u.Email, pw)
	if err != nil {
		t.Fatalf("the one-time password does not log in: %v", err)
	}
	if !got.MustChangePassword {
		t.Error("a reset password is not one-time")
	}
	if _, err := db.Authenticate(ctx, u.Email, testPassword); err == nil {
		t.Error("the old password still logs in")
	}
}

func TestChangeOwnPassword(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	u := auth.User{Email: "moi@hoptac.local", Name: "Người mới", Role: auth.RoleViewer, MustChangePassword: true}
	update(t, db, func(tx *store.Tx) error { return tx.CreateUser(ctx, &u, testPassword) })
	if got, _ := db.User(ctx, u.ID); !got.MustChangePassword {
		t.Fatal("a new account's password is not one-time")
	}
	for _, tt := range []struct {
		name, current, next, field string
	}{
		{"wrong current password", "sai-mat-khau-cu-roi", "mot-mat-khau-moi-dai", "current"},
		{"too short", testPassword, "ngan-qua", "new"},
		{"common", testPassword, "password1234", "new"},
		{"unchanged", testPassword, testPassword, "new"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			wantField(t, db.ChangeOwnPassword(ctx, u.ID, tt.current, tt.next), tt.field)
		})
	}
	const chosen = "con đường tới trường xa"
	if err := db.ChangeOwnPassword(ctx, u.ID, testPassword, chosen); err != nil {
		t.Fatal(err)
	}
	got, err := db.Authenticate(ctx, u.Email, chosen)
	if err != nil {
		t.Fatalf("the chosen password does not log in: %v", err)
	}
	if got.MustChangePassword {
		t.Error("still one-time after choosing a password")
	}
	if auditActions(t, db, "user", u.ID)["change_password"] != 1 {
		t.Error("the change is not in the audit log")
	}
}

func TestUsersListsDisabled(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	admin := createUser(t, db, "quantri@hoptac.local", auth.RoleAdmin, nil)
	u := createUser(t, db, "canbo@hoptac.local", auth.RoleViewer, nil)
	update(t, db, func(tx *store.Tx) error { return tx.SetDisabled(asUser(admin), u.ID, true) })
	users, err := db.Users(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 2 || users[0].ID != admin.ID || users[1].ID != u.ID || !users[1].Disabled {
		t.Errorf("Users = %+v; want the admin, then the disabled account", users)
	}
}
