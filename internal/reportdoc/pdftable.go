package reportdoc

// pdfCol is a table column: width in mm and alignment ("L", "C", "R").
type pdfCol struct {
	w     float64
	align string
}

// pdfTable draws a bordered table whose cells wrap. A row that does not
// fit at the bottom of a page moves to the next one; a row taller than a
// whole page is cut between lines. The header row is repeated on every
// page the table reaches.
type pdfTable struct {
	g      *pdfGen
	cols   []pdfCol
	header []string
	top    float64 // y just below the header on the current page
}

const (
	tablePt  = 12.0
	tablePad = 0.8 // mm above and below a cell's text
)

func (t *pdfTable) lh() float64 { return lh(tablePt) }

func (t *pdfTable) bottom() float64 { return pdfPageH - pdfBottom }

// start draws the header, on a new page when not even one row would
// follow it here.
func (t *pdfTable) start() {
	lines := t.split("B", t.header)
	need := t.height(len(lines[0])) + t.height(2)
	if t.g.f.GetY()+need > t.bottom() {
		t.g.f.AddPage()
	}
	t.drawHeader()
}

// drawHeader draws the header row, its titles centred.
func (t *pdfTable) drawHeader() {
	lines := t.split("B", t.header)
	cols := t.cols
	t.cols = make([]pdfCol, len(cols))
	for i, c := range cols {
		t.cols[i] = pdfCol{c.w, "C"}
	}
	t.draw("B", lines, 0, maxLines(lines))
	t.cols = cols
	t.top = t.g.f.GetY()
}

// height is the height of a chunk of n lines.
func (t *pdfTable) height(n int) float64 { return float64(n)*t.lh() + 2*tablePad }

// split wraps every cell to its column.
func (t *pdfTable) split(style string, cells []string) [][]string {
	t.g.font(style, tablePt)
	out := make([][]string, len(cells))
	for i, c := range cells {
		out[i] = t.g.f.SplitText(c, t.cols[i].w)
		if len(out[i]) == 0 {
			out[i] = []string{""}
		}
	}
	return out
}

func maxLines(lines [][]string) int {
	n := 1
	for _, l := range lines {
		n = max(n, len(l))
	}
	return n
}

// row draws one data row.
func (t *pdfTable) row(style string, cells []string) {
	lines := t.split(style, cells)
	n := maxLines(lines)
	for k := 0; k < n; {
		rest := n - k
		fits := int((t.bottom() - t.g.f.GetY() - 2*tablePad) / t.lh())
		freshFits := int((t.bottom() - t.top - 2*tablePad) / t.lh())
		if rest > fits && (fits < 1 || rest <= freshFits && t.g.f.GetY() > t.top+0.01) {
			// Move the row whole to a new page when it fits on one;
			// else cut it here.
			t.newPage()
			continue
		}
		take := min(rest, fits)
		t.draw(style, lines, k, take)
		k += take
		if k < n {
			t.newPage()
		}
	}
}

func (t *pdfTable) newPage() {
	t.g.f.AddPage()
	t.drawHeader()
}

// draw draws lines [k, k+n) of every cell as one band with borders.
func (t *pdfTable) draw(style string, lines [][]string, k, n int) {
	f := t.g.f
	// The table places its own page breaks; fpdf's would move single
	// lines of a cell to the next page, away from their borders.
	f.SetAutoPageBreak(false, 0)
	defer f.SetAutoPageBreak(true, pdfBottom)
	t.g.font(style, tablePt)
	y := f.GetY()
	h := t.height(n)
	x := float64(pdfLeft)
	for i, c := range t.cols {
		f.Rect(x, y, c.w, h, "D")
		for j := k; j < k+n && j < len(lines[i]); j++ {
			f.SetXY(x, y+tablePad+float64(j-k)*t.lh())
			f.CellFormat(c.w, t.lh(), lines[i][j], "", 0, c.align, false, 0, "")
		}
		x += c.w
	}
	f.SetXY(pdfLeft, y+h)
}
