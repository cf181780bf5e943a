package browsertest

// Unit tests of the harness's parts that need no browser.

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestArtifactDir(t *testing.T) {
	t.Setenv(EnvArtifacts, "/srv/ci/artifacts")
	if got, want := ArtifactDir("TestWalk/agency officer"), filepath.FromSlash("/srv/ci/artifacts/TestWalk/agency_officer"); got != want {
		t.Errorf("with %s set: %q, want %q", EnvArtifacts, got, want)
	}
	if got, want := ArtifactDir("TestX/../.."), filepath.FromSlash("/srv/ci/artifacts/TestX/_/_"); got != want {
		t.Errorf("a test name cannot leave the directory: %q, want %q", got, want)
	}
	t.Setenv(EnvArtifacts, "")
	if got, want := ArtifactDir("TestWalk"), filepath.Join(os.TempDir(), "hoptac-browser-artifacts", "TestWalk"); got != want {
		t.Errorf("without %s: %q, want %q", EnvArtifacts, got, want)
	}
}

func TestPDFIsEvidence(t *testing.T) {
	data := PDF("Bao cao (quy IV) \\ Sở")
	if ct := http.DetectContentType(data); ct != "application/pdf" {
		t.Errorf("content type %q", ct)
	}
	s := string(data)
	for _, want := range []string{`(Bao cao \(quy IV\) \\ S?) Tj`, "startxref", "%%EOF"} {
		if !strings.Contains(s, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, s)
		}
	}
	// The cross-reference table points at the objects, and startxref at it.
	xref := strings.Index(s, "xref\n")
	if !strings.Contains(s, fmt.Sprintf("startxref\n%d\n", xref)) {
		t.Errorf("startxref does not point at the table at %d", xref)
	}
	lines := strings.Split(s[xref:], "\n")[3:8]
	for i, line := range lines {
		var off int
		if _, err := fmt.Sscanf(line, "%010d 00000 n", &off); err != nil {
			t.Fatalf("xref line %q: %v", line, err)
		}
		if want := fmt.Sprintf("%d 0 obj", i+1); !strings.HasPrefix(s[off:], want) {
			t.Errorf("xref entry %d points at %q", i+1, s[off:off+10])
		}
	}
}

func TestXPathText(t *testing.T) {
	for in, want := range map[string]string{
		`Sửa`:      `"Sửa"`,
		`say "hi"`: `'say "hi"'`,
		`it's "x"`: `concat("it's ", '"', "x", '"', "")`,
	} {
		if got := XPathText(in); got != want {
			t.Errorf("XPathText(%q) = %s, want %s", in, got, want)
		}
	}
}

// An evaluation cut off by a page being replaced is asked again; any
// other failure stops the step.
func TestNavigatingErrors(t *testing.T) {
	for msg, want := range map[string]bool{
		"Inspected target navigated or closed (-32000)":  true,
		"Execution context was destroyed. (-32000)":      true,
		"Cannot find context with specified id (-32000)": true,
		"SyntaxError: Unexpected token ')'":              false,
		"context deadline exceeded":                      false,
	} {
		if got := navigating(fmt.Errorf("evaluate: %s", msg)); got != want {
			t.Errorf("navigating(%q) = %v, want %v", msg, got, want)
		}
	}
}

// TestNoBrowser: without a browser the tests are skipped, saying why, and
// under CI they fail.
func TestNoBrowser(t *testing.T) {
	t.Setenv(EnvChromium, filepath.Join(t.TempDir(), "no-chromium"))
	if _, err := ChromiumPath(); err == nil || !strings.Contains(err.Error(), EnvChromium) {
		t.Fatalf("ChromiumPath with a wrong %s: %v", EnvChromium, err)
	}
	t.Setenv("CI", "")
	failed, skipped, log := runFakeSkip(t, func(tb testing.TB) { NewBrowser(tb) })
	if failed || !skipped || !strings.Contains(log, "skipped: browser tests need Chromium") {
		t.Errorf("outside CI: failed %v, skipped %v, log %q", failed, skipped, log)
	}
	t.Setenv("CI", "true")
	failed, skipped, log = runFakeSkip(t, func(tb testing.TB) { NewBrowser(tb) })
	if !failed || skipped || !strings.Contains(log, "missing prerequisite: browser tests need Chromium") {
		t.Errorf("under CI: failed %v, skipped %v, log %q", failed, skipped, log)
	}
}
