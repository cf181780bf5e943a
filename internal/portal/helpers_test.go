package portal_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/server"
	"github.com/hoptac/hoptac/internal/store"
)

func hoptac(db *store.DB, c apptest.Config) (apptest.Server, error) {
	return server.New(db, server.Config{Now: c.Now, Log: c.Log})
}

// start runs the whole application on the demo data.
func start(t *testing.T) *apptest.App {
	t.Helper()
	return apptest.Start(t, hoptac, apptest.WithLog(apptest.TestLog(t)))
}

// publish publishes or withdraws a plan as the demo coordinator, through
// the store as the page does.
func publish(t *testing.T, db *store.DB, planID int64, on bool) {
	t.Helper()
	ctx := auth.WithUser(context.Background(), coordinator(t, db))
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.SetPlanPublished(ctx, planID, on) }); err != nil {
		t.Fatalf("publish %d %v: %v", planID, on, err)
	}
}

func coordinator(t *testing.T, db *store.DB) *auth.User {
	t.Helper()
	u, err := db.UserByEmail(context.Background(), apptest.CoordinatorEmail)
	if err != nil {
		t.Fatal(err)
	}
	return &u
}

// publicPaths is every page and download of the portal a visitor can
// reach from the data in a: the fixed pages, every page of the directory
// and the pages of the given plans.
func publicPaths(a *apptest.App, plans ...int64) []string {
	paths := []string{"/cong-khai", "/cong-khai/thong-ke", "/cong-khai/du-lieu"}
	for _, name := range []string{"ke-hoach", "nhiem-vu", "chi-tieu", "thong-ke"} {
		paths = append(paths, "/cong-khai/du-lieu/"+name+".csv", "/cong-khai/du-lieu/"+name+".json")
	}
	n := a.Count(`SELECT COUNT(*) FROM organisations`)
	for p := 1; p <= (n+49)/50 || p == 1; p++ {
		paths = append(paths, "/cong-khai/to-chuc?"+url.Values{"page": {strconv.Itoa(p)}}.Encode())
	}
	for _, id := range plans {
		paths = append(paths, "/cong-khai/ke-hoach/"+strconv.FormatInt(id, 10))
	}
	return paths
}

// everything reads every path as an anonymous visitor and returns the
// answers joined, each path's answering 200.
func everything(t *testing.T, a *apptest.App, paths []string) string {
	t.Helper()
	c := a.NewClient()
	var b strings.Builder
	for _, p := range paths {
		resp, body := a.Get(c, p)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d\n%.500s", p, resp.StatusCode, body)
		}
		b.WriteString(body)
		b.WriteString("\n")
	}
	return b.String()
}
