package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/planimport"
	"github.com/hoptac/hoptac/internal/seeds"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/zipbound/zipboundtest"
)

func TestImportPlanDryRunJSON(t *testing.T) {
	t.Parallel()
	dbPath := filepath.Join(t.TempDir(), "none.db")
	code, out, errOut := run(t, "", nil, "import", "plan", "--dry-run", "--json", "--db", dbPath,
		seeds.Path(t, "002_b020f26e05120408.docx"))
	if code != 0 {
		t.Fatalf("code %d: %s", code, errOut)
	}
	var res struct {
		Declared struct{ Groups, Tasks int } `json:"declared"`
		Groups   []struct {
			Tasks []json.RawMessage `json:"tasks"`
		} `json:"groups"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("stdout is not the JSON result: %v\n%.300s", err, out)
	}
	tasks := 0
	for _, g := range res.Groups {
		tasks += len(g.Tasks)
	}
	if len(res.Groups) != 5 || tasks != 18 || res.Declared.Groups != 5 || res.Declared.Tasks != 18 {
		t.Errorf("read %d groups, %d tasks (declared %+v), want 5 and 18", len(res.Groups), tasks, res.Declared)
	}
	if _, err := os.Stat(dbPath); !os.IsNotExist(err) {
		t.Error("a dry run created the database")
	}
}

func TestImportPlanStoresAndRefusesJunk(t *testing.T) {
	t.Parallel()
	dbPath := filepath.Join(t.TempDir(), "import.db")
	seed, err := os.ReadFile(seeds.Path(t, "002_b020f26e05120408.txt"))
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, string(seed), nil, "import", "plan", "--db", dbPath, "-")
	if code != 0 || !strings.Contains(out, "5 nhóm, 18 nhiệm vụ") {
		t.Fatalf("import from stdin: code %d, out %q, err %q", code, out, errOut)
	}
	db, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	plans, total, err := db.Plans(context.Background(), 1, 10)
	if err != nil || total != 1 || plans[0].TaskCount != 18 {
		t.Fatalf("stored plans = %+v (%d), %v", plans, total, err)
	}

	for _, tc := range []struct{ name, stdin, want string }{
		{"empty", "", "rỗng"},
		{"binary", "\x00\x01\x02\x03ELF\x00\x00\x00\x00\x00\x00\x00\x00binary", "nhị phân"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := run(t, tc.stdin, nil, "import", "plan", "--db", dbPath, "-")
			if code != 1 || out != "" || !strings.Contains(errOut, tc.want) {
				t.Errorf("code %d, out %q, err %q; want 1 and a message with %q", code, out, errOut, tc.want)
			}
		})
	}
	if _, total, _ := db.Plans(context.Background(), 1, 10); total != 1 {
		t.Errorf("refused imports stored plans: %d", total)
	}
}

// TestImportPlanRefusesBomb: the command reads a .docx through the same
// bounds as the web import: a 1 MB file unpacking to 1 GiB is refused
// with the message naming its member, and nothing is created; a 1 GiB
// file is refused as too large after reading a byte past MaxSize.
func TestImportPlanRefusesBomb(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "none.db")
	bomb := filepath.Join(dir, "ke-hoach.docx")
	data := zipboundtest.Zip(t, nil, zipboundtest.Bomb{Name: "word/document.xml", Fill: 'A', MiB: 1024})
	if err := os.WriteFile(bomb, data, 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "lon.txt")
	if err := os.WriteFile(big, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, 32*planimport.MaxSize); err != nil { // 1 GiB, sparse: takes no disk
		t.Fatal(err)
	}
	for _, tc := range []struct{ file, want string }{
		{bomb, "Tệp giải nén quá lớn: «ke-hoach.docx», phần word/document.xml"},
		{big, "Tệp quá lớn"},
	} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		code, out, errOut := run(t, "", nil, "import", "plan", "--db", dbPath, tc.file)
		runtime.ReadMemStats(&after)
		if code != 1 || out != "" || !strings.Contains(errOut, tc.want) {
			t.Errorf("%s: code %d, out %q, err %q; want 1 and %q", filepath.Base(tc.file), code, out, errOut, tc.want)
		}
		// Reading stops a byte past MaxSize (ReadAll's growing buffer
		// allocates about twice that, more under -race), never the 1 GiB.
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8*planimport.MaxSize {
			t.Errorf("%s: refusing it allocated %d MB", filepath.Base(tc.file), alloc>>20)
		}
	}
	if _, err := os.Stat(dbPath); err == nil {
		// The database is opened before reading: it may exist, but empty of plans.
		db, err := store.Open(context.Background(), dbPath)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, total, _ := db.Plans(context.Background(), 1, 10); total != 0 {
			t.Errorf("refused imports stored %d plans", total)
		}
	}
}
