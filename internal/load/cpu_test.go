package load

import (
	"encoding/binary"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestParseStatCPU(t *testing.T) {
	// A command name with spaces and parentheses, as a process may give
	// itself; utime 250 and stime 50 ticks.
	stat := "4242 (hoptac (serve) x) S 1 4242 4242 0 -1 4194560 1234 0 0 0 250 50 0 0 20 0 9 0 5000 1000000 2000 " +
		"18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n"
	for _, tt := range []struct {
		hz   int64
		want time.Duration
	}{{100, 3 * time.Second}, {250, 1200 * time.Millisecond}} {
		got, err := parseStatCPU([]byte(stat), tt.hz)
		if err != nil || got != tt.want {
			t.Errorf("hz %d: %v, %v; want %v", tt.hz, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "4242 (x) S 1 2 3", "4242 x S 1 2 3 4 5 6 7 8 9 10 11 12 13 14",
		"4242 (x) S 1 4242 4242 0 -1 4194560 1234 0 0 0 abc 50 0",
		"4242 (x) S 1 4242 4242 0 -1 4194560 1234 0 0 0 -250 50 0",
		"4242 (x) S 1 4242 4242 0 -1 4194560 1234 0 0 0 250 9223372036854775808 0"} {
		if _, err := parseStatCPU([]byte(bad), 100); err == nil {
			t.Errorf("parseStatCPU(%q) accepted", bad)
		}
	}
}

// auxv builds an auxiliary vector of 64-bit (key, value) pairs.
func auxv(pairs ...uint64) []byte {
	b := make([]byte, 8*len(pairs))
	for i, v := range pairs {
		binary.NativeEndian.PutUint64(b[8*i:], v)
	}
	return b
}

func TestParseAuxvClkTck(t *testing.T) {
	if hz, ok := parseAuxvClkTck(auxv(33, 7, 6, 4096, atClkTck, 250, 0, 0), 8); !ok || hz != 250 {
		t.Errorf("AT_CLKTCK 250: %d %v", hz, ok)
	}
	if _, ok := parseAuxvClkTck(auxv(6, 4096, 0, 0, atClkTck, 250), 8); ok {
		t.Error("an entry after AT_NULL was read")
	}
	if _, ok := parseAuxvClkTck(auxv(6, 4096)[:12], 8); ok {
		t.Error("a truncated vector gave a value")
	}
	b := make([]byte, 16)
	binary.NativeEndian.PutUint32(b, atClkTck)
	binary.NativeEndian.PutUint32(b[4:], 100)
	if hz, ok := parseAuxvClkTck(b, 4); !ok || hz != 100 {
		t.Errorf("32-bit vector: %d %v", hz, ok)
	}
}

// procFixture is a /proc with one server (pid 300, listening on port
// 8080 = 0x1F90 over IPv6) among other processes and sockets.
func procFixture(t *testing.T) string {
	root := t.TempDir()
	write := func(path, content string) {
		t.Helper()
		p := filepath.Join(root, path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, path string) {
		t.Helper()
		p := filepath.Join(root, path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	header := "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
	write("net/tcp", header+
		// A connection to port 8080 (ESTABLISHED, 01) and a listener on
		// another port: neither is the server.
		"   0: 0100007F:C350 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 111 1 0 20 4 30 10 -1\n"+
		"   1: 0100007F:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 222 1 0 100 0 0 10 0\n"+
		// A connection from port 8080 held by another process (listed
		// before the server): not listening.
		"   2: 0100007F:1F90 0100007F:C351 01 00000000:00000000 00:00000000 00000000     0        0 444 1 0 20 4 30 10 -1\n")
	write("net/tcp6", header+
		"   0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 333 1 0 100 0 0 10 0\n")
	link("socket:[111]", "200/fd/3") // the client
	link("socket:[444]", "250/fd/4")
	link("/dev/null", "300/fd/0")
	link("socket:[333]", "300/fd/7")
	link("socket:[222]", "400/fd/5")
	write("self/auxv", string(auxv(atClkTck, 100, 0, 0)))
	write("300/stat", "300 (hoptac) S 1 300 300 0 -1 4194560 1234 0 0 0 1500 300 0 0 20 0 9 0 5000 1000000 2000\n")
	write("sys/notapid", "")
	return root
}

func TestListenerPIDFixture(t *testing.T) {
	root := procFixture(t)
	if pid, err := listenerPID(root, 8080); err != nil || pid != 300 {
		t.Errorf("port 8080: pid %d, %v; want 300", pid, err)
	}
	if pid, err := listenerPID(root, 8081); err != nil || pid != 400 {
		t.Errorf("port 8081: pid %d, %v; want 400", pid, err)
	}
	if _, err := listenerPID(root, 9999); err == nil || !strings.Contains(err.Error(), "9999") {
		t.Errorf("no listener: %v", err)
	}
	cpu, err := procCPU(root, 300)
	if err != nil || cpu != 18*time.Second {
		t.Errorf("procCPU = %v, %v; want 18s", cpu, err)
	}
	if _, err := procCPU(root, 12345); err == nil {
		t.Error("procCPU of a missing process")
	}
}

// On Linux the live /proc finds the test's own httptest server: this
// process.
func TestListenerPIDLive(t *testing.T) {
	if _, err := os.Stat("/proc/net/tcp"); err != nil {
		t.Skip("no /proc/net/tcp")
	}
	ts := httptest.NewServer(nil)
	defer ts.Close()
	_, port, _ := net.SplitHostPort(ts.Listener.Addr().String())
	p, _ := strconv.Atoi(port)
	if pid, err := listenerPID(procRoot, p); err != nil || pid != os.Getpid() {
		t.Errorf("listener of port %d: %d, %v; want %d", p, pid, err, os.Getpid())
	}
	before, err := procCPU(procRoot, os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	// Burn CPU until the kernel counts a tick more (at most 5 s of a
	// busy machine).
	after := before
	for end := time.Now().Add(5 * time.Second); after <= before && err == nil && time.Now().Before(end); {
		for spin := time.Now().Add(10 * time.Millisecond); time.Now().Before(spin); {
		}
		after, err = procCPU(procRoot, os.Getpid())
	}
	if err != nil || after <= before {
		t.Errorf("CPU time %v then %v (%v)", before, after, err)
	}
	if hz := clockTicks(procRoot); hz != 100 {
		t.Logf("USER_HZ is %d here", hz)
	}
}
