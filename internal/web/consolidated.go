package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/consolidated"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// The consolidated report's editor and downloads
// (/plans/{id}/consolidated/{period}, …/{period}.docx, .xlsx, .pdf): the
// coordinator edits the narrative of the generated draft; a leader reads
// it and downloads the files.

type consolidatedPage struct {
	Draft      *consolidated.Draft
	Form       report.Narrative // what the form shows: saved, defaults, or what was sent
	Recipients string           // one per line
	IssuedOn   string           // yyyy-mm-dd, for the date input
	PeriodName string
	CanEdit    bool
	Base       string // the page's path, the downloads' stem
	Formats    []consolidated.Format
	Tasks      int // tasks in the body, and those some agency wrote on
	Reported   int
	Reporting  float64
	OnTime     float64
}

// consolidatedTarget reads {id} and {period} ("2025" or "2025.pdf"),
// checking the reader may read the report. format is "" for the page.
func (h *Handler) consolidatedTarget(r *http.Request, may func(*auth.User) bool) (planID int64, period string, f consolidated.Format, err error) {
	if _, err = requireAllowed(r, may); err != nil {
		return 0, "", "", err
	}
	if planID, err = pathID(r, "id"); err != nil {
		return 0, "", "", err
	}
	period = r.PathValue("period")
	if stem, ext, ok := strings.Cut(period, "."); ok {
		if f, err = consolidated.ParseFormat(ext); err != nil {
			return 0, "", "", apperr.New(apperr.NotFound, "error.page_not_found")
		}
		period = stem
	}
	p, err := report.ParsePeriod(period)
	if err != nil {
		return 0, "", "", apperr.New(apperr.NotFound, "error.page_not_found")
	}
	return planID, p.Key(), f, nil
}

// Consolidated shows the draft of a period's consolidated report with its
// narrative form, or sends one of its files.
func (h *Handler) Consolidated(w http.ResponseWriter, r *http.Request) {
	planID, period, f, err := h.consolidatedTarget(r, auth.CanReadConsolidated)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	l := h.i18n.For(i18n.Pick(r)) // not h.view, which would take the flash
	d, err := consolidated.Build(r.Context(), h.store, l, planID, period, h.now().In(report.Zone()))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if f == "" {
		h.consolidatedForm(w, r, d, d.Narrative, http.StatusOK, nil)
		return
	}
	// Written whole before the first byte goes out: a document that
	// fails half-way is an error page, never a broken file.
	var buf bytes.Buffer
	if err := d.Write(&buf, f); err != nil {
		h.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", f.ContentType())
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", d.FileName(f)))
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Header().Set("Cache-Control", "no-store")
	_, _ = buf.WriteTo(w)
}

// SaveConsolidated stores the narrative the coordinator edited. A field
// left empty takes the generated text again.
func (h *Handler) SaveConsolidated(w http.ResponseWriter, r *http.Request) {
	planID, period, f, err := h.consolidatedTarget(r, auth.CanEditConsolidated)
	if err == nil && f != "" {
		err = apperr.New(apperr.NotFound, "error.page_not_found")
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	n := report.Narrative{PlanID: planID, Period: period,
		Number: r.PostFormValue("number"), Place: r.PostFormValue("place"), Subject: r.PostFormValue("subject"),
		Summary: r.PostFormValue("summary"), Assessment: r.PostFormValue("assessment"), Proposals: r.PostFormValue("proposals"),
		Recipients:      strings.Split(strings.ReplaceAll(r.PostFormValue("recipients"), "\r\n", "\n"), "\n"),
		SignerAuthority: r.PostFormValue("signer_authority"), SignerTitle: r.PostFormValue("signer_title"),
		SignerName: r.PostFormValue("signer_name")}
	fe := apperr.FieldErrors{}
	if s := strings.TrimSpace(r.PostFormValue("issued_on")); s != "" {
		d, perr := time.Parse("2006-01-02", s)
		if perr != nil || d.Year() < 1945 || d.Year() > 9999 {
			fe.Add("issued_on", "error.field.date")
		} else {
			n.IssuedOn = &d
		}
	}
	err = fe.Err()
	if err == nil {
		err = h.store.Update(r.Context(), func(tx *store.Tx) error { return tx.SaveConsolidatedNarrative(r.Context(), &n) })
	}
	if err != nil {
		if apperr.CodeOf(err) != apperr.Validation {
			h.Error(w, r, err)
			return
		}
		for k, v := range fe {
			apperr.As(err).Fields[k] = v
		}
		l := h.i18n.For(i18n.Pick(r)) // not h.view, which would take the flash
		d, berr := consolidated.Build(r.Context(), h.store, l, planID, period, h.now().In(report.Zone()))
		if berr != nil {
			h.Error(w, r, berr)
			return
		}
		h.consolidatedForm(w, r, d, n, http.StatusUnprocessableEntity, err)
		return
	}
	h.sessions.Put(r.Context(), "flash", "consolidated.saved")
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/consolidated/%s", planID, period), http.StatusSeeOther) //nolint:gosec // a local path of a numeric ID and a validated period
}

func (h *Handler) consolidatedForm(w http.ResponseWriter, r *http.Request, d *consolidated.Draft, n report.Narrative, status int, formErr error) {
	u := auth.UserFrom(r.Context())
	data := &consolidatedPage{Draft: d, Form: n, Recipients: strings.Join(n.Recipients, "\n"),
		CanEdit: auth.CanEditConsolidated(u), Base: fmt.Sprintf("/plans/%d/consolidated/%s", d.Plan.ID, d.Period.Key()),
		Formats: consolidated.Formats()}
	if n.IssuedOn != nil {
		data.IssuedOn = n.IssuedOn.Format("2006-01-02")
	}
	for _, g := range d.Report.Groups {
		for _, t := range g.Tasks {
			data.Tasks++
			if len(t.Reports) > 0 {
				data.Reported++
			}
		}
	}
	rt := report.Rates{Expected: d.Report.Rates.Expected, Sent: d.Report.Rates.Submitted, OnTime: d.Report.Rates.OnTime}
	data.Reporting, data.OnTime = rt.ReportingRate(), rt.OnTimeRate()
	v := h.view(r, "consolidated.title", data)
	data.PeriodName = consolidated.PeriodName(v.L, d.Period)
	if formErr != nil {
		v.Errors = formErrors(v.L, formErr)
	}
	h.render(w, r, status, "consolidated", v)
}
