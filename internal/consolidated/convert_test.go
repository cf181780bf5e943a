package consolidated_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/consolidated"
	"github.com/hoptac/hoptac/internal/vntext"
)

// TestDownloadsOpenInLibreOffice: the report built from stored reports, in
// each format, converts to PDF in LibreOffice, and the text poppler reads
// back holds the task titles with their diacritics, the agencies' words
// and (in the documents) the national motto and the issuing body.
func TestDownloadsOpenInLibreOffice(t *testing.T) {
	soffice := apptest.Tool(t, "soffice")
	pdftotext := apptest.Tool(t, "pdftotext")
	s := seed(t, 3, 2)
	d, err := consolidated.Build(context.Background(), s.db, vi(t), s.plan.ID, "2025", clock)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	args := []string{"-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--norestore", "--convert-to", "pdf", "--outdir", filepath.Join(dir, "out")}
	for _, f := range consolidated.Formats() {
		var buf bytes.Buffer
		if err := d.Write(&buf, f); err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, "bao-cao-"+string(f)+"."+string(f))
		if err := os.WriteFile(name, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, name)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, f := range consolidated.Formats() {
		t.Run(string(f), func(t *testing.T) {
			pdf, err := os.ReadFile(filepath.Join(dir, "out", "bao-cao-"+string(f)+".pdf"))
			if err != nil {
				t.Fatalf("LibreOffice did not convert the %s: %v", f, err)
			}
			cmd := exec.Command(pdftotext, "-", "-")
			cmd.Stdin = bytes.NewReader(pdf)
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			// pdftotext breaks long lines; compare with spaces collapsed.
			text := strings.Join(strings.Fields(vntext.Normalize(string(out))), " ")
			// A narrow table column may break "Ngân sách địa phương" in two.
			wants := []string{"Nhiệm vụ số 1: hỗ trợ hợp tác xã ứng dụng công nghệ cao", "Ủy ban nhân dân huyện số 01", "Ngân sách"}
			if f != consolidated.XLSX {
				wants = append(wants, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "SỞ TÀI CHÍNH")
			}
			for _, w := range wants {
				if !strings.Contains(text, w) {
					t.Errorf("%s lacks %q", f, w)
				}
			}
		})
	}
}

// BenchmarkConsolidated is issue 18's target: the consolidated report of a
// plan with 100 tasks and 30 agency reports, read from the database and
// written as .docx, .xlsx and .pdf together, in at most 2 s.
func BenchmarkConsolidated(b *testing.B) {
	s := seed(b, 100, 31) // 30 sent, one draft
	l := vi(b)
	ctx := context.Background()
	for b.Loop() {
		d, err := consolidated.Build(ctx, s.db, l, s.plan.ID, "2025", clock)
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range consolidated.Formats() {
			if err := d.Write(io.Discard, f); err != nil {
				b.Fatal(err)
			}
		}
	}
}
