package cli

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/store"
)

// A token made with a name and an expiry is listed with them; revoking it
// by its ID stops it at once.
func TestTokenCreateListRevoke(t *testing.T) {
	t.Parallel()
	dbPath := filepath.Join(t.TempDir(), "cli.db")
	env := map[string]string{"HOPTAC_DB": dbPath}
	if code, _, errOut := run(t, "mat-khau-rat-dai\n", env, "user", "add", "--email", "canbo@hoptac.local", "--name", "Cán bộ",
		"--role", "viewer", "--password-stdin"); code != 0 {
		t.Fatalf("user add: %d %s", code, errOut)
	}
	code, out, errOut := run(t, "", env, "token", "create", "--email", "canbo@hoptac.local", "--name", "Đồng bộ báo cáo", "--expires", "90d")
	if code != 0 {
		t.Fatalf("token create: %d %s", code, errOut)
	}
	secret := strings.TrimSpace(out)
	code, out, errOut = run(t, "", env, "token", "list", "--email", "canbo@hoptac.local")
	if code != 0 {
		t.Fatalf("token list: %d %s", code, errOut)
	}
	m := regexp.MustCompile(`(?m)^(\d+)\s+Đồng bộ báo cáo\s+(\S+ \S+)\s+(\S+ \S+)\s+-\s+[Cc]òn hiệu lực\s*$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("token list printed %q, want the token with its expiry, unused, active", out)
	}
	created, err1 := time.Parse("2006-01-02 15:04Z", m[2])
	expires, err2 := time.Parse("2006-01-02 15:04Z", m[3])
	if err1 != nil || err2 != nil || expires.Sub(created) != 90*24*time.Hour {
		t.Errorf("created %s, expires %s; want 90 days apart", m[2], m[3])
	}
	if code, out, errOut := run(t, "", env, "token", "revoke", m[1]); code != 0 || !strings.Contains(out, m[1]) {
		t.Fatalf("token revoke: %d %q %s", code, out, errOut)
	}
	db, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.UserByToken(context.Background(), secret); apperr.CodeOf(err) != apperr.Unauthorized {
		t.Errorf("the revoked token: %v, want refused", err)
	}
	_, out, _ = run(t, "", env, "token", "list", "--email", "canbo@hoptac.local")
	if !strings.Contains(strings.ToLower(out), "đã thu hồi") {
		t.Errorf("token list after revoke: %q", out)
	}
}

func TestTokenErrors(t *testing.T) {
	t.Parallel()
	dbPath := filepath.Join(t.TempDir(), "cli.db")
	env := map[string]string{"HOPTAC_DB": dbPath}
	run(t, "mat-khau-rat-dai\n", env, "user", "add", "--email", "canbo@hoptac.local", "--name", "Cán bộ", "--role", "viewer", "--password-stdin")
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"no name", []string{"token", "create", "--email", "canbo@hoptac.local"}, "--name"},
		{"bad expiry", []string{"token", "create", "--email", "canbo@hoptac.local", "--name", "x", "--expires", "90y"}, "--expires"},
		{"revoke without ID", []string{"token", "revoke"}, "token revoke ID"},
		{"revoke a bad ID", []string{"token", "revoke", "abc"}, "không hợp lệ"},
		{"revoke a missing token", []string{"token", "revoke", "999"}, "Không tìm thấy mã truy cập"},
		{"unknown subcommand", []string{"token", "delete"}, "token list"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, "", env, tt.args...)
			if code != 1 || out != "" || !strings.Contains(errOut, tt.want) {
				t.Errorf("code %d, stdout %q, stderr %q; want 1, nothing, and %q", code, out, errOut, tt.want)
			}
		})
	}
}
