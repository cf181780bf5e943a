package backup_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/demo"
	"github.com/hoptac/hoptac/internal/faulttest"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// demoDB returns the DSN of a fresh database holding the demo province,
// and the store open on it.
func demoDB(t *testing.T) (string, *store.DB) {
	t.Helper()
	ctx := context.Background()
	dsn := faulttest.FreshDSN(t)
	db := storetest.OpenAt(t, dsn)
	if _, err := demo.Load(ctx, db); err != nil {
		t.Fatal(err)
	}
	return dsn, db
}

func taskIDs(t *testing.T, db *store.DB) []int64 {
	t.Helper()
	ids := storetest.IDs(t, db, "SELECT id FROM tasks ORDER BY id")
	if len(ids) == 0 {
		t.Fatal("demo has no tasks")
	}
	return ids
}

// addEvidence records n progress entries on task, each with a file of size
// random bytes.
func addEvidence(t *testing.T, db *store.DB, task int64, n, size int) {
	t.Helper()
	ctx := context.Background()
	for i := range n {
		data := make([]byte, size)
		rand.Read(data)
		f := &store.File{Name: fmt.Sprintf("minh-chung-%d.pdf", i), ContentType: "application/pdf", Data: data}
		p := plan.Progress{TaskID: task, Status: plan.StatusInProgress, Note: fmt.Sprintf("evidence %d", i)}
		if err := db.Update(ctx, func(tx *store.Tx) error { return tx.RecordProgress(ctx, &p, f) }); err != nil {
			t.Fatal(err)
		}
	}
}

// writeLoad records progress through the store from several goroutines
// until stopped, remembering when each write began and when it was
// acknowledged (its transaction committed).
type writeLoad struct {
	mu      sync.Mutex
	began   map[string]time.Time
	acked   map[string]time.Time
	errs    []error
	stop    chan struct{}
	wg      sync.WaitGroup
	tagBase string
}

// startLoad starts writers goroutines. Each owns its own tasks: concurrent
// writes to one task are the kill test's business; here a mismatch between
// a task and its progress can only mean an inconsistent backup.
func startLoad(db *store.DB, tasks []int64, writers int, tag string) *writeLoad {
	l := &writeLoad{began: map[string]time.Time{}, acked: map[string]time.Time{}, stop: make(chan struct{}), tagBase: tag}
	for w := range writers {
		var mine []int64
		for i, id := range tasks {
			if i%writers == w {
				mine = append(mine, id)
			}
		}
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			ctx := context.Background()
			for seq := 0; ; seq++ {
				select {
				case <-l.stop:
					return
				default:
				}
				note := fmt.Sprintf("%s w%d-%d", tag, w, seq)
				p := progressFor(mine[seq%len(mine)], seq, note)
				began := time.Now()
				l.mu.Lock()
				l.began[note] = began
				l.mu.Unlock()
				err := db.Update(ctx, func(tx *store.Tx) error { return tx.RecordProgress(ctx, &p, nil) })
				l.mu.Lock()
				if err != nil {
					l.errs = append(l.errs, err)
				} else {
					l.acked[note] = time.Now()
				}
				l.mu.Unlock()
			}
		}()
	}
	return l
}

// progressFor varies the entries so every rule of RecordProgress is used:
// a percent, done (percent 100, done_on set), a note alone (status and
// percent carried over), back to not started.
func progressFor(task int64, seq int, note string) plan.Progress {
	p := plan.Progress{TaskID: task, Note: note}
	pct := (seq * 7) % 101
	switch seq % 5 {
	case 0, 1:
		p.Status, p.Percent = plan.StatusInProgress, &pct
	case 2:
		p.Status = plan.StatusDone
	case 3:
		// a note alone
	case 4:
		zero := 0
		p.Status, p.Percent = plan.StatusNotStarted, &zero
	}
	return p
}

func (l *writeLoad) ackedCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.acked)
}

func (l *writeLoad) waitAcked(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for l.ackedCount() < n {
		if time.Now().After(deadline) {
			t.Fatalf("load made only %d writes in a minute", l.ackedCount())
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func (l *writeLoad) halt(t *testing.T) {
	t.Helper()
	close(l.stop)
	l.wg.Wait()
	for _, err := range l.errs {
		t.Errorf("write under load: %v", err)
	}
}

// notes returns the progress notes with prefix in a database.
func notes(t *testing.T, db *sql.DB, rebind func(string) string, prefix string) map[string]bool {
	t.Helper()
	rows, err := db.Query(rebind("SELECT note FROM progress WHERE note LIKE ?"), prefix+"%")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[n] = true
	}
	return out
}

type progressRow struct {
	Task    int64
	Status  string
	Percent sql.NullInt64
	Note    string
	Created string
}

func progressRows(t *testing.T, db *sql.DB) map[int64]progressRow {
	t.Helper()
	rows, err := db.Query("SELECT id, task_id, status, percent, note, created_at FROM progress")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64]progressRow{}
	for rows.Next() {
		var id int64
		var r progressRow
		if err := rows.Scan(&id, &r.Task, &r.Status, &r.Percent, &r.Note, &r.Created); err != nil {
			t.Fatal(err)
		}
		out[id] = r
	}
	return out
}

func checkClean(t *testing.T, what string, db *store.DB) faulttest.Stats {
	t.Helper()
	st, err := faulttest.Check(context.Background(), db.SQL(), db.Dialect())
	if err != nil {
		t.Fatalf("%s: check: %v", what, err)
	}
	for _, p := range st.Problems {
		t.Errorf("%s: %s", what, p)
	}
	return st
}
