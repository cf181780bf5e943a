package i18n

import (
	"net/http/httptest"
	"testing"
)

// Both languages must hold the same keys, or English readers meet
// Vietnamese text (or keys) in the middle of a page.
func TestLanguagesHaveSameKeys(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	vi, en := b.Keys(Vietnamese), b.Keys(English)
	for _, k := range vi {
		if !b.Has(English, k) {
			t.Errorf("key %q has no English text", k)
		}
	}
	for _, k := range en {
		if !b.Has(Vietnamese, k) {
			t.Errorf("key %q has no Vietnamese text", k)
		}
	}
}

func TestTranslateFallsBack(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, lang, key, want string
		args                  []any
	}{
		{"vietnamese", Vietnamese, "status.overdue", "Quá hạn", nil},
		{"english", English, "status.overdue", "Overdue", nil},
		{"unknown language gets vietnamese", "fr", "status.overdue", "Quá hạn", nil},
		{"missing key shows key", Vietnamese, "no.such.key", "no.such.key", nil},
		{"arguments", Vietnamese, "plan.task_count", "18 nhiệm vụ", []any{18}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := b.For(tt.lang).T(tt.key, tt.args...); got != tt.want {
				t.Errorf("T(%q) = %q, want %q", tt.key, got, tt.want)
			}
		})
	}
}

func TestPick(t *testing.T) {
	tests := []struct {
		name, cookie, accept string
		page, api            string
	}{
		{"default", "", "", Vietnamese, Vietnamese},
		{"accept english", "", "en-US,en;q=0.9", Vietnamese, English},
		{"accept vietnamese first", "", "vi-VN, en;q=0.5", Vietnamese, Vietnamese},
		{"cookie wins", "en", "vi", English, English},
		{"bad cookie ignored", "xx", "", Vietnamese, Vietnamese},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			if tt.accept != "" {
				r.Header.Set("Accept-Language", tt.accept)
			}
			if tt.cookie != "" {
				r.Header.Set("Cookie", "lang="+tt.cookie)
			}
			if got := Pick(r); got != tt.page {
				t.Errorf("Pick = %q, want %q", got, tt.page)
			}
			if got := PickAPI(r); got != tt.api {
				t.Errorf("PickAPI = %q, want %q", got, tt.api)
			}
		})
	}
}

// TestLocalizerHas: a label with a general fallback asks whether its own
// message exists in the reader's language, without the Vietnamese fallback
// of T.
func TestLocalizerHas(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	b.msgs[Vietnamese]["test.only_vi"] = "Chỉ tiếng Việt"
	vi, en := b.For(Vietnamese), b.For(English)
	if !vi.Has("audit.title") || !en.Has("audit.title") {
		t.Errorf("audit.title not found")
	}
	if !vi.Has("test.only_vi") || en.Has("test.only_vi") {
		t.Errorf("Has(test.only_vi) = %v, %v; want true, false", vi.Has("test.only_vi"), en.Has("test.only_vi"))
	}
	if vi.Has("audit.field.nothing.here") {
		t.Errorf("a missing key is found")
	}
}
