package cli

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"strings"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/planimport"
	"github.com/hoptac/hoptac/internal/store"
)

// importCmd is `hoptac import plan [--dry-run] [--json] FILE`, or
// `hoptac import units …` (import_units.go), or `hoptac import register …`
// (import_register.go).
func importCmd(ctx context.Context, args []string, env Env) error {
	if len(args) > 0 && args[0] == "units" {
		return importUnitsCmd(ctx, args[1:], env)
	}
	if len(args) > 0 && args[0] == "register" {
		return importRegisterCmd(ctx, args[1:], env)
	}
	if len(args) == 0 || args[0] != "plan" {
		return cliErr("cli.import.usage")
	}
	fs := flags("import plan", env)
	dsn := dbFlag(fs, env)
	dryRun := fs.Bool("dry-run", false, "read and check the plan, store nothing")
	asJSON := fs.Bool("json", false, "print what was read as JSON")
	names, err := parseInterleaved(fs, args[1:])
	if err != nil {
		return err
	}
	if len(names) != 1 {
		return cliErr("cli.import.one_file")
	}
	name := names[0]
	data, err := readPlanFile(name, env.Stdin)
	if err != nil {
		return i18n.Errorf(err, "cli.import.unreadable", name)
	}

	resolver := planimport.Catalog()
	db, err := openForImport(ctx, *dsn, *dryRun)
	if err != nil {
		return err
	}
	if db != nil {
		defer db.Close()
		agencies, err := db.AllAgencyNames(ctx)
		if err != nil {
			return err
		}
		resolver = planimport.ProvinceResolver(agencies)
	}
	res, err := planimport.Parse(ctx, name, data, resolver)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			return err
		}
	} else {
		printSummary(env, res)
	}
	if *dryRun {
		return nil
	}
	saved, relink, err := savePlan(ctx, db, res)
	if err != nil {
		return err
	}
	out := env.Stdout
	if *asJSON {
		out = env.Stderr // keep stdout pure JSON for scripts
	}
	flagged := 0
	for _, a := range saved.Created {
		if a.Flagged {
			flagged++
		}
	}
	env.say(out, "cli.import.saved", saved.Plan.Title, saved.Plan.ID, len(saved.Plan.Groups), saved.Plan.TaskCount, len(saved.Created), flagged)
	if relink.Any() {
		env.say(out, "cli.import.relink", relink.From, len(relink.Kept), len(relink.Lost))
		for _, k := range relink.Kept {
			env.say(out, "cli.import.relink_kept", k)
		}
		for _, l := range relink.Lost {
			env.say(out, "cli.import.relink_lost", l)
		}
	}
	return nil
}

// savePlan stores res and, when plans were already stored from the same
// document, copies the newest one's target links to the matching targets
// in the same transaction, as the web import does: a coordinator who
// imports a corrected file again from the command line keeps the links
// set on the targets it still has.
func savePlan(ctx context.Context, db *store.DB, res *planimport.Result) (planimport.Saved, planimport.Relink, error) {
	var saved planimport.Saved
	var relink planimport.Relink
	err := db.Update(ctx, func(tx *store.Tx) (err error) {
		dups, err := planimport.EarlierPlans(ctx, tx, res.Document)
		if err != nil {
			return err
		}
		if saved, err = planimport.SaveTx(ctx, tx, res); err != nil {
			return err
		}
		relink, err = planimport.CarryLinksTx(ctx, tx, dups, &saved)
		return err
	})
	return saved, relink, err
}

// readPlanFile reads at most one byte past planimport.MaxSize, from a
// file or, for "-", from in: a larger file is refused by Parse without
// being read whole. What is read then goes through the same bounded
// reading as the web import (zipbound for a .docx).
func readPlanFile(name string, in io.Reader) ([]byte, error) {
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer func() { _ = f.Close() }() // read only: nothing to flush
		in = f
	}
	return io.ReadAll(io.LimitReader(in, planimport.MaxSize+1))
}

// openForImport opens the database; a dry run never creates one, and
// works from the built-in catalog when there is none yet.
func openForImport(ctx context.Context, dsn string, dryRun bool) (*store.DB, error) {
	if dryRun && !strings.Contains(dsn, "://") {
		if _, err := os.Stat(dsn); err != nil {
			return nil, nil
		}
	}
	return openDB(ctx, dsn)
}

func printSummary(env Env, res *planimport.Result) {
	d := res.Document
	env.say(env.Stdout, "cli.import.document", deref(d.Number), deref(d.Title))
	env.say(env.Stdout, "cli.import.counts", len(res.Groups), res.TaskCount(), len(res.Targets), len(res.Implements))
	for _, w := range res.Warnings {
		env.say(env.Stdout, "cli.import.warning", w)
	}
}

func deref(s *string) string {
	if s == nil {
		return "—"
	}
	return *s
}
