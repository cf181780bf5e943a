package load

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"github.com/hoptac/hoptac/internal/i18n"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Server CPU per request: latency alone hides a server that answers fast
// by burning both cores, which a busy province server cannot afford. When
// the server runs on this machine (the load tool refuses any other), its
// CPU time is read from /proc before and after the measured phase. Linux
// only; elsewhere the report says the figure is unavailable.

// procRoot is where /proc is; tests point procfs functions at a fixture.
const procRoot = "/proc"

// procCPU is a process's CPU time so far, user and system, all its threads
// together: utime and stime of /proc/<pid>/stat, in clock ticks.
func procCPU(root string, pid int) (time.Duration, error) {
	b, err := os.ReadFile(filepath.Join(root, strconv.Itoa(pid), "stat"))
	if err != nil {
		return 0, err
	}
	return parseStatCPU(b, clockTicks(root))
}

// parseStatCPU reads utime and stime (fields 14 and 15) of a stat line.
// The command name (field 2) is in parentheses and may itself hold spaces
// and parentheses, so fields are counted from the last ")".
func parseStatCPU(stat []byte, hz int64) (time.Duration, error) {
	s := string(stat)
	i := strings.LastIndexByte(s, ')')
	if i < 0 || hz <= 0 {
		return 0, i18n.Errorf(nil, "load.cpu.stat_unreadable")
	}
	f := strings.Fields(s[i+1:]) // f[0] is field 3, the state
	if len(f) < 13 {
		return 0, i18n.Errorf(nil, "load.cpu.stat_fields")
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil || utime < 0 || stime < 0 {
		return 0, i18n.Errorf(nil, "load.cpu.stat_numbers")
	}
	ticks := time.Duration(utime + stime)
	return ticks * time.Second / time.Duration(hz), nil
}

// atClkTck is AT_CLKTCK, the auxiliary vector entry that holds USER_HZ.
const atClkTck = 17

// clockTicks is the unit of stat's times, as sysconf(_SC_CLK_TCK) finds
// it: the kernel hands it to every process in the auxiliary vector. When
// that cannot be read it is 100, which is USER_HZ on every Linux
// architecture whatever the kernel's own tick rate.
func clockTicks(root string) int64 {
	if b, err := os.ReadFile(filepath.Join(root, "self", "auxv")); err == nil {
		if hz, ok := parseAuxvClkTck(b, strconv.IntSize/8); ok {
			return hz
		}
	}
	return 100
}

// parseAuxvClkTck finds AT_CLKTCK in an auxiliary vector of word-sized
// (key, value) pairs in the machine's byte order.
func parseAuxvClkTck(b []byte, word int) (int64, bool) {
	read := func(p []byte) uint64 {
		if word == 4 {
			return uint64(binary.NativeEndian.Uint32(p))
		}
		return binary.NativeEndian.Uint64(p)
	}
	for i := 0; i+2*word <= len(b); i += 2 * word {
		key, val := read(b[i:]), read(b[i+word:])
		if key == 0 { // AT_NULL ends the vector
			break
		}
		if key == atClkTck && val > 0 && val <= math.MaxInt64 {
			return int64(val), true
		}
	}
	return 0, false
}

// listenerPID finds the process listening on a TCP port of this machine:
// the socket's inode from /proc/net/tcp and tcp6, then the process that
// holds that socket among its open files. Only processes this user may
// look into are searched; a server run by another user needs --server-pid.
func listenerPID(root string, port int) (int, error) {
	inodes := map[string]bool{}
	for _, name := range []string{"tcp", "tcp6"} {
		b, err := os.ReadFile(filepath.Join(root, "net", name))
		if err != nil {
			continue
		}
		for _, inode := range listeningInodes(b, port) {
			inodes[inode] = true
		}
	}
	if len(inodes) == 0 {
		return 0, i18n.Errorf(nil, "load.cpu.no_listener", port)
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		return 0, err
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid <= 0 {
			continue
		}
		fds, err := os.ReadDir(filepath.Join(root, e.Name(), "fd"))
		if err != nil {
			continue // gone, or another user's
		}
		for _, fd := range fds {
			link, err := os.Readlink(filepath.Join(root, e.Name(), "fd", fd.Name()))
			if err != nil {
				continue
			}
			if inode, ok := strings.CutPrefix(link, "socket:["); ok && inodes[strings.TrimSuffix(inode, "]")] {
				return pid, nil
			}
		}
	}
	return 0, i18n.Errorf(nil, "load.cpu.listener_hidden", port)
}

// listeningInodes reads a /proc/net/tcp table: the inodes of sockets in
// state LISTEN (0A) on port, whatever address they are bound to.
func listeningInodes(table []byte, port int) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(table))
	sc.Scan() // the header
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 10 || f[3] != "0A" {
			continue
		}
		_, hexPort, ok := strings.Cut(f[1], ":")
		if !ok {
			continue
		}
		if p, err := strconv.ParseUint(hexPort, 16, 16); err == nil && int(p) == port && f[9] != "0" {
			out = append(out, f[9])
		}
	}
	return out
}

// cpuMeter reads the server's CPU time at the start of the measured phase
// and, in finish, at its end.
type cpuMeter struct {
	pid   int
	start time.Duration
	err   error
}

// startCPU finds the server's process (Config.ServerPID, or the one
// listening on the URL's port) and reads its CPU time. A failure is not
// the run's: the report says why the figure is missing.
func (rn *runner) startCPU() *cpuMeter {
	m := &cpuMeter{pid: rn.cfg.ServerPID}
	if m.pid < 0 {
		m.err = i18n.Errorf(nil, "load.cpu.not_measured")
		return m
	}
	if m.pid == 0 {
		port, err := strconv.Atoi(rn.base.Port())
		if rn.base.Port() == "" {
			port, err = 80, nil
			if rn.base.Scheme == "https" {
				port = 443
			}
		}
		if err == nil {
			m.pid, err = listenerPID(procRoot, port)
		}
		if err != nil {
			m.err = err
			return m
		}
	}
	m.start, m.err = procCPU(procRoot, m.pid)
	return m
}

// finish puts the server's CPU time over the measured phase in the report,
// per request (readers' and writer's together).
func (m *cpuMeter) finish(rep *Report) {
	var end time.Duration
	if m.err == nil {
		end, m.err = procCPU(procRoot, m.pid)
	}
	if m.err != nil {
		rep.ServerCPUNote = i18n.Describe(m.err, rep.Lang)
		return
	}
	rep.ServerPID, rep.ServerCPU = m.pid, end-m.start
	n := rep.Total.Count
	if rep.Writer != nil {
		n += rep.Writer.Stats.Count
	}
	if n > 0 {
		rep.ServerCPUPerRequest = rep.ServerCPU / time.Duration(n)
	}
	if m.pid == os.Getpid() {
		rep.ServerCPUNote = i18n.Default().T(rep.Lang, "load.cpu.in_process")
	}
}
