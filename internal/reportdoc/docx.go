package reportdoc

import (
	"archive/zip"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/hoptac/hoptac/internal/vntext"
)

// WriteDOCX writes r as a Word document: WordprocessingML built by hand,
// so the layout is exactly Decree 30's and nothing else is pulled in.
// Nothing is written when r is invalid.
func WriteDOCX(w io.Writer, r Report) error {
	p, err := prepare(r)
	if err != nil {
		return err
	}
	doc := documentXML(p)
	z := zip.NewWriter(w)
	// A fixed time keeps the archive identical for identical reports.
	mod := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, part := range []struct{ name, body string }{
		{"[Content_Types].xml", contentTypesXML},
		{"_rels/.rels", rootRelsXML},
		{"word/_rels/document.xml.rels", documentRelsXML},
		{"word/styles.xml", stylesXML},
		{"word/header1.xml", headerXML},
		{"word/document.xml", doc},
	} {
		f, err := z.CreateHeader(&zip.FileHeader{Name: part.name, Method: zip.Deflate, Modified: mod})
		if err != nil {
			return fmt.Errorf("reportdoc: docx %s: %w", part.name, err)
		}
		if _, err := io.WriteString(f, part.body); err != nil {
			return fmt.Errorf("reportdoc: docx %s: %w", part.name, err)
		}
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("reportdoc: docx: %w", err)
	}
	return nil
}

// documentXML is word/document.xml.
func documentXML(p *prepared) string {
	d := &docw{}
	d.b.Grow(4096 + p.tasks()*2048)
	d.s(xmlHeader, `<w:document xmlns:w="`, nsW, `" xmlns:r="`, nsR, `"><w:body>`)
	docHeading(d, p)
	body := para{align: "both", firstLine: 567, after: 120}
	heading := para{align: "left", after: 120, keepNext: true}
	for _, s := range paragraphs(p.Introduction) {
		d.p(body, run{text: s})
	}
	d.p(heading, run{text: p.Labels.SectionTasks, bold: true})
	for _, g := range p.Groups {
		if g.Title != "" {
			d.p(para{align: "both", firstLine: 567, after: 120, keepNext: true}, run{text: g.Title, bold: true})
		}
		for _, t := range g.Tasks {
			d.p(para{align: "both", firstLine: 567, after: 60, keepNext: true}, run{text: taskLine(t), bold: true, italic: true})
			d.p(body, run{text: fmt.Sprintf(p.Labels.Status, t.Status)})
			if len(t.Reports) == 0 {
				d.p(body, run{text: p.Labels.NoReport, italic: true})
			}
			for _, a := range t.Reports {
				lines := paragraphs(a.Text)
				if len(lines) == 0 {
					lines = []string{""}
				}
				d.p(body, run{text: "- " + a.Agency + ": ", italic: true}, run{text: lines[0]})
				for _, l := range lines[1:] {
					d.p(body, run{text: l})
				}
			}
		}
	}
	d.p(heading, run{text: p.Labels.SectionTargets, bold: true})
	docTargets(d, p)
	d.p(heading, run{text: p.Labels.SectionBudget, bold: true})
	docBudget(d, p)
	d.p(heading, run{text: p.Labels.SectionRates, bold: true})
	for _, s := range rateLines(p) {
		d.p(body, run{text: s})
	}
	for _, s := range paragraphs(p.Closing) {
		d.p(body, run{text: s})
	}
	docSignature(d, p)
	d.s(`<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:pgSz w:w="`)
	d.n(pageW)
	d.s(`" w:h="`)
	d.n(pageH)
	d.s(`"/><w:pgMar w:top="`)
	d.n(marginTop)
	d.s(`" w:right="`)
	d.n(marginRight)
	d.s(`" w:bottom="`)
	d.n(marginBottom)
	d.s(`" w:left="`)
	d.n(marginLeft)
	// The first page carries no number (Decree 30 numbers from page 2).
	d.s(`" w:header="567" w:footer="567" w:gutter="0"/><w:titlePg/></w:sectPr></w:body></w:document>`)
	return d.b.String()
}

// taskLine is a task's heading: "1.2. Đào tạo cán bộ".
func taskLine(t Task) string {
	if t.Code == "" {
		return t.Title
	}
	return t.Code + ". " + t.Title
}

// rateLines are the two sentences of the rates section.
func rateLines(p *prepared) []string {
	rt := p.Rates
	return []string{
		fmt.Sprintf(p.Labels.RateReporting, percent(rt.Submitted, rt.Expected), rt.Submitted, rt.Expected),
		fmt.Sprintf(p.Labels.RateOnTime, percent(rt.OnTime, rt.Expected), rt.OnTime, rt.Expected),
	}
}

// Column widths of the header and signature blocks, twips.
const (
	leftBlockW  = 3969 // 70 mm
	rightBlockW = textW - leftBlockW
)

