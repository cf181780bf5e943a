package reportdoc

import (
	"reflect"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/i18n"
)

// TestNewLabelsEveryLanguage: every label has a message of its own in
// both languages (a missing one comes back as its key), and the motto
// reads as the Decree writes it.
func TestNewLabelsEveryLanguage(t *testing.T) {
	for _, lang := range []string{i18n.Vietnamese, i18n.English} {
		l := labels(t, lang)
		if !l.ok() {
			t.Errorf("%s: a label is empty", lang)
		}
		v := reflect.ValueOf(l)
		for i := range v.NumField() {
			if s := v.Field(i).String(); strings.HasPrefix(s, "reportdoc.") {
				t.Errorf("%s: %s has no message (%q)", lang, v.Type().Field(i).Name, s)
			}
		}
	}
	vi := labels(t, i18n.Vietnamese)
	if vi.Country != "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" || vi.Motto != "Độc lập - Tự do - Hạnh phúc" || vi.Recipients != "Nơi nhận:" {
		t.Errorf("Vietnamese motto or recipients: %q / %q / %q", vi.Country, vi.Motto, vi.Recipients)
	}
}
