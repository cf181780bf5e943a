package planimport

import (
	"regexp"
	"strconv"
	"strings"
)

// column is what a task-table column holds.
type column int

const (
	colExtra column = iota
	colSTT
	colContent
	colLead
	colSupport
	colTime
)

// layout is a task table's columns, read from its header row.
type layout struct {
	cols  []column
	names []string // header text, the key of extra columns
}

// defaultLayout is assumed for a table without a header row.
var defaultLayout = layout{cols: []column{colSTT, colContent, colLead, colSupport, colTime}}

// classifyHeader reads a header cell. Header names vary between plans:
// "Đơn vị chủ trì"/"Cơ quan chủ trì", "Thời gian thực hiện"/"Thời gian
// hoàn thành"/"Thời hạn"; anything else is an extra column.
func classifyHeader(cell string) column {
	f := fold(cell)
	switch {
	case f == "stt" || f == "tt" || strings.HasPrefix(f, "so tt") || strings.HasPrefix(f, "so thu tu"):
		return colSTT
	case strings.Contains(f, "thoi gian") || strings.Contains(f, "thoi han") || strings.Contains(f, "tien do") ||
		strings.Contains(f, "han hoan thanh"):
		return colTime
	case strings.Contains(f, "phoi hop"):
		return colSupport
	case strings.Contains(f, "chu tri") || strings.Contains(f, "thuc hien") && (strings.Contains(f, "don vi") || strings.Contains(f, "co quan")):
		return colLead
	case strings.Contains(f, "noi dung") || strings.Contains(f, "nhiem vu") || strings.Contains(f, "giai phap") ||
		strings.Contains(f, "cong viec"):
		return colContent
	}
	return colExtra
}

// headerLayout returns the layout of a header row, if cells is one: it
// names the content and at least one of lead, support and time.
func headerLayout(cells []string) (layout, bool) {
	l := layout{cols: make([]column, len(cells)), names: make([]string, len(cells))}
	seen := map[column]bool{}
	for i, c := range cells {
		col := classifyHeader(c)
		if col != colExtra && seen[col] {
			col = colExtra // a second "Nội dung" column is kept, not merged
		}
		seen[col] = true
		l.cols[i], l.names[i] = col, clean(c)
	}
	ok := seen[colContent] && (seen[colLead] || seen[colSupport] || seen[colTime])
	return l, ok
}

var pipeRuleRE = regexp.MustCompile(`^[\s|:+=\-–]+$`)

// rowCells returns the cells of a table row: a Word row, a tab-separated
// line or a "|"-delimited line; nil for anything else. A rule line of a
// "|" table ("|---|---|") is an empty non-nil row.
func rowCells(l line) []string {
	if l.cells != nil {
		return l.cells
	}
	if strings.Contains(l.text, "\t") {
		return strings.Split(l.text, "\t")
	}
	if strings.Count(l.text, "|") >= 2 {
		t := strings.TrimSpace(l.text)
		if pipeRuleRE.MatchString(t) {
			return []string{}
		}
		t = strings.TrimSuffix(strings.TrimPrefix(t, "|"), "|")
		return strings.Split(t, "|")
	}
	return nil
}

// row is one table row by meaning.
type row struct {
	n       int
	raw     string // the line as in the file, for Task.Source
	stt     string
	content string
	lead    string
	support string
	time    string
	extra   map[string]string
	// continued: a Word row whose number and content continue the row
	// above (vertically merged): its agencies belong to the same task.
	continued bool
}

func (l layout) read(ln line, cells []string) row {
	r := row{n: ln.n, raw: ln.text}
	for i, c := range cells {
		c = strings.TrimSpace(c)
		col, name := colExtra, ""
		if i < len(l.cols) {
			col = l.cols[i]
			if i < len(l.names) {
				name = l.names[i]
			}
		}
		if name == "" && col == colExtra {
			name = "Cột " + itoa(i+1)
		}
		switch col {
		case colSTT:
			r.stt = c
		case colContent:
			r.content = joinCell(r.content, c)
		case colLead:
			r.lead = joinCell(r.lead, c)
		case colSupport:
			r.support = joinCell(r.support, c)
		case colTime:
			r.time = joinCell(r.time, c)
		default:
			if c != "" {
				if r.extra == nil {
					r.extra = map[string]string{}
				}
				r.extra[name] = clean(c)
			}
		}
	}
	if ln.merged != nil {
		sttMerged, contentMerged := false, false
		for i := range cells {
			if i < len(l.cols) && i < len(ln.merged) && ln.merged[i] {
				switch l.cols[i] {
				case colSTT:
					sttMerged = true
				case colContent:
					contentMerged = true
				}
			}
		}
		r.continued = contentMerged && (sttMerged || r.stt == "")
	}
	return r
}

