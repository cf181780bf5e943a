package load

import (
	"bytes"
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
