// Package registerexport writes a filtered list of the cooperative register
// as a spreadsheet: .xlsx, or .csv in UTF-8 with a byte order mark so that
// Excel shows the diacritics. The web page's download links and the
// command line's export register both write through it.
package registerexport

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
)

// Format is the kind of file an export writes.
type Format string

const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
)

// ParseFormat reads a format's name, csv by default.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case "":
		return CSV, nil
	case CSV, XLSX:
		return f, nil
	}
	return "", apperr.New(apperr.Invalid, "error.param.format")
}

// ContentType is the media type of a file in format f.
func (f Format) ContentType() string {
	if f == XLSX {
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "text/csv; charset=utf-8"
}

// Source is what an export reads: the register's list, a page at a time
// after where the last one ended, and a year's figures for a page of it
// (store.DB).
type Source interface {
	OrganisationsAfter(ctx context.Context, f store.OrganisationFilter, cur store.OrgCursor, limit int) ([]coop.Organisation, store.OrgCursor, error)
	FiguresOfYear(ctx context.Context, ids []int64, year int) (map[int64]coop.YearFigures, error)
}

// Translate gives a message's text in the reader's language.
type Translate func(key string, args ...any) string

// pageSize is how many organisations an export reads at a time, so memory
// stays bounded however long the list (a variable for the tests).
var pageSize = 500

// cell is one value of a row: text stays text (a registration code is
// never a number), a number is written as one.
type cell struct {
	text  string
	num   int64
	isNum bool
	plain bool // a year, shown without thousands separators
}

func text(s string) cell   { return cell{text: s} }
func num(n int64) cell     { return cell{num: n, isNum: true} }
func yearNum(n int64) cell { return cell{num: n, isNum: true, plain: true} }

// columns are the header keys of the organisation's columns, then of the
// year's figures, which an export has when its filter names a year.
var orgColumns = []string{"org.field.code", "org.field.name", "org.field.short_name", "org.field.form",
	"org.field.sector", "org.field.commune_code", "org.field.new_commune_code", "org.field.address",
	"org.field.law", "org.field.status", "org.field.phone", "org.field.email"}

var figureColumns = []string{"fig.field.year", "export.members", "fig.field.member_coops", "fig.field.employees",
	"fig.field.charter_capital", "fig.field.total_assets", "fig.field.revenue", "fig.field.profit",
	"fig.field.avg_income", "fig.field.rating", "fig.field.exemplary", "fig.field.ocop_products"}

// header is the first row in the reader's language.
func header(f store.OrganisationFilter, t Translate) []string {
	var out []string
	for _, k := range orgColumns {
		out = append(out, t(k))
	}
	if f.Year != 0 {
		for _, k := range figureColumns {
			out = append(out, t(k))
		}
	}
	return out
}

// row is one organisation's cells; fig is nil when the filter names no
// year or it has no figures that year (the cells stay empty).
func row(o coop.Organisation, year int, fig *coop.YearFigures, t Translate) []cell {
	out := []cell{text(o.Code), text(o.Name), text(o.ShortName), text(t("coop.form." + string(o.Form))),
		text(t("coop.sector." + string(o.Sector))), text(o.CommuneCode), text(o.NewCommuneCode), text(o.Address),
		yearNum(int64(o.Law)), text(t("coop.status." + string(o.Status))), text(o.Phone), text(o.Email)}
	if year == 0 {
		return out
	}
	if fig == nil {
		// Every row as wide as the header: the year, then empty cells.
		out = append(out, yearNum(int64(year)))
		for range figureColumns[1:] {
			out = append(out, text(""))
		}
		return out
	}
	rating, exemplary := "", ""
	if fig.Rating != "" {
		rating = t("coop.rating." + string(fig.Rating))
	}
	if fig.Exemplary {
		exemplary = t("export.yes")
	}
	return append(out, yearNum(int64(year)), num(fig.Members()), num(fig.MemberCoops), num(fig.Employees),
		num(fig.CharterCapital), num(fig.TotalAssets), num(fig.Revenue), num(fig.Profit), num(fig.AvgIncome),
		text(rating), text(exemplary), num(fig.OCOPProducts))
}

// rowWriter takes the rows of one file.
type rowWriter interface {
	header([]string) error
	row([]cell) error
	close() error
}

// Write writes every organisation f selects (its page fields ignored), in
// Vietnamese order, to w in format, and says how many it wrote.
func Write(ctx context.Context, w io.Writer, src Source, f store.OrganisationFilter, format Format, t Translate) (int, error) {
	var rw rowWriter
	var err error
	switch format {
	case CSV:
		rw, err = newCSV(w)
	case XLSX:
		rw, err = newXLSX(w, f)
	default:
		err = apperr.New(apperr.Invalid, "error.param.format")
	}
	if err != nil {
		return 0, err
	}
	if err := rw.header(header(f, t)); err != nil {
		return 0, fmt.Errorf("registerexport: %w", err)
	}
	n := 0
	var cur store.OrgCursor
	for {
		// By keyset (store.OrganisationsAfter): writes during a long
		// export do not shift the pages under it.
		list, next, err := src.OrganisationsAfter(ctx, f, cur, pageSize)
		if err != nil {
			return 0, err
		}
		var figs map[int64]coop.YearFigures
		if f.Year != 0 && len(list) > 0 {
			ids := make([]int64, len(list))
			for i, o := range list {
				ids[i] = o.ID
			}
			if figs, err = src.FiguresOfYear(ctx, ids, f.Year); err != nil {
				return 0, err
			}
		}
		for _, o := range list {
			var fig *coop.YearFigures
			if y, ok := figs[o.ID]; ok {
				fig = &y
			}
			if err := rw.row(row(o, f.Year, fig, t)); err != nil {
				return 0, fmt.Errorf("registerexport: %w", err)
			}
			n++
		}
		if len(list) < pageSize {
			break
		}
		cur = next
	}
	if err := rw.close(); err != nil {
		return 0, fmt.Errorf("registerexport: %w", err)
	}
	return n, nil
}
