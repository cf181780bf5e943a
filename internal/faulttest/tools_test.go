package faulttest

import (
	"net"
	"testing"
)

// FreeAddr answers a loopback address that can be bound again.
func TestFreeAddr(t *testing.T) {
	t.Parallel()
	addr := FreeAddr(t)
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host != "127.0.0.1" {
		t.Fatalf("FreeAddr = %q (%v), want a 127.0.0.1 address", addr, err)
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("listen on %s: %v", addr, err)
	}
	l.Close()
}

// On SQLite no backup tool is needed, so the test goes on.
func TestNeedBackupToolsOnSQLite(t *testing.T) {
	t.Setenv("HOPTAC_TEST_BACKEND", "sqlite")
	NeedBackupTools(t)
	if t.Skipped() || t.Failed() {
		t.Fatal("NeedBackupTools stopped a SQLite test")
	}
}
