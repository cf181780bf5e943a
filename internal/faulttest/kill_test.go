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
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// A scenario is one kind of write the server is killed in the middle of.
// Each write carries a unique key, so the test can tell which acknowledged
// writes survived. A plan import, once it exists, is one more entry: its
// write posts a plan whose title is the key, stored lists plan titles, and
// check demands each plan has all its tasks or is absent.
type scenario struct {
	name string
	// write makes one write tagged key through the API for one of the
	// burst's workers. acked reports that the server answered that it was
	// done, with the id it gave; err means the server is gone.
	write func(ctx context.Context, h *harness, rnd *rand.Rand, worker int, key string) (id int64, acked bool, err error)
	// stored returns the tagged writes in the database: key to id.
	stored func(ctx context.Context, db *store.DB, prefix string) (map[string]int64, error)
	// check, if set, lists broken invariants of the scenario's own, beyond
	// Check's.
	check func(ctx context.Context, db *store.DB) ([]string, error)
}

var scenarios = []scenario{
	// Each worker writes to tasks of its own: crash safety alone.
	{name: "progress-own-tasks", write: writeProgress(false), stored: storedProgress},
	// Workers share tasks, as agencies sharing a task do: crash safety and
	// concurrent updates of one task.
	{name: "progress-shared-tasks", write: writeProgress(true), stored: storedProgress},
	// A coordinator confirms imported plans: each is all or nothing.
	{name: "plan-import", write: writeImport, stored: storedImports, check: checkImports},
}

// writeProgress posts progress entries on a random task, of the worker's
// own tasks or of all. Most say in progress with a percent; some say done,
// some only add a note (status and percent carry over), some go back to
// not started.
func writeProgress(shared bool) func(context.Context, *harness, *rand.Rand, int, string) (int64, bool, error) {
	return func(ctx context.Context, h *harness, rnd *rand.Rand, worker int, key string) (int64, bool, error) {
		var task int64
		n := (len(h.tasks) - worker + workers - 1) / workers // tasks worker, worker+workers, …
		if shared || n <= 0 {
			task = h.tasks[rnd.IntN(len(h.tasks))]
		} else {
			task = h.tasks[worker+workers*rnd.IntN(n)]
		}
		return postProgress(ctx, h, rnd, task, key)
	}
}

func postProgress(ctx context.Context, h *harness, rnd *rand.Rand, task int64, key string) (int64, bool, error) {
	body := map[string]any{"note": key}
	switch r := rnd.IntN(20); {
	case r < 14:
		body["status"], body["percent"] = "in_progress", rnd.IntN(101)
	case r < 16:
		body["status"] = "done"
	case r < 19:
		// a note alone
	default:
		body["status"], body["percent"] = "not_started", 0
	}
	b, _ := json.Marshal(body)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, fmt.Sprintf("%s/api/v1/tasks/%d/progress", h.base(), task),
		bytes.NewReader(b))
	if err != nil {
		return 0, false, err
	}
	req.Header.Set("Authorization", "Bearer "+h.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := h.client().Do(req)
	if err != nil {
		return 0, false, err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, false, err // cut off mid-answer: not acknowledged
	}
	if resp.StatusCode != http.StatusCreated {
		h.reject(resp.StatusCode, answer)
		return 0, false, nil
	}
	var p struct {
		ID   int64  `json:"id"`
		Note string `json:"note"`
	}
	if err := json.Unmarshal(answer, &p); err != nil || p.Note != key || p.ID == 0 {
		return 0, false, fmt.Errorf("201 with an answer that is not the entry: %s", answer)
	}
	return p.ID, true, nil
}

func storedProgress(ctx context.Context, db *store.DB, prefix string) (map[string]int64, error) {
	rows, err := db.SQL().QueryContext(ctx, db.Rebind("SELECT id, note FROM progress WHERE note LIKE ?"), prefix+"%")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id int64
		var note string
		if err := rows.Scan(&id, &note); err != nil {
			return nil, err
		}
		out[note] = id
	}
	return out, rows.Err()
}

// Kills per scenario and backend, and the time after which the test stops
// killing once it has done minKills.
const (
	defaultKills = 40
	minKills     = 20
	timeBudget   = 75 * time.Second
	workers      = 8
	maxKillDelay = 150 * time.Millisecond
)

