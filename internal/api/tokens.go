package api

import (
	"net/http"

	"github.com/hoptac/hoptac/internal/auth"
)

// Tokens lists the caller's own API tokens, newest first, revoked and
// expired ones too; the secrets are never shown again.
func (h *Handler) Tokens(w http.ResponseWriter, r *http.Request) {
	u, err := requireUser(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	items, err := h.store.Tokens(r.Context(), u.ID)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	writeList(w, items, len(items))
}

// RevokeToken revokes a token: the caller's own, or anyone's for an
// administrator. It answers 401 from the next request on, on every server.
func (h *Handler) RevokeToken(w http.ResponseWriter, r *http.Request) {
	id, ok := h.readerAndID(w, r)
	if !ok {
		return
	}
	tok, err := h.store.RevokeTokenFor(r.Context(), auth.UserFrom(r.Context()), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, tok)
}
