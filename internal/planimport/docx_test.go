package planimport

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// makeDocx builds a .docx whose body is the given WordprocessingML.
func makeDocx(t *testing.T, body string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
		`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>` + body + `</w:body></w:document>`
	if _, err := w.Write([]byte(doc)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func para(text string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

// cell writes a table cell; props go in w:tcPr (gridSpan, vMerge).
func cell(props string, paras ...string) string {
	s := `<w:tc><w:tcPr>` + props + `</w:tcPr>`
	for _, p := range paras {
		s += para(p)
	}
	if len(paras) == 0 {
		s += `<w:p/>`
	}
	return s + `</w:tc>`
}

func tr(cells ...string) string { return `<w:tr>` + strings.Join(cells, "") + `</w:tr>` }

func TestDocxTable(t *testing.T) {
	t.Parallel()
	restart, cont := `<w:vMerge w:val="restart"/>`, `<w:vMerge/>`
	body := para("KẾ HOẠCH") +
		`<w:p><w:r><w:t>Dòng một</w:t><w:br/><w:t>dòng hai</w:t></w:r></w:p>` +
		`<w:p><mc:AlternateContent><mc:Choice><w:r><w:t>hộp</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>hộp</w:t></w:r></mc:Fallback></mc:AlternateContent>` +
		`<w:r><w:delText>đã xoá</w:delText></w:r></w:p>` +
		`<w:tbl>` +
		tr(cell("", "STT"), cell("", "Nội dung"), cell("", "Chủ trì"), cell("", "Thời gian")) +
		tr(cell(`<w:gridSpan w:val="4"/>`, "I. Nhóm một")) +
		tr(cell(restart, "1"), cell(restart, "Việc một", "gồm hai đoạn"), cell("", "Sở Y tế"), cell(restart, "Thường xuyên")) +
		tr(cell(cont), cell(cont), cell("", "Sở Nội vụ"), cell(cont)) +
		tr(cell("", "2"), cell("", "Việc hai"), cell("", "Sở Tài chính", "Sở Tư pháp"), cell("", "2026")) +
		`</w:tbl>` + para("Nơi nhận:")
	r, err := Parse(context.Background(), "k.docx", makeDocx(t, body), Catalog())
	if err != nil {
		t.Fatal(err)
	}
	if got := codes(r); !reflect.DeepEqual(got, []string{"I.1", "I.2"}) {
		t.Fatalf("codes = %v", got)
	}
	i1 := taskByCode(t, r, "I.1")
	if i1.Content != "Việc một\ngồm hai đoạn" || !reflect.DeepEqual(texts(i1.Lead), []string{"Sở Y tế", "Sở Nội vụ"}) {
		t.Errorf("I.1 = %+v", i1)
	}
	if i2 := taskByCode(t, r, "I.2"); !reflect.DeepEqual(texts(i2.Lead), []string{"Sở Tài chính", "Sở Tư pháp"}) {
		t.Errorf("I.2 lead = %q", texts(i2.Lead))
	}
	if r.Groups[0].Line != 6 { // paragraphs 1–4 (the break makes two), header row 5
		t.Errorf("group line %d", r.Groups[0].Line)
	}
}

func TestDocxLines(t *testing.T) {
	t.Parallel()
	body := para("Một\tcột") + `<w:p><w:r><w:t>hộp</w:t></w:r><mc:AlternateContent><mc:Fallback><w:r><w:t>bỏ</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>` +
		`<w:tbl>` + tr(cell(`<w:gridSpan w:val="2"/>`, "A"), cell("", "B")) + `</w:tbl>`
	src, err := loadDocx("x.docx", makeDocx(t, body))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range src.lines {
		got = append(got, l.text)
	}
	if want := []string{"Một\tcột", "hộp", "A\t\tB"}; !reflect.DeepEqual(got, want) {
		t.Errorf("lines = %q, want %q", got, want)
	}
}

func TestDocxErrors(t *testing.T) {
	t.Parallel()
	var noDoc bytes.Buffer
	zw := zip.NewWriter(&noDoc)
	if _, err := zw.Create("other.txt"); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	cases := map[string][]byte{
		"not zip":      []byte("PK\x03\x04garbage"),
		"no document":  noDoc.Bytes(),
		"bad xml":      makeDocx(t, `<w:p><w:r><w:t>x</w:r>`),
		"empty":        makeDocx(t, ``),
		"empty paras":  makeDocx(t, para("")+para("  ")),
		"wrong suffix": []byte("plain text named .docx"),
	}
	for name, data := range cases {
		_, err := Parse(context.Background(), "x.docx", data, nil)
		if !errors.Is(err, ErrDocx) && !errors.Is(err, ErrEmpty) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

// TestDocxLegacyFont: a Word file typed in a .VnTime font stores TCVN3
// bytes as Latin-1 characters; they are converted with a warning.
func TestDocxLegacyFont(t *testing.T) {
	t.Parallel()
	body := para("KÕ ho¹ch ph¸t triÓn kinh tÕ tËp thÓ cña tØnh") + para("§Èy m¹nh hîp t¸c x·")
	r, err := Parse(context.Background(), "cu.docx", makeDocx(t, body), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !hasKey(r, warnEncoding) {
		t.Errorf("warnings = %q", r.Warnings)
	}
}

// TestDocxContinuedRowKeepsAgencies: a Word row whose number and content
// continue the row above (vertically merged) adds its lead and
// supporting agencies to that task; neither is dropped, and no task is
// made of it.
func TestDocxContinuedRowKeepsAgencies(t *testing.T) {
	t.Parallel()
	restart, cont := `<w:vMerge w:val="restart"/>`, `<w:vMerge/>`
	body := `<w:tbl>` +
		tr(cell("", "STT"), cell("", "Nội dung"), cell("", "Chủ trì"), cell("", "Phối hợp"), cell("", "Thời gian")) +
		tr(cell(`<w:gridSpan w:val="5"/>`, "I. Nhóm một")) +
		tr(cell(restart, "1"), cell(restart, "Việc một"), cell("", "Sở Y tế"), cell("", "Sở Tư pháp"), cell(restart, "2026")) +
		tr(cell(cont), cell(cont), cell("", "Sở Nội vụ"), cell("", "Sở Tài chính", "Sở Xây dựng"), cell(cont)) +
		tr(cell(cont), cell(cont), cell(""), cell("", "Công an tỉnh"), cell(cont)) +
		tr(cell("", "2"), cell("", "Việc hai"), cell("", "Sở Công Thương"), cell(""), cell("", "2027")) +
		`</w:tbl>`
	r, err := Parse(context.Background(), "k.docx", makeDocx(t, body), Catalog())
	if err != nil {
		t.Fatal(err)
	}
	if got := codes(r); !reflect.DeepEqual(got, []string{"I.1", "I.2"}) {
		t.Fatalf("codes = %v, want the continued rows folded into I.1", got)
	}
	i1 := taskByCode(t, r, "I.1")
	if got, want := texts(i1.Lead), []string{"Sở Y tế", "Sở Nội vụ"}; !reflect.DeepEqual(got, want) {
		t.Errorf("I.1 lead = %q, want %q", got, want)
	}
	if got, want := texts(i1.Support), []string{"Sở Tư pháp", "Sở Tài chính", "Sở Xây dựng", "Công an tỉnh"}; !reflect.DeepEqual(got, want) {
		t.Errorf("I.1 support = %q, want %q", got, want)
	}
	if i2 := taskByCode(t, r, "I.2"); len(i2.Support) != 0 || !reflect.DeepEqual(texts(i2.Lead), []string{"Sở Công Thương"}) {
		t.Errorf("I.2 = lead %q, support %q", texts(i2.Lead), texts(i2.Support))
	}
	// The source of I.1 is its three rows (a merged cell's text repeated
	// on each, as the review's line numbers show them), so the review
	// shows where every agency came from; I.2's is its own row only.
	if want := "1\tViệc một\tSở Y tế\tSở Tư pháp\t2026\n1\tViệc một\tSở Nội vụ\tSở Tài chính Sở Xây dựng\t2026\n" +
		"1\tViệc một\t\tCông an tỉnh\t2026"; i1.Source != want {
		t.Errorf("I.1 source = %q, want %q", i1.Source, want)
	}
	if got := taskByCode(t, r, "I.2").Source; got != "2\tViệc hai\tSở Công Thương\t\t2027" {
		t.Errorf("I.2 source = %q", got)
	}
}