func joinCell(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n" + b
}

// findTables marks the lines of every task table and returns their rows.
// A table starts at a header row; without any header, a run of at least
// three rows numbered I, II, … or 1, 2, … is read with the default
// layout, and a warning says so.
func (p *parser) findTables() []row {
	var rows []row
	for i := 0; i < len(p.lines); i++ {
		cells := rowCells(p.lines[i])
		if len(cells) < 3 {
			continue
		}
		lay, ok := headerLayout(cells)
		if !ok {
			continue
		}
		p.inTable[i] = true
		i = p.readTable(i+1, lay, &rows)
	}
	if len(rows) > 0 {
		return rows
	}
	for i := 0; i < len(p.lines); i++ {
		if !p.numberedRow(i) {
			continue
		}
		run, j := 0, i
		for ; j < len(p.lines) && (p.numberedRow(j) || strings.TrimSpace(p.lines[j].text) == ""); j++ {
			if p.numberedRow(j) {
				run++
			}
		}
		if run >= 3 {
			p.res.warn(warnNoHeader, p.lines[i].n)
			i = p.readTable(i, defaultLayout, &rows) - 1
		} else {
			i = j
		}
	}
	return rows
}

// numberedRow reports a row whose first cell is a group or task number.
func (p *parser) numberedRow(i int) bool {
	cells := rowCells(p.lines[i])
	if len(cells) < 3 {
		return false
	}
	stt := cleanSTT(cells[0])
	return romanValue(stt) > 0 || taskNumberRE.MatchString(stt)
}

// readTable reads rows from line i until the table ends: at a line that
// is not a row (blank lines and "|" rules inside are skipped). A Roman
// heading without tabs followed by more rows is read as a group row.
func (p *parser) readTable(i int, lay layout, rows *[]row) int {
	for ; i < len(p.lines); i++ {
		if i%1024 == 0 && p.ctx.Err() != nil {
			return len(p.lines)
		}
		ln := p.lines[i]
		cells := rowCells(ln)
		switch {
		case cells != nil:
			p.inTable[i] = true
			if len(cells) == 0 {
				continue
			}
			if mayBeHeader(cells) {
				if _, isHeader := headerLayout(cells); isHeader {
					continue // a header repeated on a new page
				}
			}
			*rows = append(*rows, lay.read(ln, cells))
		case strings.TrimSpace(ln.text) == "":
			continue
		default:
			if _, _, ok := romanHeading(ln.text); ok && p.rowFollows(i+1) {
				p.inTable[i] = true
				*rows = append(*rows, row{n: ln.n, stt: strings.TrimSpace(ln.text)})
				continue
			}
			return i
		}
	}
	return i
}

func (p *parser) rowFollows(i int) bool {
	for ; i < len(p.lines); i++ {
		if strings.TrimSpace(p.lines[i].text) == "" {
			continue
		}
		return len(rowCells(p.lines[i])) >= 3
	}
	return false
}

// mayBeHeader cheaply rules out the rows that cannot be a header: those
// numbered like a group or a task.
func mayBeHeader(cells []string) bool {
	if len(cells) < 3 {
		return false
	}
	stt := cleanSTT(cells[0])
	return stt == "" || len(stt) <= 24 && romanValue(stt) == 0 && !taskNumberRE.MatchString(stt)
}

var (
	taskNumberRE = regexp.MustCompile(`^\d{1,3}(?:\.\d{1,3}){0,2}$`)
	letterRE     = regexp.MustCompile(`^[a-zđ]$`)
	// groupInCellRE is a group row whose number and title share a cell.
	groupInCellRE = regexp.MustCompile(`^([IVX]{1,5})\s*[.:)\-–]?\s+(\S.*)$`)
)

// cleanSTT trims a number cell: "1." → "1", "a)" → "a".
func cleanSTT(s string) string {
	return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ".)"))
}

func itoa(n int) string {
	return strconv.Itoa(n)
}
