package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/gen"
	"github.com/hoptac/hoptac/internal/plan"
)

// genCmd writes a synthetic dataset for performance work and the load tool.
func genCmd(ctx context.Context, args []string, env Env) error {
	if len(args) > 0 && args[0] == "register" {
		return genRegisterCmd(args[1:], env)
	}
	if len(args) == 0 || args[0] != "plans" {
		return cliErr("cli.gen.usage")
	}
	fs := flags("gen plans", env)
	dsn := dbFlag(fs, env)
	plans := fs.Int("plans", 34, "plans to add")
	tasks := fs.Int("tasks", 300, "tasks in each plan")
	progress := fs.Int("progress", 200_000, "progress entries in total")
	seed := fs.Uint64("seed", 1, "random seed: the same seed and --as-of give the same data")
	asOf := fs.String("as-of", "", "the data's today, YYYY-MM-DD (default: today in Vietnam)")
	password := fs.String("password", gen.DefaultPassword, "password of the load accounts; empty creates none")
	appendTo := fs.Bool("append", false, "add to a database that already has plans")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%s\n%s", env.text("cli.extra_argument", fs.Arg(0)), env.text("cli.gen.usage"))
	}
	cfg := gen.Config{Plans: *plans, Tasks: *tasks, Progress: *progress, Seed: *seed, Password: *password}
	if *asOf != "" {
		t, err := time.Parse(time.DateOnly, *asOf)
		if err != nil {
			return cliErr("cli.gen.bad_as_of", *asOf)
		}
		cfg.AsOf = t
	}
	if *plans < 0 || *tasks < 0 || *progress < 0 {
		return cliErr("cli.gen.negative")
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	// Fake plans and a fake history in a real province's database could
	// not be taken out again (the audit log is append-only): only an empty
	// database, unless asked.
	if _, n, err := db.Plans(ctx, 1, 1); err != nil {
		return err
	} else if n > 0 && !*appendTo {
		return cliErr("cli.gen.not_empty", *dsn, n)
	}
	env.say(env.Stdout, "cli.gen.start", db.Dialect(), *seed)
	cfg.Log = env.Stdout
	res, err := gen.Generate(ctx, db, cfg)
	if err != nil {
		return err
	}
	w := env.Stdout
	env.say(w, "cli.gen.written", res.AsOf.Format("02/01/2006"))
	env.say(w, "cli.gen.agencies", env.text("cli.gen.agencies_label"), res.Agencies, res.NewAgencies,
		res.Successors, res.AgencyTime.Round(time.Millisecond))
	env.say(w, "cli.gen.users", env.text("cli.gen.users_label"), res.Users, res.UserTime.Round(time.Millisecond))
	env.say(w, "cli.gen.plans", env.text("cli.gen.plans_label"), res.Plans, res.Groups,
		res.Tasks, res.Assignments, res.PlanTime.Round(time.Millisecond))
	env.say(w, "cli.gen.users", env.text("cli.gen.progress_label"), res.Progress, res.ProgressTime.Round(time.Millisecond))
	env.say(w, "cli.gen.total", env.text("cli.gen.total_label"), "", res.Total.Round(time.Millisecond))
	env.say(w, "cli.gen.statuses", res.Status[plan.StatusNotStarted], res.Status[plan.StatusInProgress], res.Status[plan.StatusOverdue],
		res.Status[plan.StatusDone], res.Status[plan.StatusDoneLate])
	if len(res.PlanIDs) > 0 {
		env.say(w, "cli.gen.plan_ids", res.PlanIDs[0], res.PlanIDs[len(res.PlanIDs)-1])
	}
	if *password != "" {
		env.say(w, "cli.gen.accounts", *password, gen.AdminEmail, gen.ViewerEmail)
	}
	return nil
}
