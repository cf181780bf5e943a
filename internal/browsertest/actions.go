package browsertest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/hoptac/hoptac/internal/i18n"
)

// load runs an action that loads a new document, waits for it, and checks
// the page.
func (s *Session) load(act chromedp.Action[chromedp.Void]) *Page {
	s.t.Helper()
	ctx, cancel := s.stepCtx()
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, act)
	if err != nil {
		s.Fatalf("%v", err)
	}
	p := &Page{Session: s, URL: s.Location()}
	if resp != nil {
		p.Status = int(resp.Status)
	}
	s.Check()
	return p
}

// Visit opens a path of the application (or a full URL) and checks the page.
func (s *Session) Visit(path string) *Page {
	s.t.Helper()
	s.begin("visit %s", path)
	u := path
	if strings.HasPrefix(path, "/") {
		u = s.Base + path
	}
	return s.load(chromedp.Navigate(u))
}

// Click clicks an element (a link, a submit button) with the mouse, waits
// for the page it loads and checks it.
func (s *Session) Click(sel string) *Page {
	s.t.Helper()
	s.begin("click %s", sel)
	return s.load(clickAction(sel))
}

// Back goes back in the tab's history, as the browser's Back button does,
// waits for the page (loaded anew, from the cache, or restored by htmx)
// and checks it.
func (s *Session) Back() *Page {
	s.t.Helper()
	s.begin("back")
	before := s.Location()
	Eval[any](s, `history.back()`)
	s.WaitFor("the previous page", `location.href !== `+jsString(before)+` && document.readyState === 'complete'`)
	s.WaitIdle()
	p := &Page{Session: s, URL: s.Location()}
	s.Check()
	return p
}

// ClickLink clicks the first link whose text is text.
func (s *Session) ClickLink(text string) *Page {
	s.t.Helper()
	return s.Click(Link(text))
}

// clickAction clicks the middle of the first element of sel with the
// mouse, as a user does: the element must be visible and on top there. It
// finds the element with JavaScript, not chromedp's mirror of the DOM, which
// lags behind pages that htmx rewrites.
func clickAction(sel string) chromedp.Action[chromedp.Void] {
	type point struct {
		X     float64 `json:"x"`
		Y     float64 `json:"y"`
		Found bool    `json:"found"`
		Why   string  `json:"why"`
	}
	find := chromedp.Evaluate[point](`(() => {
	  const e = ` + jsQuery + `(` + jsString(sel) + `)[0];
	  if (!e) return {found: false, why: 'no such element'};
	  e.scrollIntoView({block: 'center', inline: 'center'});
	  const r = e.getBoundingClientRect();
	  if (r.width === 0 || r.height === 0) return {found: false, why: 'not visible'};
	  const x = r.left + r.width / 2, y = r.top + r.height / 2;
	  const top = document.elementFromPoint(x, y);
	  if (!top || !(e === top || e.contains(top) || top.contains(e) && top.tagName === 'LABEL')) {
	    return {found: false, why: 'covered by ' + (top ? top.outerHTML.slice(0, 80) : 'nothing')};
	  }
	  return {found: true, x: x, y: y};
	})()`)
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for {
			pt, err := find(ctx, t)
			if err != nil {
				return fmt.Errorf("click %s: %w", sel, err)
			}
			if pt.Found {
				_, err := chromedp.MouseClickXY(pt.X, pt.Y)(ctx, t)
				return err
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("click %s: %s", sel, pt.Why)
			case <-time.After(50 * time.Millisecond):
			}
		}
	})
}

// do runs steps that do not load a new document.
func (s *Session) do(steps ...chromedp.Action[chromedp.Void]) {
	s.t.Helper()
	ctx, cancel := s.stepCtx()
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		s.Fatalf("%v", err)
	}
}

// control is one named control of a form, as Fill sees it.
type control struct {
	Name string `json:"name"`
	Tag  string `json:"tag"`
	Type string `json:"type"`
}

