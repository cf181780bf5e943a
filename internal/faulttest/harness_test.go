package faulttest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/store"
)

// buildHoptac builds cmd/hoptac from the module root into a temporary
// folder.
func buildHoptac(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		Need(t, "the go command, to build the hoptac binary: %v", err)
	}
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil || strings.TrimSpace(string(gomod)) == "" || strings.TrimSpace(string(gomod)) == os.DevNull {
		Need(t, "the module root (go env GOMOD: %q, %v)", gomod, err)
	}
	bin := filepath.Join(t.TempDir(), "hoptac")
	cmd := exec.Command("go", "build", "-buildvcs=false", "-o", bin, "./cmd/hoptac")
	cmd.Dir = filepath.Dir(strings.TrimSpace(string(gomod)))
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/hoptac: %v\n%s", err, out)
	}
	t.Logf("built %s in %v", bin, time.Since(start).Round(time.Millisecond))
	return bin
}

// harness is one database, the server running on it, and what was sent.
type harness struct {
	t     *testing.T
	bin   string
	dsn   string
	token string
	tasks []int64
	run   string // unique to this test run, in every key
	// reports is the report scenario's state across bursts.
	reports *reportRun

	mu  sync.Mutex
	srv *server
	hc  *http.Client

	sent     sync.Map // key → struct{}
	ackMu    sync.Mutex
	acked    map[string]int64 // key → id the server answered
	rejected atomic.Int64     // answers other than 201
	lostAny  bool
	// firstRejection is the first such answer with the server's log: a
	// running server must accept every well-formed write.
	firstRejection atomic.Pointer[string]
}

// reject counts a write the running server answered with an error.
func (h *harness) reject(status int, body []byte) {
	h.rejected.Add(1)
	h.mu.Lock()
	log := h.srv.stderr.String()
	h.mu.Unlock()
	msg := fmt.Sprintf("%d %.300s; end of the server's log: %s", status, body, log[max(0, len(log)-2000):])
	h.firstRejection.CompareAndSwap(nil, &msg)
}

func (h *harness) base() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.srv.base
}

func (h *harness) client() *http.Client {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.hc
}

// burst runs workers that write until the server dies, and kills it at a
// random moment after the first acknowledgement. It returns how many writes
// this burst acknowledged and how many requests were in flight at the kill.
func (h *harness) burst(sc scenario, cycle int, rnd *rand.Rand) (acks, inflight int) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	var nAcked, nFlying atomic.Int64
	firstAck := make(chan struct{})
	var once sync.Once
	var errMu sync.Mutex
	var protoErr error
	for w := range workers {
		wrnd := rand.New(rand.NewPCG(rnd.Uint64(), uint64(w)))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for seq := 0; ctx.Err() == nil; seq++ {
				key := fmt.Sprintf("%s c%d w%d s%d", h.run, cycle, w, seq)
				h.sent.Store(key, struct{}{})
				nFlying.Add(1)
				id, acked, err := sc.write(ctx, h, wrnd, w, key)
				nFlying.Add(-1)
				if acked {
					h.ackMu.Lock()
					h.acked[key] = id
					h.ackMu.Unlock()
					nAcked.Add(1)
					once.Do(func() { close(firstAck) })
				}
				if err != nil {
					if strings.Contains(err.Error(), "not the entry") {
						errMu.Lock()
						protoErr = err
						errMu.Unlock()
					}
					return // the server is gone
				}
			}
		}()
	}
	select {
	case <-firstAck:
	case <-time.After(20 * time.Second):
		h.t.Errorf("burst %d: no write acknowledged in 20s; server stderr:\n%s", cycle, h.srv.stderr.String())
	}
	time.Sleep(time.Duration(rnd.Int64N(int64(maxKillDelay))))
	acks, inflight = int(nAcked.Load()), int(nFlying.Load())
	h.kill()
	wg.Wait()
	if protoErr != nil {
		h.t.Errorf("burst %d: %v", cycle, protoErr)
	}
	return acks, inflight
}

// verify opens the database beside the server and checks it.
func (h *harness) verify(sc scenario, cycle int) Stats {
	t := h.t
	ctx := context.Background()
	db := h.open()
	defer db.Close()
	stored, err := sc.stored(ctx, db, h.run)
	if err != nil {
		t.Fatalf("after kill %d: read writes: %v", cycle, err)
	}
	h.ackMu.Lock()
	var lost []string
	for key, id := range h.acked {
		got, ok := stored[key]
		switch {
		case !ok:
			lost = append(lost, key)
		case got != id:
			t.Errorf("after kill %d: %q was acknowledged as id %d but is stored as %d", cycle, key, id, got)
		}
	}
	h.ackMu.Unlock()
	if len(lost) > 0 {
		h.lostAny = true
		t.Errorf("after kill %d: %d acknowledged writes lost, e.g. %q", cycle, len(lost), lost[0])
	}
	for key := range stored {
		if _, ok := h.sent.Load(key); !ok {
			t.Errorf("after kill %d: %q is stored but was never sent", cycle, key)
		}
	}
	st, err := Check(ctx, db.SQL(), db.Dialect())
	if err != nil {
		t.Fatalf("after kill %d: check: %v", cycle, err)
	}
	for i, p := range st.Problems {
		if i == 3 {
			t.Errorf("after kill %d: … and %d more problems", cycle, len(st.Problems)-i)
			break
		}
		t.Errorf("after kill %d: %s", cycle, p)
	}
	if sc.check != nil {
		problems, err := sc.check(ctx, h, db)
		if err != nil {
			t.Fatalf("after kill %d: %s check: %v", cycle, sc.name, err)
		}
		for _, p := range problems {
			t.Errorf("after kill %d: %s", cycle, p)
		}
	}
	return st
}

