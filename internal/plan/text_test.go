package plan

import "testing"

func TestHasForbiddenRune(t *testing.T) {
	for _, tc := range []struct {
		name      string
		s         string
		multiline bool
		want      bool
	}{
		{"plain Vietnamese", "Sở Tài chính chủ trì", false, false},
		{"tab", "Sở\tTài chính", false, false},
		{"newline in multi-line text", "dòng 1\ndòng 2\r\n", true, false},
		{"newline in a one-line field", "dòng 1\ndòng 2", false, true},
		{"NUL", "Sở\x00Tài chính", true, true},
		{"escape", "\x1b[31mđỏ", true, true},
		{"DEL", "a\x7fb", true, true},
		{"C1 control", "a\u0085b", true, true},
		{"right-to-left override", "Sở \u202ehcníhc iàT", true, true},
		{"left-to-right embedding", "\u202aSở", true, true},
		{"first isolate", "\u2068Sở\u2069", true, true},
		{"invalid UTF-8", "S\xffở", true, true},
		{"zero-width joiner is Normalize's job, not an error", "a\u200db", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := HasForbiddenRune(tc.s, tc.multiline); got != tc.want {
				t.Errorf("HasForbiddenRune(%q, %v) = %v, want %v", tc.s, tc.multiline, got, tc.want)
			}
		})
	}
}
