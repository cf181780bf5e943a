package web

import (
	"net/http"
	"strconv"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/proposal"
	"github.com/hoptac/hoptac/internal/store"
)

// ProposeAdjustment stores an officer's adjustment proposal from the task
// page's form. Only an officer of an agency that leads the task may; the
// store checks it in the transaction that writes.
func (h *Handler) ProposeAdjustment(w http.ResponseWriter, r *http.Request) {
	u, id, ok := h.readerAndID(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, apperr.Wrap(apperr.Invalid, "error.bad_form", err))
		return
	}
	content, tf := r.PostFormValue("p_content"), r.PostFormValue("p_timeframe")
	p := proposal.Proposal{TaskID: id, Content: &content, Timeframe: &tf, Drop: r.PostFormValue("p_drop") == "1",
		Reason: r.PostFormValue("p_reason")}
	lead, err := formIDs(r, "p_lead")
	if err == nil {
		p.Lead = lead
		err = h.store.Update(r.Context(), func(tx *store.Tx) error { return tx.Propose(r.Context(), &p) })
	} else {
		err = apperr.FieldErrors{"lead": "error.field.agency_unknown"}.Err()
	}
	if err == nil {
		h.sessions.Put(r.Context(), "flash", "proposal.sent")
		http.Redirect(w, r, "/tasks/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
		return
	}
	if apperr.CodeOf(err) != apperr.Validation {
		h.Error(w, r, err)
		return
	}
	fe := apperr.FieldErrors{}
	for f, k := range apperr.As(err).Fields {
		fe.Add("p_"+f, k)
	}
	h.renderTaskForm(w, r, u, id, fe, formValues(r, "p_content", "p_timeframe", "p_reason"))
}

// proposalsPage is the list of proposals and whether the reader decides.
type proposalsPage struct {
	Proposals []proposal.Proposal
	State     proposal.State
	States    []proposal.State
	CanDecide bool
}

// Proposals lists adjustment proposals: an officer its agency's, the
// coordinator, the administrator and leaders all; the coordinator and the
// administrator accept or reject the pending ones here.
func (h *Handler) Proposals(w http.ResponseWriter, r *http.Request) {
	h.renderProposals(w, r, http.StatusOK, nil, nil)
}

func (h *Handler) renderProposals(w http.ResponseWriter, r *http.Request, status int, fe apperr.FieldErrors, form map[string]string) {
	u, err := requireUser(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if !proposal.CanList(u) {
		h.Error(w, r, apperr.New(apperr.Forbidden, "error.forbidden"))
		return
	}
	state := proposal.State(r.URL.Query().Get("state"))
	if !state.Valid() {
		state = ""
	}
	list, err := h.store.Proposals(r.Context(), proposal.AgencyScope(u), state)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	v := h.view(r, "proposal.title", proposalsPage{Proposals: list, State: state, CanDecide: proposal.CanDecide(u),
		States: proposal.States()})
	v.Errors = formErrors(v.L, fe.Err())
	v.Form = form
	h.render(w, r, status, "proposals", v)
}

// AcceptProposal accepts a proposal from the proposals page.
func (h *Handler) AcceptProposal(w http.ResponseWriter, r *http.Request) { h.decide(w, r, true) }

// RejectProposal rejects a proposal from the proposals page.
func (h *Handler) RejectProposal(w http.ResponseWriter, r *http.Request) { h.decide(w, r, false) }

func (h *Handler) decide(w http.ResponseWriter, r *http.Request, accept bool) {
	u, id, ok := h.readerAndID(w, r)
	if !ok {
		return
	}
	if !proposal.CanDecide(u) {
		h.Error(w, r, apperr.New(apperr.Forbidden, "error.forbidden"))
		return
	}
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, apperr.Wrap(apperr.Invalid, "error.bad_form", err))
		return
	}
	err := h.store.Update(r.Context(), func(tx *store.Tx) error {
		_, err := tx.DecideProposal(r.Context(), id, accept, r.PostFormValue("comment"), r.PostFormValue("decision"))
		return err
	})
	if err == nil {
		key := "proposal.rejected"
		if accept {
			key = "proposal.accepted"
		}
		h.sessions.Put(r.Context(), "flash", key)
		http.Redirect(w, r, "/proposals", http.StatusSeeOther)
		return
	}
	if apperr.CodeOf(err) != apperr.Validation {
		h.Error(w, r, err)
		return
	}
	// Errors are shown beside the proposal they belong to.
	fe := apperr.FieldErrors{}
	sid := strconv.FormatInt(id, 10)
	for f, k := range apperr.As(err).Fields {
		fe.Add(f+"-"+sid, k)
	}
	h.renderProposals(w, r, http.StatusUnprocessableEntity, fe, map[string]string{"comment-" + sid: r.PostFormValue("comment"),
		"decision-" + sid: r.PostFormValue("decision")})
}
