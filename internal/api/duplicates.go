package api

import (
	"net/http"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/dedupe"
	"github.com/hoptac/hoptac/internal/i18n"
)

// duplicate is one pair of likely duplicates as the API shows it.
type duplicate struct {
	A       coop.Organisation `json:"a"`
	B       coop.Organisation `json:"b"`
	Reasons []reason          `json:"reasons"`
}

// reason is why a pair is proposed: its code, its detail, and the same
// said in the caller's language (Vietnamese unless asked otherwise).
type reason struct {
	dedupe.Why
	Text string `json:"text"`
}

// Duplicates lists the likely duplicates of the register, strongest
// reason first, for the coordinator.
func (h *Handler) Duplicates(w http.ResponseWriter, r *http.Request) {
	u, err := requireUser(r)
	if err == nil && !auth.CanManageRegister(u) {
		err = apperr.New(apperr.Forbidden, "error.forbidden")
	}
	var page, perPage int
	if err == nil {
		page, perPage, err = paging(r)
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	pairs, total, err := h.store.Duplicates(r.Context(), page, perPage)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	l := h.i18n.For(i18n.PickAPI(r))
	items := make([]duplicate, 0, len(pairs))
	for _, p := range pairs {
		d := duplicate{A: p.A, B: p.B, Reasons: make([]reason, 0, len(p.Why))}
		for _, why := range p.Why {
			key, args := why.Message()
			d.Reasons = append(d.Reasons, reason{Why: why, Text: l.T(key, args...)})
		}
		items = append(items, d)
	}
	writeJSON(w, http.StatusOK, list[duplicate]{Items: items, Total: total})
}
