package planimport

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/zipbound"
)

const (
	wNS  = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	mcNS = "http://schemas.openxmlformats.org/markup-compatibility/2006"

	docxMain = "word/document.xml"
)

// DocxLimits bound what reading a .docx may unpack, against zip bombs
// (see zipbound). A plan's document.xml is a few megabytes at most (the
// seeds' is 90 KB, compressed 14 times); reading one costs about four
// times its size in memory, so its bound is tighter than the default.
func DocxLimits() zipbound.Limits {
	l := zipbound.Default
	l.MaxMemberSize = 32 << 20
	return l
}

// loadDocx reads a .docx into lines: each body paragraph is a line (a
// paragraph with line breaks gives several) and each row of a top-level
// table is one line with cells. Cells keep their paragraphs joined by
// "\n"; nested tables are flattened into their cell. A cell spanning
// columns (gridSpan) fills the first of them; a cell continuing a
// vertical merge (vMerge) repeats the text of the cell above.
// Every byte is read through zipbound: a member that would unpack past
// DocxLimits stops the reading at once with an unpackedError naming it.
func loadDocx(name string, data []byte) (*source, error) {
	zr, err := zipbound.NewReader(bytes.NewReader(data), int64(len(data)), DocxLimits())
	if err != nil {
		return nil, zipError(name, err)
	}
	rc, err := zr.Open(docxMain)
	if errors.Is(err, zipbound.ErrNotFound) {
		return nil, newError(KeyDocx, i18n.M(detailNoDocument), nil)
	}
	if err != nil {
		return nil, zipError(name, err)
	}
	defer func() { _ = rc.Close() }() // read only: nothing to flush
	lines, err := readDocumentXML(rc)
	if err != nil {
		return nil, zipError(name, err)
	}
	src := &source{}
	var all strings.Builder
	for _, l := range lines {
		all.WriteString(l.text)
		all.WriteByte('\n')
	}
	if dec := detectLegacyRunes(all.String()); dec != nil {
		src.encoding = dec.Name
		for i := range lines {
			lines[i].text = dec.Convert(lines[i].text)
			for j := range lines[i].cells {
				lines[i].cells[j] = dec.Convert(lines[i].cells[j])
			}
		}
	}
	src.lines = normalizeDocxLines(lines)
	if len(src.lines) == 0 {
		return nil, ErrEmpty
	}
	return src, nil
}

// cellBuf collects one table cell.
type cellBuf struct {
	paras  []string
	span   int
	vmerge string // "", "restart" or "continue"
}

// docxReader is the state of the streaming walk over document.xml.
type docxReader struct {
	lines     []line
	depth     int // table nesting
	row       []*cellBuf
	cell      *cellBuf
	prevRow   map[int]string // column → text of the row above, for vMerge
	para      []strings.Builder
	inText    bool
	skipDepth int
}

func readDocumentXML(r io.Reader) ([]line, error) {
	d := xml.NewDecoder(r)
	d.Strict = false
	x := &docxReader{prevRow: map[int]string{}}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err // zipError tells the archive's errors from the XML's
		}
		switch t := tok.(type) {
		case xml.StartElement:
			x.start(t)
		case xml.EndElement:
			x.end(t)
		case xml.CharData:
			if x.inText && x.skipDepth == 0 && len(x.para) > 0 {
				x.para[len(x.para)-1].Write(t)
			}
		}
	}
	return x.lines, nil
}

func attr(t xml.StartElement, local string) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

func (x *docxReader) write(s string) {
	if x.skipDepth == 0 && len(x.para) > 0 {
		x.para[len(x.para)-1].WriteString(s)
	}
}

