package i18n

import (
	"context"
	"strings"
	"sync"
)

// Message is a text by key and fmt arguments, kept as such until the
// reader's language is known. An argument that is itself a Message is
// rendered in the same language first, so a sentence can carry a
// translated detail ("the archive is damaged") inside it.
type Message struct {
	Key  string
	Args []any
}

// M makes a Message.
func M(key string, args ...any) Message { return Message{Key: key, Args: args} }

// Render returns m in lang.
func (b *Bundle) Render(lang string, m Message) string {
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		switch a := a.(type) {
		case Message:
			args[i] = b.Render(lang, a)
		case *Error:
			args[i] = a.In(lang)
		default:
			args[i] = a
		}
	}
	return b.T(lang, m.Key, args...)
}

// Error is an error whose text is a Message: Error() gives the Vietnamese
// text (logs, and callers that know no language), In gives any language.
// The cause, when there is one, follows after a colon, itself in the same
// language when it can be.
type Error struct {
	Message
	Err error
}

// Errorf makes an Error for key with args and the cause err (may be nil).
func Errorf(err error, key string, args ...any) *Error {
	return &Error{Message: M(key, args...), Err: err}
}

func (e *Error) Error() string { return e.In(Vietnamese) }
func (e *Error) Unwrap() error { return e.Err }

// In returns the error's text in lang.
func (e *Error) In(lang string) string {
	msg := Default().Render(lang, e.Message)
	if e.Err != nil {
		msg += ": " + Describe(e.Err, lang)
	}
	return msg
}

// Localized is an error that can say itself in the reader's language.
type Localized interface {
	error
	In(lang string) string
}

// Describe returns err's text in lang when it can say itself in lang, and
// its plain text otherwise (a driver's or the system's own message).
func Describe(err error, lang string) string {
	if l, ok := err.(Localized); ok {
		return l.In(lang)
	}
	return err.Error()
}

// Default returns the embedded messages, read once. They are compiled
// into the binary and never change, so every caller shares one Bundle;
// code that renders text without a handler at hand (an error's Error
// method, the plan importer) reads it here.
func Default() *Bundle { return defaultBundle() }

var defaultBundle = sync.OnceValue(func() *Bundle {
	b, err := Load()
	if err != nil {
		// The files are embedded; TestLanguagesHaveSameKeys loads them.
		panic(err)
	}
	return b
})

type langKey struct{}

// WithLang records the reader's language in ctx, for code that writes user
// text far from the request (the plan importer's warnings).
func WithLang(ctx context.Context, lang string) context.Context {
	return context.WithValue(ctx, langKey{}, lang)
}

// LangFrom returns the language WithLang recorded, else Vietnamese.
func LangFrom(ctx context.Context) string {
	if lang, ok := ctx.Value(langKey{}).(string); ok && (lang == Vietnamese || lang == English) {
		return lang
	}
	return Vietnamese
}

// CommandLang chooses the language of the command line: HOPTAC_LANG when it
// is "vi" or "en", else English when the locale (LC_ALL, LC_MESSAGES,
// LANG, the first one set, as POSIX orders them) starts with "en", else
// Vietnamese. HOPTAC_LANG comes first because many servers run with an
// English locale by default while their operators read Vietnamese.
func CommandLang(getenv func(string) string) string {
	switch strings.ToLower(strings.TrimSpace(getenv("HOPTAC_LANG"))) {
	case Vietnamese:
		return Vietnamese
	case English:
		return English
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc := getenv(v); loc != "" {
			if strings.HasPrefix(strings.ToLower(loc), English) {
				return English
			}
			return Vietnamese
		}
	}
	return Vietnamese
}
