package load

import (
	"testing"

	"github.com/hoptac/hoptac/internal/i18n"
)

// A check's problem is recorded in the run's language, prefixed as wrong
// content, and a passing check records nothing.
func TestRecordedProblemLanguage(t *testing.T) {
	check := planPage(planInfo{ID: 7, Number: "12/KH-UBND"})
	for _, c := range []struct {
		lang, want string
	}{
		{"", "nội dung sai: không phải trang kế hoạch 7"},
		{i18n.Vietnamese, "nội dung sai: không phải trang kế hoạch 7"},
		{i18n.English, "wrong content: not the page of plan 7"},
	} {
		s := &sim{rn: &runner{cfg: Config{Lang: c.lang}}}
		if got := s.render(check([]byte("<html></html>"))); got != c.want {
			t.Errorf("lang %q: %q, want %q", c.lang, got, c.want)
		}
		if got := s.text("load.no_agency_task", "Sở Tài chính"); got == "load.no_agency_task" {
			t.Errorf("lang %q: the key itself was recorded", c.lang)
		}
	}
	page := `<form action="/plans/7"><span class="docno">12/KH-UBND</span>`
	if got := (&sim{rn: &runner{}}).render(check([]byte(page))); got != "" {
		t.Errorf("a right page recorded %q", got)
	}
}

// Errors returned to the command line render in its language, and in
// Vietnamese where no language is known.
func TestErrorsLanguage(t *testing.T) {
	_, err := CheckURL("http://example.com/")
	if got := i18n.Describe(err, i18n.English); got != `hoptac load only loads a server on this very machine `+
		`(127.0.0.1, ::1 or localhost); "example.com" refused, since load-testing someone else's server is an attack` {
		t.Errorf("English refusal: %s", got)
	}
	if got := err.Error(); got != `hoptac load chỉ thử tải máy chủ chạy trên chính máy này (127.0.0.1, ::1 hoặc localhost); `+
		`từ chối "example.com" vì thử tải máy chủ của người khác là tấn công` {
		t.Errorf("Vietnamese refusal: %s", got)
	}
	_, err = CheckURL("ftp://127.0.0.1/")
	if got := i18n.Describe(err, i18n.English); got != `the address "ftp://127.0.0.1/" is not valid: it must look like http://127.0.0.1:8080` {
		t.Errorf("English bad address: %s", got)
	}
}
