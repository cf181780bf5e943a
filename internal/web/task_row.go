package web

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/lru"
	"github.com/hoptac/hoptac/internal/plan"
)

// The plan page's table is most of its cost: a hundred rows, each run
// through the template. A row shows one task as of one day in one
// language, and a progress entry changes one task, so rows are kept
// rendered, keyed by everything a row shows, and a page whose list the
// cache no longer has is put together from rows mostly rendered before.
// The key is the row's content itself, not a revision, so a row can never
// be shown out of date: whatever changes what it shows changes its key.

// rowCacheBytes bounds the rendered rows kept: about 700 bytes each, some
// 40,000 rows.
const rowCacheBytes = 32 << 20

// taskRow is everything one row of a plan's task table shows.
type taskRow struct {
	ID        int64
	Code      string
	Content   string
	Lead      []plan.AgencyRef
	Support   []plan.AgencyRef
	Timeframe string
	Status    plan.Status
	Percent   *int
	DueSoon   bool
	Dropped   bool
}

func rowOf(t plan.Task) taskRow {
	return taskRow{ID: t.ID, Code: t.Code, Content: t.Content, Lead: t.Lead, Support: t.Support,
		Timeframe: t.Timeframe.Text, Status: t.Status, Percent: t.Percent, DueSoon: t.DueSoon,
		Dropped: t.Dropped != nil}
}

// key is the row's cache key: every field of the row, each with its length
// or a separator no value holds, and the language. It is written out
// rather than derived by cachekey.Of, which walks the fields by reflection
// and cost more than rendering saved on a page of a hundred rows;
// TestRowKeyCoversEveryField changes each field, and each field of the
// agencies, and fails when the key misses one, so a field added to taskRow
// cannot be left out.
func (r taskRow) key(lang string) string {
	b := make([]byte, 0, 64+len(r.Content)+len(r.Code)+len(r.Timeframe))
	b = appendString(b, lang)
	b = strconv.AppendInt(b, r.ID, 10)
	b = appendString(b, r.Code)
	b = appendString(b, r.Content)
	b = appendRefs(b, r.Lead)
	b = appendRefs(b, r.Support)
	b = appendString(b, r.Timeframe)
	b = appendString(b, string(r.Status))
	if r.Percent != nil {
		b = strconv.AppendInt(append(b, '%'), int64(*r.Percent), 10)
	}
	b = append(b, '|')
	b = strconv.AppendBool(b, r.DueSoon)
	b = strconv.AppendBool(append(b, '|'), r.Dropped)
	return string(b)
}

// appendString writes s with its length, so no two strings run together.
func appendString(b []byte, s string) []byte {
	b = append(strconv.AppendInt(b, int64(len(s)), 10), ':')
	return append(b, s...)
}

func appendRefs(b []byte, refs []plan.AgencyRef) []byte {
	b = strconv.AppendInt(append(b, '['), int64(len(refs)), 10)
	for _, a := range refs {
		b = appendRef(b, a)
		if a.Successor != nil {
			b = appendRef(append(b, '>'), *a.Successor)
		}
		b = append(b, ';')
	}
	return b
}

func appendRef(b []byte, a plan.AgencyRef) []byte {
	b = strconv.AppendInt(b, a.ID, 10)
	b = appendString(b, a.Name)
	return strconv.AppendBool(b, a.Collective)
}

func newRowCache() *lru.Cache[template.HTML] { return lru.New[template.HTML](rowCacheBytes) }

// taskRows renders the rows of a page's tasks in l's language.
func (h *Handler) taskRows(l i18n.Localizer, tasks []plan.Task) ([]template.HTML, error) {
	out := make([]template.HTML, len(tasks))
	for i, t := range tasks {
		row := rowOf(t)
		key := row.key(l.Lang)
		if html, ok := h.rows.Get(key); ok {
			out[i] = html
			continue
		}
		buf, err := h.execute("plan", "task_row", &view{L: l, Data: row})
		if err != nil {
			return nil, err
		}
		out[i] = template.HTML(buf.String()) // rendered by html/template: already escaped
		h.rows.Put(key, out[i], buf.Len())
	}
	return out, nil
}

// joinHTML puts rendered rows together; each is already escaped.
func joinHTML(rows []template.HTML) template.HTML {
	n := 0
	for _, r := range rows {
		n += len(r)
	}
	var b strings.Builder
	b.Grow(n)
	for _, r := range rows {
		b.WriteString(string(r))
	}
	return template.HTML(b.String())
}
