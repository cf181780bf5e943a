package store

import (
	"slices"
	"strings"
	"testing"
)

func TestSplitStatements(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{
			name: "plain statements and comments",
			in:   "-- header\nCREATE TABLE a (\n    x INTEGER -- inline\n);\n-- between\nCREATE INDEX a_x ON a (x);\n",
			want: []string{"CREATE TABLE a (\n    x INTEGER -- inline\n);", "CREATE INDEX a_x ON a (x);"},
		},
		{
			name: "trigger block kept whole",
			in: "CREATE TABLE l (id INTEGER);\n-- begin block\nCREATE TRIGGER t BEFORE DELETE ON l\nBEGIN\n" +
				"    SELECT RAISE(ABORT, 'no');\n    -- a comment in the body\nEND;\n-- end block\nCREATE INDEX i ON l (id);\n",
			want: []string{
				"CREATE TABLE l (id INTEGER);",
				"CREATE TRIGGER t BEFORE DELETE ON l\nBEGIN\n    SELECT RAISE(ABORT, 'no');\n    -- a comment in the body\nEND;",
				"CREATE INDEX i ON l (id);",
			},
		},
		{
			name: "last statement without semicolon",
			in:   "CREATE TABLE a (x INTEGER);\nCREATE TABLE b (y INTEGER)\n",
			want: []string{"CREATE TABLE a (x INTEGER);", "CREATE TABLE b (y INTEGER)"},
		},
		{
			name: "only comments",
			in:   "-- nothing\n\n-- here\n",
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := splitStatements(tt.in)
			var trimmed []string
			for _, s := range got {
				trimmed = append(trimmed, strings.TrimSpace(s))
			}
			if !slices.Equal(trimmed, tt.want) {
				t.Errorf("splitStatements =\n%q\nwant\n%q", trimmed, tt.want)
			}
		})
	}
}

// TestSplitRealTriggerMigrations runs the splitter on the shipped
// append-only migrations: each trigger or function must arrive whole.
func TestSplitRealTriggerMigrations(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file string
		want []string // the start and end of each statement
	}{
		{"00002_audit_append_only.sqlite.sql", []string{
			"CREATE TRIGGER audit_log_no_update|END;",
			"CREATE TRIGGER audit_log_no_delete|END;",
		}},
		{"00002_audit_append_only.postgres.sql", []string{
			"CREATE FUNCTION audit_log_append_only()|$$ LANGUAGE plpgsql;",
			"CREATE TRIGGER audit_log_no_change|EXECUTE FUNCTION audit_log_append_only();",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body, err := migrationFiles.ReadFile("migrations/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			got := splitStatements(string(body))
			if len(got) != len(tt.want) {
				t.Fatalf("%d statements, want %d: %q", len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				start, end, _ := strings.Cut(w, "|")
				s := strings.TrimSpace(got[i])
				if !strings.HasPrefix(s, start) || !strings.HasSuffix(s, end) {
					t.Errorf("statement %d = %q, want %q … %q", i, s, start, end)
				}
			}
		})
	}
}

func TestSplitFoundation(t *testing.T) {
	t.Parallel()
	body, err := migrationFiles.ReadFile("migrations/00001_foundation.sql")
	if err != nil {
		t.Fatal(err)
	}
	var creates int
	for _, line := range strings.Split(string(body), "\n") {
		if strings.HasPrefix(line, "CREATE ") {
			creates++
		}
	}
	got := splitStatements(string(body))
	if len(got) != creates {
		t.Fatalf("%d statements, want one per CREATE line (%d)", len(got), creates)
	}
	for i, s := range got {
		s = strings.TrimSpace(s)
		if !strings.HasPrefix(s, "CREATE ") || !strings.HasSuffix(s, ";") || strings.Count(s, ";") != 1 {
			t.Errorf("statement %d is not one whole CREATE: %q", i, s)
		}
	}
}

// TestMigrationsPerDialect checks each backend gets the shared migrations
// and only its own variants, with versions in order and none twice.
func TestMigrationsPerDialect(t *testing.T) {
	t.Parallel()
	for _, d := range []dialect{sqliteDialect(), postgresDialect()} {
		t.Run(d.name, func(t *testing.T) {
			migs, err := (&DB{d: d}).migrations()
			if err != nil {
				t.Fatal(err)
			}
			var versions []int64
			for _, m := range migs {
				versions = append(versions, m.Version)
			}
			// Versions run 1, 2, 3 … with no gap and none twice.
			for i, v := range versions {
				if v != int64(i+1) {
					t.Fatalf("versions = %v, want 1…%d in order", versions, len(versions))
				}
			}
			if len(versions) < 3 {
				t.Errorf("versions = %v, want at least the three migrations of the foundation and import", versions)
			}
		})
	}
}
