package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/planimport"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
	"github.com/hoptac/hoptac/internal/zipbound/zipboundtest"
)

// heldReader is an import reader that counts the reads running at once
// and holds each until released (in TestImportLimitTurnsAway, only those
// named "held…").
type heldReader struct {
	running, peak atomic.Int64
	entered       chan string
	release       chan struct{}
	holdAll       bool
}

func newHeldReader() *heldReader {
	return &heldReader{entered: make(chan string, 100), release: make(chan struct{}), holdAll: true}
}

func (h *heldReader) read(ctx context.Context, name string, _ []byte, _ planimport.Resolver) (*planimport.Result, []string, error) {
	n := h.running.Add(1)
	for p := h.peak.Load(); n > p && !h.peak.CompareAndSwap(p, n); p = h.peak.Load() {
	}
	h.entered <- name
	if h.holdAll || strings.HasPrefix(name, "held") {
		<-h.release
	}
	h.running.Add(-1)
	return &planimport.Result{}, nil, nil
}

// TestImportLimitBound: of many imports sent at once, never more than the
// slots are read together, every one is read in the end, and the slots
// are really used (the peak reaches them).
func TestImportLimitBound(t *testing.T) {
	t.Parallel()
	const slots, imports = 2, 8
	l := newImportLimit(slots, time.Minute)
	hr := newHeldReader()
	l.read = hr.read
	var wg sync.WaitGroup
	errs := make(chan error, imports)
	for i := range imports {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, err := l.run(context.Background(), fmt.Sprint(i), nil, nil)
			errs <- err
		}()
	}
	// Let one read finish each time one starts: the others wait.
	for range slots {
		<-hr.entered
	}
	for range imports - slots {
		hr.release <- struct{}{}
		<-hr.entered
	}
	for range slots {
		hr.release <- struct{}{}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("an import waiting for a slot failed: %v", err)
		}
	}
	if p := hr.peak.Load(); p != slots {
		t.Errorf("%d imports read at once, want at most and at best %d", p, slots)
	}
}

// TestImportLimitTurnsAway: with every slot held, one more import is not
// read: it is turned away when the wait ends, or as soon as its request
// is gone; once a slot frees, a waiting import is read.
func TestImportLimitTurnsAway(t *testing.T) {
	t.Parallel()
	l := newImportLimit(2, 20*time.Millisecond)
	hr := newHeldReader()
	hr.holdAll = false
	l.read = hr.read
	for i := range 2 {
		go func() { _, _, _ = l.run(context.Background(), fmt.Sprint("held", i), nil, nil) }() // held until released; the result is not the point
		<-hr.entered
	}
	if _, _, err := l.run(context.Background(), "third", nil, nil); !errors.Is(err, errImportBusy) {
		t.Errorf("third import with both slots held: err %v, want errImportBusy", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	long := newImportLimit(2, time.Hour)
	long.slots, long.read = l.slots, l.read // the same slots, still held
	if _, _, err := long.run(ctx, "gone", nil, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("import whose request ended while waiting: %v", err)
	}
	done := make(chan error)
	go func() { _, _, err := long.run(context.Background(), "waits", nil, nil); done <- err }()
	hr.release <- struct{}{} // one held import ends
	if err := <-done; err != nil {
		t.Errorf("waiting import: %v", err)
	}
	hr.release <- struct{}{}
	close(hr.entered)
	var read []string
	for name := range hr.entered {
		read = append(read, name)
	}
	if len(read) != 1 || read[0] != "waits" {
		t.Errorf("read after the held imports: %q, want only the one that waited", read)
	}
}

// TestImportBusyPage: the page of an import turned away says, in
// Vietnamese, that the server is busy, keeps the pasted text and tells
// the browser when to retry; the same import goes through once a slot is
// free. A bomb sent through the page is refused with the message naming
// its member.
func TestImportBusyPage(t *testing.T) {
	t.Parallel()
	bundle, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	db := storetest.Open(t)
	h, err := New(db, nil, bundle, slog.New(slog.DiscardHandler), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	h.imports.wait = 0
	// The plan read is kept on the server for its reader until confirmed:
	// the reader is an account of the database.
	coordinator := &auth.User{Email: "dieuphoi@hoptac.local", Name: "Điều phối", Role: auth.RoleCoordinator}
	if err := db.Update(context.Background(), func(tx *store.Tx) error {
		return tx.CreateUser(context.Background(), coordinator, "mat-khau-dieu-phoi-2026")
	}); err != nil {
		t.Fatal(err)
	}
	post := func(fileName string, data []byte, text string) *httptest.ResponseRecorder {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		if err := mw.WriteField("text", text); err != nil {
			t.Fatal(err)
		}
		if fileName != "" {
			fw, _ := mw.CreateFormFile("file", fileName)
			if _, err := fw.Write(data); err != nil {
				t.Fatal(err)
			}
		}
		mw.Close()
		r := httptest.NewRequest(http.MethodPost, "/plans/import", &body)
		r.Header.Set("Content-Type", mw.FormDataContentType())
		r = r.WithContext(auth.WithUser(r.Context(), coordinator))
		w := httptest.NewRecorder()
		h.ImportRead(w, r)
		return w
	}
	const pasted = "KẾ HOẠCH\nPhát triển kinh tế tập thể\n1\tTổ chức hội nghị\tSở Y tế\t\t2026"
	for range cap(h.imports.slots) {
		h.imports.slots <- struct{}{}
	}
	w := post("", nil, pasted)
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") != "10" {
		t.Errorf("import with every slot busy: %d, Retry-After %q; want 503, 10", w.Code, w.Header().Get("Retry-After"))
	}
	if b := w.Body.String(); !strings.Contains(b, "Máy chủ đang bận") || !strings.Contains(b, "Phát triển kinh tế tập thể") {
		t.Errorf("busy page lacks the message or the pasted text:\n%.800s", b)
	}
	for range cap(h.imports.slots) {
		<-h.imports.slots
	}
	if w := post("", nil, pasted); w.Code != http.StatusOK {
		t.Errorf("the same import with a slot free: %d\n%.500s", w.Code, w.Body.String())
	}
	bomb := zipboundtest.Zip(t, nil, zipboundtest.Bomb{Name: "word/document.xml", Fill: 'A', MiB: 1024})
	w = post("ke-hoach.docx", bomb, "")
	if b := w.Body.String(); w.Code != http.StatusUnprocessableEntity || !strings.Contains(b, "Tệp giải nén quá lớn") ||
		!strings.Contains(b, "word/document.xml") {
		t.Errorf("bomb upload: %d\n%.800s", w.Code, b)
	}
	if n := len(h.imports.slots); n != 0 {
		t.Errorf("%d slots still taken after the imports ended", n)
	}
}
