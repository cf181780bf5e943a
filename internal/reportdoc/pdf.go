package reportdoc

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"

	"github.com/hoptac/hoptac/internal/vntext"
)

// The PDF is set in Liberation Serif, metric-compatible with Times New
// Roman and carrying every Vietnamese letter; the font files come with
// the module and are embedded in the binary, so a server without fonts
// still writes a readable report.
const family = "serif"

// Page layout in millimetres, the same as the .docx's.
const (
	pdfLeft   = marginLeftMM
	pdfTop    = marginTopMM
	pdfRight  = marginRitMM
	pdfBottom = marginBotMM
	pdfPageH  = 297.0
	pdfTextW  = 210.0 - pdfLeft - pdfRight // 165
	pdfLeftW  = 70.0                       // the issuing body's block
	pdfRightW = pdfTextW - pdfLeftW
	ptMM      = 25.4 / 72
)

// pdfGen holds the document being written.
type pdfGen struct {
	f *fpdf.Fpdf
	p *prepared
}

// WritePDF writes the report as an A4 PDF with the fonts embedded.
// Nothing is written when r is invalid or the PDF cannot be made.
func WritePDF(w io.Writer, r Report) error {
	p, err := prepare(r)
	if err != nil {
		return err
	}
	f := fpdf.New("P", "mm", "A4", "")
	g := &pdfGen{f: f, p: p}
	f.SetMargins(pdfLeft, pdfTop, pdfRight)
	f.SetAutoPageBreak(true, pdfBottom)
	f.AddUTF8FontFromBytes(family, "", liberationserifregular.TTF)
	f.AddUTF8FontFromBytes(family, "B", liberationserifbold.TTF)
	f.AddUTF8FontFromBytes(family, "I", liberationserifitalic.TTF)
	f.AddUTF8FontFromBytes(family, "BI", liberationserifbolditalic.TTF)
	f.SetTitle(p.Labels.Kind+" "+p.Subject, true)
	f.SetAuthor(p.IssuingBody, true)
	f.SetLang("vi-VN")
	f.SetHeaderFunc(g.pageNumber)
	f.AddPage()
	g.heading()
	g.body()
	g.signature()
	if err := f.Error(); err != nil {
		return fmt.Errorf("reportdoc: pdf: %w", err)
	}
	// fpdf builds the whole file in memory, so a failure above never
	// leaves half a PDF in w.
	if err := f.Output(w); err != nil {
		return fmt.Errorf("reportdoc: pdf: %w", err)
	}
	return nil
}

// font sets the style ("", "B", "I", "BI") and size in points.
func (g *pdfGen) font(style string, pt float64) { g.f.SetFont(family, style, pt) }

// lh is the line height for a font size: 1.3 lines, as the .docx's.
func lh(pt float64) float64 { return pt * ptMM * 1.3 }

// pageNumber centres the page number at the top from page 2 on.
func (g *pdfGen) pageNumber() {
	if n := g.f.PageNo(); n > 1 {
		g.font("", 13)
		g.f.SetXY(pdfLeft, 10)
		g.f.CellFormat(pdfTextW, lh(13), strconv.Itoa(n), "", 0, "C", false, 0, "")
		g.f.SetXY(pdfLeft, pdfTop)
	}
}

// block writes centred lines in a column starting at x and returns the y
// below them.
func (g *pdfGen) block(x, y, w float64, style string, pt float64, s string) float64 {
	g.font(style, pt)
	g.f.SetXY(x, y)
	g.f.MultiCell(w, lh(pt), s, "", "C", false)
	return g.f.GetY()
}

// rule draws a centred horizontal line of width w in a column.
func (g *pdfGen) rule(x, colW, y, w float64) {
	g.f.SetLineWidth(0.3)
	g.f.Line(x+(colW-w)/2, y, x+(colW+w)/2, y)
}

// heading writes the issuing body, the motto, number, place and date,
// and the title.
func (g *pdfGen) heading() {
	p, l := g.p, g.p.Labels
	xl, xr := float64(pdfLeft), pdfLeft+pdfLeftW
	yl := float64(pdfTop)
	if p.ParentBody != "" {
		yl = g.block(xl, yl, pdfLeftW, "", 13, p.ParentBody)
	}
	yl = g.block(xl, yl, pdfLeftW, "B", 13, p.IssuingBody)
	g.rule(xl, pdfLeftW, yl+0.5, pdfLeftW/3)
	yr := g.block(xr, pdfTop, pdfRightW, "B", 12, l.Country)
	yr = g.block(xr, yr, pdfRightW, "B", 14, l.Motto)
	g.font("B", 14)
	g.rule(xr, pdfRightW, yr+0.5, min(g.f.GetStringWidth(l.Motto), pdfRightW))
	y := max(yl, yr) + 3
	yl = g.block(xl, y, pdfLeftW, "", 13, fmt.Sprintf(l.Number, p.Number))
	yr = g.block(xr, y, pdfRightW, "I", 14, p.placeDate())
	y = max(yl, yr) + 8
	y = g.block(xl, y, pdfTextW, "B", 14, l.Kind)
	y = g.block(xl, y, pdfTextW, "B", 14, p.Subject)
	g.rule(xl, pdfTextW, y+1, pdfTextW/4)
	g.f.SetXY(xl, y+6)
}

// para writes a justified paragraph of body text.
func (g *pdfGen) para(style, s string) {
	g.font(style, 14)
	g.f.SetX(pdfLeft)
	g.f.MultiCell(pdfTextW, lh(14), s, "", "J", false)
	g.f.Ln(1.5)
}

