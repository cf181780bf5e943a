package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/vntext"
)

// reportPage is an agency's report for a period: the form while the
// agency may still change it, else the report as sent, with its history
// and, for the coordinator, the review.
type reportPage struct {
	S         report.Submission
	PlanTitle string
	Lines     []reportLineForm
	Files     map[int64]string // evidence file -> its name
	Statuses  []plan.Status
	Sources   []report.Source
	CanEdit   bool // the agency (or the coordinator for it) may save and submit
	CanReview bool // the coordinator may return, accept or reopen
	// Problems lists every refused field by name, above the form.
	Problems []string
}

// reportLineForm is one task's line as the form shows it: as typed when
// a refused form comes back, else as stored.
type reportLineForm struct {
	N                           int // from 1, as field names and errors count
	TaskID                      int64
	Code, Content               string
	Status, Done, Figures       string
	Estimated, Allocated, Spent string
	Source                      string
	FileID                      *int64
	file                        *store.File // a new evidence file, read from the form
}

// namedValue is a form field's name and value, for templates that repeat
// one input for several fields.
type namedValue struct{ Name, Value string }

// Amounts are the line's three sums, as the form repeats them.
func (l reportLineForm) Amounts() []namedValue {
	return []namedValue{{"budget_estimated", l.Estimated}, {"budget_allocated", l.Allocated}, {"budget_spent", l.Spent}}
}

// Texts are the report's general texts, as typed or stored.
func (p reportPage) Texts() []namedValue {
	return []namedValue{{"narrative", p.S.Narrative}, {"difficulties", p.S.Difficulties}, {"proposals", p.S.Proposals}}
}

// lineForms is the form of s's stored lines.
func lineForms(s report.Submission) []reportLineForm {
	out := make([]reportLineForm, len(s.Lines))
	for i, l := range s.Lines {
		out[i] = reportLineForm{N: i + 1, TaskID: l.TaskID, Code: l.TaskCode, Content: l.TaskContent,
			Status: l.Status, Done: l.Done, Figures: l.Figures, Source: string(l.Source), FileID: l.FileID,
			Estimated: amount(l.Estimated), Allocated: amount(l.Allocated), Spent: amount(l.Spent)}
	}
	return out
}

// amount shows a sum of đồng as typed back: empty for none, else 1.234.567.
func amount(n int64) string {
	if n == 0 {
		return ""
	}
	return vntext.FormatInt(n)
}

// OpenReport opens an agency's report for a period of a plan (POST
// /plans/{id}/reports/open: period, agency), its draft prefilled from the
// progress recorded in the period the first time, and goes to it.
func (h *Handler) OpenReport(w http.ResponseWriter, r *http.Request) {
	u, planID, err := allowedOnPlan(r, auth.CanReadReports)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	period := r.PostFormValue("period")
	if _, err := report.ParsePeriod(period); err != nil {
		h.Error(w, r, apperr.New(apperr.Invalid, "error.param.period"))
		return
	}
	agency, err := strconv.ParseInt(r.PostFormValue("agency"), 10, 64)
	if err != nil || agency <= 0 {
		h.Error(w, r, apperr.New(apperr.NotFound, "error.report_not_expected"))
		return
	}
	if !auth.CanSubmitReport(u, agency) {
		h.Error(w, r, apperr.New(apperr.Forbidden, "error.forbidden"))
		return
	}
	var s report.Submission
	err = h.store.Update(r.Context(), func(tx *store.Tx) error {
		s, err = tx.OpenSubmission(r.Context(), planID, period, agency)
		return err
	})
	if err != nil {
		h.Error(w, r, err)
		return
	}
	http.Redirect(w, r, reportPath(s.ID), http.StatusSeeOther)
}

func reportPath(id int64) string { return "/reports/" + strconv.FormatInt(id, 10) }

// reportFor reads {id} and the report, for a reader the policy lets read
// it (store.ReadableSubmission, the API's check too); it renders the error
// itself.
func (h *Handler) reportFor(w http.ResponseWriter, r *http.Request) (*auth.User, report.Submission, bool) {
	u, id, ok := h.readerAndID(w, r)
	if !ok {
		return nil, report.Submission{}, false
	}
	s, err := h.store.ReadableSubmission(r.Context(), u, id, h.now())
	if err != nil {
		h.Error(w, r, err)
		return nil, s, false
	}
	return u, s, true
}

