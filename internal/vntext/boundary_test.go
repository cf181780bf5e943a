package vntext

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestForbidden(t *testing.T) {
	bad := []rune{0x00, 0x01, 0x08, 0x0B, 0x0C, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9F,
		0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
		0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF}
	good := []rune{'\t', '\n', '\r', ' ', 'a', '~', 0xA0, 'Đ', 'ữ', 0x0301, 0x2028, 0x2065, 0x206A,
		0x202F, 0xFDCF, 0xFDF0, 0xFFFD, 0xFFFC, 0x1F600, 0x10FFFD}
	for _, r := range bad {
		if !Forbidden(r) {
			t.Errorf("Forbidden(%U) = false, want true", r)
		}
	}
	for _, r := range good {
		if Forbidden(r) {
			t.Errorf("Forbidden(%U) = true, want false", r)
		}
	}
}

func TestLineAndText(t *testing.T) {
	nfd := norm.NFD.String("Hợp tác xã")
	tests := []struct {
		name      string
		in        string
		line      string // "" with lineErr
		text      string
		refused   bool // both refuse
		refusedAt int  // byte offset reported
	}{
		{name: "plain", in: "Sở Tài chính", line: "Sở Tài chính", text: "Sở Tài chính"},
		{name: "NFD to NFC", in: nfd, line: "Hợp tác xã", text: "Hợp tác xã"},
		{name: "zero-width and BOM go", in: "\uFEFFSở\u200B Tư pháp", line: "Sở Tư pháp", text: "Sở Tư pháp"},
		{name: "CRLF", in: " a\r\n\tb\rc \r\n", line: "a b c", text: "a\n\tb\nc"},
		{name: "line separators", in: "a\u2028b\u2029c", line: "a b c", text: "a\nb\nc"},
		{name: "NUL", in: "ghi\x00chú", refused: true, refusedAt: 3},
		{name: "escape", in: "\x1b[31m", refused: true},
		{name: "vertical tab", in: "a\vb", refused: true},
		{name: "form feed", in: "a\fb", refused: true},
		{name: "DEL", in: "a\x7f", refused: true, refusedAt: 1},
		{name: "C1 NEL", in: "a\u0085b", refused: true},
		{name: "RLO", in: "Sở Tài chính\u202Efdp.exe", refused: true, refusedAt: len("Sở Tài chính")},
		{name: "LRI isolate", in: "\u2066x", refused: true},
		{name: "RLM", in: "x\u200F", refused: true, refusedAt: 1},
		{name: "noncharacter", in: "x\uFFFE", refused: true, refusedAt: 1},
		{name: "plane noncharacter", in: "x\U0010FFFF", refused: true, refusedAt: 1},
		{name: "invalid UTF-8", in: "Ha\xffNoi", refused: true, refusedAt: 2},
		{name: "only spaces", in: " \t\n\u00A0 ", line: "", text: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line, lerr := Line(tt.in)
			text, terr := Text(tt.in)
			if tt.refused {
				for _, err := range []error{lerr, terr} {
					var fe *ForbiddenError
					if !errors.Is(err, ErrForbidden) || !errors.As(err, &fe) {
						t.Fatalf("err = %v, want ErrForbidden", err)
					}
					if fe.Offset != tt.refusedAt && tt.refusedAt != 0 {
						t.Errorf("offset %d, want %d", fe.Offset, tt.refusedAt)
					}
				}
				if Check(tt.in) == nil {
					t.Error("Check accepts what Line refuses")
				}
				if line != "" || text != "" {
					t.Errorf("refused input still returned %q / %q", line, text)
				}
				return
			}
			if lerr != nil || terr != nil {
				t.Fatalf("refused: %v / %v", lerr, terr)
			}
			if line != tt.line {
				t.Errorf("Line = %q, want %q", line, tt.line)
			}
			if text != tt.text {
				t.Errorf("Text = %q, want %q", text, tt.text)
			}
		})
	}
}

// TestStripPolicy: what comes from files is kept, minus what may never be
// stored, so an import does not fail on a stray control character.
func TestStripPolicy(t *testing.T) {
	tests := []struct{ name, in, normalized, clean string }{
		{"NUL and DEL dropped", "ghi\x00 chú\x7f", "ghi chú", "ghi chú"},
		{"bidi override dropped", "abc\u202Edef\u202C", "abcdef", "abcdef"},
		{"page break is a line break", "trang 1\ftrang 2\vdòng", "trang 1\ntrang 2\ndòng", "trang 1 trang 2 dòng"},
		{"C1 and noncharacters", "a\u0085b\uFDD0c\U0001FFFF", "abc", "abc"},
		{"invalid UTF-8 becomes U+FFFD", "a\xffb", "a\uFFFDb", "a\uFFFDb"},
		{"tabs and CR stay in Normalize", "a\tb\r\n", "a\tb\r\n", "a b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.normalized {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.normalized)
			}
			if got := Clean(tt.in); got != tt.clean {
				t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.clean)
			}
		})
	}
}

// FuzzBoundary checks the boundary's promises on any input: no panic;
// what is accepted or stripped is valid UTF-8, NFC, free of forbidden runes
// and a fixed point; Line, Text and Check agree on what they refuse.
func FuzzBoundary(f *testing.F) {
	for _, s := range []string{"", "Sở Tài chính", norm.NFD.String("Đồng Tháp"), "a\x00b", "a\u202Eb",
		"x\r\ny\rz", "\uFEFF e\u200B\u0301", "a\xff", "\t\u2028\u2029", "\uFFFF", "a\fb\vc", " \u0301x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		line, lerr := Line(s)
		text, terr := Text(s)
		if (lerr == nil) != (terr == nil) || (lerr == nil) != (Check(s) == nil) {
			t.Fatalf("Line, Text and Check disagree on %q: %v / %v", s, lerr, terr)
		}
		outs := map[string]string{"Normalize": Normalize(s), "Clean": Clean(s)}
		if lerr == nil {
			outs["Line"], outs["Text"] = line, text
		} else if !errors.Is(lerr, ErrForbidden) {
			t.Fatalf("unexpected error %v", lerr)
		}
		for name, out := range outs {
			if !utf8.ValidString(out) {
				t.Fatalf("%s(%q) = %q is not UTF-8", name, s, out)
			}
			if !norm.NFC.IsNormalString(out) {
				t.Fatalf("%s(%q) = %q is not NFC", name, s, out)
			}
			if err := Check(out); err != nil {
				t.Fatalf("%s(%q) = %q keeps a forbidden rune: %v", name, s, out, err)
			}
		}
		if lerr == nil {
			if again, err := Line(line); err != nil || again != line {
				t.Fatalf("Line not idempotent: %q -> %q -> %q (%v)", s, line, again, err)
			}
			if again, err := Text(text); err != nil || again != text {
				t.Fatalf("Text not idempotent: %q -> %q -> %q (%v)", s, text, again, err)
			}
			if strings.ContainsRune(text, '\r') {
				t.Fatalf("Text(%q) = %q keeps a carriage return", s, text)
			}
		}
		if again := Clean(outs["Clean"]); again != outs["Clean"] {
			t.Fatalf("Clean not idempotent: %q -> %q -> %q", s, outs["Clean"], again)
		}
		if again := Normalize(outs["Normalize"]); again != outs["Normalize"] {
			t.Fatalf("Normalize not idempotent: %q -> %q -> %q", s, outs["Normalize"], again)
		}
	})
}
