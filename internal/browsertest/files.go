package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// Download is a file the browser saved.
type Download struct {
	Name string // the name the browser suggested, from Content-Disposition
	URL  string
	Data []byte
}

// Download clicks a link to a file, waits until the browser has saved it,
// and returns it.
func (s *Session) Download(sel string) Download {
	s.t.Helper()
	s.begin("download %s", sel)
	dir := s.t.TempDir()
	ctx, cancel := s.stepCtx()
	defer cancel()
	_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior:         browser.SetDownloadBehaviorBehaviorAllowAndName,
		BrowserContextID: chromedp.FromContext(s.ctx).BrowserContextID,
		DownloadPath:     dir, EventsEnabled: new(true)})
	if err != nil {
		s.Fatalf("allow downloads: %v", err)
	}
	type result struct {
		d   Download
		err error
	}
	done := make(chan result, 1)
	var mu sync.Mutex
	begun := map[string]Download{}
	lctx, lcancel := context.WithCancel(ctx)
	defer lcancel()
	err = chromedp.ListenBrowser(lctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *browser.EventDownloadWillBegin:
			begun[ev.GUID] = Download{Name: ev.SuggestedFilename, URL: ev.URL}
		case *browser.EventDownloadProgress:
			d, ok := begun[ev.GUID]
			switch {
			case !ok:
			case ev.State == browser.DownloadProgressStateCompleted:
				data, err := os.ReadFile(filepath.Join(dir, ev.GUID))
				d.Data = data
				select {
				case done <- result{d, err}:
				default:
				}
			case ev.State == browser.DownloadProgressStateCanceled:
				select {
				case done <- result{d, errors.New("the browser canceled the download of " + d.URL)}:
				default:
				}
			}
		}
	})
	if err != nil {
		s.Fatalf("listen for downloads: %v", err)
	}
	s.mu.Lock()
	s.downloading = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.downloading = false
		s.mu.Unlock()
	}()
	if err := chromedp.Do(ctx, clickAction(sel)); err != nil {
		s.Fatalf("%v", err)
	}
	select {
	case r := <-done:
		if r.err != nil {
			s.Fatalf("%v", r.err)
		}
		s.Check()
		return r.d
	case <-ctx.Done():
		s.Fatalf("no download finished within %v", StepTimeout)
	}
	return Download{}
}

// WritePDF writes a small valid one-page PDF showing text (ASCII; other
// characters become "?") into the test's temporary directory, and returns
// its path. name may hold Vietnamese, as real evidence files do.
func WritePDF(t testing.TB, name, text string) string {
	t.Helper()
	return WriteFile(t, name, PDF(text))
}

// WriteFile writes data to a file of that name in a new temporary
// directory of the test, for Upload, and returns its path.
func WriteFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// PDF returns a small valid one-page PDF document showing text.
func PDF(text string) []byte {
	var esc strings.Builder
	for _, r := range text {
		switch {
		case r == '(' || r == ')' || r == '\\':
			esc.WriteByte('\\')
			esc.WriteRune(r)
		case r >= 0x20 && r < 0x7f:
			esc.WriteRune(r)
		default:
			esc.WriteByte('?')
		}
	}
	content := "BT /F1 16 Tf 72 760 Td (" + esc.String() + ") Tj ET"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b strings.Builder
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return []byte(b.String())
}
