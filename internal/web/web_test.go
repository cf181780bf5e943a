package web

import (
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

func newBareHandler(t *testing.T) *Handler {
	t.Helper()
	bundle, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	h, err := New(storetest.Open(t), nil, bundle, slog.New(slog.DiscardHandler), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// What a reader sees when something goes wrong: an unknown page in
// Vietnamese with its status; a page that needs a login sends there and
// back; a panic shows a 500 page in Vietnamese that says nothing was
// changed and never shows the error's details.
func TestErrorPages(t *testing.T) {
	h := newBareHandler(t)

	rec := httptest.NewRecorder()
	h.NotFound(rec, httptest.NewRequest(http.MethodGet, "/khong-co-trang-nay", nil))
	if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "Không tìm thấy trang này.") {
		t.Errorf("404 page: %d %s", rec.Code, rec.Body.String())
	}

	rec = httptest.NewRecorder()
	h.Error(rec, httptest.NewRequest(http.MethodGet, "/plans/3?tab=tasks", nil), apperr.New(apperr.Unauthorized, "error.login_required"))
	if loc := rec.Header().Get("Location"); rec.Code != http.StatusSeeOther || loc != "/login?next=%2Fplans%2F3%3Ftab%3Dtasks" {
		t.Errorf("login redirect: %d to %q", rec.Code, loc)
	}

	rec = httptest.NewRecorder()
	h.Panic(rec, httptest.NewRequest(http.MethodGet, "/plans", nil), errors.New("pq: relation secret_table"))
	body := rec.Body.String()
	if rec.Code != http.StatusInternalServerError || !strings.Contains(body, "Dữ liệu của bạn chưa bị thay đổi") ||
		!strings.Contains(body, `lang="vi"`) || strings.Contains(body, "secret_table") {
		t.Errorf("500 page: %d %s", rec.Code, body)
	}
}

// Record numbers in paths are positive integers, else the page is not
// found; optional ones are 0 when absent; query numbers fall back to 0.
func TestPathAndQueryNumbers(t *testing.T) {
	req := func(id, query string) *http.Request {
		r := httptest.NewRequest(http.MethodGet, "/x?"+query, nil)
		if id != "" {
			r.SetPathValue("id", id)
		}
		return r
	}
	for _, c := range []struct {
		id   string
		want int64
	}{{"7", 7}, {"0", 0}, {"-3", 0}, {"7a", 0}, {"99999999999999999999", 0}} {
		got, err := pathID(req(c.id, ""), "id")
		if got != c.want || (err == nil) != (c.want > 0) {
			t.Errorf("pathID(%q) = %d, %v", c.id, got, err)
		} else if err != nil && apperr.As(err).Code != apperr.NotFound {
			t.Errorf("pathID(%q): %v, want not found", c.id, err)
		}
	}
	if id, err := optionalPathID(req("", ""), "id"); id != 0 || err != nil {
		t.Errorf("optionalPathID without one = %d, %v", id, err)
	}
	if _, err := optionalPathID(req("x", ""), "id"); err == nil {
		t.Error("optionalPathID accepted x")
	}
	for q, want := range map[string]int{"page=3": 3, "page=-1": 0, "page=ba": 0, "": 0} {
		if got := queryInt(req("", q), "page"); got != want {
			t.Errorf("queryInt(%q) = %d, want %d", q, got, want)
		}
	}
}

// Anonymous readers are asked to log in; a reader the rule refuses is
// forbidden; the rule's own reader passes.
func TestRequireAllowed(t *testing.T) {
	viewer := &auth.User{ID: 1, Role: auth.RoleViewer}
	for _, c := range []struct {
		name string
		u    *auth.User
		may  bool
		want apperr.Code
	}{
		{"anonymous", nil, true, apperr.Unauthorized},
		{"refused", viewer, false, apperr.Forbidden},
		{"allowed", viewer, true, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			if c.u != nil {
				r = r.WithContext(auth.WithUser(r.Context(), c.u))
			}
			u, err := requireAllowed(r, func(*auth.User) bool { return c.may })
			if c.want == "" {
				if err != nil || u != c.u {
					t.Errorf("got %v, %v", u, err)
				}
				return
			}
			if apperr.As(err).Code != c.want {
				t.Errorf("error %v, want %s", err, c.want)
			}
		})
	}
}
