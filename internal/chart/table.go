package chart

import (
	"html/template"
	"strings"
)

// tableTmpl is the table view of a chart. html/template escapes every
// label and checks every href.
var tableTmpl = template.Must(template.New("table").Parse(`<table class="list chart-table" id="{{.ID}}-table">
<caption>{{.Title}}</caption>
<thead><tr><th scope="col">{{.Category}}</th>{{range .Series}}<th scope="col">{{.Name}}</th>{{end}}</tr></thead>
<tbody>{{range .Rows}}
<tr><th scope="row">{{.Label}}</th>{{range .Cells}}<td class="num">{{if .Href}}<a href="{{.Href}}">{{.Text}}</a>{{else}}{{.Text}}{{end}}</td>{{end}}</tr>{{end}}
</tbody>
</table>`))

type tableCell struct{ Text, Href string }

type tableRow struct {
	Label string
	Cells []tableCell
}

// Table is the chart's data as an HTML table: a row per label, a column
// per series, each value written the Vietnamese way and linked to its
// rows when it has an href; a missing value reads Data.NoValue. Pages show it beside the chart (or behind a
// <details>): it is what a screen reader reads.
func Table(d Data) template.HTML {
	var rows []tableRow
	for i, label := range d.Labels {
		r := tableRow{Label: label}
		for _, s := range d.Series {
			if s.missing(i) {
				r.Cells = append(r.Cells, tableCell{Text: d.NoValue})
				continue
			}
			r.Cells = append(r.Cells, tableCell{Text: d.Format(s.value(i)), Href: s.href(i)})
		}
		rows = append(rows, r)
	}
	var b strings.Builder
	err := tableTmpl.Execute(&b, struct {
		Data
		Rows []tableRow
	}{d, rows})
	if err != nil {
		// The template is fixed and its data plain strings: an error
		// here is a bug, and an empty table shows it without a panic.
		return ""
	}
	return template.HTML(b.String())
}
