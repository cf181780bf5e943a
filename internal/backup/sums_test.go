package backup_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/backup"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

func TestSums(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	ctx := context.Background()
	exec := func(q string) {
		t.Helper()
		if _, err := db.SQL().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	exec("CREATE TABLE s_a (k TEXT, v BIGINT)")
	exec("CREATE TABLE s_b (k TEXT, v BIGINT)")
	exec("INSERT INTO s_a VALUES ('x', 1), ('y', NULL), ('z', 3)")
	exec("INSERT INTO s_b VALUES ('z', 3), ('x', 1), ('y', NULL)")
	sums, err := backup.Sums(ctx, db.SQL(), db.Dialect())
	if err != nil {
		t.Fatal(err)
	}
	get := func(name string) backup.TableSum {
		for _, s := range sums {
			if s.Name == name {
				return s
			}
		}
		t.Fatalf("no sum for %s in %v", name, sums)
		return backup.TableSum{}
	}
	a, b := get("s_a"), get("s_b")
	if a.Rows != 3 || a.Sum != b.Sum {
		t.Errorf("same rows in another order: %+v vs %+v", a, b)
	}
	exec("UPDATE s_b SET k = 'y' WHERE k = 'z'")
	exec("UPDATE s_b SET v = 3 WHERE v IS NULL")
	sums2, err := backup.Sums(ctx, db.SQL(), db.Dialect())
	if err != nil {
		t.Fatal(err)
	}
	if d := backup.Diff(sums, sums2); !strings.Contains(d, "s_b: 3 rows as wanted, but their contents differ") {
		t.Errorf("Diff after a change = %q", d)
	}
}
