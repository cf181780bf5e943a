package plan

import (
	"strconv"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/i18n"
)

func pct(n int) *int { return &n }

// TestProgressRules: every rule of a progress entry, checked the way the
// store applies them (Normalize, then Validate), with the field named.
func TestProgressRules(t *testing.T) {
	longURL := "https://example.vn/" + strings.Repeat("a", MaxURLLen-len("https://example.vn/"))
	tests := []struct {
		name        string
		p           Progress
		field, key  string // "" when accepted
		wantPercent *int   // after Normalize, when accepted
	}{
		{name: "in progress with percent", p: Progress{Status: StatusInProgress, Percent: pct(40)}, wantPercent: pct(40)},
		{name: "in progress at 100", p: Progress{Status: StatusInProgress, Percent: pct(100)}, wantPercent: pct(100)},
		{name: "done without percent is 100", p: Progress{Status: StatusDone}, wantPercent: pct(100)},
		{name: "done at 100", p: Progress{Status: StatusDone, Percent: pct(100)}, wantPercent: pct(100)},
		{name: "done at 0", p: Progress{Status: StatusDone, Percent: pct(0)}, field: "percent", key: "error.field.percent_done"},
		{name: "done at 99", p: Progress{Status: StatusDone, Percent: pct(99)}, field: "percent", key: "error.field.percent_done"},
		{name: "not started without percent is 0", p: Progress{Status: StatusNotStarted}, wantPercent: pct(0)},
		{name: "not started at 0", p: Progress{Status: StatusNotStarted, Percent: pct(0), Note: "x"}, wantPercent: pct(0)},
		{name: "not started at 100", p: Progress{Status: StatusNotStarted, Percent: pct(100)}, field: "percent", key: "error.field.percent_not_started"},
		{name: "not started at 10", p: Progress{Status: StatusNotStarted, Percent: pct(10)}, field: "percent", key: "error.field.percent_not_started"},
		{name: "percent over 100", p: Progress{Status: StatusDone, Percent: pct(101)}, field: "percent", key: "error.field.percent"},
		{name: "computed status", p: Progress{Status: StatusOverdue, Note: "x"}, field: "status", key: "error.field.status"},
		{name: "says nothing", p: Progress{Status: StatusInProgress}, field: "note", key: "error.field.progress_empty"},
		{name: "note at the limit", p: Progress{Status: StatusInProgress, Note: strings.Repeat("ữ", MaxNoteLen)}},
		{name: "note over the limit", p: Progress{Status: StatusInProgress, Note: strings.Repeat("ữ", MaxNoteLen+1)},
			field: "note", key: "error.field.note_too_long"},
		{name: "note with NUL", p: Progress{Status: StatusInProgress, Note: "xong\x00"}, field: "note", key: "error.field.forbidden_chars"},
		{name: "note with RLO", p: Progress{Status: StatusInProgress, Note: "xong \u202Etxt.exe"}, field: "note", key: "error.field.forbidden_chars"},
		{name: "note keeps lines", p: Progress{Status: StatusInProgress, Note: "a\r\n\tb"}},
		{name: "URL at the limit", p: Progress{Status: StatusInProgress, EvidenceURL: longURL}},
		{name: "URL over the limit", p: Progress{Status: StatusInProgress, EvidenceURL: longURL + "a"},
			field: "evidence_url", key: "error.field.url_too_long"},
		{name: "URL of 1 MB", p: Progress{Status: StatusInProgress, EvidenceURL: "https://x.vn/" + strings.Repeat("a", 1<<20)},
			field: "evidence_url", key: "error.field.url_too_long"},
		{name: "URL not http", p: Progress{Status: StatusInProgress, EvidenceURL: "javascript:alert(1)"}, field: "evidence_url", key: "error.field.url"},
		{name: "URL without host", p: Progress{Status: StatusInProgress, EvidenceURL: "https:///a"}, field: "evidence_url", key: "error.field.url"},
		{name: "URL with a bidi mark", p: Progress{Status: StatusInProgress, EvidenceURL: "https://x.vn/\u200Fa"},
			field: "evidence_url", key: "error.field.forbidden_chars"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.p
			p.Normalize()
			err := p.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if tt.wantPercent != nil && (p.Percent == nil || *p.Percent != *tt.wantPercent) {
					t.Errorf("percent %v, want %d", p.Percent, *tt.wantPercent)
				}
				if strings.ContainsAny(p.Note, "\r") {
					t.Errorf("note %q keeps a carriage return", p.Note)
				}
				return
			}
			e := apperr.As(err)
			if e.Code != apperr.Validation || e.Fields[tt.field] != tt.key {
				t.Fatalf("err = %v, want %s on %s", err, tt.key, tt.field)
			}
		})
	}
}

// TestProgressReportsEveryField: a refused character does not hide the
// entry's other faults; the form marks them all at once.
func TestProgressReportsEveryField(t *testing.T) {
	p := Progress{Status: StatusDone, Percent: pct(0), Note: "xong\x00", EvidenceURL: "ftp://a.vn/" + strings.Repeat("a", MaxURLLen)}
	p.Normalize()
	got := apperr.As(p.Validate()).Fields
	want := map[string]string{"note": "error.field.forbidden_chars", "percent": "error.field.percent_done",
		"evidence_url": "error.field.url_too_long"}
	if len(got) != len(want) {
		t.Errorf("fields %v, want %v", got, want)
	}
	for f, k := range want {
		if got[f] != k {
			t.Errorf("%s: %q, want %q", f, got[f], k)
		}
	}
}

// TestProgressLimitMessages: the messages quote the limits the code
// enforces, in both languages, so changing one without the other fails.
func TestProgressLimitMessages(t *testing.T) {
	b, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for key, limit := range map[string]int{"error.field.note_too_long": MaxNoteLen, "error.field.url_too_long": MaxURLLen} {
		for lang, sep := range map[string]string{"vi": ".", "en": ","} {
			if m, n := b.T(lang, key), grouped(limit, sep); !strings.Contains(m, n) {
				t.Errorf("%s %s = %q, want it to quote %s", lang, key, m, n)
			}
		}
	}
}

// grouped writes n with a thousands separator: 10.000 in Vietnamese.
func grouped(n int, sep string) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	return s
}
