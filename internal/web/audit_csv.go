package web

import (
	"bufio"
	"encoding/csv"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/store"
)

// AuditCSV exports the filtered log for a spreadsheet: UTF-8 with a byte
// order mark (so Excel reads Vietnamese correctly), a translated header,
// and one row per field of each entry (an entry without fields, a login,
// is one row with the field columns empty). The export is streamed page by
// page, so a whole log never sits in memory; the first page is read before
// anything is sent, so a failing database still gets an error page.
func (h *Handler) AuditCSV(w http.ResponseWriter, r *http.Request) {
	if !auth.CanReadAudit(auth.UserFrom(r.Context())) {
		h.Error(w, r, forbiddenOrLogin(r))
		return
	}
	f, fe := auditFilter(r)
	if len(fe) > 0 {
		first := slices.Sorted(maps.Keys(fe))[0]
		h.Error(w, r, apperr.New(apperr.Invalid, fe[first]))
		return
	}
	f.Page, f.PerPage = 1, store.MaxPerPage
	entries, _, err := h.store.ListAudit(r.Context(), f)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	l := h.i18n.For(i18n.Pick(r))
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="nhat-ky-thay-doi.csv"`)
	bw := bufio.NewWriter(w)
	_, _ = bw.WriteString("\ufeff") // a buffered write; its error comes back at Flush
	cw := csv.NewWriter(bw)
	header := []string{"audit.id", "audit.at", "audit.user", "audit.action", "audit.entity", "audit.record_id",
		"audit.batch", "audit.field", "audit.before", "audit.after"}
	for i, k := range header {
		header[i] = l.T(k)
	}
	_ = cw.Write(header) // errors stick in cw; cw.Error reports them below
	for {
		for _, e := range entries {
			writeAuditCSV(cw, l, auditView(l, e))
		}
		if len(entries) < f.PerPage {
			break
		}
		f.Page++
		if entries, _, err = h.store.ListAudit(r.Context(), f); err != nil {
			// Half a file is already sent: the log says why it stops.
			h.log.ErrorContext(r.Context(), "audit export", "page", f.Page, "err", err)
			break
		}
	}
	cw.Flush()
	err = cw.Error()
	if err == nil {
		err = bw.Flush()
	}
	if err != nil && !apperr.ClientGone(r.Context(), err) {
		// The status and part of the file are sent; the log says why it ends.
		h.log.ErrorContext(r.Context(), "audit export", "err", err)
	}
}

func writeAuditCSV(cw *csv.Writer, l i18n.Localizer, e auditEntry) {
	batch := ""
	if e.BatchID != 0 {
		batch = strconv.FormatInt(e.BatchID, 10)
	}
	recordID := ""
	if e.EntityID != 0 {
		recordID = strconv.FormatInt(e.EntityID, 10)
	}
	lead := []string{strconv.FormatInt(e.ID, 10), fmtDateTime(e.At), e.UserName, l.T("audit.action." + e.Action),
		l.T("entity." + e.Entity), recordID, batch}
	if len(e.Fields) == 0 {
		_ = cw.Write(append(lead, "", "", "")) // errors stick in cw
		return
	}
	for _, fd := range e.Fields {
		_ = cw.Write(append(slices.Clone(lead), fd.Label, csvCell(fd.Before.String()), csvCell(fd.After.String())))
	}
}

// csvCell keeps a logged text from running as a spreadsheet formula: a
// note typed as "=HYPERLINK(…)" opens as the text it is.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