func (h *harness) open() *store.DB {
	h.t.Helper()
	db, err := store.Open(context.Background(), h.dsn)
	if err != nil {
		h.t.Fatalf("open the database: %v", err)
	}
	return db
}

// server is one run of `hoptac serve`.
type server struct {
	cmd    *exec.Cmd
	base   string
	stdout *syncBuffer
	stderr *syncBuffer
	exited chan struct{}
}

// start starts the server on a free port and waits until it answers.
func (h *harness) start(demo bool) *server {
	t := h.t
	t.Helper()
	addr := FreeAddr(t)
	args := []string{"serve", "--db", h.dsn, "--addr", addr}
	if demo {
		args = append(args, "--demo")
	}
	s := &server{cmd: exec.Command(h.bin, args...), base: "http://" + addr, stdout: &syncBuffer{},
		stderr: &syncBuffer{limit: 64 << 10}, exited: make(chan struct{})}
	s.cmd.Env = childEnv()
	s.cmd.Stdout, s.cmd.Stderr = s.stdout, s.stderr
	if err := s.cmd.Start(); err != nil {
		t.Fatalf("start hoptac serve: %v", err)
	}
	go func() { _ = s.cmd.Wait(); close(s.exited) }() // a killed server's exit status is expected to be an error
	h.mu.Lock()
	h.srv = s
	h.hc = &http.Client{Timeout: 15 * time.Second, Transport: &http.Transport{
		MaxIdleConnsPerHost: workers, DialContext: (&net.Dialer{Timeout: 5 * time.Second}).DialContext}}
	h.mu.Unlock()

	deadline := time.Now().Add(30 * time.Second)
	probe := &http.Client{Timeout: time.Second}
	for {
		select {
		case <-s.exited:
			t.Fatalf("hoptac serve exited at start: %v\nstdout:\n%s\nstderr:\n%s", s.cmd.ProcessState,
				s.stdout.String(), s.stderr.String())
		default:
		}
		if strings.Contains(s.stdout.String(), s.base) {
			if resp, err := probe.Get(s.base + "/healthz"); err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					return s
				}
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("hoptac serve did not answer in 30s\nstdout:\n%s\nstderr:\n%s", s.stdout.String(), s.stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// kill sends SIGKILL: no shutdown, no deferred close, no flush.
func (h *harness) kill() {
	h.mu.Lock()
	s := h.srv
	h.mu.Unlock()
	if s == nil {
		return
	}
	_ = s.cmd.Process.Kill() // it may have exited already; <-s.exited below is what counts
	<-s.exited
}

// stop kills the server if it runs, for the end of the test.
func (h *harness) stop() {
	h.kill()
	h.mu.Lock()
	h.srv = nil
	h.mu.Unlock()
}

// childEnv is this process's environment without hoptac's settings, so
// only the flags choose the database and address.
func childEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "HOPTAC_") {
			env = append(env, kv)
		}
	}
	return env
}

func (h *harness) createToken(email string) string {
	h.t.Helper()
	cmd := exec.Command(h.bin, "token", "create", "--db", h.dsn, "--email", email, "--name", "kill test")
	cmd.Env = childEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		h.t.Fatalf("hoptac token create: %v\n%s", err, stderr.String())
	}
	return strings.TrimSpace(string(out))
}

func (h *harness) listTasks() []int64 {
	h.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, h.base()+"/api/v1/tasks?per_page=500", nil)
	req.Header.Set("Authorization", "Bearer "+h.token)
	resp, err := h.client().Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	var list struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &list) != nil || len(list.Items) == 0 {
		h.t.Fatalf("GET /api/v1/tasks: %d %s", resp.StatusCode, body)
	}
	var ids []int64
	for _, it := range list.Items {
		ids = append(ids, it.ID)
	}
	return ids
}

// syncBuffer collects a child's output; with a limit it keeps the tail.
type syncBuffer struct {
	mu    sync.Mutex
	b     []byte
	limit int
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.b = append(s.b, p...)
	if s.limit > 0 && len(s.b) > s.limit {
		s.b = append([]byte(nil), s.b[len(s.b)-s.limit:]...)
	}
	return len(p), nil
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return string(s.b)
}
