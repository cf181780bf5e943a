package web

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/i18n"
)

// auditEntry is an entry as the page and the CSV export show it: one row
// per field, labelled and with readable values.
type auditEntry struct {
	audit.Entry
	Fields []auditField
	L      i18n.Localizer // for the template that shows the fields
}

type auditField struct {
	Name    string // as logged, for the CSV and tests
	Label   string
	Before  auditValue
	After   auditValue
	Changed bool
}

// auditValue is a value as read: a text, or a list of texts for a list
// (aliases, agencies); None when the side has no value.
type auditValue struct {
	Text  string
	Items []string
	None  bool
}

// String is the value on one line, for the CSV export.
func (v auditValue) String() string {
	if v.Items != nil {
		return strings.Join(v.Items, "; ")
	}
	return v.Text
}

func auditView(l i18n.Localizer, e audit.Entry) auditEntry {
	out := auditEntry{Entry: e, L: l}
	fields, err := audit.Fields(e.Before, e.After)
	if err != nil {
		// The log is only ever written as JSON by the store; a row that is
		// not still shows, as text, rather than hiding the change.
		out.Fields = []auditField{{Name: "value", Label: fieldLabel(l, e.Entity, "value"),
			Before: auditValue{Text: string(e.Before), None: e.Before == nil},
			After:  auditValue{Text: string(e.After), None: e.After == nil}, Changed: true}}
		return out
	}
	for _, f := range fields {
		out.Fields = append(out.Fields, auditField{Name: f.Name, Label: fieldLabel(l, e.Entity, f.Name),
			Before: formatValue(l, f.Name, f.Before), After: formatValue(l, f.Name, f.After), Changed: f.Changed()})
	}
	return out
}

// fieldLabel names a field in the reader's language: its own message
// audit.field.<entity>.<field>, else the field's name in a general phrase.
func fieldLabel(l i18n.Localizer, entity, field string) string {
	if key := "audit.field." + entity + "." + field; l.Has(key) {
		return l.T(key)
	}
	return l.T("audit.field.other", strings.ReplaceAll(field, "_", " "))
}

// valueKey is the prefix of the messages that name a field's values, for
// fields whose values are codes; "" for the others.
func valueKey(field string) string {
	switch field {
	case "status", "recorded_status":
		return "status."
	case "kind":
		return "kind."
	case "role":
		return "role."
	}
	return ""
}

func formatValue(l i18n.Localizer, field string, v any) auditValue {
	if audit.Empty(v) {
		return auditValue{None: true}
	}
	switch x := v.(type) {
	case []any:
		items := make([]string, 0, len(x))
		for _, it := range x {
			items = append(items, formatItem(l, field, it))
		}
		return auditValue{Items: items}
	case map[string]any:
		items := make([]string, 0, len(x))
		for _, k := range sortedKeys(x) {
			items = append(items, strings.ReplaceAll(k, "_", " ")+": "+formatItem(l, k, x[k]))
		}
		return auditValue{Items: items}
	}
	return auditValue{Text: formatItem(l, field, v)}
}

// formatItem shows one value on one line: an object by its name when it
// has one (an agency), otherwise as "key: value" pairs.
func formatItem(l i18n.Localizer, field string, v any) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case bool:
		if x {
			return l.T("audit.value.yes")
		}
		return l.T("audit.value.no")
	case json.Number:
		return x.String()
	case string:
		if prefix := valueKey(field); prefix != "" && l.Has(prefix+x) {
			return l.T(prefix + x)
		}
		if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
			return fmtDateTime(t)
		}
		if t, err := time.Parse("2006-01-02", x); err == nil {
			return t.Format("02/01/2006")
		}
		return x
	case []any:
		parts := make([]string, 0, len(x))
		for _, it := range x {
			parts = append(parts, formatItem(l, field, it))
		}
		return strings.Join(parts, "; ")
	case map[string]any:
		if name, ok := x["name"].(string); ok && name != "" {
			return name
		}
		parts := make([]string, 0, len(x))
		for _, k := range sortedKeys(x) {
			parts = append(parts, strings.ReplaceAll(k, "_", " ")+": "+formatItem(l, k, x[k]))
		}
		return strings.Join(parts, ", ")
	}
	return fmt.Sprint(v)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
