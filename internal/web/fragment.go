package web

import (
	"html/template"
	"net/http"
)

// fragmentCacheBytes bounds the rendered page bodies kept in memory.
const fragmentCacheBytes = 32 << 20

// fragment is a page's rendered content block and its title: everything
// below the header that is the same for every reader in one language.
type fragment struct {
	title string
	body  template.HTML
}

// cachedPage serves a page whose content block depends only on data that
// key versions (see store.TaskListVersion), not on who reads it. On a hit
// the content is not rendered again; build loads the data otherwise and
// returns the title and view data, or writes an error and returns ok false.
func (h *Handler) cachedPage(w http.ResponseWriter, r *http.Request, page, key string,
	build func() (title string, data any, ok bool)) {
	v := h.view(r, "", nil)
	key = page + "\x00" + v.L.Lang + "\x00" + key
	if f, ok := h.fragments.Get(key); ok {
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
	h.fragments.Put(key, fragment{title: title, body: v.Body}, buf.Len())
	h.render(w, r, http.StatusOK, page, v)
}
