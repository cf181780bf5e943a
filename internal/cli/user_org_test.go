package cli

import (
	"strings"
	"testing"
)

// `hoptac user organisation` links a cooperative representative to the
// organisation it files for, by registration code, and unlinks it; an
// unknown organisation, a missing flag and an account of another role are
// refused, each saying why.
func TestUserOrganisation(t *testing.T) {
	dsn := demoDSN(t)
	env := map[string]string{"HOPTAC_DB": dsn, "HOPTAC_LANG": "en"}
	if code, _, errOut := run(t, "mat-khau-rat-dai-12\n", env, "user", "add", "--email", "htx2@hoptac.local", "--name", "Đại diện",
		"--role", "coop", "--password-stdin"); code != 0 {
		t.Fatal(errOut)
	}
	code, out, errOut := run(t, "", env, "user", "organisation", "--email", "htx2@hoptac.local", "--org", "2900318842")
	if code != 0 || !strings.Contains(out, "now represents Quỹ tín dụng nhân dân Diễn Thịnh") {
		t.Fatalf("link by code: %d %q %q", code, out, errOut)
	}
	if code, out, _ := run(t, "", env, "user", "organisation", "--email", "htx2@hoptac.local", "--org", "none"); code != 0 ||
		!strings.Contains(out, "no longer linked") {
		t.Errorf("unlink: %d %q", code, out)
	}
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"--email", "htx2@hoptac.local", "--org", "2999999999"}, "organisation"},
		{[]string{"--email", "htx2@hoptac.local"}, "usage: hoptac user"},
		{[]string{"--email", "dieuphoi@hoptac.local", "--org", "2900318842"}, "Only a cooperative representative"},
	} {
		code, _, errOut := run(t, "", env, append([]string{"user", "organisation"}, c.args...)...)
		if code != 1 || !strings.Contains(errOut, c.says) {
			t.Errorf("%v: code %d, stderr %q, want %q", c.args, code, errOut, c.says)
		}
	}
}
