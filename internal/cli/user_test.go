package cli

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/store"
)

// An administrator who lost the demo's one-time passwords issues a new one
// for an account: it is printed once, works, the old one stops working,
// and the audit log says so.
func TestUserResetPassword(t *testing.T) {
	t.Parallel()
	dbPath := filepath.Join(t.TempDir(), "cli.db")
	env := map[string]string{"HOPTAC_DB": dbPath}
	const old = "mat-khau-cu-rat-dai"
	if code, _, errOut := run(t, old+"\n", env, "user", "add", "--email", "quantri@hoptac.local", "--name", "Quản trị",
		"--role", "admin", "--password-stdin"); code != 0 {
		t.Fatalf("user add: %d %s", code, errOut)
	}
	code, out, errOut := run(t, "", env, "user", "reset-password", "--email", "QuanTri@hoptac.local")
	if code != 0 {
		t.Fatalf("reset-password: %d %s", code, errOut)
	}
	m := regexp.MustCompile(`quantri@hoptac\.local.*: (\S+)\n$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("reset-password printed %q, want the account and its new password", out)
	}
	fresh := m[1]

	ctx := context.Background()
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u, err := db.Authenticate(ctx, "quantri@hoptac.local", fresh)
	if err != nil {
		t.Fatalf("the printed password does not log in: %v", err)
	}
	if _, err := db.Authenticate(ctx, "quantri@hoptac.local", old); apperr.CodeOf(err) != apperr.Unauthorized {
		t.Errorf("the old password still logs in: %v", err)
	}
	entries, _, err := db.ListAudit(ctx, audit.Filter{Entity: "user", EntityID: u.ID, PerPage: 10})
	if err != nil {
		t.Fatal(err)
	}
	var resets int
	for _, e := range entries {
		if e.Action == "reset_password" {
			resets++
			if strings.Contains(string(e.Before)+string(e.After), fresh) {
				t.Errorf("audit row shows the password: %s %s", e.Before, e.After)
			}
		}
	}
	if resets != 1 {
		t.Errorf("%d reset_password rows in the audit log, want 1: %+v", resets, entries)
	}

	// A second reset gives another password.
	_, again, _ := run(t, "", env, "user", "reset-password", "--email", "quantri@hoptac.local")
	if strings.Contains(again, fresh) {
		t.Errorf("second reset printed the same password: %q", again)
	}
}

func TestUserResetPasswordErrors(t *testing.T) {
	t.Parallel()
	dbPath := filepath.Join(t.TempDir(), "cli.db")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown account", []string{"user", "reset-password", "--db", dbPath, "--email", "khong-co@hoptac.local"}, "Không tìm thấy tài khoản"},
		{"no subcommand", []string{"user"}, "reset-password"},
		{"unknown subcommand", []string{"user", "delete"}, "reset-password"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, "", nil, tt.args...)
			if code != 1 || out != "" || !strings.Contains(errOut, tt.want) {
				t.Errorf("code %d, stdout %q, stderr %q; want 1, nothing, and %q", code, out, errOut, tt.want)
			}
		})
	}
}
