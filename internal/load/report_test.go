package load

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/i18n"
)

// The report's own lines come from the message files: in Vietnamese they
// are what hoptac load has always printed, and in English they are
// English, problems listed included.
func TestWriteTableLanguage(t *testing.T) {
	samples := make([]string, 12)
	for i := range samples {
		samples[i] = "GET /plans/{id}: 500 Internal Server Error ×1"
	}
	for _, c := range []struct {
		lang string
		want []string
	}{
		{"", []string{
			"hoptac load — http://127.0.0.1:8080, kịch bản register, 10 người dùng (2 ghi số liệu năm, 8 đọc), đo trong 1.5s\n\n",
			"\nLỗi:\n", "  … và 2 loại lỗi khác\n"}},
		{i18n.Vietnamese, []string{"kịch bản register", "(2 ghi số liệu năm, 8 đọc)", "\nLỗi:\n"}},
		{i18n.English, []string{
			"hoptac load — http://127.0.0.1:8080, scenario register, 10 users (2 filing yearly figures, 8 reading), measured over 1.5s\n\n",
			"\nErrors:\n", "  … and 2 other kinds of error\n"}},
	} {
		t.Run("lang="+c.lang, func(t *testing.T) {
			rep := &Report{URL: "http://127.0.0.1:8080", Scenario: ScenarioRegister, Users: 10, WriteUsers: 2,
				Elapsed: 1500 * time.Millisecond, ErrorSamples: samples, Lang: c.lang}
			var out bytes.Buffer
			rep.WriteTable(&out)
			for _, w := range c.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("table lacks %q:\n%s", w, out.String())
				}
			}
			if strings.Contains(out.String(), "load.") {
				t.Errorf("a message key was printed instead of its text:\n%s", out.String())
			}
		})
	}
	progress := &Report{Scenario: ScenarioMixed, Users: 5, WriteUsers: 1}
	var out bytes.Buffer
	progress.WriteTable(&out)
	if !strings.Contains(out.String(), "(1 ghi tiến độ, 4 đọc)") {
		t.Errorf("mixed run's writers: %s", out.String())
	}
	if got := (&Report{Lang: i18n.English}).firstError(); got != "unknown error" {
		t.Errorf("firstError with no sample = %q", got)
	}
}

// The table pasted into docs/performance.md: its headers and the rows
// it adds come from the message files, Vietnamese first, and every
// column stays aligned, numbers to the right, whatever the language.
func TestWriteTableColumns(t *testing.T) {
	stats := RouteStats{Route: RoutePlans, Count: 1234, PerSecond: 41.1, P50: 2 * time.Millisecond,
		P95: 12500 * time.Microsecond, P99: 30 * time.Millisecond, Max: time.Second, Errors: 3}
	for _, c := range []struct {
		lang                string
		head, total, writer string
	}{
		{"", "| đường dẫn ", "**tổng**", "(bộ ghi, 2/giây)"},
		{i18n.English, "| route ", "**total**", "(writer, 2/s)"},
	} {
		t.Run("lang="+c.lang, func(t *testing.T) {
			rep := &Report{Scenario: ScenarioMixed, Users: 3, Routes: []RouteStats{stats}, Total: stats,
				Writer: &WriterStats{Rate: 2, Stats: RouteStats{Route: RouteAPIProgress, Count: 7}}, Lang: c.lang}
			var out bytes.Buffer
			rep.WriteTable(&out)
			var table []string
			for _, l := range strings.Split(out.String(), "\n") {
				if strings.HasPrefix(l, "|") {
					table = append(table, l)
				}
			}
			if len(table) != 5 || !strings.HasPrefix(table[0], c.head) || !strings.Contains(table[3], c.total) ||
				!strings.Contains(table[4], c.writer) {
				t.Fatalf("table:\n%s", out.String())
			}
			for _, k := range tableColumns {
				if !strings.Contains(table[0], " "+i18n.Default().T(c.lang, k)+" ") {
					t.Errorf("header lacks %s:\n%s", k, table[0])
				}
			}
			// Every line has its bars at the same places, counted in
			// characters (Vietnamese letters are several bytes).
			bars := func(l string) []int {
				var at []int
				for i, r := range []rune(l) {
					if r == '|' {
						at = append(at, i)
					}
				}
				return at
			}
			for _, l := range table[1:] {
				if !slices.Equal(bars(l), bars(table[0])) {
					t.Errorf("misaligned:\n%s\n%s", table[0], l)
				}
			}
			if !strings.Contains(table[2], "  1234 |") {
				t.Errorf("counts not right-aligned: %s", table[2])
			}
		})
	}
	if strings.Contains(func() string {
		var b bytes.Buffer
		(&Report{Routes: []RouteStats{stats}}).WriteTable(&b)
		return b.String()
	}(), "requests") {
		t.Error("the Vietnamese table has English headers")
	}
}
