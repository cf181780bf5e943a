package apptest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// LibreOffice writes data to a file called name, has LibreOffice convert it
// (convertTo as soffice's --convert-to takes it, "csv:…" or "xlsx:…") and
// returns the converted file: what a province's office suite makes of a
// file hoptac writes, or a file as LibreOffice saves it. Without soffice
// the test is skipped, or fails under CI.
func LibreOffice(t testing.TB, name string, data []byte, convertTo string) []byte {
	t.Helper()
	soffice := Tool(t, "soffice")
	dir := t.TempDir()
	in := filepath.Join(dir, "in", name)
	if err := os.MkdirAll(filepath.Dir(in), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, data, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--convert-to", convertTo, "--outdir", filepath.Join(dir, "out"), in)
	// A home of its own: LibreOffice keeps a profile there, and two tests
	// sharing one wait on each other's lock.
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	ext, _, _ := strings.Cut(convertTo, ":")
	out := strings.TrimSuffix(name, filepath.Ext(name)) + "." + ext
	got, err := os.ReadFile(filepath.Join(dir, "out", out))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// Tool returns the path of an outside program a test needs (soffice,
// pdftotext). CI installs them, so under CI=true a missing one fails the
// test; elsewhere the test skips and says which packages bring it.
func Tool(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		Need(t, "%s is not installed: Debian's libreoffice-writer, libreoffice-calc, libreoffice-draw and poppler-utils bring it", name)
	}
	return path
}
