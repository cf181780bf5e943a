package web

import (
	"html/template"
	"net/http"

	"github.com/hoptac/hoptac/internal/cachekey"
)

// fragmentCacheBytes bounds the rendered page bodies kept in memory.
const fragmentCacheBytes = 32 << 20

// fragment is a page's rendered content block and its title: everything
// below the header that is the same for every reader in one language.
type fragment struct {
	title string
	body  template.HTML
}

// cachedPage serves a page whose content block depends only on key: a
// struct holding the version of the data (see store.TaskListVersion) and
// the very values build reads (the filter its query takes, the reader's
// role where the page shows it). The entry's key is derived from every
// field of that struct, with the page's name and the reader's language, so
// nothing build depends on can be left out by hand. On a hit the content
// is not rendered again; build loads the data otherwise and returns the
// title and view data, or writes an error and returns ok false.
func (h *Handler) cachedPage(w http.ResponseWriter, r *http.Request, page string, key any,
	build func() (title string, data any, ok bool)) {
	v := h.view(r, "", nil)
	k := cachekey.Of(struct {
		Page, Lang string
		Key        any
	}{page, v.L.Lang, key})
	if f, ok := h.fragments.Get(k); ok {
		v.Title, v.Body = f.title, f.body
		h.render(w, r, http.StatusOK, page, v)
		return
	}
	title, data, ok := build()
	if !ok {
		return
	}
	v.Title, v.Data = title, data
	buf, err := h.execute(page, "content", v)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	v.Body = template.HTML(buf.String()) // rendered by html/template: already escaped
	h.fragments.Put(k, fragment{title: title, body: v.Body}, buf.Len())
	h.render(w, r, http.StatusOK, page, v)
}

// DisableCache turns off the rendered-page cache: every page is rendered
// from the store. Call it before the handler serves; the differential
// tests compare a server with its caches against one without.
func (h *Handler) DisableCache() { h.fragments, h.rows = nil, nil }
