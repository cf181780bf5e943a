package web

import (
	"net/http"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/store"
)

// duplicatesPerPage is how many pairs a page of likely duplicates lists.
const duplicatesPerPage = 50

// duplicatesPage is the data of the list of likely duplicates.
type duplicatesPage struct {
	Pairs []duplicateRow
	Total int64
	Pager pager
}

// duplicateRow is one pair with its reasons in the reader's language.
type duplicateRow struct {
	store.Duplicate
	Reasons []string
}

// Sides are the pair's two organisations, each with its own merge button.
func (d duplicateRow) Sides() []coop.Organisation { return []coop.Organisation{d.A, d.B} }

// Duplicates lists the organisations of the register that are likely the
// same one entered twice, with why, a page at a time, and the buttons to
// merge a pair or mark it distinct. It is the coordinator's work.
func (h *Handler) Duplicates(w http.ResponseWriter, r *http.Request) {
	if _, err := requireAllowed(r, auth.CanManageRegister); err != nil {
		h.Error(w, r, err)
		return
	}
	page := queryInt(r, "page")
	pairs, total, err := h.store.Duplicates(r.Context(), page, duplicatesPerPage)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	l := h.i18n.For(i18n.Pick(r))
	p := duplicatesPage{Total: int64(total), Pager: newPager(r.URL.Path, nil, page, duplicatesPerPage, total)}
	for _, d := range pairs {
		row := duplicateRow{Duplicate: d}
		for _, why := range d.Why {
			key, args := why.Message()
			row.Reasons = append(row.Reasons, l.T(key, args...))
		}
		p.Pairs = append(p.Pairs, row)
	}
	h.render(w, r, http.StatusOK, "duplicates", h.view(r, "dedupe.title", p))
}
