package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/seeds"
	"github.com/hoptac/hoptac/internal/store"
)

func TestImportPlanDryRunJSON(t *testing.T) {
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
