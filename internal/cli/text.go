package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/hoptac/hoptac/internal/i18n"
)

// The command line speaks the language i18n.CommandLang picks from the
// environment (HOPTAC_LANG, else the locale), Vietnamese by default. Its
// texts, like every other, live in internal/i18n/locales under "cli.".

// lang is the language of this command line.
func (env Env) lang() string {
	if env.Getenv == nil {
		return i18n.Vietnamese
	}
	return i18n.CommandLang(env.Getenv)
}

// text returns the message key in the command line's language.
func (env Env) text(key string, args ...any) string {
	return i18n.Default().Render(env.lang(), i18n.M(key, args...))
}

// say writes the message key as one line to w.
func (env Env) say(w io.Writer, key string, args ...any) {
	fmt.Fprintln(w, env.text(key, args...))
}

// cliErr is an error a command returns by key; Run says it in the command
// line's language.
func cliErr(key string, args ...any) error { return i18n.Errorf(nil, key, args...) }

// decimal writes a number with the reader's decimal separator: a comma in
// Vietnamese, a point in English.
func (env Env) decimal(format string, v float64) string {
	s := fmt.Sprintf(format, v)
	if env.lang() == i18n.Vietnamese {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
