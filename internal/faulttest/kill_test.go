package faulttest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"regexp"
	"strconv"
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
	check func(ctx context.Context, h *harness, db *store.DB) ([]string, error)
	// setup, if set, prepares what the writes need once the demo is
	// loaded and before the first burst.
	setup func(h *harness)
	// summary, if set, says what the scenario's acknowledged writes were.
	summary func(h *harness) string
}

var scenarios = []scenario{
	// Each worker writes to tasks of its own: crash safety alone.
	{name: "progress-own-tasks", write: writeProgress(false), stored: storedProgress},
	// Workers share tasks, as agencies sharing a task do: crash safety and
	// concurrent updates of one task.
	{name: "progress-shared-tasks", write: writeProgress(true), stored: storedProgress},
	// A coordinator confirms imported plans: each is all or nothing.
	{name: "plan-import", write: writeImport, stored: storedImports, check: checkImports},
	// Each agency's officer writes and submits its reports; the coordinator
	// returns, accepts and reopens them, and the officer sends returned ones
	// again: an acknowledged step is never undone by a kill, and every
	// report stands in one state with its lines.
	{name: "report-submit-accept", setup: setupReports, write: writeReport, stored: storedReports, check: checkReports,
		summary: summarizeReports},
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
	return storedByKey(ctx, db, "SELECT id, note FROM progress WHERE note LIKE ?", prefix)
}

// storedByKey maps each stored row's key (a note, a title) that starts
// with prefix to the row's id: what survived the kills.
func storedByKey(ctx context.Context, db *store.DB, query, prefix string) (map[string]int64, error) {
	rows, err := db.SQL().QueryContext(ctx, db.Rebind(query), prefix+"%")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id int64
		var key string
		if err := rows.Scan(&id, &key); err != nil {
			return nil, err
		}
		out[key] = id
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
	if sc.setup != nil {
		sc.setup(h)
	}

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
	if sc.summary != nil {
		t.Log(sc.summary(h))
	}
}
