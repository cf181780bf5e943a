package web

import (
	"io"
	"net/http"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/registerexport"
	"github.com/hoptac/hoptac/internal/store"
)

// RegisterExport downloads the register list as filtered on /register
// (the same query), as .csv or .xlsx (format=).
func (h *Handler) RegisterExport(w http.ResponseWriter, r *http.Request) {
	if _, err := requireAllowed(r, auth.CanReadRegister); err != nil {
		h.Error(w, r, err)
		return
	}
	f, err := store.ParseOrganisationFilter(r.URL.Query())
	var format registerexport.Format
	if err == nil {
		format, err = registerexport.ParseFormat(r.URL.Query().Get("format"))
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	l := h.i18n.For(i18n.Pick(r))
	w.Header().Set("Content-Type", format.ContentType())
	w.Header().Set("Content-Disposition", `attachment; filename="co-so-du-lieu-htx.`+string(format)+`"`)
	cw := &countingWriter{w: w}
	if _, err := registerexport.Write(r.Context(), cw, h.store, f, format, l.T); err != nil {
		if cw.n == 0 {
			w.Header().Del("Content-Disposition")
			w.Header().Del("Content-Type")
			h.Error(w, r, err)
			return
		}
		// Half a file is already sent: break the connection so the
		// browser reports a failed download rather than keep a short file.
		panic(http.ErrAbortHandler)
	}
}

// countingWriter tells whether anything reached the client yet.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
