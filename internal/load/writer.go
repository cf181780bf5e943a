package load

import (
	"context"
	"github.com/hoptac/hoptac/internal/i18n"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"
)

// DefaultWriteRate is how many progress entries a second the pages
// scenario's writer records unless told otherwise: officers of a province
// at their busiest, reporting before a deadline.
const DefaultWriteRate = 20

// WriterStats is the fixed-rate writer's part of a report. Its requests
// are on a line of their own, not in the readers' routes and total: the
// point is how writes fare while readers hammer the server.
type WriterStats struct {
	Rate   float64 // progress entries a second asked for
	Ticks  int     // writes due at the rate over the measured phase
	Missed int     // of those, not sent: every officer still waiting, or the writer not run in time
	Stats  RouteStats
}

// writer records progress at a fixed rate, whatever the server's speed:
// an open loop, as officers do not wait for each other. A write that is
// not done by the next tick does not delay it; when every one of its few
// officers is still waiting for an answer, the tick is missed and counted
// rather than queued, so a slow server cannot pile up goroutines.
type writer struct {
	rate  float64
	sims  []*sim // the officers, one request at a time each
	tasks [][]int64
}

// writerSlots is how many writes may be in flight: at 20 a second, four
// allow 200 ms per write before ticks are missed.
func writerSlots(rate float64) int { return max(2, int(rate/5)) }

// newWriter makes the writer's officers; they log in with the readers.
func (rn *runner) newWriter(rate float64) *writer {
	w := &writer{rate: rate}
	for i := range writerSlots(rate) {
		s := rn.newSim(1_000_000 + i)
		s.acct, s.writer, s.unmetered = rn.cfg.Writers[i%len(rn.cfg.Writers)], true, true
		w.sims = append(w.sims, s)
	}
	return w
}

// prepare reads each logged-in officer's tasks, before measuring; an
// officer with nothing to report on is left out, and a writer with no
// officer left is an error.
func (w *writer) prepare(ctx context.Context) error {
	var ready []*sim
	for _, s := range w.sims {
		if !s.ok {
			continue
		}
		var list taskList
		q := url.Values{"agency": {strconv.FormatInt(s.acct.AgencyID, 10)}, "per_page": {"50"}}
		if err := s.fetch(ctx, s.rn.url("/api/v1/tasks", q), &list); err != nil {
			s.record(RouteAPIProgress, 0, s.text("load.writer_tasks", transportProblem(err)))
			continue
		}
		if tasks := chooseTasks(list.Items, s.acct.AgencyID); len(tasks) > 0 {
			ready = append(ready, s)
			w.tasks = append(w.tasks, tasks)
		}
	}
	if len(ready) == 0 {
		return i18n.Errorf(nil, "load.writer_none")
	}
	w.sims = ready
	return nil
}

// run writes on every tick until stop ends, then waits for the writes in
// flight. Requests use ctx, so they are let finish.
func (w *writer) run(ctx, stop context.Context) (ticks, missed int) {
	if len(w.sims) == 0 {
		return 0, 0
	}
	period := time.Duration(float64(time.Second) / w.rate)
	t := time.NewTicker(period)
	defer t.Stop()
	n := make([]int, len(w.sims))
	return pace(stop, t.C, period, len(w.sims), func(i int) {
		s := w.sims[i]
		taskID := w.tasks[i][s.r.IntN(len(w.tasks[i]))]
		id := strconv.FormatInt(taskID, 10)
		s.do(ctx, RouteAPIProgress, http.MethodPost, s.rn.url("/api/v1/tasks/"+id+"/progress", nil),
			progressOf(s.r, n[i]), http.StatusCreated, progressJSON(taskID))
		n[i]++
	})
}

// pace calls work(i) in a goroutine on every tick, with i a worker of n
// that is not busy; a tick that finds every worker busy is missed. A
// ticker drops the ticks its reader was not ready for, which happens when
// the machine is too busy to run the writer in time: the ticks' times say
// how many periods passed, and those dropped count as ticks missed. pace
// returns when stop ends, once the calls in flight have returned, with the
// ticks due and those missed.
func pace(stop context.Context, tick <-chan time.Time, period time.Duration, n int, work func(i int)) (ticks, missed int) {
	free := make(chan int, n)
	for i := range n {
		free <- i
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	var prev time.Time
	for {
		var now time.Time
		select {
		case <-stop.Done():
			return ticks, missed
		case now = <-tick:
		}
		due := 1
		if !prev.IsZero() && period > 0 {
			due = max(1, int((now.Sub(prev)+period/2)/period))
		}
		prev = now
		ticks += due
		missed += due - 1
		select {
		case i := <-free:
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { free <- i }()
				work(i)
			}()
		default:
			missed++
		}
	}
}

// officers are the writer's simulated users; none without a writer.
func (w *writer) officers() []*sim {
	if w == nil {
		return nil
	}
	return w.sims
}
