package backup

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/i18n"
)

// TestFindTool: PATH wins; without it the newest install folder does; with
// neither the error says what to install, in Vietnamese.
func TestFindTool(t *testing.T) {
	dir := t.TempDir()
	mk := func(p string) string {
		t.Helper()
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		return full
	}
	mk("lib/postgresql/9.6/bin/pg_dump")
	newest := mk("lib/postgresql/16/bin/pg_dump")
	mk("lib/postgresql/13/bin/pg_dump")
	onPath := mk("path/pg_dump")

	saved := toolDirs
	t.Cleanup(func() { toolDirs = saved })
	toolDirs = []string{filepath.Join(dir, "lib/postgresql/*/bin")}

	t.Setenv("PATH", filepath.Join(dir, "path"))
	if got, err := FindTool("pg_dump"); err != nil || got != onPath {
		t.Errorf("with pg_dump on PATH: %q, %v; want %q", got, err, onPath)
	}
	t.Setenv("PATH", filepath.Join(dir, "empty"))
	if got, err := FindTool("pg_dump"); err != nil || got != newest {
		t.Errorf("from install folders: %q, %v; want the newest, %q", got, err, newest)
	}
	_, err := FindTool("pg_restore")
	if !errors.Is(err, ErrTool) || !strings.Contains(err.Error(), "không tìm thấy chương trình pg_restore") ||
		!strings.Contains(err.Error(), "postgresql-client") {
		t.Errorf("missing pg_restore: %v", err)
	}
	if en := err.(*Error).In(i18n.English); !strings.Contains(en, "PostgreSQL's pg_restore program was not found") {
		t.Errorf("missing pg_restore, in English: %q", en)
	}
}

// The password goes to the environment, not the command line.
func TestLibpqTarget(t *testing.T) {
	t.Parallel()
	target, env, err := libpqTarget("postgres://hoptac:b%C3%AD%20m%E1%BA%ADt@db.internal:5432/hoptac?sslmode=require")
	if err != nil {
		t.Fatal(err)
	}
	if target != "postgres://hoptac@db.internal:5432/hoptac?sslmode=require" {
		t.Errorf("target %q", target)
	}
	if env[len(env)-1] != "PGPASSWORD=bí mật" {
		t.Errorf("password not passed in the environment: %q", env[len(env)-1])
	}
	target, _, _ = libpqTarget("postgres://127.0.0.1/x")
	if target != "postgres://127.0.0.1/x" {
		t.Errorf("target without user %q", target)
	}
}
