package planimport

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/vntext"
)

// MaxSize is the largest file Parse reads. Plans are a few hundred
// kilobytes; the limit only keeps a wrong upload from exhausting memory.
const MaxSize = 32 << 20

// line is one line of a text file, or one paragraph or table row of a
// .docx. Text is NFC with no line break; cells is set for Word table rows.
type line struct {
	n      int      // 1-based, as shown to the user
	text   string   // the line; a Word row's cells joined by tabs
	cells  []string // Word table row cells (a cell's paragraphs joined by "\n")
	merged []bool   // Word: the cell continues a vertical merge from above
}

// source is a file read into lines.
type source struct {
	lines    []line
	encoding string // the legacy encoding converted from, "" for Unicode
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// load turns a file into lines: it picks the format from the name and the
// first bytes, decodes and normalises the text (NFC, line breaks, BOM,
// invisible characters, legacy encodings).
func load(name string, data []byte) (*source, error) {
	if len(data) > MaxSize {
		return nil, newError(KeyTooLarge, fmt.Sprintf("%.1f MB", float64(len(data))/(1<<20)), nil)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, ErrEmpty
	}
	ext := strings.ToLower(path.Ext(name))
	switch {
	case bytes.HasPrefix(data, zipMagic):
		return loadDocx(name, data) // a .docx whatever its name says
	case ext == ".docx":
		return nil, newError(KeyDocx, i18n.M(detailNotDocx), nil)
	case bytes.HasPrefix(data, oleMagic) || ext == ".doc":
		return nil, newError(KeyUnsupported, "Word 97-2003 (.doc)", nil)
	case bytes.HasPrefix(data, []byte("%PDF")) || ext == ".pdf":
		return nil, newError(KeyUnsupported, "PDF", nil)
	case bytes.HasPrefix(data, []byte(`{\rtf`)) || ext == ".rtf":
		return nil, newError(KeyUnsupported, "RTF", nil)
	}
	text, enc, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	src := &source{encoding: enc, lines: splitLines(text)}
	if len(src.lines) == 0 {
		return nil, ErrEmpty
	}
	return src, nil
}

// decodeText returns data as a Go string and the legacy encoding it was
// converted from, if any.
func decodeText(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		// Word's "Unicode text" is UTF-16 with a BOM.
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return "", "", newError(KeyEncoding, i18n.M(detailUTF16), err)
		}
		data = out
	}
	if looksBinary(data) {
		return "", "", ErrBinary
	}
	if utf8.Valid(data) {
		s := string(data)
		if dec := detectLegacyRunes(s); dec != nil {
			return dec.Convert(s), dec.Name, nil
		}
		return s, "", nil
	}
	if dec, out := detectLegacyBytes(data); dec != "" {
		return out, dec, nil
	}
	return "", "", newError(KeyEncoding, i18n.M(detailEncodingUnknown), nil)
}

// looksBinary reports control bytes that text never holds: any NUL, or
// more than 1% other C0 controls in the first 64 KB.
func looksBinary(data []byte) bool {
	sample := data
	if len(sample) > 64<<10 {
		sample = sample[:64<<10]
	}
	if bytes.IndexByte(sample, 0) >= 0 {
		return true
	}
	ctl := 0
	for _, c := range sample {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1A {
			ctl++
		}
	}
	return ctl*100 > len(sample)
}

// lineBreaks unifies CRLF, CR and the Unicode separators to "\n".
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n", "\f", "\n", "\x1a", "")

// splitLines normalises text and cuts it into numbered lines. Trailing
// spaces go; tabs stay, they separate table cells.
func splitLines(text string) []line {
	text = lineBreaks.Replace(vntext.Normalize(text))
	if strings.TrimSpace(text) == "" {
		return nil
	}
	parts := strings.Split(text, "\n")
	lines := make([]line, len(parts))
	for i, p := range parts {
		lines[i] = line{n: i + 1, text: strings.TrimRight(p, " ")}
	}
	return lines
}