// Report shows an agency's report (GET /reports/{id}): the form to its
// agency while it is a draft or returned, else the report read only; the
// review to the coordinator.
func (h *Handler) Report(w http.ResponseWriter, r *http.Request) {
	u, s, ok := h.reportFor(w, r)
	if !ok {
		return
	}
	h.renderReport(w, r, u, s, lineForms(s), http.StatusOK, nil)
}

// SaveReport stores the report form (POST /reports/{id}) and, when the
// "submit" button was pressed, sends it: to the coordinator the first
// time, back to it after a return. A sending after the due day goes
// through, marked late. A refused form comes back as typed, every wrong
// field named.
func (h *Handler) SaveReport(w http.ResponseWriter, r *http.Request) {
	u, s, ok := h.reportFor(w, r)
	if !ok {
		return
	}
	if !auth.CanSubmitReport(u, s.AgencyID) {
		h.Error(w, r, apperr.New(apperr.Forbidden, "error.forbidden"))
		return
	}
	if !s.State.Editable() {
		h.Error(w, r, apperr.New(apperr.Conflict, "error.report.locked"))
		return
	}
	if err := r.ParseMultipartForm(MaxUpload); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		h.Error(w, r, uploadError(err))
		return
	}
	stored := s
	lines, fe := readReportForm(r, &s)
	submit := r.PostFormValue("action") == "submit"
	err := fe.Err()
	if err == nil {
		ctx := r.Context()
		err = h.store.Update(ctx, func(tx *store.Tx) error {
			for i := range lines {
				if f := lines[i].file; f != nil {
					if err := tx.AttachReportFile(ctx, s.ID, lines[i].TaskID, f); err != nil {
						return err
					}
					s.Lines[i].FileID = &f.ID
				}
			}
			if err := tx.SaveSubmission(ctx, &s); err != nil {
				return err
			}
			if submit {
				var err error
				s, err = tx.ActOnSubmission(ctx, s.ID, report.Submit, "")
				return err
			}
			return nil
		})
	}
	if err == nil {
		flash := "report.saved"
		switch {
		case submit && s.Late:
			flash = "report.submitted_late"
		case submit:
			flash = "report.submitted"
		}
		h.sessions.Put(r.Context(), "flash", flash)
		http.Redirect(w, r, reportPath(s.ID), http.StatusSeeOther)
		return
	}
	if apperr.CodeOf(err) != apperr.Validation {
		h.Error(w, r, err)
		return
	}
	// The texts as typed, the rest as stored.
	stored.Narrative, stored.Difficulties, stored.Proposals = s.Narrative, s.Difficulties, s.Proposals
	h.renderReport(w, r, u, stored, lines, http.StatusUnprocessableEntity, err)
}

