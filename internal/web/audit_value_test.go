package web

import (
	"encoding/json"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/i18n"
)

func TestFormatAuditValue(t *testing.T) {
	t.Parallel()
	b, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	vi, en := b.For(i18n.Vietnamese), b.For(i18n.English)
	decode := func(s string) any { // as audit.Fields decodes
		dec := json.NewDecoder(strings.NewReader(s))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tc := range []struct {
		name, field, json string
		l                 i18n.Localizer
		want              auditValue
	}{
		{"null", "percent", `null`, vi, auditValue{None: true}},
		{"empty text", "note", `""`, vi, auditValue{None: true}},
		{"empty list", "aliases", `[]`, vi, auditValue{None: true}},
		{"number", "percent", `60`, vi, auditValue{Text: "60"}},
		{"true vi", "collective", `true`, vi, auditValue{Text: "Có"}},
		{"false en", "collective", `false`, en, auditValue{Text: "No"}},
		{"status vi", "status", `"in_progress"`, vi, auditValue{Text: "Đang thực hiện"}},
		{"status en", "status", `"done"`, en, auditValue{Text: "Done"}},
		{"agency kind", "kind", `"department"`, vi, auditValue{Text: "Sở, ban, ngành"}},
		{"role", "role", `"admin"`, en, auditValue{Text: "Administrator"}},
		{"unknown code stays", "status", `"paused"`, vi, auditValue{Text: "paused"}},
		{"instant in Vietnam time", "created_at", `"2026-11-24T03:00:00.000000Z"`, vi, auditValue{Text: "24/11/2026 10:00"}},
		{"day", "issued_on", `"2026-03-15"`, vi, auditValue{Text: "15/03/2026"}},
		{"text", "note", `"Đã xong {phần 1}"`, vi, auditValue{Text: "Đã xong {phần 1}"}},
		{"names", "aliases", `["Sở KHĐT","STC"]`, vi, auditValue{Items: []string{"Sở KHĐT", "STC"}}},
		{"agencies by name", "lead", `[{"id":3,"name":"Sở Tài chính","collective":false}]`, vi,
			auditValue{Items: []string{"Sở Tài chính"}}},
		{"object as pairs", "timeframe", `{"text":"Quý III","due":"2026-09-30"}`, vi,
			auditValue{Items: []string{"due: 30/09/2026", "text: Quý III"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := formatValue(tc.l, tc.field, decode(tc.json))
			if got.Text != tc.want.Text || got.None != tc.want.None || !slices.Equal(got.Items, tc.want.Items) {
				t.Errorf("formatValue(%s, %s) = %+v, want %+v", tc.field, tc.json, got, tc.want)
			}
		})
	}
	if got := fieldLabel(vi, "task", "lead"); got != "Cơ quan chủ trì" {
		t.Errorf("label of task.lead = %q", got)
	}
	if got := fieldLabel(vi, "task", "san_pham"); got != "Trường «san pham»" {
		t.Errorf("label of a field without a message = %q", got)
	}
	if got := fieldLabel(en, "task", "san_pham"); got != "Field “san pham”" {
		t.Errorf("English label of a field without a message = %q", got)
	}
}

func TestCSVCellIsNeverAFormula(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+84 912": "'+84 912", "-5": "'-5", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx",
		"Bình thường": "Bình thường", "": "", "60": "60",
	} {
		if got := csvCell(in); got != want {
			t.Errorf("csvCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestAuditFilterDays: days are read in Vietnam's time and "to" includes
// its whole day.
func TestAuditFilterDays(t *testing.T) {
	t.Parallel()
	ict := time.FixedZone("ICT", 7*3600)
	for _, q := range []string{"from=23/11/2026&to=24/11/2026", "from=2026-11-23&to=2026-11-24", "from=23/11/2026&to=2026-11-24"} {
		f, fe := auditFilter(httptest.NewRequest("GET", "/audit?"+q, nil))
		if len(fe) != 0 {
			t.Fatalf("%s: %v", q, fe)
		}
		if want := time.Date(2026, 11, 23, 0, 0, 0, 0, ict); !f.Since.Equal(want) {
			t.Errorf("%s: since %v, want %v", q, f.Since, want)
		}
		if want := time.Date(2026, 11, 25, 0, 0, 0, 0, ict); !f.Before.Equal(want) {
			t.Errorf("%s: before %v, want %v", q, f.Before, want)
		}
	}
	f, fe := auditFilter(httptest.NewRequest("GET", "/audit?from=24/11/2026&to=24/11/2026&entity_id=%2312", nil))
	if len(fe) != 0 || f.Before.Sub(f.Since) != 24*time.Hour || f.EntityID != 12 {
		t.Errorf("one day: %+v %v", f, fe)
	}
}
