package store

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestOnlyProgressUpdatesTasks guards what the caches keyed by a plan's
// shape (listVersions) rely on: after its import a plan, its groups, its
// tasks' text and their agencies are never changed; only progress changes
// a task, through its status, percent and done date, and bumps its rev. A
// statement that edits any of it otherwise must first give the shape a
// revision of its own, or lists would keep showing what it replaced.
func TestOnlyProgressUpdatesTasks(t *testing.T) {
	t.Parallel()
	shaped := `(plans|task_groups|tasks|task_agencies|targets|plan_implements|reporting_duties)\b`
	write := regexp.MustCompile(`(?is)(UPDATE\s+` + shaped + `\s+SET\s+(.*?)\s+WHERE|DELETE\s+FROM\s+` + shaped + `)`)
	allowed := map[string][]string{
		// The plan's revision itself, and the coordinator's link, which no
		// cached list shows (reports read it fresh); its publication on the
		// portal, which the plan page reads fresh under the plan's rev and
		// the portal under its own revision (portal.go).
		"plans": {"rev", "coordinator_agency_id", "published_at", "published_by"},
		"tasks": {"status", "percent", "done_on", "updated_at", "rev"}, // progress
	}
	// A coordinator's edit of a task (task_edit.go) changes its shape and
	// bumps the plan's shape_rev in the same transaction.
	edits := map[string][]string{
		"plans": {"shape_rev"},
		"tasks": {"content", "search_fold", "dropped_on", "drop_decision", "tf_kind", "tf_start", "tf_due", "tf_text"},
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var found int
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range write.FindAllStringSubmatch(string(src), -1) {
			found++
			table, set := strings.ToLower(m[2]), m[3]
			if table == "" {
				if name == "task_edit.go" && strings.ToLower(m[4]) == "task_agencies" {
					continue
				}
				t.Errorf("%s: %q deletes part of a plan's shape", name, m[0])
				continue
			}
			for _, assign := range strings.Split(set, ",") {
				col := strings.ToLower(strings.TrimSpace(strings.SplitN(assign, "=", 2)[0]))
				if name == "task_edit.go" && slices.Contains(edits[table], col) {
					continue
				}
				if !slices.Contains(allowed[table], col) {
					t.Errorf("%s: %q changes %s.%s, part of a plan's shape", name, m[0], table, col)
				}
			}
		}
	}
	if found < 3 {
		t.Errorf("found %d writes to tasks and plans; the pattern no longer sees them", found)
	}
}
