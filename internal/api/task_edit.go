package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// taskPatch is the body of PATCH /api/v1/tasks/{id}. An absent field is
// left as it is; "support": [] clears the supporting agencies.
type taskPatch struct {
	Rev       *int64  `json:"rev"`
	Content   *string `json:"content"`
	Timeframe *string `json:"timeframe"`
	Lead      []int64 `json:"lead"`
	Support   []int64 `json:"support"`
	Drop      bool    `json:"drop"`
	Decision  string  `json:"decision"`
	Reason    string  `json:"reason"`
}

// PatchTask edits a task (coordinators and administrators). The revision
// the client read comes in If-Match (the ETag of GET /tasks/{id}) or in
// "rev"; one of them is required, so an edit never silently overwrites a
// change made since, and a stale one answers 409.
func (h *Handler) PatchTask(w http.ResponseWriter, r *http.Request) {
	id, ok := h.readerAndID(w, r)
	if !ok {
		return
	}
	var req taskPatch
	if err := decodeBody(w, r, &req); err != nil {
		h.Error(w, r, err)
		return
	}
	rev, err := revisionOf(r, req.Rev)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	e := plan.TaskEdit{Rev: rev, Content: req.Content, Timeframe: req.Timeframe, Lead: req.Lead, Support: req.Support,
		Drop: req.Drop, Decision: req.Decision, Reason: req.Reason}
	if err := h.store.Update(r.Context(), func(tx *store.Tx) error {
		_, err := tx.EditTask(r.Context(), id, e)
		return err
	}); err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeTask(w, r, id, http.StatusOK)
}

// revisionOf reads the revision an edit is made on: If-Match ("5", W/"5"
// or 5) or the body's rev, which must agree when both are sent.
func revisionOf(r *http.Request, body *int64) (*int64, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" {
		if body == nil {
			return nil, apperr.FieldErrors{"rev": "error.field.rev_required"}.Err()
		}
		return body, nil
	}
	n, err := strconv.ParseInt(strings.Trim(strings.TrimPrefix(h, "W/"), `"`), 10, 64)
	if err != nil || (body != nil && *body != n) {
		return nil, apperr.New(apperr.Invalid, "error.param.if_match")
	}
	return &n, nil
}

// addTaskRequest is the body of POST /api/v1/plans/{id}/tasks.
type addTaskRequest struct {
	GroupID   int64   `json:"group_id"`
	Code      string  `json:"code"`
	Content   string  `json:"content"`
	Timeframe string  `json:"timeframe"`
	Lead      []int64 `json:"lead"`
	Support   []int64 `json:"support"`
	Reason    string  `json:"reason"`
}

// AddTask adds a task to a plan's group and answers 201 with it.
func (h *Handler) AddTask(w http.ResponseWriter, r *http.Request) {
	planID, ok := h.readerAndID(w, r)
	if !ok {
		return
	}
	var req addTaskRequest
	if err := decodeBody(w, r, &req); err != nil {
		h.Error(w, r, err)
		return
	}
	t := plan.Task{PlanID: planID, GroupID: req.GroupID, Code: req.Code, Content: req.Content,
		Lead: agencyRefs(req.Lead), Support: agencyRefs(req.Support)}
	if err := h.store.Update(r.Context(), func(tx *store.Tx) error {
		return tx.AddTask(r.Context(), &t, req.Timeframe, req.Reason)
	}); err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeTask(w, r, t.ID, http.StatusCreated)
}

// writeTask answers with a task as GET /tasks/{id} shows it, and its
// revision as the ETag for the next edit.
func (h *Handler) writeTask(w http.ResponseWriter, r *http.Request, id int64, status int) {
	t, err := h.store.Task(r.Context(), id, plan.Today(h.now()))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if t.Progress == nil {
		t.Progress = []plan.Progress{}
	}
	revs, err := h.store.TaskRevisions(r.Context(), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if revs == nil {
		revs = []plan.Revision{}
	}
	w.Header().Set("ETag", etag(t.Rev))
	writeJSON(w, status, taskDetail{Task: t, Progress: t.Progress, ProgressTotal: t.ProgressTotal, Revisions: revs})
}

func etag(rev int64) string { return `"` + strconv.FormatInt(rev, 10) + `"` }

func agencyRefs(ids []int64) []plan.AgencyRef {
	out := make([]plan.AgencyRef, 0, len(ids))
	for _, id := range ids {
		out = append(out, plan.AgencyRef{ID: id})
	}
	return out
}
