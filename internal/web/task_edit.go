package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/proposal"
	"github.com/hoptac/hoptac/internal/store"
)

// agencyOption is one agency of the task page's agency lists, marked where
// the task has it.
type agencyOption struct {
	ID            int64
	Name          string
	Lead, Support bool
}

// taskEditor starts both task forms: {id} (the task, or the plan a task
// is added to), a caller the policy lets edit tasks, and the form parsed.
// It answers the error itself.
func (h *Handler) taskEditor(w http.ResponseWriter, r *http.Request) (*auth.User, int64, bool) {
	u, id, ok := h.readerAndID(w, r)
	if !ok {
		return nil, 0, false
	}
	if !proposal.CanEditTasks(u) {
		h.Error(w, r, apperr.New(apperr.Forbidden, "error.forbidden"))
		return nil, 0, false
	}
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, apperr.Wrap(apperr.Invalid, "error.bad_form", err))
		return nil, 0, false
	}
	return u, id, true
}

// EditTask changes a task from the task page's edit form (the
// coordinator's): content, timeframe, agencies, or dropping it. The form
// carries the revision it was shown at, so an edit made on a task someone
// changed since is refused and the page shows the task as it is now.
func (h *Handler) EditTask(w http.ResponseWriter, r *http.Request) {
	u, id, ok := h.taskEditor(w, r)
	if !ok {
		return
	}
	e, fe := editOf(r)
	if len(fe) == 0 {
		err := h.store.Update(r.Context(), func(tx *store.Tx) error {
			_, err := tx.EditTask(r.Context(), id, e)
			return err
		})
		if err == nil {
			h.sessions.Put(r.Context(), "flash", "task.edit_saved")
			http.Redirect(w, r, "/tasks/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
			return
		}
		switch apperr.CodeOf(err) {
		case apperr.Validation:
			fe = apperr.As(err).Fields
		case apperr.Conflict:
			fe = apperr.FieldErrors{"edit": apperr.As(err).Key}
		default:
			h.Error(w, r, err)
			return
		}
	}
	h.renderTaskForm(w, r, u, id, fe, formValues(r, "content", "timeframe", "reason", "decision"))
}

// editOf reads the edit form. An agency list is sent only when the form
// shows it; a field left as the task has it changes nothing but is still
// written, which the history shows as before = after.
func editOf(r *http.Request) (plan.TaskEdit, apperr.FieldErrors) {
	fe := apperr.FieldErrors{}
	var e plan.TaskEdit
	rev, err := strconv.ParseInt(r.PostFormValue("rev"), 10, 64)
	if err != nil {
		fe.Add("edit", "error.task_changed")
	}
	e.Rev = &rev
	if r.PostFormValue("drop") == "1" {
		e.Drop, e.Decision = true, r.PostFormValue("decision")
	} else {
		content, tf := r.PostFormValue("content"), r.PostFormValue("timeframe")
		e.Content, e.Timeframe = &content, &tf
		if e.Lead, err = formIDs(r, "lead"); err != nil {
			fe.Add("lead", "error.field.agency_unknown")
		}
		if e.Support, err = formIDs(r, "support"); err != nil {
			fe.Add("support", "error.field.agency_unknown")
		}
		if e.Lead == nil {
			e.Lead = []int64{} // none chosen: refused by the edit's rules
		}
		if e.Support == nil {
			e.Support = []int64{}
		}
	}
	e.Reason = r.PostFormValue("reason")
	return e, fe
}

// formIDs reads a multiple choice of record IDs.
func formIDs(r *http.Request, name string) ([]int64, error) {
	var out []int64
	for _, v := range r.PostForm[name] {
		id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || id <= 0 {
			return nil, apperr.New(apperr.Invalid, "error.bad_form")
		}
		out = append(out, id)
	}
	return out, nil
}

// formValues keeps what was typed in the named fields, to refill a form.
func formValues(r *http.Request, names ...string) map[string]string {
	out := map[string]string{}
	for _, n := range names {
		out[n] = r.PostFormValue(n)
	}
	return out
}

// AddTask adds a task to a group of a plan from the task page's form.
func (h *Handler) AddTask(w http.ResponseWriter, r *http.Request) {
	u, planID, ok := h.taskEditor(w, r)
	if !ok {
		return
	}
	from, _ := strconv.ParseInt(r.PostFormValue("from"), 10, 64) // the task page the form was on
	group, _ := strconv.ParseInt(r.PostFormValue("group"), 10, 64)
	lead, lerr := formIDs(r, "add_lead")
	support, serr := formIDs(r, "add_support")
	t := plan.Task{PlanID: planID, GroupID: group, Code: r.PostFormValue("add_code"), Content: r.PostFormValue("add_content"),
		Lead: agencyRefs(lead), Support: agencyRefs(support)}
	var err error
	if lerr != nil || serr != nil {
		err = apperr.FieldErrors{"lead": "error.field.agency_unknown"}.Err()
	} else {
		err = h.store.Update(r.Context(), func(tx *store.Tx) error {
			return tx.AddTask(r.Context(), &t, r.PostFormValue("add_timeframe"), r.PostFormValue("add_reason"))
		})
	}
	if err == nil {
		h.sessions.Put(r.Context(), "flash", "task.added")
		http.Redirect(w, r, "/tasks/"+strconv.FormatInt(t.ID, 10), http.StatusSeeOther)
		return
	}
	if apperr.CodeOf(err) != apperr.Validation || from == 0 {
		h.Error(w, r, err)
		return
	}
	fe := apperr.FieldErrors{}
	for f, k := range apperr.As(err).Fields {
		fe.Add("add_"+f, k)
	}
	h.renderTaskForm(w, r, u, from, fe, formValues(r, "add_code", "add_content", "add_timeframe", "add_reason"))
}

// renderTaskForm shows the task page again with a form's errors beside
// its fields and what was typed in place.
func (h *Handler) renderTaskForm(w http.ResponseWriter, r *http.Request, u *auth.User, id int64, fe apperr.FieldErrors,
	values map[string]string) {
	tv, err := h.taskView(r, u, id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	v := h.view(r, "task.title", tv)
	v.Errors = formErrors(v.L, fe.Err())
	v.Form = values
	v.Form["status"] = string(tv.Task.Recorded)
	h.render(w, r, http.StatusUnprocessableEntity, "task", v)
}

func agencyRefs(ids []int64) []plan.AgencyRef {
	out := make([]plan.AgencyRef, 0, len(ids))
	for _, id := range ids {
		out = append(out, plan.AgencyRef{ID: id})
	}
	return out
}