// Fill fills the named controls of a form as a user would: it types into
// text fields and text areas (a "\n" is the Enter key), picks select
// options by value or by visible text, ticks or clears check boxes ("" and
// "0" clear), sets date fields, and puts a file path into file inputs. It
// fails if a name matches no control.
func (s *Session) Fill(form string, fields map[string]string) {
	s.t.Helper()
	s.begin("fill %s", form)
	controls := Eval[[]control](s, `(() => { const f = document.querySelector(`+jsString(form)+`);
	  return f ? Array.from(f.elements).filter(e => e.name).map(e => ({name: e.name, tag: e.tagName.toLowerCase(), type: (e.type || '').toLowerCase()})) : null })()`)
	if controls == nil {
		s.Fatalf("no form %s", form)
	}
	done := map[string]bool{}
	for _, c := range controls {
		v, ok := fields[c.Name]
		if !ok || done[c.Name] {
			continue
		}
		done[c.Name] = true
		sel := fmt.Sprintf("%s [name=%q]", form, c.Name)
		switch {
		case c.Tag == "select":
			s.Select(sel, v)
		case c.Type == "file":
			s.Upload(sel, v)
		case c.Type == "checkbox":
			want := v != "" && v != "0" && v != "false"
			if Eval[bool](s, `document.querySelector(`+jsString(sel)+`).checked`) != want {
				s.do(clickAction(sel))
			}
		case c.Type == "radio":
			s.do(clickAction(fmt.Sprintf("%s [name=%q][value=%q]", form, c.Name, v)))
		case slices.Contains([]string{"date", "datetime-local", "month", "week", "time", "color", "range"}, c.Type):
			// Typing into these depends on the browser's locale; set the value.
			s.setValue(sel, v)
		default:
			s.Type(sel, v)
		}
	}
	var missing []string
	for name := range fields {
		if !done[name] {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		s.Fatalf("form %s has no control named %q", form, missing)
	}
}

// Type clears a text field, focuses it and types text with key events.
func (s *Session) Type(sel, text string) {
	s.t.Helper()
	s.begin("type %s", sel)
	// Emptying a field fires input, as selecting all and deleting does.
	ok := Eval[bool](s, `(() => { const e = `+jsQuery+`(`+jsString(sel)+`)[0]; if (!e) return false;
	  if (e.value !== '') { e.value = ''; e.dispatchEvent(new Event('input', {bubbles: true})); }
	  e.focus();
	  return document.activeElement === e })()`)
	if !ok {
		s.Fatalf("no field %s to type into", sel)
	}
	s.do(chromedp.KeyEvent(text))
}

// setValue sets a control's value and fires the events a user's edit fires.
func (s *Session) setValue(sel, v string) {
	s.t.Helper()
	ok := Eval[bool](s, `(() => { const e = `+jsQuery+`(`+jsString(sel)+`)[0]; if (!e) return false;
	  e.value = `+jsString(v)+`;
	  e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));
	  return true })()`)
	if !ok {
		s.Fatalf("no element %s", sel)
	}
}

// Select picks the option of a select element whose value or visible text
// is option, and fires input and change events as a user's choice does
// (with JavaScript on, htmx may then update the page).
func (s *Session) Select(sel, option string) {
	s.t.Helper()
	s.begin("select %s %s", sel, option)
	ok := Eval[bool](s, `(() => { const e = `+jsQuery+`(`+jsString(sel)+`)[0]; if (!e) return false;
	  const want = `+jsString(option)+`;
	  const o = Array.from(e.options).find(o => o.value === want) || Array.from(e.options).find(o => o.text.trim() === want);
	  if (!o) return false;
	  e.value = o.value;
	  e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));
	  return true })()`)
	if !ok {
		s.Fatalf("no select %s with option %q", sel, option)
	}
}

// Upload puts a file into a file input, as choosing it in the file dialog
// does (DOM.setFileInputFiles).
func (s *Session) Upload(sel, file string) {
	s.t.Helper()
	s.begin("upload %s", filepath.Base(file))
	abs, err := filepath.Abs(file)
	if err != nil {
		s.Fatalf("upload: %v", err)
	}
	if _, err := os.Stat(abs); err != nil {
		s.Fatalf("upload: %v", err)
	}
	input := Eval[*runtime.RemoteObject](s, `(() => { const e = `+jsQuery+`(`+jsString(sel)+`)[0];
	  return e && e.type === 'file' ? e : null })()`)
	if input == nil || input.ObjectID == "" {
		s.Fatalf("no file input %s", sel)
	}
	ctx, cancel := s.stepCtx()
	defer cancel()
	if _, err := chromedp.Call(ctx, dom.SetFileInputFiles, dom.SetFileInputFilesParams{Files: []string{abs}, ObjectID: input.ObjectID}); err != nil {
		s.Fatalf("upload %s: %v", file, err)
	}
}

// Submit clicks the submit button of a form, waits for the page it loads
// and checks it.
func (s *Session) Submit(form string) *Page {
	s.t.Helper()
	s.begin("submit %s", form)
	var buttons []string
	for _, b := range []string{"button:not([type])", "button[type=submit]", "input[type=submit]"} {
		buttons = append(buttons, form+" "+b)
	}
	return s.load(clickAction(strings.Join(buttons, ", ")))
}

// FillAndSubmit fills a form and submits it with its button.
func (s *Session) FillAndSubmit(form string, fields map[string]string) *Page {
	s.t.Helper()
	s.Fill(form, fields)
	return s.Submit(form)
}

// Login logs in through the login form and fails unless it succeeds.
func (s *Session) Login(email, password string) *Page {
	s.t.Helper()
	s.Visit("/login")
	p := s.FillAndSubmit(`form[action="/login"]`, map[string]string{"email": email, "password": password})
	if strings.HasPrefix(p.Path(), "/login") {
		s.Fatalf("login as %s failed: %q", email, s.Texts(".error"))
	}
	return p
}

// Logout clicks the logout button and expects the login page.
func (s *Session) Logout() *Page {
	s.t.Helper()
	p := s.Submit(`form[action="/logout"]`)
	if !strings.HasPrefix(p.Path(), "/login") {
		s.Fatalf("logout led to %s, not the login page", p.Path())
	}
	if s.Has(`form[action="/logout"]`) {
		s.Fatalf("the logout button is still there after logout")
	}
	return p
}

// SwitchLanguage clicks the language button ("vi" or "en") and checks the
// page comes back in that language, on the same path — or, for a form sent
// back with an error, on the page the form belongs to (/tasks/3 for the
// answer of POST /tasks/3/progress).
func (s *Session) SwitchLanguage(lang string) *Page {
	s.t.Helper()
	before, _ := url.Parse(s.Location())
	btn := fmt.Sprintf(`form[action="/lang"] button[name=lang][value=%q]`, lang)
	if !s.Has(btn) {
		s.Fatalf("no button to switch to %q", lang)
	}
	s.Lang = lang
	p := s.Click(btn)
	samePage := before == nil || strings.HasPrefix(p.Path(), before.Path) ||
		p.Path() != "/" && strings.HasPrefix(before.Path, p.Path()+"/")
	if !samePage {
		s.Fatalf("switching language went from %s to %s", before.Path, p.Path())
	}
	return p
}

var bundle = sync.OnceValues(i18n.Load)

// T is the text of a message key in the session's language, as the pages
// show it.
func (s *Session) T(key string, args ...any) string {
	s.t.Helper()
	b, err := bundle()
	if err != nil {
		s.t.Fatalf("i18n: %v", err)
	}
	return b.For(s.Lang).T(key, args...)
}