// TestKillDuringWrites starts the real hoptac binary on a database with the
// demo province, and over and over: fires concurrent writes through the
// API, kills the server with SIGKILL at a random moment while they fly,
// restarts it and checks that every acknowledged write is there (by its
// unique key, with the id the server answered), that nothing is half
// written (Check: each progress row with its audit entry, each task with
// the state of its latest progress, foreign keys, SQLite's integrity
// check), and that no write appeared that was never sent.
//
// HOPTAC_FAULT_KILLS sets the number of kills, HOPTAC_FAULT_SEED the random
// seed (the test logs the one it used).
func TestKillDuringWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a server dozens of times; not in -short")
	}
	if storetest.Backend() == "postgres" {
		storetest.PostgresURL(t) // skips, or fails under CI, before the build
	}
	bin := buildHoptac(t)
	for _, sc := range scenarios {
		t.Run(sc.name+"/"+storetest.Backend(), func(t *testing.T) { runKills(t, bin, sc) })
	}
}

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

func runKills(t *testing.T, bin string, sc scenario) {
	start := time.Now()
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("HOPTAC_FAULT_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	kills := defaultKills
	if s := os.Getenv("HOPTAC_FAULT_KILLS"); s != "" {
		if n, err := strconv.Atoi(s); err == nil && n > 0 {
			kills = n
		}
	}
	t.Logf("seed %d (HOPTAC_FAULT_SEED=%d to repeat)", seed, seed)
	h := &harness{t: t, bin: bin, dsn: FreshDSN(t), run: fmt.Sprintf("kill-test %x", seed%(1<<32)),
		acked: map[string]int64{}}
	t.Cleanup(func() { h.stop() })

	// First start loads the demo and prints its accounts; a script then
	// makes an API token as an operator would.
	first := h.start(true)
	accounts := regexp.MustCompile(`(?m)^\s+(\w+)\s+(\S+@\S+)\s+(\S+)$`).FindAllStringSubmatch(first.stdout.String(), -1)
	if len(accounts) == 0 {
		t.Fatalf("serve --demo printed no accounts:\n%s", first.stdout.String())
	}
	h.token = h.createToken("dieuphoi@hoptac.local")
	h.tasks = h.listTasks()

	rnd := rand.New(rand.NewPCG(seed, 0))
	var cycles, ackedAtKill, inFlightAtKill, failedCycles int
	var restartTotal time.Duration
	var last Stats
	for cycles < kills && !(cycles >= minKills && time.Since(start) > timeBudget) {
		acks, inflight := h.burst(sc, cycles, rnd)
		ackedAtKill += acks
		inFlightAtKill += inflight
		cycles++
		t0 := time.Now()
		h.start(false)
		restartTotal += time.Since(t0)
		last = h.verify(sc, cycles)
		if len(last.Problems) > 0 {
			failedCycles++
		}
		if h.lostAny {
			t.Errorf("stopping after kill %d: acknowledged writes lost", cycles)
			break
		}
	}
	h.stop()
	// A last look with no server running at all.
	last = h.verify(sc, cycles)

	var sent, committedUnacked int
	h.sent.Range(func(any, any) bool { sent++; return true })
	db := h.open()
	stored, err := sc.stored(context.Background(), db, h.run)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	for key := range stored {
		if _, ok := h.acked[key]; !ok {
			committedUnacked++
		}
	}
	if len(h.acked) < cycles {
		t.Errorf("only %d writes acknowledged in %d bursts", len(h.acked), cycles)
	}
	lost := 0
	for key := range h.acked {
		if _, ok := stored[key]; !ok {
			lost++
		}
	}
	t.Logf("%s on %s: %d kills in %v (restart and recovery %v on average); %d writes sent, %d acknowledged, "+
		"%d of them lost; %d more committed whose answer the kill cut off; %d refused; "+
		"%d acknowledged in the bursts before their kill, %d requests in flight at the kills; "+
		"%d restarts found inconsistencies",
		sc.name, storetest.Backend(), cycles, time.Since(start).Round(time.Millisecond),
		(restartTotal / time.Duration(max(cycles, 1))).Round(time.Millisecond), sent, len(h.acked), lost,
		committedUnacked, h.rejected.Load(), ackedAtKill, inFlightAtKill, failedCycles)
	storage := fmt.Sprintf("%d foreign keys checked by query", last.ForeignKeys)
	if storetest.Backend() == "sqlite" {
		storage = "integrity_check and foreign_key_check run"
	}
	if n := h.rejected.Load(); n > 0 {
		t.Errorf("%d writes refused by a running server; the first: %s", n, *h.firstRejection.Load())
	}
	t.Logf("verified at the end: %d progress rows against their audit entries (%d audit entries in all), "+
		"%d tasks against their latest progress, %s; %d problems",
		last.Progress, last.Audit, last.TasksWithProgress, storage, len(last.Problems))
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
		problems, err := sc.check(ctx, db)
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
	addr := freeAddr(t)
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
	go func() { s.cmd.Wait(); close(s.exited) }()
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
	s.cmd.Process.Kill()
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
	cmd := exec.Command(h.bin, "token", "create", "--db", h.dsn, "--email", email)
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

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
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
