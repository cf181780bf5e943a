package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/i18n"
)

// The command line reaches the database directly, yet it cannot demote or
// disable the last active administrator either: it says why in the
// command line's language and exits 1. Beside a second administrator the
// same commands work.
func TestUserLastAdminIsKept(t *testing.T) {
	env := map[string]string{"HOPTAC_DB": filepath.Join(t.TempDir(), "cli.db")}
	add := func(email, role string) {
		t.Helper()
		if code, _, errOut := run(t, "mat-khau-rat-dai-12\n", env, "user", "add", "--email", email, "--name", "Quản trị",
			"--role", role, "--password-stdin"); code != 0 {
			t.Fatalf("user add %s: %d %s", email, code, errOut)
		}
	}
	add("quantri@hoptac.local", "admin")
	for _, lang := range []string{i18n.Vietnamese, i18n.English} {
		env["HOPTAC_LANG"] = lang
		want := i18n.Default().T(lang, "error.account_last_admin")
		for _, args := range [][]string{
			{"user", "role", "--email", "quantri@hoptac.local", "--role", "viewer"},
			{"user", "disable", "--email", "quantri@hoptac.local"},
		} {
			t.Run(lang+" "+args[1], func(t *testing.T) {
				code, _, errOut := run(t, "", env, args...)
				if code != 1 || !strings.Contains(errOut, want) {
					t.Errorf("code %d, stderr %q; want 1 and %q", code, errOut, want)
				}
			})
		}
	}
	env["HOPTAC_LANG"] = i18n.English
	add("quantri2@hoptac.local", "admin")
	for _, tt := range []struct {
		args []string
		says string
	}{
		{[]string{"disable", "--email", "quantri@hoptac.local"}, "Disabled account quantri@hoptac.local"},
		// The second is now the last active administrator.
		{[]string{"role", "--email", "quantri2@hoptac.local", "--role", "viewer"}, ""},
		{[]string{"enable", "--email", "quantri@hoptac.local"}, "Re-enabled account quantri@hoptac.local"},
		{[]string{"role", "--email", "quantri2@hoptac.local", "--role", "viewer"}, "now has the role viewer"},
	} {
		code, out, errOut := run(t, "", env, append([]string{"user"}, tt.args...)...)
		if tt.says == "" {
			if code != 1 {
				t.Errorf("%v: code %d, want refused", tt.args, code)
			}
			continue
		}
		if code != 0 || !strings.Contains(out, tt.says) {
			t.Errorf("%v: code %d, out %q, stderr %q; want %q", tt.args, code, out, errOut, tt.says)
		}
	}
}
