package reportdoc

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/i18n"
)

func writePDF(t *testing.T, r Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePDF(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestPDFFile checks the file itself without outside tools: A4 pages and
// the Liberation Serif fonts embedded, so the glyphs do not depend on
// the reader's machine.
func TestPDFFile(t *testing.T) {
	pdf := writePDF(t, small(t))
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	s := string(pdf)
	if !strings.Contains(s, "/MediaBox [0 0 595.28 841.89]") {
		t.Error("pages are not A4")
	}
	if n := strings.Count(s, "/FontFile2"); n != 4 {
		t.Errorf("%d embedded TrueType fonts, want 4 (regular, bold, italic, bold italic)", n)
	}
}

// TestPDFText reads the text back with poppler: the layout's parts in
// order, diacritics intact.
func TestPDFText(t *testing.T) {
	text := pdfText(t, writePDF(t, small(t)))
	// The heading's two columns come out in either order.
	mustContain(t, "PDF text", text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "SỞ TÀI CHÍNH",
		"Số: 123/BC-STC", "Hải Phòng, ngày 15 tháng 12 năm 2025")
	rest := text
	for _, want := range []string{
		"BÁO CÁO",
		"1.1. Đào tạo nghề cho cán bộ hợp tác xã", "Đã mở 3 lớp <học> & tập huấn.",
		"1.2. Hỗ trợ thành lập mới hợp tác xã", "Chưa có cơ quan nào báo cáo",
		"1.234.567", "3.234.567", "Tỷ lệ báo cáo: 93,3% (28/30 báo cáo đã nộp).",
		"Nơi nhận:", "Nguyễn Văn An",
	} {
		i := strings.Index(rest, want)
		if i < 0 {
			t.Errorf("PDF text lacks %q (or has it out of order)", want)
			continue
		}
		rest = rest[i+len(want):]
	}
	en := small(t)
	en.Labels = labels(t, i18n.English)
	mustContain(t, "English PDF", pdfText(t, writePDF(t, en)), "SOCIALIST REPUBLIC OF VIET NAM", "Recipients:", "1.1. Đào tạo nghề")
}

// TestPDFLongAgencyText: an agency's long text, which starts on the line
// of the agency's name, loses no word.
func TestPDFLongAgencyText(t *testing.T) {
	r := small(t)
	var words []string
	for i := range 2000 {
		words = append(words, fmt.Sprintf("việc%d", i))
	}
	r.Groups[0].Tasks[0].Reports[0].Text = strings.Join(words, " ")
	got := map[string]bool{}
	for _, w := range strings.Fields(pdfText(t, writePDF(t, r))) {
		got[w] = true
	}
	for _, w := range words {
		if !got[w] {
			t.Fatalf("word %q is lost", w)
		}
	}
}
