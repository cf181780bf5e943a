package cli

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/hoptac/hoptac/internal/mail"
	"github.com/hoptac/hoptac/internal/remind"
	"github.com/hoptac/hoptac/internal/store"
)

// urgeJob is the reminder job over db as hoptac serve and the report urge
// command run it; HOPTAC_PUBLIC_URL makes the e-mails' links absolute.
func urgeJob(db *store.DB, env Env) *remind.Job {
	return &remind.Job{DB: db, Now: db.Now, BaseURL: env.Getenv("HOPTAC_PUBLIC_URL"), Tick: time.Hour, Log: logger(env)}
}

// reportUrge queues the reminders due today, for one plan or all, prints
// them, then sends the outbox once so that a cron job's urges leave now.
// --dry-run prints what it would queue and writes nothing.
func reportUrge(ctx context.Context, args []string, env Env) error {
	fs := flags("report urge", env)
	dsn := dbFlag(fs, env)
	planID := fs.Int64("plan", 0, "only this plan's reminders")
	dry := fs.Bool("dry-run", false, "print the due reminders without queueing them")
	today := fs.String("today", "", "plan for this day (YYYY-MM-DD) instead of today")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *planID < 0 || fs.NArg() > 0 {
		return cliErr("cli.report.usage")
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	job := urgeJob(db, env)
	if *today != "" {
		day, err := time.Parse("2006-01-02", *today)
		if err != nil {
			return cliErr("cli.report.bad_today", *today)
		}
		job.Now = func() time.Time { return day.Add(12 * time.Hour) }
	}
	got, err := job.RunOnce(ctx, *planID, *dry)
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	if len(got) > 0 {
		fmt.Fprintln(w, env.text("cli.report.urge_header"))
	}
	sent := 0
	for _, q := range got {
		sent += q.Sent
		fmt.Fprintf(w, "%s\t%d\t%d/%d\t%s\n", q.DedupeKey, q.AgencyID, q.Sent, q.Officers, q.Subject)
	}
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return err
	}
	if *dry {
		env.say(env.Stdout, "cli.report.urge_dry", len(got))
		return nil
	}
	env.say(env.Stdout, "cli.report.urge_done", len(got), sent)
	res, err := mail.NewWorker(db, env.Getenv, logger(env)).Drain(ctx)
	if err != nil {
		return err
	}
	env.say(env.Stdout, "cli.report.urge_mail", res.Sent, res.Retried, res.Failed)
	return nil
}
