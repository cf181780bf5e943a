package server

import (
	"net/http"
	"runtime"
	"strings"
)

// readsPerCore bounds how many page and API reads run at once, per core.
// A few per core keep the cores busy while some reads wait on the
// database; more only make every request slower.
const readsPerCore = 4

// admitReads lets a bounded number of reads run at once; the rest wait
// their turn without using the CPU. Writes (an officer saving progress)
// and static files skip the queue, so a busy hour of readers does not
// make a save wait behind them.
func admitReads(h http.Handler, slots int) http.Handler {
	if slots <= 0 {
		slots = readsPerCore * runtime.GOMAXPROCS(0)
	}
	sem := make(chan struct{}, slots)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if (r.Method != http.MethodGet && r.Method != http.MethodHead) || strings.HasPrefix(r.URL.Path, "/static/") {
			h.ServeHTTP(w, r)
			return
		}
		select {
		case sem <- struct{}{}:
			defer func() { <-sem }()
		case <-r.Context().Done():
			return // the reader left while waiting; nothing to answer
		}
		h.ServeHTTP(w, r)
	})
}
