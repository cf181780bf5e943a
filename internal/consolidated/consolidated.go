// Package consolidated builds the coordinator's consolidated report of a
// period (báo cáo tổng hợp) from what hoptac holds: the plan and its task
// groups, the agencies' reports of the period, the plan's targets, the
// budget lines, the reporting rates, and the narrative the coordinator
// edited. package reportdoc then writes it as .docx, .xlsx or .pdf.
package consolidated

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/reportdoc"
	"github.com/hoptac/hoptac/internal/store"
)

// Draft is a period's consolidated report: the narrative as it will print
// (saved fields, generated defaults for the empty ones) and the document.
type Draft struct {
	Plan      plan.Plan
	Period    report.Period
	Schedule  report.Schedule
	Window    report.Window
	Narrative report.Narrative // with defaults filled in
	Saved     bool             // the coordinator saved a narrative
	Coord     string           // the coordinating agency on the day of issue, "" when unknown
	Report    reportdoc.Report
}

// Build assembles the consolidated report of period key of a plan, in the
// language of l, as of today (the default day of issue).
func Build(ctx context.Context, db *store.DB, l i18n.Localizer, planID int64, key string, today time.Time) (*Draft, error) {
	p, err := report.ParsePeriod(key)
	if err != nil {
		return nil, err
	}
	pl, err := db.Plan(ctx, planID)
	if err != nil {
		return nil, err
	}
	s, err := db.ScheduleFor(ctx, planID, p)
	if err != nil {
		return nil, err
	}
	d := &Draft{Plan: pl, Period: p, Schedule: s, Window: s.Window(p)}
	saved, ok, err := db.ConsolidatedNarrative(ctx, planID, p.Key())
	if err != nil {
		return nil, err
	}
	d.Saved = ok
	issued := report.Day(today)
	if saved.IssuedOn != nil {
		issued = *saved.IssuedOn
	}
	// The issuing body is the coordinator on the day of issue: Sở Kế
	// hoạch và Đầu tư's report of 2024 goes out from Sở Tài chính in 2025.
	coord, has, err := db.PlanCoordinator(ctx, planID, issued)
	if err != nil && apperr.CodeOf(err) != apperr.NotFound {
		return nil, err
	}
	if has {
		d.Coord = coord.Name
	} else {
		d.Coord = pl.Coordinator
	}
	d.Narrative = withDefaults(saved, defaults(l, pl, p, issued))
	r := reportdoc.Report{
		Labels:       reportdoc.NewLabels(l),
		ParentBody:   pl.Issuer,
		IssuingBody:  d.Coord,
		Number:       d.Narrative.Number,
		Place:        d.Narrative.Place,
		Date:         *d.Narrative.IssuedOn,
		Subject:      d.Narrative.Subject,
		Introduction: d.Narrative.Summary,
		Closing:      joinParas(d.Narrative.Assessment, d.Narrative.Proposals),
		Recipients:   d.Narrative.Recipients,
		Signature:    reportdoc.Signature{Authority: d.Narrative.SignerAuthority, Title: d.Narrative.SignerTitle, Name: d.Narrative.SignerName},
	}
	asOf := report.Day(today)
	if d.Window.End.Before(asOf) {
		asOf = d.Window.End
	}
	full, err := db.PlanWithTasks(ctx, planID, asOf)
	if err != nil {
		return nil, err
	}
	sources, err := db.ConsolidatedSources(ctx, s.ID, p.Key())
	if err != nil {
		return nil, err
	}
	r.Groups, r.Budget = body(l, full, sources)
	r.Targets = targets(pl.Targets)
	if r.Rates, err = rates(ctx, db, planID, p); err != nil {
		return nil, err
	}
	d.Report = r
	return d, nil
}

// Format is a file format of the report.
type Format string

const (
	DOCX Format = "docx"
	XLSX Format = "xlsx"
	PDF  Format = "pdf"
)

// Formats lists the formats in the order pages offer them.
func Formats() []Format { return []Format{DOCX, XLSX, PDF} }

// ParseFormat reads a format name; a wrong one is a validation error on
// "format".
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	for _, ok := range Formats() {
		if f == ok {
			return f, nil
		}
	}
	return "", apperr.FieldErrors{"format": "error.field.format"}.Err()
}

// ContentType is the media type of f.
func (f Format) ContentType() string {
	switch f {
	case DOCX:
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case XLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "application/pdf"
}

// Write writes the report in format f.
func (d *Draft) Write(w io.Writer, f Format) error {
	switch f {
	case DOCX:
		return reportdoc.WriteDOCX(w, d.Report)
	case XLSX:
		return reportdoc.WriteXLSX(w, d.Report)
	case PDF:
		return reportdoc.WritePDF(w, d.Report)
	}
	return apperr.FieldErrors{"format": "error.field.format"}.Err()
}

// FileName is the download's name: "bao-cao-tong-hop-12-2025.docx".
func (d *Draft) FileName(f Format) string {
	return fmt.Sprintf("bao-cao-tong-hop-%d-%s.%s", d.Plan.ID, d.Period.Key(), f)
}

func joinParas(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n")
}