// docHeading writes the header block (issuing body | motto, number |
// place and date) and the title.
func docHeading(d *docw, p *prepared) {
	d.tableStart([]int{leftBlockW, rightBlockW}, false)
	d.rowStart(false)
	d.cellStart(leftBlockW)
	if p.ParentBody != "" {
		d.p(para{align: "center", size: szHead}, run{text: p.ParentBody})
	}
	d.p(para{align: "center", size: szHead}, run{text: p.IssuingBody, bold: true})
	// The rule under the issuing body is a third of the block, centred.
	d.p(ruleUnder(leftBlockW, leftBlockW/3))
	d.s("</w:tc>")
	d.cellStart(rightBlockW)
	d.p(para{align: "center", size: szCountry}, run{text: p.Labels.Country, bold: true})
	d.p(para{align: "center", size: szBody}, run{text: p.Labels.Motto, bold: true})
	// The rule under the motto is as long as the motto: a serif bold
	// letter is about half an em wide (an em is szBody*10 twips).
	d.p(ruleUnder(rightBlockW, len([]rune(p.Labels.Motto))*szBody*5))
	d.s("</w:tc></w:tr>")
	d.rowStart(false)
	d.cellStart(leftBlockW)
	d.p(para{align: "center", size: szHead}, run{text: fmt.Sprintf(p.Labels.Number, p.Number)})
	d.s("</w:tc>")
	d.cellStart(rightBlockW)
	d.p(para{align: "center", size: szBody}, run{text: p.placeDate(), italic: true})
	d.s("</w:tc></w:tr></w:tbl>")

	d.p(para{after: 240})
	d.p(para{align: "center", size: szBody}, run{text: p.Labels.Kind, bold: true})
	d.p(para{align: "center", size: szBody}, run{text: p.Subject, bold: true})
	rule := ruleUnder(textW, textW/4)
	rule.after = 240
	d.p(rule)
}

// ruleUnder is an empty paragraph whose top border is a centred line w
// twips long in a block blockW wide: kept apart from the text above, the
// indents that shorten the line never wrap that text.
func ruleUnder(blockW, w int) para {
	ind := max((blockW-min(w, blockW))/2, 0)
	return para{align: "center", size: 8, rule: "top", left: ind, right: ind}
}

// docTargets writes the targets table.
func docTargets(d *docw, p *prepared) {
	if len(p.Targets) == 0 {
		d.p(para{align: "both", firstLine: 567, after: 120}, run{text: p.Labels.None, italic: true})
		return
	}
	l := p.Labels
	w := []int{709, 3546, 1700, 1700, 1700}
	d.tableStart(w, true)
	d.rowStart(true)
	for i, h := range []string{l.ColNo, l.ColTarget, l.ColPlanned, l.ColAchieved, l.ColAssessment} {
		d.cell(w[i], "center", run{text: h, bold: true})
	}
	d.s("</w:tr>")
	for i, t := range p.Targets {
		d.rowStart(false)
		d.cell(w[0], "center", run{text: strconv.Itoa(i + 1)})
		d.cell(w[1], "left", run{text: t.Text})
		d.cell(w[2], "center", run{text: t.Planned})
		d.cell(w[3], "center", run{text: t.Achieved})
		d.cell(w[4], "center", run{text: t.Assessment})
		d.s("</w:tr>")
	}
	d.s("</w:tbl>")
	d.p(para{after: 120})
}

// docBudget writes the budget table with its total row.
func docBudget(d *docw, p *prepared) {
	if len(p.Budget) == 0 {
		d.p(para{align: "both", firstLine: 567, after: 120}, run{text: p.Labels.None, italic: true})
		return
	}
	l := p.Labels
	// Money columns fit 999.999.999.999 at 12 pt on one line.
	w := []int{709, 2409, 1134, 1701, 1701, 1701}
	d.tableStart(w, true)
	d.rowStart(true)
	for i, h := range []string{l.ColNo, l.ColItem, l.ColSource, l.ColEstimated, l.ColAllocated, l.ColSpent} {
		d.cell(w[i], "center", run{text: h, bold: true})
	}
	d.s("</w:tr>")
	for i, b := range p.Budget {
		d.rowStart(false)
		d.cell(w[0], "center", run{text: strconv.Itoa(i + 1)})
		d.cell(w[1], "left", run{text: b.Item})
		d.cell(w[2], "left", run{text: b.Source})
		d.cell(w[3], "right", run{text: vntext.FormatInt(b.Estimated)})
		d.cell(w[4], "right", run{text: vntext.FormatInt(b.Allocated)})
		d.cell(w[5], "right", run{text: vntext.FormatInt(b.Spent)})
		d.s("</w:tr>")
	}
	d.rowStart(false)
	d.cell(w[0], "center", run{})
	d.cell(w[1], "left", run{text: l.Total, bold: true})
	d.cell(w[2], "left", run{})
	d.cell(w[3], "right", run{text: vntext.FormatInt(p.total.Estimated), bold: true})
	d.cell(w[4], "right", run{text: vntext.FormatInt(p.total.Allocated), bold: true})
	d.cell(w[5], "right", run{text: vntext.FormatInt(p.total.Spent), bold: true})
	d.s("</w:tr></w:tbl>")
	d.p(para{after: 120})
}

// docSignature writes the recipients (left) and the signature (right).
func docSignature(d *docw, p *prepared) {
	d.p(para{after: 120})
	d.tableStart([]int{leftBlockW, rightBlockW}, false)
	d.rowStart(false)
	d.cellStart(leftBlockW)
	d.p(para{align: "left", size: szRecip}, run{text: p.Labels.Recipients, bold: true, italic: true})
	for _, s := range p.Recipients {
		d.p(para{align: "left", size: szRecipL}, run{text: "- " + s})
	}
	d.s("</w:tc>")
	d.cellStart(rightBlockW)
	sig := p.Signature
	if sig.Authority != "" {
		d.p(para{align: "center", size: szBody}, run{text: sig.Authority, bold: true})
	}
	d.p(para{align: "center", size: szBody, after: 1440}, run{text: sig.Title, bold: true})
	d.p(para{align: "center", size: szBody}, run{text: sig.Name, bold: true})
	d.s("</w:tc></w:tr></w:tbl>")
}
