package cli

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/seeds"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
	"github.com/hoptac/hoptac/internal/target"
)

// TestImportAgainKeepsTargetLinks: seed 004 imported again from the
// command line, with one of its two linked targets reworded, stores a
// new plan that keeps the link of the target still in the document and
// says, in Vietnamese, which link was kept and which was lost; the
// earlier plan keeps both of its links.
func TestImportAgainKeepsTargetLinks(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.DSN(t)
	env := map[string]string{"HOPTAC_DB": dsn, "HOPTAC_LANG": "vi"}
	seed, err := os.ReadFile(seeds.Path(t, "004_68bc38ff2550ab85.txt"))
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, string(seed), env, "import", "plan", "-")
	if code != 0 || strings.Contains(out, "Liên kết chỉ tiêu") {
		t.Fatalf("first import: code %d, out %q, err %q", code, out, errOut)
	}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	planID := storetest.IDs(t, db, "SELECT MAX(id) FROM plans")[0]
	old, err := db.Plan(ctx, planID)
	if err != nil {
		t.Fatal(err)
	}
	trained, exemplary := targetIndex(t, old.Targets, "Trên 50%"), targetIndex(t, old.Targets, "điển hình tiên tiến")
	err = db.Update(ctx, func(tx *store.Tx) error {
		for _, i := range []int{trained, exemplary} {
			l := target.Link{TargetID: old.Targets[i].ID, Indicator: target.Indicators()[i%3], Comparator: target.AtLeast,
				Value: 10, BaselineYear: 2017, Deadline: time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC)}
			if err := tx.SaveTargetLink(ctx, planID, &l); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// The exemplary target reworded: it is no longer the same target.
	edited := strings.Replace(string(seed), "Xây dựng 10 hợp tác xã điển hình tiên tiến", "Xây dựng 12 hợp tác xã điển hình tiên tiến", 1)
	if edited == string(seed) {
		t.Fatal("the seed's wording changed; the test edits nothing")
	}
	code, out, errOut = run(t, edited, env, "import", "plan", "-")
	if code != 0 {
		t.Fatalf("second import: code %d, err %q", code, errOut)
	}
	for _, want := range []string{"giữ 1, mất 1", "Giữ liên kết: " + old.Targets[trained].Text,
		"Mất liên kết (chỉ tiêu không còn trong văn bản): " + old.Targets[exemplary].Text} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %q:\n%s", want, out)
		}
	}
	newID := storetest.IDs(t, db, "SELECT MAX(id) FROM plans")[0]
	if newID == planID {
		t.Fatal("no new plan")
	}
	p, err := db.Plan(ctx, newID)
	if err != nil {
		t.Fatal(err)
	}
	links, err := db.TargetLinks(ctx, newID)
	if err != nil {
		t.Fatal(err)
	}
	var linked []string
	for _, tg := range p.Targets {
		if l, ok := links[tg.ID]; ok {
			linked = append(linked, tg.Text)
			if l.Indicator != target.Indicators()[trained%3] || l.BaselineYear != 2017 {
				t.Errorf("carried link %+v", l)
			}
		}
	}
	if !slices.Equal(linked, []string{old.Targets[trained].Text}) {
		t.Errorf("the new plan's linked targets: %q, want only %q", linked, old.Targets[trained].Text)
	}
	if oldLinks, err := db.TargetLinks(ctx, planID); err != nil || len(oldLinks) != 2 {
		t.Errorf("the earlier plan keeps %d links (%v), want 2", len(oldLinks), err)
	}
}

func targetIndex(t *testing.T, targets []plan.Target, words string) int {
	t.Helper()
	for i, tg := range targets {
		if strings.Contains(tg.Text, words) {
			return i
		}
	}
	t.Fatalf("no target with %q", words)
	return -1
}