func (x *docxReader) start(t xml.StartElement) {
	if x.skipDepth > 0 {
		x.skipDepth++
		return
	}
	if t.Name.Space == mcNS && t.Name.Local == "Fallback" {
		x.skipDepth = 1 // the Choice branch holds the same text
		return
	}
	if t.Name.Space != wNS {
		return
	}
	switch t.Name.Local {
	case "delText", "instrText":
		x.skipDepth = 1
	case "tbl":
		x.depth++
	case "tr":
		if x.depth == 1 {
			x.row = x.row[:0]
		}
	case "tc":
		if x.depth == 1 {
			x.cell = &cellBuf{span: 1}
		}
	case "gridSpan":
		if v, ok := attr(t, "val"); ok && x.depth == 1 && x.cell != nil {
			if n, err := strconv.Atoi(v); err == nil && n > 1 && n < 64 {
				x.cell.span = n
			}
		}
	case "vMerge":
		if x.depth == 1 && x.cell != nil {
			v, _ := attr(t, "val")
			if v == "" {
				v = "continue"
			}
			x.cell.vmerge = v
		}
	case "p":
		x.para = append(x.para, strings.Builder{})
	case "t":
		x.inText = true
	case "tab":
		x.write("\t")
	case "br", "cr":
		x.write("\n")
	case "noBreakHyphen":
		x.write("-")
	}
}

func (x *docxReader) end(t xml.EndElement) {
	if x.skipDepth > 0 {
		x.skipDepth--
		return
	}
	if t.Name.Space != wNS {
		return
	}
	switch t.Name.Local {
	case "t":
		x.inText = false
	case "p":
		if len(x.para) == 0 {
			return
		}
		text := x.para[len(x.para)-1].String()
		x.para = x.para[:len(x.para)-1]
		switch {
		case len(x.para) > 0:
			// A paragraph inside another (a text box): its own line.
			x.addParagraph(text)
		case x.depth > 0 && x.cell != nil:
			x.cell.paras = append(x.cell.paras, strings.ReplaceAll(text, "\t", " "))
		default:
			x.addParagraph(text)
		}
	case "tc":
		if x.depth == 1 && x.cell != nil {
			x.row = append(x.row, x.cell)
			x.cell = nil
		}
	case "tr":
		if x.depth == 1 {
			x.addRow()
		}
	case "tbl":
		if x.depth > 0 {
			x.depth--
		}
		if x.depth == 0 {
			x.prevRow = map[int]string{}
		}
	}
}

func (x *docxReader) addParagraph(text string) {
	for _, part := range strings.Split(text, "\n") {
		x.lines = append(x.lines, line{n: len(x.lines) + 1, text: part})
	}
}

func (x *docxReader) addRow() {
	var cells []string
	var merged []bool
	col := 0
	for _, c := range x.row {
		text := strings.TrimSpace(strings.Join(c.paras, "\n"))
		isMerged := false
		if c.vmerge == "continue" {
			text, isMerged = x.prevRow[col], true
		}
		for k := 0; k < c.span; k++ {
			if k == 0 {
				cells = append(cells, text)
				merged = append(merged, isMerged)
			} else {
				cells = append(cells, "")
				merged = append(merged, false)
			}
			x.prevRow[col+k] = ""
		}
		x.prevRow[col] = text
		col += c.span
	}
	x.row = x.row[:0]
	if len(cells) == 0 {
		return
	}
	x.lines = append(x.lines, line{n: len(x.lines) + 1, text: strings.Join(cells, "\t"), cells: cells, merged: merged})
}

// normalizeDocxLines gives Word text the same normal form as a text file.
func normalizeDocxLines(lines []line) []line {
	out := lines[:0]
	hasText := false
	for _, l := range lines {
		l.text = strings.TrimRight(lineBreaks.Replace(normalize(l.text)), " ")
		l.text = strings.ReplaceAll(l.text, "\n", " ")
		for j := range l.cells {
			l.cells[j] = normalize(l.cells[j])
		}
		if strings.TrimSpace(l.text) != "" {
			hasText = true
		}
		out = append(out, l)
	}
	if !hasText {
		return nil
	}
	return out
}
