package web

import (
	"html/template"

	"github.com/hoptac/hoptac/internal/cachekey"
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
}

func rowOf(t plan.Task) taskRow {
	return taskRow{ID: t.ID, Code: t.Code, Content: t.Content, Lead: t.Lead, Support: t.Support,
		Timeframe: t.Timeframe.Text, Status: t.Status, Percent: t.Percent, DueSoon: t.DueSoon}
}

func newRowCache() *lru.Cache[template.HTML] { return lru.New[template.HTML](rowCacheBytes) }

// taskRows renders the rows of a page's tasks in l's language.
func (h *Handler) taskRows(l i18n.Localizer, tasks []plan.Task) ([]template.HTML, error) {
	out := make([]template.HTML, len(tasks))
	for i, t := range tasks {
		row := rowOf(t)
		key := cachekey.Of(struct {
			Lang string
			Row  taskRow
		}{l.Lang, row})
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
