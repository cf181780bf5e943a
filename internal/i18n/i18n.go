// Package i18n holds every text the user reads, in Vietnamese first and
// English second. Code refers to messages by key only.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
)

//go:embed locales/*.json
var files embed.FS

// Languages hoptac speaks, the default first.
const (
	Vietnamese = "vi"
	English    = "en"
)

// Bundle holds the messages of every language.
type Bundle struct {
	msgs map[string]map[string]string
}

// Load reads the embedded message files.
func Load() (*Bundle, error) {
	b := &Bundle{msgs: map[string]map[string]string{}}
	for _, lang := range []string{Vietnamese, English} {
		data, err := files.ReadFile("locales/" + lang + ".json")
		if err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", lang, err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", lang, err)
		}
		b.msgs[lang] = m
	}
	return b, nil
}

// Keys returns every key of a language, sorted; tests compare languages.
func (b *Bundle) Keys(lang string) []string {
	keys := make([]string, 0, len(b.msgs[lang]))
	for k := range b.msgs[lang] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Has reports whether lang has a message for key.
func (b *Bundle) Has(lang, key string) bool {
	_, ok := b.msgs[lang][key]
	return ok
}

// T returns the message for key in lang, formatted with args (fmt verbs).
// A missing message falls back to Vietnamese, then to the key itself, so a
// gap shows up as a visible key rather than a blank.
func (b *Bundle) T(lang, key string, args ...any) string {
	msg, ok := b.msgs[lang][key]
	if !ok {
		msg, ok = b.msgs[Vietnamese][key]
	}
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// Localizer is a Bundle bound to one language, for templates and handlers.
type Localizer struct {
	b    *Bundle
	Lang string
}

// For binds the bundle to a language; unknown languages get Vietnamese.
func (b *Bundle) For(lang string) Localizer {
	if _, ok := b.msgs[lang]; !ok {
		lang = Vietnamese
	}
	return Localizer{b: b, Lang: lang}
}

// T translates key.
func (l Localizer) T(key string, args ...any) string { return l.b.T(l.Lang, key, args...) }

// Has reports whether the language has a message for key, for labels that
// fall back to a general rule when no message of their own exists.
func (l Localizer) Has(key string) bool { return l.b.Has(l.Lang, key) }

// Pick chooses the language of a page: the "lang" cookie the reader set,
// else Vietnamese. Browsers in provincial offices often announce English,
// so Accept-Language alone does not switch pages away from Vietnamese.
func Pick(r *http.Request) string {
	if c, err := r.Cookie("lang"); err == nil && (c.Value == Vietnamese || c.Value == English) {
		return c.Value
	}
	return Vietnamese
}

// PickAPI chooses the language of API messages: the cookie, else the first
// supported language in Accept-Language, which scripts set on purpose.
func PickAPI(r *http.Request) string {
	if c, err := r.Cookie("lang"); err == nil && (c.Value == Vietnamese || c.Value == English) {
		return c.Value
	}
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		switch strings.ToLower(strings.SplitN(tag, "-", 2)[0]) {
		case Vietnamese:
			return Vietnamese
		case English:
			return English
		}
	}
	return Vietnamese
}
