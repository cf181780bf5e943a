package portal

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/cachekey"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// maxAge is how long a browser or a proxy may reuse an answer without
// asking: short, so a publication shows within a minute, long enough
// that a crowd on release day mostly asks a proxy or revalidates.
const maxAge = "public, max-age=60"

// answer is one cached answer: the bytes sent, their type and validators.
type answer struct {
	body     []byte
	ctype    string
	etag     string    // a hash of body: equal answers have equal tags on every server
	modified time.Time // when this server first computed it, to the second
}

// serve answers a GET from the cache or from build, under a key made of
// the portal's data version (store.PortalVersion, read first, so an answer
// is never older than its version), the day (task statuses are computed
// for it), the reader's language and key, which holds what build reads
// from the request. It sets the validators and answers 304 to a
// conditional request that matches.
func (h *Handler) serve(w http.ResponseWriter, r *http.Request, key any, ctype string,
	build func(v store.PortalVersion) ([]byte, error)) {
	ctx := r.Context()
	version, err := h.version(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	k := cachekey.Of(struct {
		Version store.PortalVersion
		Today   time.Time
		Lang    string
		Key     any
	}{version, plan.Today(h.now()), i18n.Pick(r), key})
	a, ok := h.cache.Get(k)
	if !ok {
		body, err := build(version)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		sum := sha256.Sum256(body)
		a = answer{body: body, ctype: ctype, etag: `"` + hex.EncodeToString(sum[:16]) + `"`,
			modified: h.now().UTC().Truncate(time.Second)}
		h.cache.Put(k, a, len(body)+len(k))
	}
	hd := w.Header()
	hd.Set("Cache-Control", maxAge) // replaces the no-store every other page gets
	// The language comes from a cookie, so a shared cache must keep the
	// two languages apart.
	hd.Set("Vary", "Cookie")
	hd.Set("ETag", a.etag)
	hd.Set("Last-Modified", a.modified.Format(http.TimeFormat))
	if notModified(r, a) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hd.Set("Content-Type", a.ctype)
	_, _ = w.Write(a.body) // a gone client has nobody to tell
}

// version reads the portal's version, through the prepared statement
// when there is one.
func (h *Handler) version(ctx context.Context) (store.PortalVersion, error) {
	if h.versions != nil {
		return h.versions.Read(ctx)
	}
	return h.store.PortalVersion(ctx)
}

// notModified applies RFC 9110's rules: If-None-Match when present, else
// If-Modified-Since.
func notModified(r *http.Request, a answer) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, tag := range strings.Split(inm, ",") {
			tag = strings.TrimSpace(tag)
			if tag == "*" || strings.TrimPrefix(tag, "W/") == a.etag {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" {
		t, err := http.ParseTime(ims)
		return err == nil && !a.modified.After(t)
	}
	return false
}
