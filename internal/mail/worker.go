package mail

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/hoptac/hoptac/internal/store"
)

// Worker drains the outbox: every Tick it claims a batch of due messages
// in the database, sends them and records the outcome. Pages only queue
// messages (store.Tx.EnqueueMail), so a slow or broken SMTP server never
// holds a request. Several servers may each run a Worker on one database:
// the claim gives each message to one of them (store.DB.ClaimMail).
type Worker struct {
	DB     *store.DB
	Sender Sender
	// Config returns the configuration for the next batch; nil reads the
	// stored settings with the process environment over them (Load).
	Config func(ctx context.Context) (Config, error)
	Log    *slog.Logger
	// Name identifies this worker's claims; NewWorker makes a unique one.
	Name string
	// Tick is the pause between batches when the outbox is drained.
	Tick time.Duration
	// Lease is how long a claim lasts: a worker that dies while sending
	// leaves its messages to be claimed again when it ends. It must exceed
	// the time a batch takes to send.
	Lease time.Duration
	// Batch is how many messages one claim takes.
	Batch int
	// MaxAttempts is how many times a message is tried before it is
	// failed and shown to the administrator.
	MaxAttempts int
	// Backoff is the wait after the first failure; it doubles after each
	// next one, up to MaxBackoff.
	Backoff, MaxBackoff time.Duration
}

// NewWorker returns a worker with the defaults hoptac serve runs.
func NewWorker(db *store.DB, getenv func(string) string, log *slog.Logger) *Worker {
	return &Worker{DB: db, Sender: SMTP{}, Log: log, Name: workerName(),
		Config: func(ctx context.Context) (Config, error) { return Load(ctx, db, getenv) },
		Tick:   15 * time.Second, Lease: 10 * time.Minute, Batch: 20, MaxAttempts: 8,
		Backoff: time.Minute, MaxBackoff: 6 * time.Hour}
}

// workerName is unique per worker: the host, the process and a random part,
// so two workers in one process (as in tests) never share claims.
func workerName() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b))
}

// Result counts what one pass did.
type Result struct {
	Sent, Retried, Failed int
}

// Run sends until ctx is cancelled, then returns once the message being
// sent, if any, is given up or recorded. A failed pass (the database away)
// is logged and tried again at the next tick.
func (w *Worker) Run(ctx context.Context) {
	log := w.logger()
	log.Info("mail worker started", "name", w.Name)
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			log.Info("mail worker stopped", "name", w.Name)
			return
		case <-timer.C:
		}
		res, err := w.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			log.Error("mail worker", "err", err)
		}
		if res.Sent+res.Retried+res.Failed > 0 {
			log.Info("mail sent", "sent", res.Sent, "retried", res.Retried, "failed", res.Failed)
		}
		// A full batch suggests more is waiting: go on at once.
		next := w.Tick
		if err == nil && res.Sent+res.Retried+res.Failed >= w.Batch {
			next = 0
		}
		timer.Reset(next)
	}
}

func (w *Worker) logger() *slog.Logger {
	if w.Log == nil {
		return slog.Default()
	}
	return w.Log
}

// RunOnce claims one batch and sends it. Nothing is claimed while mail is
// not configured, so messages wait without spending attempts.
func (w *Worker) RunOnce(ctx context.Context) (Result, error) {
	var res Result
	load := w.Config
	if load == nil {
		load = func(ctx context.Context) (Config, error) { return Load(ctx, w.DB, os.Getenv) }
	}
	cfg, err := load(ctx)
	if err != nil || !cfg.Configured() {
		return res, err
	}
	msgs, err := w.DB.ClaimMail(ctx, w.Name, w.Lease, w.Batch)
	if err != nil {
		return res, err
	}
	for i, m := range msgs {
		if ctx.Err() != nil {
			// Stopping: the rest stay claimed until the lease ends, then
			// another worker (or this one, restarted) takes them.
			return res, errors.Join(ctx.Err(), fmt.Errorf("mail: %d claimed messages left to their lease", len(msgs)-i))
		}
		sendErr := w.Sender.Send(ctx, cfg, m)
		if sendErr == nil {
			err = w.DB.MarkMailSent(context.WithoutCancel(ctx), m.ID, w.Name)
			res.Sent++
		} else if ctx.Err() != nil {
			// Cut short by shutdown, not refused by the server: the message
			// is due again at once, for whichever worker runs next.
			err = w.DB.MarkMailFailed(context.WithoutCancel(ctx), m.ID, w.Name, "interrupted: "+sendErr.Error(), w.DB.Now(), false)
			res.Retried++
		} else {
			final := m.Attempts >= w.MaxAttempts
			err = w.DB.MarkMailFailed(context.WithoutCancel(ctx), m.ID, w.Name, sendErr.Error(),
				w.DB.Now().Add(w.backoff(m.Attempts)), final)
			if final {
				res.Failed++
				w.logger().Warn("mail failed for good", "id", m.ID, "to", m.To, "attempts", m.Attempts, "err", sendErr)
			} else {
				res.Retried++
			}
		}
		if err != nil {
			return res, err
		}
	}
	return res, nil
}

// Drain sends until no message is due, for a one-off run such as a cron
// job's; it returns what all its passes did.
func (w *Worker) Drain(ctx context.Context) (Result, error) {
	var total Result
	for {
		res, err := w.RunOnce(ctx)
		total.Sent, total.Retried, total.Failed = total.Sent+res.Sent, total.Retried+res.Retried, total.Failed+res.Failed
		if err != nil || res == (Result{}) {
			return total, err
		}
	}
}

// backoff is the wait after the attempts-th failure: Backoff, doubled
// for each earlier failure, at most MaxBackoff.
func (w *Worker) backoff(attempts int) time.Duration {
	d := w.Backoff
	for i := 1; i < attempts && d < w.MaxBackoff; i++ {
		d *= 2
	}
	if w.MaxBackoff > 0 && d > w.MaxBackoff {
		d = w.MaxBackoff
	}
	return d
}
