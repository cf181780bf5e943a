package web_test

import (
	"html"
	"net/url"
	"strings"
	"testing"
)

// The agencies list finds an agency by an alias without diacritics, keeps
// the search in its box, shows the aliases, and offers the agency forms
// only to those who manage agencies.
func TestAgenciesList(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, c := range []struct {
		email  string
		manage bool
	}{{coordinatorEmail, true}, {viewerEmail, false}, {financeEmail, false}} {
		t.Run(c.email, func(t *testing.T) {
			cl := e.with(t).login(c.email)
			all := html.UnescapeString(e.with(t).agenciesPage(t, cl, ""))
			for _, want := range []string{"Sở Tài chính", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài chính Nghệ An", "STC"} {
				if !strings.Contains(all, want) {
					t.Errorf("list lacks %q", want)
				}
			}
			if got := strings.Contains(all, `href="/agencies/new"`); got != c.manage {
				t.Errorf("new agency link shown: %v, want %v", got, c.manage)
			}
			if got := strings.Contains(all, `/edit">`); got != c.manage {
				t.Errorf("edit links shown: %v, want %v", got, c.manage)
			}
			found := html.UnescapeString(e.with(t).agenciesPage(t, cl, "?q="+url.QueryEscape("so nong nghiep va ptnt")))
			if !strings.Contains(found, "Sở Nông nghiệp và Phát triển nông thôn") || strings.Contains(found, "<td>Sở Tài chính") {
				t.Errorf("search by alias without marks:\n%.2000s", found)
			}
			if !strings.Contains(found, `value="so nong nghiep va ptnt"`) {
				t.Error("the search box does not keep the search")
			}
		})
	}
}
