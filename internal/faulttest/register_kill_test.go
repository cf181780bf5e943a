package faulttest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/gen"
	"github.com/hoptac/hoptac/internal/seeds"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// registerKillOrgs is the size of the register the kill scenario imports:
// a few seconds of writing, so kills land in the middle of it.
const registerKillOrgs = 4000

// `hoptac import register` killed with SIGKILL part-way leaves the
// database as it was before the import: no organisation, figure, status
// or audit entry of it, and storage that passes its checks. Kills come
// later and later until an import finishes first; that one is whole, and
// a kill during the re-import of the same file changes nothing.
func TestKillDuringRegisterImport(t *testing.T) {
	if testing.Short() {
		t.Skip("kills an import several times; not in -short")
	}
	if storetest.Backend() == "postgres" {
		storetest.PostgresURL(t) // skips, or fails under CI, before the build
	}
	bin := buildHoptac(t)
	dsn := FreshDSN(t)
	files := seeds.UnitFiles(t)
	hoptac := func(args ...string) *exec.Cmd {
		cmd := exec.Command(bin, args...)
		cmd.Env = childEnv()
		return cmd
	}
	if out, err := hoptac(append([]string{"import", "units", "--db", dsn}, files...)...).CombinedOutput(); err != nil {
		t.Fatalf("import units: %v\n%s", err, out)
	}
	register := writeRegister(t, files[1])

	ctx := context.Background()
	indexesBefore := 0 // the organisations' indexes before the import
	counts := func() (orgs, figures, audit int) {
		db := (&harness{t: t, dsn: dsn}).open()
		defer db.Close()
		for q, n := range map[string]*int{
			"SELECT COUNT(*) FROM organisations":        &orgs,
			"SELECT COUNT(*) FROM organisation_figures": &figures,
			"SELECT COUNT(*) FROM audit_log":            &audit,
		} {
			if err := db.SQL().QueryRowContext(ctx, q).Scan(n); err != nil {
				t.Fatal(err)
			}
		}
		// An import into an empty register drops the organisations'
		// indexes and the register's guarded INSERT triggers and makes
		// them again inside its transaction: a kill at any point leaves
		// every one of them.
		q := `SELECT COUNT(*) FROM sqlite_master WHERE (type = 'index' AND tbl_name = 'organisations')
			OR (type = 'trigger' AND tbl_name IN ('organisations', 'organisation_figures', 'organisation_statuses'))`
		if db.Dialect() == "postgres" {
			q = `SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'organisations'`
		}
		var indexes int
		if err := db.SQL().QueryRowContext(ctx, q).Scan(&indexes); err != nil {
			t.Fatal(err)
		}
		if indexesBefore == 0 {
			indexesBefore = indexes
		} else if indexes != indexesBefore {
			t.Errorf("%d indexes and triggers on the register, %d before the import", indexes, indexesBefore)
		}
		st, err := Check(ctx, db.SQL(), db.Dialect())
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range st.Problems {
			t.Errorf("storage: %s", p)
		}
		return orgs, figures, audit
	}
	_, _, auditBase := counts()

	killed, finished := 0, false
	var whole [3]int
	for delay := 150 * time.Millisecond; delay < 5*time.Minute; delay = delay * 3 / 2 {
		cmd := hoptac("import", "register", "--db", dsn, register)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("import register: %v", err)
			}
			finished = true
		case <-time.After(delay):
			_ = cmd.Process.Kill() // it may have just finished; the counts below are what counts
			if err := <-done; err == nil {
				finished = true // it ended on its own just before the kill
			}
		}
		orgs, figures, audit := counts()
		switch {
		case orgs == 0 && figures == 0 && audit == auditBase:
			killed++
		case orgs == registerKillOrgs && figures == registerKillOrgs:
			whole = [3]int{orgs, figures, audit}
		default:
			t.Fatalf("after a kill at %v: %d organisations, %d figures, %d audit entries: half an import", delay, orgs, figures, audit-auditBase)
		}
		if finished {
			break
		}
	}
	if !finished || killed == 0 {
		t.Fatalf("%d kills before the import ended (finished %v): no kill landed in the middle", killed, finished)
	}
	// A kill during the re-import: the same file again changes nothing.
	cmd := hoptac("import", "register", "--db", dsn, register)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	_ = cmd.Process.Kill() // it may have finished; either way nothing may change
	_ = cmd.Wait()         // killed: its status is an error by design
	if orgs, figures, audit := counts(); [3]int{orgs, figures, audit} != whole {
		t.Errorf("after a killed re-import: %d organisations, %d figures, %d audit entries; want %v", orgs, figures, audit, whole)
	}
	t.Logf("register import on %s: %d kills left nothing; the import that finished wrote %d organisations and %d audit entries",
		storetest.Backend(), killed, whole[0], whole[2]-auditBase)
}

// writeRegister generates a register of registerKillOrgs organisations
// in the communes of the units file, one year each, every row valid.
func writeRegister(t *testing.T, units string) string {
	t.Helper()
	in, err := os.Open(units)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	communes, err := gen.LoadCommunes(in)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "register.csv")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gen.WriteRegister(out, gen.RegisterConfig{Orgs: registerKillOrgs, Years: 1, LastYear: 2025, Seed: 3, Communes: communes}); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(fmt.Errorf("write the register: %w", err))
	}
	return path
}
