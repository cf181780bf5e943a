package planimport

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"github.com/hoptac/hoptac/internal/vntext"
)

// encodeTCVN3 writes s in TCVN3 bytes with the package's own table, so the
// test checks the round trip; it fails on letters ABC cannot write.
func encodeTCVN3(t *testing.T, s string) []byte {
	t.Helper()
	out, ok := vntext.EncodeTCVN3(s)
	if !ok {
		t.Fatalf("TCVN3 cannot write %q", s)
	}
	return out
}

func latin1(b []byte) string {
	rs := make([]rune, len(b))
	for i, c := range b {
		rs[i] = rune(c)
	}
	return string(rs)
}

// cp1258Form writes s as Windows-1258 needs it: letters with their
// circumflex, breve or horn precomposed, tone marks combining.
func cp1258Form(s string) string {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		var shape, tone []rune
		for i, m := range norm.NFD.String(string(r)) {
			if i > 0 && (m == 0x300 || m == 0x301 || m == 0x303 || m == 0x309 || m == 0x323) {
				tone = append(tone, m)
			} else {
				shape = append(shape, m)
			}
		}
		b.WriteString(norm.NFC.String(string(shape)) + string(tone))
	}
	return b.String()
}

const sentence = "Kế hoạch phát triển kinh tế tập thể của tỉnh, đẩy mạnh hợp tác xã được hỗ trợ"

func TestTCVN3Literal(t *testing.T) {
	t.Parallel()
	// As a .VnTime text looks when pasted as Unicode.
	if got := convertTCVN3("KÕ ho¹ch ph¸t triÓn kinh tÕ tËp thÓ cña tØnh"); got != "Kế hoạch phát triển kinh tế tập thể của tỉnh" {
		t.Errorf("got %q", got)
	}
	if got := string(encodeTCVN3(t, "đẩy")); got != "\xae\xc8y" {
		t.Errorf("encode đẩy = %q", got)
	}
}

func TestVNILiteral(t *testing.T) {
	t.Parallel()
	in := "Keá hoaïch phaùt trieån kinh teá taäp theå cuûa tænh, Ñaåy maïnh hôïp taùc xaõ ñöôïc hoã trôï"
	want := "Kế hoạch phát triển kinh tế tập thể của tỉnh, Đẩy mạnh hợp tác xã được hỗ trợ"
	if got := convertVNI(in); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestDecodeLegacy(t *testing.T) {
	t.Parallel()
	tcvnBytes := encodeTCVN3(t, sentence)
	vniText := "Keá hoaïch phaùt trieån kinh teá taäp theå cuûa tænh, ñaåy maïnh hôïp taùc xaõ ñöôïc hoã trôï"
	vniBytes, err := charmap.Windows1252.NewEncoder().Bytes([]byte(vniText))
	if err != nil {
		t.Fatal(err)
	}
	cp1258, err := charmap.Windows1258.NewEncoder().Bytes([]byte(cp1258Form(sentence)))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		data []byte
		enc  string
	}{
		{"TCVN3 bytes", tcvnBytes, "TCVN3 (ABC)"},
		{"TCVN3 as Unicode", []byte(latin1(tcvnBytes)), "TCVN3 (ABC)"},
		{"VNI bytes", vniBytes, "VNI"},
		{"VNI as Unicode", []byte(vniText), "VNI"},
		{"Windows-1258", cp1258, "Windows-1258"},
		{"Unicode", []byte(sentence), ""},
		{"Unicode NFD", []byte(norm.NFD.String(sentence)), ""},
	}
	for _, c := range cases {
		got, enc, err := decodeText(c.data)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if enc != c.enc || norm.NFC.String(got) != sentence {
			t.Errorf("%s: %q as %q, want %q as %q", c.name, got, enc, sentence, c.enc)
		}
	}
}

// TestParseTCVN3Plan reads a small plan saved in TCVN3: converted, with a
// warning that names the encoding.
func TestParseTCVN3Plan(t *testing.T) {
	t.Parallel()
	plan := "Số: 12/KH-UBND\n\nKẾ HOẠCH\n" +
		"Số TT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian thực hiện\n" +
		"I\tTuyên truyền về kinh tế tập thể\t\t\t\n" +
		"1\tTổ chức tuyên truyền, phổ biến pháp luật về hợp tác xã\tSở Tư pháp\tCác sở, ngành liên quan\tNăm 2026\n"
	plan = strings.ReplaceAll(plan, "KẾ HOẠCH", "Kế hoạch") // ABC writes capitals with another font
	r, err := Parse(context.Background(), "cu.txt", encodeTCVN3(t, plan), Catalog())
	if err != nil {
		t.Fatal(err)
	}
	if !hasKey(r, warnEncoding) || !strings.Contains(r.Warnings[0], "TCVN3") {
		t.Errorf("warnings = %q", r.Warnings)
	}
	task := taskByCode(t, r, "I.1")
	if len(task.Lead) != 1 || task.Lead[0].Agency == nil || *task.Lead[0].Agency != "Sở Tư pháp" {
		t.Errorf("lead = %+v", task.Lead)
	}
	if r.Document.Number == nil || *r.Document.Number != "12/KH-UBND" {
		t.Errorf("number = %v", r.Document.Number)
	}
}

// TestUnicodeNotLegacy makes sure real Vietnamese text, whose letters are
// largely Latin-1 (à, á, â, ê, ô…), is never taken for a legacy encoding.
func TestUnicodeNotLegacy(t *testing.T) {
	t.Parallel()
	for _, short := range []string{"000", "001", "002", "003", "004"} {
		_, data := readSeed(t, short)
		if d := detectLegacyRunes(string(data)); d != nil {
			t.Errorf("seed %s taken for %s", short, d.Name)
		}
	}
	if d := detectLegacyRunes("Café crème, à la carte, déjà vu — naïve façade."); d != nil {
		t.Errorf("French taken for %s", d.Name)
	}
}
