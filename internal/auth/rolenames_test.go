package auth

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// roleTests are the ways code or a template can decide by a role's name
// instead of asking the policy in this package.
var roleTests = []*regexp.Regexp{
	regexp.MustCompile(`\.Role\s*[!=]=`),                                       // u.Role == …
	regexp.MustCompile(`[!=]=\s*[\w.()]*\.Role\b`),                             // … == u.Role
	regexp.MustCompile(`\bauth\.Role(Admin|Coordinator|Agency|Coop|Viewer)\b`), // the constants
	regexp.MustCompile(`switch\s+[\w.]*\.Role\b`),                              // switch u.Role
	regexp.MustCompile(`\b(eq|ne)\b[^}]*\.Role\b`),                             // {{if eq .User.Role …}}
	regexp.MustCompile(`\b(eq|ne)\b[^}]*"(admin|coordinator|agency|coop|viewer)"`),
	regexp.MustCompile(`"(admin|coordinator|agency|coop|viewer)"\s*[!=]=`),
	regexp.MustCompile(`[!=]=\s*"(admin|coordinator|agency|coop|viewer)"`),
}

// roleTestsIn returns "file:line: text" for every role test in the files
// under dir (Go sources other than tests, and templates).
func roleTestsIn(t *testing.T, dir string) []string {
	t.Helper()
	var found []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !(strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") || strings.HasSuffix(path, ".html")) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			for _, re := range roleTests {
				if re.MatchString(line) {
					found = append(found, path+":"+itoa(i+1)+": "+strings.TrimSpace(line))
					break
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

func itoa(n int) string {
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// TestNoRoleTestsOutsidePolicy fails when a template or a handler decides
// by a role's name: every permission, menus and buttons included, is a
// rule in policy.go that they ask.
func TestNoRoleTestsOutsidePolicy(t *testing.T) {
	for _, dir := range []string{"../web", "../api", "../server", "../cli"} {
		for _, f := range roleTestsIn(t, dir) {
			t.Errorf("a role tested by name outside internal/auth (ask the policy instead): %s", f)
		}
	}
}

// The scan finds each kind of role test it is meant to catch.
func TestRoleTestScanCatches(t *testing.T) {
	dir := t.TempDir()
	samples := map[string]string{
		"a.go":   "if u.Role == auth.RoleAdmin {",
		"b.go":   "ok := auth.RoleCoordinator",
		"c.go":   "switch u.Role {",
		"d.go":   `if role == "admin" {`,
		"e.html": `{{if eq .User.Role "admin"}}`,
		"f.html": `{{if or (eq $r "coordinator") .X}}`,
		"g.go":   "return x != u.Role",
	}
	for name, text := range samples {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("package x\n"+text+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Neither a test nor plain display of the role is a role test.
	for name, src := range map[string]string{"h_test.go": "if u.Role == auth.RoleAdmin {\n",
		"i.html": `{{.L.T (printf "role.%s" .User.Role)}}` + "\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	found := roleTestsIn(t, dir)
	if len(found) != len(samples) {
		t.Errorf("found %d role tests, want %d:\n%s", len(found), len(samples), strings.Join(found, "\n"))
	}
}
