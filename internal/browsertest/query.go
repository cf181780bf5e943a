package browsertest

import (
	"context"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// Eval evaluates a JavaScript expression in the page and decodes its
// value. It works with scripts turned off too: DevTools may still read the
// page.
func Eval[T any](s *Session, expression string) T {
	s.t.Helper()
	v, err := tryEval[T](s, expression)
	if err != nil {
		s.Fatalf("evaluate %.80q: %v", expression, err)
	}
	return v
}

func tryEval[T any](s *Session, expression string) (T, error) {
	ctx, cancel := s.stepCtx()
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](expression))
}

// navigating reports whether an evaluation failed only because the page
// was being replaced under it (Back, a redirect): worth asking again.
func navigating(err error) bool {
	msg := err.Error()
	for _, m := range []string{"Inspected target navigated or closed", "Execution context was destroyed",
		"Cannot find context with specified id"} {
		if strings.Contains(msg, m) {
			return true
		}
	}
	return false
}

// jsQuery is a JavaScript function that finds the elements of a selector:
// XPath when it starts with "/" or "(", else CSS.
const jsQuery = `((sel) => {
  if (sel.startsWith('/') || sel.startsWith('(')) {
    const r = document.evaluate(sel, document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
    const out = [];
    for (let i = 0; i < r.snapshotLength; i++) out.push(r.snapshotItem(i));
    return out;
  }
  return Array.from(document.querySelectorAll(sel));
})`

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// XPathText quotes s as an XPath string literal.
func XPathText(s string) string {
	if !strings.Contains(s, `"`) {
		return `"` + s + `"`
	}
	if !strings.Contains(s, `'`) {
		return `'` + s + `'`
	}
	parts := strings.Split(s, `"`)
	for i, p := range parts {
		parts[i] = `"` + p + `"`
	}
	return "concat(" + strings.Join(parts, `, '"', `) + ")"
}

// Link is the XPath of a link whose text is text.
func Link(text string) string { return "//a[normalize-space(.)=" + XPathText(text) + "]" }

// Row is the XPath of a table row that contains text; Row(x) + Link(y) is
// the link y in that row.
func Row(text string) string { return "//tr[contains(normalize-space(.), " + XPathText(text) + ")]" }

// Texts returns the visible text of every element of sel, with white space
// collapsed.
func (s *Session) Texts(sel string) []string {
	s.t.Helper()
	return Eval[[]string](s, jsQuery+`(`+jsString(sel)+`).map(e => (e.innerText || e.textContent || '').replace(/\s+/g, ' ').trim())`)
}

// Text returns the text of the first element of sel; the test fails if
// there is none.
func (s *Session) Text(sel string) string {
	s.t.Helper()
	ts := s.Texts(sel)
	if len(ts) == 0 {
		s.Fatalf("no element %s", sel)
	}
	return ts[0]
}

// Count returns the number of elements of sel.
func (s *Session) Count(sel string) int {
	s.t.Helper()
	return Eval[int](s, jsQuery+`(`+jsString(sel)+`).length`)
}

// Has reports whether the page has an element of sel.
func (s *Session) Has(sel string) bool {
	s.t.Helper()
	return s.Count(sel) > 0
}

// Attr returns an attribute of the first element of sel.
func (s *Session) Attr(sel, name string) string {
	s.t.Helper()
	v := Eval[*string](s, `(() => { const e = `+jsQuery+`(`+jsString(sel)+`)[0]; return e ? e.getAttribute(`+jsString(name)+`) : null })()`)
	if v == nil {
		s.Fatalf("no element %s with attribute %s", sel, name)
	}
	return *v
}

var firstNumber = regexp.MustCompile(`\d+`)

// Number returns the first whole number in the text of sel, e.g. 42 from
// "42 nhiệm vụ".
func (s *Session) Number(sel string) int {
	s.t.Helper()
	text := s.Text(sel)
	m := firstNumber.FindString(strings.ReplaceAll(strings.ReplaceAll(text, ".", ""), ",", ""))
	if m == "" {
		s.Fatalf("no number in %s: %q", sel, text)
	}
	n, _ := strconv.Atoi(m)
	return n
}

// MustContain fails the test unless the text of some element of sel
// contains want.
func (s *Session) MustContain(sel, want string) {
	s.t.Helper()
	texts := s.Texts(sel)
	for _, t := range texts {
		if strings.Contains(t, want) {
			return
		}
	}
	s.Fatalf("no %s contains %q; found %q", sel, want, texts)
}

// Location is the tab's current URL.
func (s *Session) Location() string {
	ctx, cancel := context.WithTimeout(s.ctx, 5*time.Second)
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "(unknown: " + err.Error() + ")"
	}
	return loc
}

// WaitFor polls a JavaScript expression until it is true; what names the
// condition in the failure message.
func (s *Session) WaitFor(what, expression string) {
	s.t.Helper()
	deadline := time.Now().Add(StepTimeout)
	for {
		ok, err := tryEval[bool](s, `!!(`+expression+`)`)
		if err != nil && !navigating(err) {
			s.Fatalf("evaluate %.80q: %v", expression, err)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			s.Fatalf("waited %v for %s", StepTimeout, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// WaitText waits until the text of sel satisfies ok, and returns it.
func (s *Session) WaitText(sel, what string, ok func(string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(StepTimeout)
	for {
		texts := s.Texts(sel)
		if len(texts) > 0 && ok(texts[0]) {
			return texts[0]
		}
		if time.Now().After(deadline) {
			s.Fatalf("waited %v for %s; %s is %q", StepTimeout, what, sel, texts)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// MarkDocument marks the current document, so SameDocument can tell later
// whether the page changed in place (htmx) or a new page loaded.
func (s *Session) MarkDocument() {
	s.t.Helper()
	Eval[bool](s, `window.__browsertestMark = true`)
}

// SameDocument reports whether the document MarkDocument marked is still
// the one in the tab.
func (s *Session) SameDocument() bool {
	s.t.Helper()
	return Eval[bool](s, `window.__browsertestMark === true`)
}

// WaitIdle waits until htmx has no request in flight and the document has
// loaded. Without JavaScript there is nothing to wait for.
func (s *Session) WaitIdle() {
	s.t.Helper()
	s.WaitFor("htmx to settle", `document.readyState === 'complete' && !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')`)
}
