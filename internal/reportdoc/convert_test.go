package reportdoc

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/vntext"
)

// pdfText is the text poppler's pdftotext extracts from a PDF, in NFC:
// pdftotext may emit a letter and its tone mark apart, which says nothing
// about the glyphs on the page.
func pdfText(t *testing.T, pdf []byte, args ...string) string {
	t.Helper()
	bin := apptest.Tool(t, "pdftotext")
	cmd := exec.Command(bin, append(args, "-", "-")...)
	cmd.Stdin = bytes.NewReader(pdf)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v: %s", err, stderr.String())
	}
	return vntext.Normalize(string(out))
}

// mustContain checks that text holds every want. Runs of white space
// count as one space: where a line wraps depends on the fonts of the
// machine that lays the page out (a heading set in Times New Roman wraps
// elsewhere in its substitute), not on what the document says.
func mustContain(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	text = strings.Join(strings.Fields(text), " ")
	for _, w := range wants {
		if !strings.Contains(text, strings.Join(strings.Fields(w), " ")) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

// TestLibreOfficeOpensEveryFormat converts each file to PDF with
// LibreOffice, as a recipient's office would open it, and reads the
// result back: the task titles keep their diacritics and the national
// motto is there.
func TestLibreOfficeOpensEveryFormat(t *testing.T) {
	soffice := apptest.Tool(t, "soffice")
	apptest.Tool(t, "pdftotext")
	dir := t.TempDir()
	r := small(t)
	files := map[string]func(*bytes.Buffer) error{
		"report-docx.docx": func(b *bytes.Buffer) error { return WriteDOCX(b, r) },
		"report-xlsx.xlsx": func(b *bytes.Buffer) error { return WriteXLSX(b, r) },
		"report-pdf.pdf":   func(b *bytes.Buffer) error { return WritePDF(b, r) },
	}
	args := []string{
		// A profile of the test's own: two runs at once would otherwise
		// share (and lock) the user's LibreOffice profile.
		"-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--norestore", "--convert-to", "pdf", "--outdir", filepath.Join(dir, "out"),
	}
	for name, write := range files {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, filepath.Join(dir, name))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	titles := []string{"1.1. Đào tạo nghề cho cán bộ hợp tác xã", "1.2. Hỗ trợ thành lập mới hợp tác xã"}
	motto := []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"}
	for name := range files {
		t.Run(name, func(t *testing.T) {
			pdf, err := os.ReadFile(filepath.Join(dir, "out", strings.TrimSuffix(name, filepath.Ext(name))+".pdf"))
			if err != nil {
				t.Fatalf("LibreOffice did not convert %s: %v\n%s", name, err, out)
			}
			if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
				t.Fatalf("LibreOffice's conversion of %s is not a PDF", name)
			}
			text := pdfText(t, pdf)
			if name == "report-xlsx.xlsx" {
				// The workbook holds the tables: titles, no motto.
				mustContain(t, name, text, "Đào tạo nghề cho cán bộ hợp tác xã", "Hỗ trợ thành lập mới hợp tác xã", "Ngân sách địa phương")
				return
			}
			mustContain(t, name, text, append(titles, motto...)...)
		})
	}
}
