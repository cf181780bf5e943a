package portal

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// Licence is the open licence of every download, by its SPDX identifier.
const (
	Licence    = "CC-BY-4.0"
	LicenceURL = "https://creativecommons.org/licenses/by/4.0/"
)

// field is one column of a dataset. Its name and type are the stable
// schema (docs/open-data.md); its meaning is the i18n key
// portal.field.<name>, shown in Vietnamese and English.
type field struct {
	Name, Type string
}

// dataset is one download. Rows hold values in the order of Fields: int,
// string, *time.Time (a date), time.Time (an instant), *int, *float64 or
// []string; nil pointers are empty in CSV and null in JSON.
type dataset struct {
	Name   string // the file's name without extension, Vietnamese as the URLs are
	Title  string // i18n key
	Fields []field
	rows   func(h *Handler, r *http.Request, v store.PortalVersion) ([][]any, error)
}

var (
	fPlanID = field{"plan_id", "integer"}
	fDue    = field{"due", "date"}
	fStatus = field{"status", "string"}
)

// datasets is every download, in the order the page lists them. A field
// is only ever added at the end; none is renamed or removed.
var datasets = []dataset{
	{Name: "ke-hoach", Title: "portal.data.plans", Fields: []field{{"id", "integer"}, {"number", "string"}, {"title", "string"},
		{"issuer", "string"}, {"issued_on", "date"}, {"published_at", "datetime"}, {"tasks_total", "integer"},
		{"tasks_not_started", "integer"}, {"tasks_in_progress", "integer"}, {"tasks_done", "integer"},
		{"tasks_done_late", "integer"}, {"tasks_overdue", "integer"}}, rows: planRows},
	{Name: "nhiem-vu", Title: "portal.data.tasks", Fields: []field{fPlanID, {"group", "string"}, {"code", "string"},
		{"content", "string"}, {"lead", "string[]"}, {"support", "string[]"}, {"timeframe", "string"}, fDue, fStatus,
		{"percent", "integer"}, {"done_on", "date"}}, rows: taskRows},
	{Name: "chi-tieu", Title: "portal.data.targets", Fields: []field{fPlanID, {"target_id", "integer"}, {"text", "string"},
		{"comparator", "string"}, {"value", "number"}, {"value_max", "number"}, {"unit", "string"}, fDue, fStatus},
		rows: targetRows},
	{Name: "thong-ke", Title: "portal.data.register", Fields: []field{{"province_code", "string"}, {"province_name", "string"},
		{"commune_code", "string"}, {"commune_name", "string"}, {"form", "string"}, {"sector", "string"}, {"active", "integer"}},
		rows: statRows},
}

func planRows(h *Handler, r *http.Request, v store.PortalVersion) ([][]any, error) {
	plans, err := h.plans(r.Context())
	if err != nil {
		return nil, err
	}
	out := make([][]any, len(plans))
	for i, p := range plans {
		g := p.Progress
		out[i] = []any{p.ID, p.Number, p.Title, p.Issuer, p.IssuedOn, p.PublishedAt, g.Total, g.NotStarted, g.InProgress,
			g.Done, g.DoneLate, g.Overdue}
	}
	return out, nil
}

func taskRows(h *Handler, r *http.Request, v store.PortalVersion) ([][]any, error) {
	var out [][]any
	err := h.eachPublished(r.Context(), func(p publicPlan) error {
		tasks, err := h.planTasks(r.Context(), p.ID)
		for _, t := range tasks {
			out = append(out, []any{t.PlanID, t.Group, t.Code, t.Content, t.Lead, t.Support, t.Timeframe, t.Due,
				string(t.Status), t.Percent, t.DoneOn})
		}
		return err
	})
	return out, err
}

func targetRows(h *Handler, r *http.Request, v store.PortalVersion) ([][]any, error) {
	var out [][]any
	err := h.eachPublished(r.Context(), func(pp publicPlan) error {
		p, _, err := h.store.PublishedPlan(r.Context(), pp.ID)
		if err != nil {
			return err
		}
		targets, err := h.targets(r, p)
		for _, t := range targets {
			out = append(out, []any{t.PlanID, t.ID, t.Text, t.Comparator, t.Value, t.ValueMax, t.Unit, t.Due, t.Status})
		}
		return err
	})
	return out, err
}

func statRows(h *Handler, r *http.Request, v store.PortalVersion) ([][]any, error) {
	counts, err := h.registerCounts(r.Context(), v)
	if err != nil {
		return nil, err
	}
	out := make([][]any, len(counts))
	for i, c := range counts {
		out[i] = []any{c.ProvinceCode, c.ProvinceName, c.CommuneCode, c.CommuneName, string(c.Form), string(c.Sector), c.Active}
	}
	return out, nil
}

