package web

import (
	"context"
	"encoding/base64"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// The register's reads share the plan import's slots: with every slot
// taken, an upload and a confirm are turned away with 503, Retry-After
// and a Vietnamese message, and nothing is kept or written.
func TestRegisterImportBusy(t *testing.T) {
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
	ctx := context.Background()
	coordinator := &auth.User{Email: "dieuphoi@hoptac.local", Name: "Điều phối", Role: auth.RoleCoordinator}
	if err := db.Update(ctx, func(tx *store.Tx) error {
		return tx.CreateUser(ctx, coordinator, "mat-khau-dieu-phoi-2026")
	}); err != nil {
		t.Fatal(err)
	}
	csv := "Mã số HTX,Tên HTX,Mã xã,Năm\n0800700001,HTX Bận,10507,2024\n"
	pending := store.PendingImport{UserID: coordinator.ID, SourceName: "ds.csv", Result: `{"kind":"register"}`,
		Lines: base64.StdEncoding.EncodeToString([]byte(csv))}
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.CreatePendingImport(ctx, &pending) }); err != nil {
		t.Fatal(err)
	}
	for range cap(h.imports.slots) {
		h.imports.slots <- struct{}{}
	}
	count := func(table string) int {
		var n int
		if err := db.SQL().QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, tt := range []struct {
		name string
		req  func() *http.Request
		call func(http.ResponseWriter, *http.Request)
	}{
		{"upload", func() *http.Request {
			body, ct := apptest.MultipartBody(t, map[string]string{"year": ""}, "ds.csv", []byte(csv))
			r := httptest.NewRequest(http.MethodPost, "/register/import", body)
			r.Header.Set("Content-Type", ct)
			return r
		}, h.RegisterImportRead},
		{"confirm", func() *http.Request {
			r := httptest.NewRequest(http.MethodPost, "/register/import/confirm",
				strings.NewReader(url.Values{"pending": {pending.ID}, "action": {"import"}}.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return r
		}, h.RegisterImportConfirm},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before, orgs := count("pending_imports"), count("organisations")
			w := httptest.NewRecorder()
			tt.call(w, tt.req().WithContext(auth.WithUser(ctx, coordinator)))
			if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") != "10" ||
				!strings.Contains(w.Body.String(), "Máy chủ đang bận đọc các tệp khác") {
				t.Errorf("%d, Retry-After %q\n%.800s", w.Code, w.Header().Get("Retry-After"), w.Body.String())
			}
			if count("pending_imports") != before || count("organisations") != orgs {
				t.Error("a read turned away kept or wrote something")
			}
		})
	}
}
