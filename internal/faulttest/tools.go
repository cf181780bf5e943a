package faulttest

import (
	"net"
	"testing"

	"github.com/hoptac/hoptac/internal/backup"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// NeedBackupTools stops a PostgreSQL test that has no pg_dump and
// pg_restore (see Need); on SQLite it needs nothing.
func NeedBackupTools(t testing.TB) {
	t.Helper()
	if storetest.Backend() != "postgres" {
		return
	}
	for _, name := range []string{"pg_dump", "pg_restore"} {
		if _, err := backup.FindTool(name); err != nil {
			Need(t, "%v", err)
		}
	}
}

// FreeAddr returns a loopback address no one listens on just now, for a
// child process to bind.
func FreeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}
