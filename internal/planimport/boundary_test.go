package planimport

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/vntext"
)

// forbiddenIn returns the first string in the result, anywhere, that
// holds a rune the input boundary forbids; "" when there is none.
func forbiddenIn(t *testing.T, res *Result) string {
	t.Helper()
	data, err := json.Marshal(res)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	var walk func(any) string
	walk = func(v any) string {
		switch x := v.(type) {
		case string:
			if vntext.Check(x) != nil {
				return x
			}
		case []any:
			for _, e := range x {
				if s := walk(e); s != "" {
					return s
				}
			}
		case map[string]any:
			for k, e := range x {
				if vntext.Check(k) != nil {
					return k
				}
				if s := walk(e); s != "" {
					return s
				}
			}
		}
		return ""
	}
	return walk(v)
}

// TestImportStripsForbiddenRunes: a file is text nobody can retype, so the
// boundary strips what it forbids (a direction override, a C1 or other
// control, a noncharacter) instead of failing the import, and none of it
// reaches the result the review screen and the store receive.
func TestImportStripsForbiddenRunes(t *testing.T) {
	t.Parallel()
	text := "KẾ HOẠCH\u202E\nPhát triển kinh tế tập thể\u0085 năm 2026\x7f\n" +
		"Số TT\tNội dung\tĐơn vị chủ trì\tThời gian\n" +
		"I\tNhóm\u2066 một\u2069\t\t\n" +
		"1\tRà soát\x1b hợp tác xã\uFFFE\tSở Tài chính\u200F\tQuý II/2026\n"
	res, err := Parse(context.Background(), "ke-hoach.txt", []byte(text), Catalog())
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if s := forbiddenIn(t, res); s != "" {
		t.Errorf("forbidden rune kept in %q", s)
	}
	data, _ := json.Marshal(res)
	if !strings.Contains(string(data), "Rà soát hợp tác xã") {
		t.Errorf("task text lost with the stripped runes: %s", data)
	}
}
