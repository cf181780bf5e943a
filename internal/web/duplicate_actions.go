package web

import (
	"net/http"
	"strconv"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/store"
)

// pairFromForm reads the two organisations of a pair (fields a and b).
func pairFromForm(r *http.Request) (a, b int64, err error) {
	fe := apperr.FieldErrors{}
	read := func(name string) int64 {
		id, err := strconv.ParseInt(r.PostFormValue(name), 10, 64)
		if err != nil || id <= 0 {
			fe.Add(name, "error.field.organisation_missing")
		}
		return id
	}
	a, b = read("a"), read("b")
	return a, b, fe.Err()
}

// MergeDuplicates merges a pair of the duplicates list: the organisation
// named by keep stays and the other is folded into it (store
// MergeOrganisations). The reader then sees the kept organisation's page
// with the merge in its history.
func (h *Handler) MergeDuplicates(w http.ResponseWriter, r *http.Request) {
	if !auth.CanManageRegister(auth.UserFrom(r.Context())) {
		h.Error(w, r, forbiddenOrLogin(r))
		return
	}
	a, b, err := pairFromForm(r)
	keep, _ := strconv.ParseInt(r.PostFormValue("keep"), 10, 64)
	if err == nil && keep != a && keep != b {
		err = apperr.FieldErrors{"keep": "error.merge_keep"}.Err()
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	other := a
	if keep == a {
		other = b
	}
	if err := h.store.Update(r.Context(), func(tx *store.Tx) error {
		_, err := tx.MergeOrganisations(r.Context(), keep, other)
		return err
	}); err != nil {
		h.Error(w, r, err)
		return
	}
	h.sessions.Put(r.Context(), "flash", "dedupe.merged")
	http.Redirect(w, r, "/register/"+strconv.FormatInt(keep, 10)+"#merges", http.StatusSeeOther)
}

// MarkDistinct records that a pair of the duplicates list are two
// organisations, so it is not proposed again.
func (h *Handler) MarkDistinct(w http.ResponseWriter, r *http.Request) {
	if !auth.CanManageRegister(auth.UserFrom(r.Context())) {
		h.Error(w, r, forbiddenOrLogin(r))
		return
	}
	a, b, err := pairFromForm(r)
	if err == nil {
		err = h.store.Update(r.Context(), func(tx *store.Tx) error { return tx.MarkDistinct(r.Context(), a, b) })
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.sessions.Put(r.Context(), "flash", "dedupe.marked_distinct")
	http.Redirect(w, r, "/register/duplicates", http.StatusSeeOther)
}
