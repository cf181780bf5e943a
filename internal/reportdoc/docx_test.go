package reportdoc

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// docxParts writes r as .docx and returns its parts by name.
func docxParts(t *testing.T, r Report) map[string]string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, r); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		_ = rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = string(data)
	}
	return parts
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file; run go test -update and review the diff", name)
	}
}

// TestDOCXGolden pins document.xml and styles.xml of the small report:
// any change to the layout shows up as a reviewed diff.
func TestDOCXGolden(t *testing.T) {
	parts := docxParts(t, small(t))
	// One paragraph a line, so a diff of the golden file reads.
	golden(t, "small.document.xml", strings.ReplaceAll(parts["word/document.xml"], "<w:p>", "\n<w:p>"))
	golden(t, "small.styles.xml", parts["word/styles.xml"])
}

// TestDOCXText checks the texts a reader relies on, in order.
func TestDOCXText(t *testing.T) {
	doc := docxParts(t, small(t))["word/document.xml"]
	text := docText(t, doc)
	for _, want := range []string{
		"ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", "SỞ TÀI CHÍNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"Số: 123/BC-STC", "Hải Phòng, ngày 15 tháng 12 năm 2025", "BÁO CÁO", "Kết quả thực hiện Kế hoạch",
		"1.1. Đào tạo nghề cho cán bộ hợp tác xã", "Tình trạng: Đang thực hiện.",
		"- Sở Nông nghiệp và Môi trường: Đã mở 3 lớp <học> & tập huấn.", "Còn 1 lớp.",
		"1.2. Hỗ trợ thành lập mới hợp tác xã", "Chưa có cơ quan nào báo cáo về nhiệm vụ này.",
		"Trên 50% cán bộ quản lý HTX được đào tạo", "42,5%",
		"1.234.567", "987.654", "Tổng cộng", "3.234.567",
		"Tỷ lệ báo cáo: 93,3% (28/30 báo cáo đã nộp).", "Tỷ lệ báo cáo đúng hạn: 83,3%",
		"Trên đây là báo cáo", "Nơi nhận:", "- Lưu: VT, KTTT.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An",
	} {
		i := strings.Index(text, want)
		if i < 0 {
			t.Errorf("document lacks %q", want)
			continue
		}
		text = text[i+len(want):]
	}
	// The issuing body is bold; the place and date italic.
	for _, want := range []string{
		`<w:b/><w:bCs/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr><w:t xml:space="preserve">SỞ TÀI CHÍNH</w:t>`,
		`<w:i/><w:iCs/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t xml:space="preserve">Hải Phòng, ngày 15`,
		`<w:tblHeader/>`, // table headers repeat on every page
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	if strings.Contains(doc, "\u0300") || strings.Contains(doc, "\x00") {
		t.Error("document.xml holds a combining mark or a NUL: text not normalised")
	}
}

// docText is the text of document.xml, paragraphs on their own lines.
func docText(t *testing.T, doc string) string {
	t.Helper()
	var b strings.Builder
	dec := xml.NewDecoder(strings.NewReader(doc))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.CharData:
			b.Write(tok)
		case xml.EndElement:
			if tok.Name.Local == "p" {
				b.WriteByte('\n')
			}
		case xml.StartElement:
			if tok.Name.Local == "br" {
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}
