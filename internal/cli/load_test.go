package cli

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/load"
	"github.com/hoptac/hoptac/internal/server"
	"github.com/hoptac/hoptac/internal/store"
)

func TestLoadRefusesRemoteServers(t *testing.T) {
	t.Parallel()
	for _, u := range []string{"http://example.com:8080", "http://10.1.2.3", "https://hoptac.gov.vn"} {
		code, out, errOut := run(t, "", nil, "load", "--url", u, "--duration", "1s")
		if code != 1 || !strings.Contains(errOut, "chỉ thử tải máy chủ chạy trên chính máy này") || out != "" {
			t.Errorf("%s: code %d, stdout %q, stderr %q", u, code, out, errOut)
		}
	}
}

// gen's accounts are what load logs in with: a run against generated data
// needs nothing but the URL.
func TestLoadAgainstGeneratedData(t *testing.T) {
	// Serial: the run is bounded to a second, and a busy machine would
	// leave routes the report must name without a request.
	dbPath := filepath.Join(t.TempDir(), "load.db")
	if code, _, errOut := run(t, "", nil, "gen", "plans", "--db", dbPath, "--plans", "2", "--tasks", "40",
		"--progress", "400", "--seed", "3"); code != 0 {
		t.Fatalf("gen: %d %s", code, errOut)
	}
	db, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	srv, err := server.New(db, server.Config{Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	code, out, errOut := run(t, "", nil, "load", "--url", ts.URL, "--users", "4", "--write-users", "1",
		"--duration", "1s", "--requests", "400")
	if code != 0 {
		t.Fatalf("load: %d\n%s\n%s", code, out, errOut)
	}
	for _, route := range []string{load.RoutePlans, load.RoutePlanSearch, load.RouteAPIProgress, "**tổng**", load.RouteLogin} {
		if !strings.Contains(out, "| "+route) {
			t.Errorf("report lacks %s:\n%s", route, out)
		}
	}
	code, out, errOut = run(t, "", nil, "load", "--url", ts.URL, "--scenario", "list10k", "--duration", "300ms")
	if code != 0 || !strings.Contains(out, "10 người dùng") || !strings.Contains(out, load.RouteAPIPlanTasks) {
		t.Errorf("list10k: %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = run(t, "", nil, "load", "--url", ts.URL, "--scenario", "pages", "--write-rate", "10",
		"--duration", "30s", "--requests", "60")
	if code != 0 || !strings.Contains(out, "10 người dùng") || !strings.Contains(out, load.RoutePagesAPI) ||
		!strings.Contains(out, load.RouteAPIProgress+" (bộ ghi, 10/giây)") || !strings.Contains(out, "CPU máy chủ mỗi yêu cầu: ") {
		t.Errorf("pages: %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = run(t, "", nil, "load", "--url", ts.URL, "--scenario", "pages", "--write-rate", "0",
		"--server-pid", "-1", "--duration", "30s", "--requests", "20")
	if code != 0 || strings.Contains(out, "(bộ ghi") || !strings.Contains(out, "CPU máy chủ mỗi yêu cầu: —") {
		t.Errorf("pages without writer: %d\n%s\n%s", code, out, errOut)
	}
	if code, _, errOut = run(t, "", nil, "load", "--url", ts.URL, "--scenario", "pages", "--write-rate", "-5"); code != 1 ||
		!strings.Contains(errOut, "--write-rate") {
		t.Errorf("negative write rate: %d %s", code, errOut)
	}
	// The register scenario needs a register: without one it says so;
	// with one, gen's administrator files figures while the others read.
	code, _, errOut = run(t, "", nil, "load", "--url", ts.URL, "--scenario", "register", "--duration", "1s")
	if code != 1 || !strings.Contains(errOut, "sổ đăng ký chưa có tổ chức nào") {
		t.Errorf("register scenario on no register: %d %s", code, errOut)
	}
	ctx := context.Background()
	if err := db.Update(ctx, func(tx *store.Tx) error {
		o := coop.Organisation{Code: "2900456781", Name: "Hợp tác xã Nông nghiệp Sen Quê", Form: coop.FormHTX,
			Sector: coop.SectorAgriculture, Law: coop.Law(2023)}
		if err := tx.CreateOrganisation(ctx, &o); err != nil {
			return err
		}
		_, _, err := tx.PutFigures(ctx, &coop.YearFigures{OrganisationID: o.ID, Year: 2025, MembersIndividual: 12},
			coop.StepSave, false)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = run(t, "", nil, "load", "--url", ts.URL, "--scenario", "register", "--write-users", "1",
		"--server-pid", "-1", "--duration", "30s", "--requests", "60")
	if code != 0 || !strings.Contains(out, "10 người dùng (1 ghi số liệu năm, 9 đọc)") ||
		!strings.Contains(out, load.RouteRegOrg) || !strings.Contains(out, load.RouteRegFigures) {
		t.Errorf("register: %d\n%s\n%s", code, out, errOut)
	}
	code, _, errOut = run(t, "", nil, "load", "--url", ts.URL, "--password", "sai-mat-khau-roi", "--duration", "1s")
	if code != 1 || !strings.Contains(errOut, "load-viewer@hoptac.local") {
		t.Errorf("wrong password: %d %s", code, errOut)
	}
}
