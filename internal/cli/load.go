package cli

import (
	"context"
	"flag"
	"time"

	"github.com/hoptac/hoptac/internal/gen"
	"github.com/hoptac/hoptac/internal/load"
)

// loadCmd drives a hoptac server on this machine with simulated users and
// prints latency and errors per route. It logs in with the accounts that
// hoptac gen creates.
func loadCmd(ctx context.Context, args []string, env Env) error {
	fs := flags("load", env)
	target := fs.String("url", "http://127.0.0.1:8080", "the server to test; only this machine (127.0.0.1, ::1, localhost)")
	scenario := fs.String("scenario", load.ScenarioMixed, "mixed: users read and officers write; list10k: page through the largest plan's task list; "+
		"pages: readers on random pages, filters and searches while a writer records progress at --write-rate; "+
		"register: search, filter and open the cooperative register while --write-users keepers file yearly figures; "+
		"public: visitors without an account on the public portal (/cong-khai) and its downloads")
	users := fs.Int("users", 50, "concurrent simulated users (list10k, pages, register: 10 unless given)")
	writeUsers := fs.Int("write-users", 0, "how many of the users are agency officers recording progress (mixed), "+
		"or administrators filing yearly figures (register)")
	duration := fs.Duration("duration", 30*time.Second, "stop after this long")
	requests := fs.Int("requests", 20_000, "…or after this many requests; 0 for no cap")
	password := fs.String("password", gen.DefaultPassword, "password of the load accounts made by hoptac gen")
	planID := fs.Int64("plan", 0, "list10k: the plan to page through (default: the one with most tasks)")
	seed := fs.Uint64("seed", 1, "seed of the users' random choices")
	writeRate := fs.Float64("write-rate", load.DefaultWriteRate, "pages: progress entries a second the writer records (0: no writer)")
	serverPID := fs.Int("server-pid", 0, "the server's process, for its CPU per request (0: the one listening on --url's port; -1: do not measure)")
	think := fs.Duration("think", 0, "average pause of each user between requests (0: none, which measures capacity)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cliErr("cli.extra_argument", fs.Arg(0))
	}
	if *writeRate < 0 {
		return cliErr("cli.load.negative_rate")
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if (*scenario == load.ScenarioList10k || *scenario == load.ScenarioPages || *scenario == load.ScenarioRegister) &&
		!set["users"] {
		*users = 10
	}
	if _, err := load.CheckURL(*target); err != nil {
		return err
	}
	cfg := load.Config{URL: *target, Scenario: *scenario, Users: *users, WriteUsers: *writeUsers,
		Duration: *duration, Requests: *requests, Password: *password, PlanID: *planID, Seed: *seed, Think: *think,
		WriteRate: *writeRate, ServerPID: *serverPID, Lang: env.lang()}
	if *writeRate == 0 {
		cfg.WriteRate = -1 // Config's 0 is the default rate
	}
	env.say(env.Stdout, "cli.load.start", *target, *users, *duration, *requests)
	rep, err := load.Run(ctx, cfg)
	if rep != nil {
		rep.WriteTable(env.Stdout)
	}
	if err != nil {
		return err
	}
	if n := rep.Errors(); n > 0 {
		return cliErr("cli.load.failed_requests", n)
	}
	return nil
}