// readReportForm reads the texts and task lines of the form into s,
// matching lines by the task each names, and returns them as typed with
// what the form alone can refuse: amounts that are not whole numbers of
// đồng and files that cannot be read. The store checks the rest.
func readReportForm(r *http.Request, s *report.Submission) ([]reportLineForm, apperr.FieldErrors) {
	fe := apperr.FieldErrors{}
	s.Narrative, s.Difficulties, s.Proposals = r.PostFormValue("narrative"), r.PostFormValue("difficulties"),
		r.PostFormValue("proposals")
	held := map[int64]report.Line{}
	for _, l := range s.Lines {
		held[l.TaskID] = l
	}
	forms := make([]reportLineForm, 0, len(s.Lines))
	lines := make([]report.Line, 0, len(s.Lines))
	for n := 1; n <= len(s.Lines); n++ {
		field := func(name string) string { return fmt.Sprintf("lines.%d.%s", n, name) }
		task, err := strconv.ParseInt(r.PostFormValue(field("task_id")), 10, 64)
		before, ok := held[task]
		if err != nil || !ok {
			fe.Add(field("task_id"), "error.field.report_task")
			continue
		}
		f := reportLineForm{N: n, TaskID: task, Code: before.TaskCode, Content: before.TaskContent,
			Status: r.PostFormValue(field("status")), Done: r.PostFormValue(field("done")),
			Figures: r.PostFormValue(field("figures")), Estimated: r.PostFormValue(field("budget_estimated")),
			Allocated: r.PostFormValue(field("budget_allocated")), Spent: r.PostFormValue(field("budget_spent")),
			Source: r.PostFormValue(field("budget_source")), FileID: before.FileID}
		l := report.Line{TaskID: task, Status: f.Status, Done: f.Done, Figures: f.Figures,
			Source: report.Source(f.Source), FileID: before.FileID}
		for _, a := range []struct {
			name  string
			typed string
			to    *int64
		}{{"budget_estimated", f.Estimated, &l.Estimated}, {"budget_allocated", f.Allocated, &l.Allocated},
			{"budget_spent", f.Spent, &l.Spent}} {
			v, ok := parseWholeNumber(a.typed)
			if !ok {
				fe.Add(field(a.name), "error.field.whole_number")
			}
			*a.to = v
		}
		if r.PostFormValue(field("file_remove")) != "" {
			l.FileID, f.FileID = nil, nil
		}
		file, err := evidenceFileField(r, field("file"))
		if err != nil {
			key := apperr.As(err).Key
			if key == "" {
				key = "error.field.file_unreadable"
			}
			fe.Add(field("file"), key)
		}
		f.file = file
		forms, lines = append(forms, f), append(lines, l)
	}
	s.Lines = lines
	return forms, fe
}

// renderReport shows the report page; err is a refused form's.
func (h *Handler) renderReport(w http.ResponseWriter, r *http.Request, u *auth.User, s report.Submission,
	lines []reportLineForm, status int, err error) {
	ctx := r.Context()
	p := reportPage{S: s, Lines: lines, Statuses: []plan.Status{plan.StatusNotStarted, plan.StatusInProgress, plan.StatusDone},
		Sources: report.Sources(), CanEdit: s.State.Editable() && auth.CanSubmitReport(u, s.AgencyID),
		CanReview: auth.CanReviewReports(u)}
	title, perr := h.store.Plan(ctx, s.PlanID)
	if perr != nil {
		h.Error(w, r, perr)
		return
	}
	p.PlanTitle = title.Title
	if p.Files, perr = h.store.ReportFileNames(ctx, s.ID); perr != nil {
		h.Error(w, r, perr)
		return
	}
	v := h.view(r, "report.title", nil)
	v.Title = v.L.T("report.title", s.Period, s.AgencyName)
	if err != nil {
		v.Errors = formErrors(v.L, err)
		p.Problems = reportProblems(v.L.T, lines, v.Errors)
		v.Form = map[string]string{"comment": r.PostFormValue("comment")}
	}
	v.Data = p
	h.render(w, r, status, "report", v)
}

// reportFields are a report's fields in the order the form shows them.
var (
	reportTextFields = []string{"narrative", "difficulties", "proposals", "comment"}
	reportLineFields = []string{"task_id", "status", "done", "figures", "budget_estimated", "budget_allocated",
		"budget_spent", "budget_source", "file", "file_id"}
)

// reportProblems names every refused field, in the form's order: "Nhiệm
// vụ I.2 – Đã giải ngân: …", so a long form's error is found at once.
func reportProblems(t func(string, ...any) string, lines []reportLineForm, errs map[string]string) []string {
	var out []string
	for _, l := range lines {
		for _, name := range reportLineFields {
			if msg, ok := errs[fmt.Sprintf("lines.%d.%s", l.N, name)]; ok {
				out = append(out, t("report.problem_line", l.Code, t("report.field."+name), msg))
			}
		}
	}
	for _, name := range reportTextFields {
		if msg, ok := errs[name]; ok {
			out = append(out, t("report.problem", t("report.field."+name), msg))
		}
	}
	if len(out) == 0 && len(errs) > 0 {
		for _, msg := range errs {
			out = append(out, msg)
		}
	}
	return out
}