func (h *Handler) eachPublished(ctx context.Context, fn func(publicPlan) error) error {
	plans, err := h.plans(ctx)
	if err != nil {
		return err
	}
	for _, p := range plans {
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}

// fieldDoc is a field with its meaning in both languages, for the page.
type fieldDoc struct {
	field
	Vi, En string
}

// Data is /cong-khai/du-lieu: the downloads, their schema, the licence
// and the date of the data.
func (h *Handler) Data(w http.ResponseWriter, r *http.Request) {
	h.serve(w, r, "data", htmlType, func(store.PortalVersion) ([]byte, error) {
		vi, en := h.i18n.For(i18n.Vietnamese), h.i18n.For(i18n.English)
		type doc struct {
			Name, Title string
			Fields      []fieldDoc
		}
		var docs []doc
		for _, d := range datasets {
			dd := doc{Name: d.Name, Title: d.Title}
			for _, f := range d.Fields {
				dd.Fields = append(dd.Fields, fieldDoc{f, vi.T("portal.field." + f.Name), en.T("portal.field." + f.Name)})
			}
			docs = append(docs, dd)
		}
		return h.renderPage(r, "data", "portal.data_title", struct {
			Datasets   []doc
			LicenceURL string
		}{docs, LicenceURL})
	})
}

// Download is /cong-khai/du-lieu/{file}: one dataset as CSV (UTF-8 with a
// byte order mark, so spreadsheet programs read the diacritics) or JSON.
func (h *Handler) Download(w http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	name, format, _ := strings.Cut(file, ".")
	var d *dataset
	for i := range datasets {
		if datasets[i].Name == name {
			d = &datasets[i]
		}
	}
	if d == nil || (format != "csv" && format != "json") {
		h.fail(w, r, apperr.New(apperr.NotFound, "error.page_not_found"))
		return
	}
	ctype := "text/csv; charset=utf-8"
	if format == "json" {
		ctype = "application/json"
	}
	w.Header().Set("Content-Disposition", `attachment; filename="hoptac-`+file+`"`)
	h.serve(w, r, struct{ Page, File string }{"download", file}, ctype, func(v store.PortalVersion) ([]byte, error) {
		rows, err := d.rows(h, r, v)
		if err != nil {
			return nil, err
		}
		date := plan.Today(h.now())
		if format == "csv" {
			return encodeCSV(d, rows)
		}
		return encodeJSON(d, rows, date)
	})
}

func encodeCSV(d *dataset, rows [][]any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	cw := csv.NewWriter(&buf)
	head := make([]string, len(d.Fields))
	for i, f := range d.Fields {
		head[i] = f.Name
	}
	if err := cw.Write(head); err != nil {
		return nil, err
	}
	rec := make([]string, len(d.Fields))
	for _, row := range rows {
		for i, v := range row {
			rec[i] = csvValue(v)
		}
		if err := cw.Write(rec); err != nil {
			return nil, err
		}
	}
	cw.Flush()
	return buf.Bytes(), cw.Error()
}

func csvValue(v any) string {
	switch x := v.(type) {
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case string:
		return x
	case []string:
		return strings.Join(x, "; ")
	case *int:
		if x != nil {
			return strconv.Itoa(*x)
		}
	case *float64:
		if x != nil {
			return strconv.FormatFloat(*x, 'f', -1, 64)
		}
	case *time.Time:
		if x != nil {
			return x.Format(time.DateOnly)
		}
	case time.Time:
		return x.UTC().Format(time.RFC3339)
	}
	return ""
}

func jsonValue(v any) any {
	switch x := v.(type) {
	case *time.Time:
		if x == nil {
			return nil
		}
		return x.Format(time.DateOnly)
	case time.Time:
		return x.UTC().Format(time.RFC3339)
	case []string:
		if x == nil {
			return []string{}
		}
	}
	return v
}

// openData is a JSON download: the dataset's name, licence, date and
// fields, then its records, each an object keyed by field name.
type openData struct {
	Dataset string           `json:"dataset"`
	Licence string           `json:"licence"`
	Date    string           `json:"date"`
	Fields  []jsonField      `json:"fields"`
	Records []map[string]any `json:"records"`
}

type jsonField struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

func encodeJSON(d *dataset, rows [][]any, date time.Time) ([]byte, error) {
	out := openData{Dataset: d.Name, Licence: Licence, Date: date.Format(time.DateOnly), Records: make([]map[string]any, len(rows))}
	for _, f := range d.Fields {
		out.Fields = append(out.Fields, jsonField(f))
	}
	for i, row := range rows {
		rec := make(map[string]any, len(row))
		for j, v := range row {
			rec[d.Fields[j].Name] = jsonValue(v)
		}
		out.Records[i] = rec
	}
	return json.Marshal(out)
}

// FieldNames lists every field of every download, once each, for the
// check that each has its meaning in both languages.
func FieldNames() []string {
	var out []string
	seen := map[string]bool{}
	for _, d := range datasets {
		for _, f := range d.Fields {
			if !seen[f.Name] {
				seen[f.Name] = true
				out = append(out, f.Name)
			}
		}
	}
	return out
}
