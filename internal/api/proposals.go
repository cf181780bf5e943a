package api

import (
	"context"
	"net/http"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/proposal"
	"github.com/hoptac/hoptac/internal/store"
)

// proposalStore is what the proposals' API reads.
type proposalStore interface {
	Proposals(ctx context.Context, agencyID int64, state proposal.State) ([]proposal.Proposal, error)
	Proposal(ctx context.Context, id int64) (proposal.Proposal, error)
	TaskRevisions(ctx context.Context, taskID int64) ([]plan.Revision, error)
}

// Proposals lists adjustment proposals, newest first: an officer its own
// agency's, the coordinator, the administrator and leaders every one.
func (h *Handler) Proposals(w http.ResponseWriter, r *http.Request) {
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
	if state != "" && !state.Valid() {
		h.Error(w, r, apperr.New(apperr.Invalid, "error.param.state"))
		return
	}
	list, err := h.store.Proposals(r.Context(), proposal.AgencyScope(u), state)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	writeList(w, list, len(list))
}

// proposalRequest is the body of POST /api/v1/proposals.
type proposalRequest struct {
	TaskID    int64   `json:"task_id"`
	Content   *string `json:"content"`
	Timeframe *string `json:"timeframe"`
	Lead      []int64 `json:"lead"`
	Drop      bool    `json:"drop"`
	Reason    string  `json:"reason"`
}

// CreateProposal stores an officer's proposal on a task its agency leads
// and answers 201 with it.
func (h *Handler) CreateProposal(w http.ResponseWriter, r *http.Request) {
	if _, err := requireUser(r); err != nil {
		h.Error(w, r, err)
		return
	}
	var req proposalRequest
	if err := decodeBody(w, r, &req); err != nil {
		h.Error(w, r, err)
		return
	}
	p := proposal.Proposal{TaskID: req.TaskID, Content: req.Content, Timeframe: req.Timeframe, Lead: req.Lead,
		Drop: req.Drop, Reason: req.Reason}
	if err := h.store.Update(r.Context(), func(tx *store.Tx) error { return tx.Propose(r.Context(), &p) }); err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeProposal(w, r, p.ID, http.StatusCreated)
}

// decisionRequest is the body of …/accept and …/reject.
type decisionRequest struct {
	Comment  string `json:"comment"`
	Decision string `json:"decision"`
}

// AcceptProposal accepts a pending proposal: its task changes as an edit
// by the coordinator would, and the history names the proposal.
func (h *Handler) AcceptProposal(w http.ResponseWriter, r *http.Request) { h.decide(w, r, true) }

// RejectProposal rejects a pending proposal with a required comment.
func (h *Handler) RejectProposal(w http.ResponseWriter, r *http.Request) { h.decide(w, r, false) }

func (h *Handler) decide(w http.ResponseWriter, r *http.Request, accept bool) {
	id, ok := h.readerAndID(w, r)
	if !ok {
		return
	}
	if !proposal.CanDecide(auth.UserFrom(r.Context())) {
		h.Error(w, r, apperr.New(apperr.Forbidden, "error.forbidden"))
		return
	}
	var req decisionRequest
	if err := decodeBody(w, r, &req); err != nil {
		h.Error(w, r, err)
		return
	}
	if err := h.store.Update(r.Context(), func(tx *store.Tx) error {
		_, err := tx.DecideProposal(r.Context(), id, accept, req.Comment, req.Decision)
		return err
	}); err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeProposal(w, r, id, http.StatusOK)
}

func (h *Handler) writeProposal(w http.ResponseWriter, r *http.Request, id int64, status int) {
	p, err := h.store.Proposal(r.Context(), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	writeJSON(w, status, p)
}
