package server

import (
	"net/http"

	"github.com/hoptac/hoptac/internal/i18n"
)

// readerLanguage records the reader's language in the request's context
// (the page's choice for pages, the API's for the API), for code that
// writes user text without the request at hand: the plan importer's
// warnings and errors.
func readerLanguage(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := i18n.Pick(r)
		if isAPI(r) {
			lang = i18n.PickAPI(r)
		}
		h.ServeHTTP(w, r.WithContext(i18n.WithLang(r.Context(), lang)))
	})
}
