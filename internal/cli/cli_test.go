package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/demo"
	"github.com/hoptac/hoptac/internal/store"
)

// demoDB opens the database at dsn, migrates it and loads the demo into
// it: the set-up of every command test that needs a plan, agencies and a
// register. The caller closes it, most before running the command.
func demoDB(t *testing.T, dsn string) (*store.DB, demo.Loaded) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		t.Fatal(err)
	}
	loaded, err := demo.Load(ctx, db)
	if err != nil {
		db.Close()
		t.Fatal(err)
	}
	return db, loaded
}

// run calls Run as the shell would, with a private environment.
func run(t *testing.T, stdin string, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Run(context.Background(), args, Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut,
		Getenv: func(k string) string { return env[k] }})
	return code, out.String(), errOut.String()
}

func TestVersionAndUsage(t *testing.T) {
	t.Parallel()
	if code, out, _ := run(t, "", nil, "version"); code != 0 || !strings.HasPrefix(out, "hoptac ") {
		t.Errorf("version: code %d, out %q", code, out)
	}
	if code, _, errOut := run(t, "", nil); code != 2 || !strings.Contains(errOut, "hoptac serve") {
		t.Errorf("no args: code %d, stderr %q", code, errOut)
	}
	// Every command is in the usage text, in both languages.
	for _, lang := range []string{"vi", "en"} {
		_, usage, _ := run(t, "", map[string]string{"HOPTAC_LANG": lang}, "help")
		for _, cmd := range []string{"hoptac export register", "hoptac user organisation", "hoptac import register", "hoptac report urge"} {
			if !strings.Contains(usage, cmd) {
				t.Errorf("the %s usage text lacks %q", lang, cmd)
			}
		}
	}
	if code, _, errOut := run(t, "", nil, "frobnicate"); code != 2 || !strings.Contains(errOut, "frobnicate") {
		t.Errorf("unknown command: code %d, stderr %q", code, errOut)
	}
}

// A script creates an account and a token against the same database file
// the server uses, chosen by --db or HOPTAC_DB.
func TestUserAddAndTokenCreate(t *testing.T) {
	t.Parallel()
	dbPath := filepath.Join(t.TempDir(), "cli.db")
	env := map[string]string{"HOPTAC_DB": dbPath}

	if code, _, errOut := run(t, "", env, "migrate"); code != 0 {
		t.Fatalf("migrate: %d %s", code, errOut)
	}
	code, out, errOut := run(t, "mat-khau-rat-dai\n", env, "user", "add", "--email", "Admin@Example.VN",
		"--name", "Nguyễn Văn A", "--role", "admin", "--password-stdin")
	if code != 0 {
		t.Fatalf("user add: %d %s", code, errOut)
	}
	if !strings.Contains(out, "admin@example.vn") {
		t.Errorf("user add output %q does not name the account", out)
	}

	code, out, errOut = run(t, "", nil, "token", "create", "--db", dbPath, "--email", "admin@example.vn", "--name", "kịch bản")
	if code != 0 {
		t.Fatalf("token create: %d %s", code, errOut)
	}
	token := strings.TrimSpace(out)
	if strings.ContainsAny(token, " \n") || !strings.HasPrefix(token, "hpt_") {
		t.Fatalf("token create printed %q, want only the token", out)
	}
	db, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u, err := db.UserByToken(context.Background(), token)
	if err != nil || u.Email != "admin@example.vn" {
		t.Fatalf("token does not authenticate: %v %+v", err, u)
	}
	if _, err := db.Authenticate(context.Background(), "admin@example.vn", "mat-khau-rat-dai"); err != nil {
		t.Errorf("password from stdin not stored: %v", err)
	}
}

func TestUserAddErrorsNameTheField(t *testing.T) {
	t.Parallel()
	dbPath := filepath.Join(t.TempDir(), "cli.db")
	tests := []struct {
		name, stdin string
		args        []string
		want        string
	}{
		{"no password-stdin", "", []string{"--email", "a@b.vn", "--name", "A", "--role", "admin"}, "--password-stdin"},
		{"bad role", "mat-khau-rat-dai\n", []string{"--email", "a@b.vn", "--name", "A", "--role", "boss", "--password-stdin"}, "--role"},
		{"short password", "ngan\n", []string{"--email", "a@b.vn", "--name", "A", "--role", "admin", "--password-stdin"}, "--password"},
		{"agency role needs agency", "mat-khau-rat-dai\n", []string{"--email", "a@b.vn", "--name", "A", "--role", "agency", "--password-stdin"}, "--agency"},
		{"bad email", "mat-khau-rat-dai\n", []string{"--email", "khong-phai-email", "--name", "A", "--role", "admin", "--password-stdin"}, "--email"},
		// A Cyrillic "а" in a Latin address: a look-alike of admin@example.org.
		{"look-alike email", "mat-khau-rat-dai\n", []string{"--email", "admin@ex\u0430mple.org", "--name", "A", "--role", "admin", "--password-stdin"}, "--email"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"user", "add", "--db", dbPath}, tt.args...)
			code, _, errOut := run(t, tt.stdin, nil, args...)
			if code != 1 || !strings.Contains(errOut, tt.want) {
				t.Errorf("code %d, stderr %q; want 1 and a message naming %s", code, errOut, tt.want)
			}
		})
	}
}

// After a refused look-alike, no account exists under either spelling.
func TestUserAddLookAlikeStoresNothing(t *testing.T) {
	t.Parallel()
	dbPath := filepath.Join(t.TempDir(), "cli.db")
	code, _, _ := run(t, "mat-khau-rat-dai\n", nil, "user", "add", "--db", dbPath, "--email", "admin@ex\u0430mple.org",
		"--name", "A", "--role", "admin", "--password-stdin")
	if code != 1 {
		t.Fatalf("code %d, want 1", code)
	}
	if code, _, _ := run(t, "", nil, "user", "reset-password", "--db", dbPath, "--email", "admin@ex\u0430mple.org"); code != 1 {
		t.Errorf("the refused address has an account (reset-password exit %d)", code)
	}
}

func TestTokenCreateUnknownUser(t *testing.T) {
	t.Parallel()
	dbPath := filepath.Join(t.TempDir(), "cli.db")
	code, out, errOut := run(t, "", nil, "token", "create", "--db", dbPath, "--email", "nobody@x.vn", "--name", "x")
	if code != 1 || out != "" || !strings.Contains(errOut, "Không tìm thấy tài khoản") {
		t.Errorf("code %d, stdout %q, stderr %q", code, out, errOut)
	}
}