// heading2 writes a section or group heading, moving to a new page
// rather than leaving it alone at the bottom of one.
func (g *pdfGen) heading2(style, s string) {
	if g.f.GetY()+4*lh(14) > pdfPageH-pdfBottom {
		g.f.AddPage()
	}
	g.para(style, s)
}

// body writes the introduction, the tasks by group, the tables, the
// rates and the closing.
func (g *pdfGen) body() {
	p, l := g.p, g.p.Labels
	for _, s := range paragraphs(p.Introduction) {
		g.para("", s)
	}
	g.heading2("B", l.SectionTasks)
	for _, grp := range p.Groups {
		if grp.Title != "" {
			g.heading2("B", grp.Title)
		}
		for _, t := range grp.Tasks {
			g.heading2("BI", taskLine(t))
			g.para("", fmt.Sprintf(l.Status, t.Status))
			if len(t.Reports) == 0 {
				g.para("I", l.NoReport)
			}
			for _, a := range t.Reports {
				g.agency(a)
			}
		}
	}
	g.heading2("B", l.SectionTargets)
	g.targets()
	g.heading2("B", l.SectionBudget)
	g.budget()
	g.heading2("B", l.SectionRates)
	for _, s := range rateLines(p) {
		g.para("", s)
	}
	for _, s := range paragraphs(p.Closing) {
		g.para("", s)
	}
}

// agency writes an agency's words, its name in italics before them.
func (g *pdfGen) agency(a AgencyReport) {
	lines := paragraphs(a.Text)
	if len(lines) == 0 {
		lines = []string{""}
	}
	h := lh(14)
	g.f.SetX(pdfLeft)
	g.font("I", 14)
	g.f.Write(h, "- "+a.Agency+": ")
	g.font("", 14)
	// fpdf's Write takes time quadratic in its text's length, so it gets
	// only what fits after the agency's name; MultiCell takes the rest.
	first, rest := lines[0], ""
	if avail := pdfLeft + pdfTextW - g.f.GetX(); avail > 10 {
		if parts := g.f.SplitText(first, avail); len(parts) > 0 {
			first, rest = parts[0], strings.TrimSpace(strings.TrimPrefix(lines[0], parts[0]))
		}
	} else {
		first, rest = "", first
	}
	g.f.Write(h, first)
	g.f.Ln(h)
	if rest != "" {
		g.f.SetX(pdfLeft)
		g.f.MultiCell(pdfTextW, h, rest, "", "J", false)
	}
	g.f.Ln(1.5)
	for _, s := range lines[1:] {
		g.para("", s)
	}
}

func (g *pdfGen) targets() {
	p, l := g.p, g.p.Labels
	if len(p.Targets) == 0 {
		g.para("I", l.None)
		return
	}
	t := pdfTable{g: g, cols: []pdfCol{{12, "C"}, {63, "L"}, {30, "C"}, {30, "C"}, {30, "C"}}}
	t.header = []string{l.ColNo, l.ColTarget, l.ColPlanned, l.ColAchieved, l.ColAssessment}
	t.start()
	for i, tg := range p.Targets {
		t.row("", []string{strconv.Itoa(i + 1), tg.Text, tg.Planned, tg.Achieved, tg.Assessment})
	}
	g.f.Ln(3)
}

func (g *pdfGen) budget() {
	p, l := g.p, g.p.Labels
	if len(p.Budget) == 0 {
		g.para("I", l.None)
		return
	}
	t := pdfTable{g: g, cols: []pdfCol{{12, "C"}, {43, "L"}, {20, "L"}, {30, "R"}, {30, "R"}, {30, "R"}}}
	t.header = []string{l.ColNo, l.ColItem, l.ColSource, l.ColEstimated, l.ColAllocated, l.ColSpent}
	t.start()
	for i, b := range p.Budget {
		t.row("", []string{strconv.Itoa(i + 1), b.Item, b.Source, vntext.FormatInt(b.Estimated), vntext.FormatInt(b.Allocated), vntext.FormatInt(b.Spent)})
	}
	tot := p.total
	t.row("B", []string{"", l.Total, "", vntext.FormatInt(tot.Estimated), vntext.FormatInt(tot.Allocated), vntext.FormatInt(tot.Spent)})
	g.f.Ln(3)
}

// signature writes the recipients and the signing block side by side,
// on a new page when they would not fit whole on this one.
func (g *pdfGen) signature() {
	p := g.p
	need := lh(12)*float64(len(p.Recipients)+1) + 4
	need = max(need, 4*lh(14)+25)
	if g.f.GetY()+need+4 > pdfPageH-pdfBottom {
		g.f.AddPage()
	}
	y := g.f.GetY() + 4
	xl, xr := float64(pdfLeft), pdfLeft+pdfLeftW
	g.font("BI", 12)
	g.f.SetXY(xl, y)
	g.f.CellFormat(pdfLeftW, lh(12), p.Labels.Recipients, "", 2, "L", false, 0, "")
	g.font("", 11)
	for _, s := range p.Recipients {
		g.f.SetX(xl)
		g.f.MultiCell(pdfLeftW, lh(11), "- "+s, "", "L", false)
	}
	yr := y
	if p.Signature.Authority != "" {
		yr = g.block(xr, yr, pdfRightW, "B", 14, p.Signature.Authority)
	}
	yr = g.block(xr, yr, pdfRightW, "B", 14, p.Signature.Title)
	g.block(xr, yr+25, pdfRightW, "B", 14, p.Signature.Name)
}
