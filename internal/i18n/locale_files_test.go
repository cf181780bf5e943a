package i18n_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/i18n"
)

// TestLocaleFiles: both files are flat JSON objects of the same keys, in
// sorted order, with no empty text, and the English one holds no
// Vietnamese outside quoted examples.
func TestLocaleFiles(t *testing.T) {
	vietnamese := regexp.MustCompile(`[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđĐ]`)
	// Examples of what Vietnamese documents say stay as written.
	quoted := regexp.MustCompile(`“[^”]*”|«[^»]*»|QĐ`)
	keysOf := map[string][]string{}
	for _, lang := range []string{i18n.Vietnamese, i18n.English} {
		data, err := os.ReadFile(filepath.Join("locales", lang+".json"))
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
			t.Fatalf("%s.json: not an object", lang)
		}
		var keys []string
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				t.Fatalf("%s.json: %v", lang, err)
			}
			var text string
			if err := dec.Decode(&text); err != nil {
				t.Fatalf("%s.json: %v: %v", lang, tok, err)
			}
			key := tok.(string)
			keys = append(keys, key)
			if strings.TrimSpace(text) == "" {
				t.Errorf("%s.json: %q is empty", lang, key)
			}
			if lang == i18n.English && vietnamese.MatchString(quoted.ReplaceAllString(text, "")) {
				t.Errorf("en.json: %q holds Vietnamese: %q", key, text)
			}
		}
		if !sort.StringsAreSorted(keys) {
			t.Errorf("%s.json: keys are not in sorted order", lang)
		}
		keysOf[lang] = keys
	}
	if vi, en := fmt.Sprint(keysOf[i18n.Vietnamese]), fmt.Sprint(keysOf[i18n.English]); vi != en {
		for _, k := range onlyIn(keysOf[i18n.Vietnamese], keysOf[i18n.English]) {
			t.Errorf("%q is in vi.json only", k)
		}
		for _, k := range onlyIn(keysOf[i18n.English], keysOf[i18n.Vietnamese]) {
			t.Errorf("%q is in en.json only", k)
		}
	}
}

func onlyIn(a, b []string) []string {
	in := map[string]bool{}
	for _, k := range b {
		in[k] = true
	}
	var out []string
	for _, k := range a {
		if !in[k] {
			out = append(out, k)
		}
	}
	return out
}
