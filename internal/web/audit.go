package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/i18n"
)

// auditPerPage is how many entries one page of the log shows.
const auditPerPage = 50

// auditFilterFields are the query parameters of the log's filter, kept on
// the pager's links and on the link to the CSV export.
func auditFilterFields() []string {
	return []string{"user", "entity", "entity_id", "from", "to", "batch"}
}

type auditPage struct {
	Entries  []auditEntry
	Pager    pager
	Users    []string
	Entities []string
	Batch    *auditEntry // the entry a batch view opens
	CSV      string      // the export of this filter
}

// Audit shows the audit log to administrators, each change as a table of
// its fields, filtered by actor, kind of record, record, batch and dates.
func (h *Handler) Audit(w http.ResponseWriter, r *http.Request) {
	if !auth.CanReadAudit(auth.UserFrom(r.Context())) {
		h.Error(w, r, forbiddenOrLogin(r))
		return
	}
	f, fe := auditFilter(r)
	l := h.i18n.For(i18n.Pick(r))
	users, err := h.store.AuditUsers(r.Context())
	if err != nil {
		h.Error(w, r, err)
		return
	}
	q := auditQuery(r)
	data := &auditPage{Users: users, Entities: audit.Entities(), CSV: "/audit.csv"}
	if len(q) > 0 {
		data.CSV += "?" + q.Encode()
	}
	status := http.StatusOK
	if len(fe) == 0 {
		if f.Batch != 0 {
			head, err := h.store.AuditEntry(r.Context(), f.Batch)
			if err != nil {
				h.Error(w, r, err)
				return
			}
			v := auditView(l, head)
			data.Batch = &v
		}
		entries, total, err := h.store.ListAudit(r.Context(), f)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		for _, e := range entries {
			data.Entries = append(data.Entries, auditView(l, e))
		}
		data.Pager = newPager(r.URL.Path, q, f.Page, auditPerPage, total)
	} else {
		status = http.StatusBadRequest
		data.Pager = newPager(r.URL.Path, q, 1, auditPerPage, 0)
	}
	v := h.view(r, "audit.title", data)
	v.Form = map[string]string{}
	for _, k := range auditFilterFields() {
		v.Form[k] = r.URL.Query().Get(k)
	}
	if len(fe) > 0 {
		v.Errors = formErrors(v.L, fe.Err())
	}
	h.render(w, r, status, "audit", v)
}

// auditFilter reads the log's filter from the query. A date is a day typed
// as dd/mm/yyyy or yyyy-mm-dd, read in Vietnam's time; "to" includes its
// whole day. Each wrong field gets its own message.
func auditFilter(r *http.Request) (audit.Filter, apperr.FieldErrors) {
	q := r.URL.Query()
	fe := apperr.FieldErrors{}
	f := audit.Filter{User: strings.TrimSpace(q.Get("user")), Entity: strings.TrimSpace(q.Get("entity")),
		Page: queryInt(r, "page"), PerPage: auditPerPage}
	f.EntityID = queryID(q.Get("entity_id"), "entity_id", "error.audit.entity_id", fe)
	f.Batch = queryID(q.Get("batch"), "batch", "error.audit.batch", fe)
	from, okFrom := queryDay(q.Get("from"))
	if !okFrom {
		fe.Add("from", "error.audit.from")
	}
	to, okTo := queryDay(q.Get("to"))
	if !okTo {
		fe.Add("to", "error.audit.to")
	}
	if !from.IsZero() {
		f.Since = from
	}
	if !to.IsZero() {
		f.Before = to.AddDate(0, 0, 1)
	}
	if okFrom && okTo && !from.IsZero() && !to.IsZero() && to.Before(from) {
		fe.Add("to", "error.audit.range")
	}
	return f, fe
}

// queryID reads an optional record number.
func queryID(s, field, key string, fe apperr.FieldErrors) int64 {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "#"))
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		fe.Add(field, key)
		return 0
	}
	return n
}

// queryDay reads an optional day as the instant it starts in Vietnam.
func queryDay(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, true
	}
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006"} {
		if t, err := time.ParseInLocation(layout, s, vietnamTime()); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// vietnamTime is the zone the log's times are shown and its days read in.
func vietnamTime() *time.Location { return time.FixedZone("ICT", 7*3600) }

// auditQuery keeps the log's filters on the pager's links.
func auditQuery(r *http.Request) url.Values {
	out := url.Values{}
	for _, k := range auditFilterFields() {
		if v := strings.TrimSpace(r.URL.Query().Get(k)); v != "" {
			out.Set(k, v)
		}
	}
	return out
}
