package server

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestWrongMethodIs405 sends every route of the table a method none of
// its routes serves and expects 405 with an Allow header naming exactly
// the methods the table serves at that path, as an HTML page or a JSON
// error like every other refusal. A new route is covered once it is in the
// table and the matrix.
func TestWrongMethodIs405(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	x := ids{plan: e.planID, ownTask: e.ownTaskID, otherTask: e.otherTaskID, inheritedTask: e.inheritedID,
		agency: e.financeID, scratchAgency: e.financeID, file: e.uploadEvidence()}
	e.accountIDs(&x)
	exp := e.expectations()
	for _, rt := range e.srv.Routes() {
		if _, _, ok := strings.Cut(rt.Pattern, " "); !ok {
			continue // the catch-alls serve every method
		}
		path := exp[rt.Pattern][0].path(x)
		allow := servedAt(t, e.srv.Routes(), path)
		// A method the path does not serve: PUT, or the first of the
		// others that it does not.
		wrong := http.MethodPut
		for _, w := range []string{http.MethodPut, http.MethodPatch, http.MethodDelete} {
			if !slices.Contains(allow, w) {
				wrong = w
				break
			}
		}
		for _, role := range []string{roleAnon, roleAgency} {
			t.Run(rt.Pattern+"/"+role, func(t *testing.T) {
				e := e.with(t)
				resp, body := e.do(e.clients[role], wrong, path, strings.NewReader("x=1"), "application/x-www-form-urlencoded", nil)
				if resp.StatusCode != http.StatusMethodNotAllowed {
					t.Fatalf("%s %s: status %d, want 405\n%.300s", wrong, path, resp.StatusCode, body)
				}
				if got, want := resp.Header.Get("Allow"), strings.Join(allow, ", "); got != want {
					t.Errorf("Allow %q, want %q", got, want)
				}
				if strings.HasPrefix(path, "/api/") {
					var b struct {
						Error struct{ Code, Message string }
					}
					if err := json.Unmarshal([]byte(body), &b); err != nil || b.Error.Code != "method_not_allowed" || b.Error.Message == "" {
						t.Errorf("body %q, want error code method_not_allowed with a message", body)
					}
				} else if !strings.Contains(body, "<html lang=") || !strings.Contains(body, "không hỗ trợ") {
					t.Errorf("405 page is not the error page in Vietnamese:\n%.300s", body)
				}
			})
		}
	}
	// A path no route serves stays a 404, under any method.
	for _, path := range []string{"/nope", "/api/v1/nope"} {
		resp, _ := e.do(e.clients[roleAgency], http.MethodPut, path, nil, "", nil)
		if resp.StatusCode != http.StatusNotFound || resp.Header.Get("Allow") != "" {
			t.Errorf("PUT %s: status %d, Allow %q; want 404 without Allow", path, resp.StatusCode, resp.Header.Get("Allow"))
		}
	}
}

// servedAt lists the methods whose routes match path, each route tried
// alone in a mux of its own (so not through the server's own answer).
// /agencies/new is also POST /agencies/{id}: the table serves POST there.
func servedAt(t *testing.T, routes []Route, path string) []string {
	t.Helper()
	var out []string
	for _, rt := range routes {
		m, _, ok := strings.Cut(rt.Pattern, " ")
		if !ok {
			continue
		}
		mux := http.NewServeMux()
		mux.HandleFunc(rt.Pattern, func(http.ResponseWriter, *http.Request) {})
		req, err := http.NewRequest(m, "http://hoptac.test"+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, p := mux.Handler(req); p == rt.Pattern {
			out = append(out, m)
			if m == http.MethodGet {
				out = append(out, http.MethodHead)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
