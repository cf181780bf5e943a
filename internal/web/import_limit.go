package web

import (
	"context"
	"errors"
	"net/http"
	"runtime"
	"strconv"
	"time"

	"github.com/hoptac/hoptac/internal/planimport"
)

// Reading an uploaded plan is the heaviest thing a page does: unpacking,
// XML, normalising every line, matching every agency name. However many
// are sent at once, only ImportSlots() are read at the same time. One
// beyond waits for a slot, up to ImportWait and no longer than its
// request lives, then gets 503 with Retry-After and a message saying the
// server is busy.
//
// A bounded wait, rather than a wait as long as the request: two
// coordinators pressing "Đọc văn bản" together should both get their
// review, so a short queue absorbs that; but a flood (one user's script,
// or many bombs) must not pile up requests that each hold their upload in
// memory, and a user is better told to try again than left before a page
// that never loads.

// ImportWait is how long an import waits for a slot before it is turned
// away.
const ImportWait = 5 * time.Second

// importRetryAfter is the Retry-After of a turned-away import, in seconds.
const importRetryAfter = 10

// ImportSlots is how many imports are read at once: half the processors,
// at least one, so that imports never take every core from other pages.
func ImportSlots() int { return max(1, runtime.GOMAXPROCS(0)/2) }

// errImportBusy says every slot stayed taken for the whole wait.
var errImportBusy = errors.New("web: every import slot is taken")

// importReader reads a plan for the review screen: the result and the
// source lines beside it.
type importReader func(ctx context.Context, name string, data []byte, resolver planimport.Resolver) (*planimport.Result, []string, error)

// importLimit is a semaphore of slots around the import reader.
type importLimit struct {
	slots chan struct{}
	wait  time.Duration
	read  importReader
}

func newImportLimit(slots int, wait time.Duration) *importLimit {
	return &importLimit{slots: make(chan struct{}, max(1, slots)), wait: wait, read: readImport}
}

func readImport(ctx context.Context, name string, data []byte, resolver planimport.Resolver) (*planimport.Result, []string, error) {
	res, err := planimport.Parse(ctx, name, data, resolver)
	if err != nil {
		return nil, nil, err
	}
	lines, err := planimport.SourceLines(name, data)
	if err != nil {
		return nil, nil, err
	}
	return res, lines, nil
}

// run reads an import in a slot. It returns errImportBusy when no slot
// came free within the wait, and the context's error when the request
// ended first.
func (l *importLimit) run(ctx context.Context, name string, data []byte, resolver planimport.Resolver) (*planimport.Result, []string, error) {
	release, err := l.acquire(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer release()
	return l.read(ctx, name, data, resolver)
}

// acquire takes a slot for other heavy reads (the register's import
// shares the plan import's slots) and returns what gives it back; its
// errors are run's.
func (l *importLimit) acquire(ctx context.Context) (func(), error) {
	select {
	case l.slots <- struct{}{}:
	default:
		t := time.NewTimer(l.wait)
		defer t.Stop()
		select {
		case l.slots <- struct{}{}:
		case <-t.C:
			return nil, errImportBusy
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return func() { <-l.slots }, nil
}

// importBusy answers an import turned away: the form again, with the
// pasted text kept, a message beside the file, and when to try again.
func (h *Handler) importBusy(w http.ResponseWriter, r *http.Request) {
	h.log.WarnContext(r.Context(), "import turned away: every slot busy", "slots", cap(h.imports.slots), "wait", h.imports.wait)
	w.Header().Set("Retry-After", strconv.Itoa(importRetryAfter))
	v := h.view(r, "import.title", nil)
	v.Errors = map[string]string{"file": v.L.T("import.busy")}
	v.Form = map[string]string{"text": r.PostFormValue("text")}
	h.render(w, r, http.StatusServiceUnavailable, "import", v)
}
