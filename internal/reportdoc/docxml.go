package reportdoc

import (
	"strconv"
	"strings"
)

// Page geometry in twips (1/20 pt), shared by the .docx and the .pdf:
// A4, with the margins Decree 30 allows (top and bottom 20–25 mm, left
// 30–35 mm, right 15–20 mm) at their smallest, so tables get the width.
const (
	mmTwips      = 1440.0 / 25.4
	pageW        = 11906 // 210 mm
	pageH        = 16838 // 297 mm
	marginTopMM  = 20
	marginBotMM  = 20
	marginLeftMM = 30
	marginRitMM  = 15
	marginTop    = 1134
	marginBottom = 1134
	marginLeft   = 1701
	marginRight  = 850
	textW        = pageW - marginLeft - marginRight // 9355, 165 mm
)

// Font sizes in half-points, as WordprocessingML counts them. Decree 30:
// body 13–14 pt, the motto's second line 13–14 pt, "Nơi nhận" 12 pt and
// its list 11 pt.
const (
	szBody    = 28
	szHead    = 26
	szCountry = 24
	szTable   = 24
	szRecip   = 24
	szRecipL  = 22
)

// run is a piece of text with one formatting.
type run struct {
	text         string
	bold, italic bool
	size         int // half-points; 0 takes the paragraph's
}

// para describes one paragraph's properties.
type para struct {
	align     string // "left", "center", "right", "both"
	firstLine int    // first-line indent, twips
	left      int    // left and right indents, twips
	right     int
	after     int  // space after, twips
	keepNext  bool // keep with the next paragraph (headings)
	rule      string
	size      int // half-points for every run without its own
}

// docw writes WordprocessingML into a builder.
type docw struct{ b strings.Builder }

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func (d *docw) s(parts ...string) {
	for _, p := range parts {
		d.b.WriteString(p)
	}
}

func (d *docw) n(v int) { d.b.WriteString(strconv.Itoa(v)) }

// p writes a paragraph of runs.
func (d *docw) p(pp para, runs ...run) {
	d.s("<w:p><w:pPr>")
	if pp.keepNext {
		d.s("<w:keepNext/>")
	}
	if pp.rule != "" {
		// A rule drawn as the paragraph's border, as short as its indents
		// make it: the lines under the issuing body and the motto.
		d.s(`<w:pBdr><w:`, pp.rule, ` w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>`)
	}
	d.s(`<w:spacing w:before="0" w:after="`)
	d.n(pp.after)
	d.s(`" w:line="264" w:lineRule="auto"/>`)
	if pp.left != 0 || pp.right != 0 || pp.firstLine != 0 {
		d.s(`<w:ind w:left="`)
		d.n(pp.left)
		d.s(`" w:right="`)
		d.n(pp.right)
		d.s(`" w:firstLine="`)
		d.n(pp.firstLine)
		d.s(`"/>`)
	}
	if pp.align != "" {
		d.s(`<w:jc w:val="`, pp.align, `"/>`)
	}
	if pp.size != 0 {
		// The paragraph mark's size: it sets the height of an empty
		// paragraph such as a rule's.
		d.s(`<w:rPr><w:sz w:val="`)
		d.n(pp.size)
		d.s(`"/><w:szCs w:val="`)
		d.n(pp.size)
		d.s(`"/></w:rPr>`)
	}
	d.s("</w:pPr>")
	for _, r := range runs {
		if r.size == 0 {
			r.size = pp.size
		}
		d.r(r)
	}
	d.s("</w:p>")
}

// r writes a run; line breaks in the text become <w:br/>.
func (d *docw) r(r run) {
	d.s("<w:r>")
	if r.bold || r.italic || r.size != 0 {
		d.s("<w:rPr>")
		if r.bold {
			d.s("<w:b/><w:bCs/>")
		}
		if r.italic {
			d.s("<w:i/><w:iCs/>")
		}
		if r.size != 0 {
			d.s(`<w:sz w:val="`)
			d.n(r.size)
			d.s(`"/><w:szCs w:val="`)
			d.n(r.size)
			d.s(`"/>`)
		}
		d.s("</w:rPr>")
	}
	for i, line := range strings.Split(r.text, "\n") {
		if i > 0 {
			d.s("<w:br/>")
		}
		d.s(`<w:t xml:space="preserve">`)
		d.s(xmlEscaper.Replace(line))
		d.s("</w:t>")
	}
	d.s("</w:r>")
}

// tableStart opens a table of the given column widths; borders draws the
// grid (data tables) or none (the header and signature blocks).
func (d *docw) tableStart(widths []int, borders bool) {
	total := 0
	for _, w := range widths {
		total += w
	}
	d.s(`<w:tbl><w:tblPr><w:tblW w:w="`)
	d.n(total)
	d.s(`" w:type="dxa"/><w:tblLayout w:type="fixed"/>`)
	if borders {
		d.s("<w:tblBorders>")
		for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
			d.s(`<w:`, side, ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
		}
		d.s("</w:tblBorders>")
	}
	d.s(`<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		d.s(`<w:gridCol w:w="`)
		d.n(w)
		d.s(`"/>`)
	}
	d.s("</w:tblGrid>")
}

// rowStart opens a row that moves whole to the next page rather than
// split (Word still splits one taller than a page); a header row repeats
// on every page the table crosses.
func (d *docw) rowStart(header bool) {
	d.s("<w:tr><w:trPr><w:cantSplit/>")
	if header {
		d.s("<w:tblHeader/>")
	}
	d.s("</w:trPr>")
}

// cellStart opens a cell of width w twips.
func (d *docw) cellStart(w int) {
	d.s(`<w:tc><w:tcPr><w:tcW w:w="`)
	d.n(w)
	d.s(`" w:type="dxa"/></w:tcPr>`)
}

// cell writes a one-paragraph cell.
func (d *docw) cell(w int, align string, r run) {
	d.cellStart(w)
	d.p(para{align: align, size: szTable}, r)
	d.s("</w:tc>")
}
