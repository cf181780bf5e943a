package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"strings"
	"time"
)

// Cache lifetimes of static files. A fingerprinted URL names one content
// for ever, so browsers keep it a year without asking; any other URL of a
// static file is checked with the server on every use (a cheap 304).
const (
	cacheFingerprinted = "public, max-age=31536000, immutable"
	cacheRevalidate    = "public, no-cache"
)

// asset is one embedded static file and the fingerprint of its content.
type asset struct {
	body []byte
	sum  string // first 12 hex digits of the SHA-256 of body
}

// assets are the embedded static files, read and fingerprinted once at
// start, so a new release changes the URL of every file it changes.
type assets map[string]asset

func loadAssets() (assets, error) {
	sub, err := fs.Sub(staticFiles, "static")
	if err != nil {
		return nil, err
	}
	out := assets{}
	err = fs.WalkDir(sub, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(sub, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		out[name] = asset{body: body, sum: hex.EncodeToString(sum[:6])}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: static files: %w", err)
	}
	return out, nil
}

// url is the template func "asset": the fingerprinted address of a static
// file. A name that is not embedded fails the page at render time, which
// the page tests catch, rather than linking to a 404.
func (a assets) url(name string) (string, error) {
	f, ok := a[name]
	if !ok {
		return "", fmt.Errorf("web: no static file %q", name)
	}
	return "/static/" + name + "?v=" + f.sum, nil
}

// Static serves the embedded CSS, icon and htmx: files only, never a
// listing of a directory. It sends exactly one Cache-Control: long-lived
// and immutable for the fingerprinted URL the pages use, revalidated for
// any other.
func (h *Handler) Static() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/static/")
		f, ok := h.assets[name]
		if !ok {
			// Directories and unknown names alike; a missing asset is not
			// a page, so a plain answer does.
			w.Header().Set("Cache-Control", "no-store")
			http.NotFound(w, r)
			return
		}
		cache := cacheRevalidate
		if r.URL.Query().Get("v") == f.sum {
			cache = cacheFingerprinted
		}
		w.Header().Set("Cache-Control", cache)
		w.Header().Set("ETag", `"`+f.sum+`"`)
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(f.body))
	})
}

// AssetURL is the fingerprinted address of a static file, for pages
// served outside this package (the public portal) that link the same
// style sheet.
func (h *Handler) AssetURL(name string) (string, error) { return h.assets.url(name) }
