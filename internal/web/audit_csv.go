package web

import (
	"bytes"
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

// auditCSVLimit bounds one export; a filter narrows a larger log.
const auditCSVLimit = 100_000

// AuditCSV exports the filtered log for a spreadsheet: UTF-8 with a byte
// order mark (so Excel reads Vietnamese correctly), a translated header,
// and one row per field of each entry (an entry without fields, a login,
// is one row with the field columns empty).
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
	l := h.i18n.For(i18n.Pick(r))
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	cw := csv.NewWriter(&buf)
	header := []string{"audit.id", "audit.at", "audit.user", "audit.action", "audit.entity", "audit.record_id",
		"audit.batch", "audit.field", "audit.before", "audit.after"}
	for i, k := range header {
		header[i] = l.T(k)
	}
	cw.Write(header)
	f.PerPage = store.MaxPerPage
	written := 0
	for f.Page = 1; written < auditCSVLimit; f.Page++ {
		entries, _, err := h.store.ListAudit(r.Context(), f)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		for _, e := range entries {
			writeAuditCSV(cw, l, auditView(l, e))
		}
		written += len(entries)
		if len(entries) < f.PerPage {
			break
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		h.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="nhat-ky-thay-doi.csv"`)
	buf.WriteTo(w)
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
		cw.Write(append(lead, "", "", ""))
		return
	}
	for _, fd := range e.Fields {
		cw.Write(append(slices.Clone(lead), fd.Label, csvCell(fd.Before.String()), csvCell(fd.After.String())))
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
