package cli

import (
	"context"
	"flag"
	"os"
	"time"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/registerload"
	"github.com/hoptac/hoptac/internal/sheet"
)

// importRegisterCmd is `hoptac import register [--dry-run] [--valid-only]
// [--year Y] [--db PATH] FILE`: a register of cooperatives from a
// province's spreadsheet (.xlsx or .csv). A file with a bad row writes
// nothing and fails, naming every bad row and column.
func importRegisterCmd(ctx context.Context, args []string, env Env) error {
	fs := flags("import register", env)
	dsn := dbFlag(fs, env)
	dryRun := fs.Bool("dry-run", false, "check the file and count what would change; store nothing")
	validOnly := fs.Bool("valid-only", false, "import the good rows of a file that has bad ones")
	year := yearFlag(fs)
	names, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(names) != 1 {
		return cliErr("cli.register.usage")
	}
	name := names[0]
	start := time.Now()
	f, err := os.Open(name)
	if err != nil {
		return i18n.Errorf(err, "cli.import.unreadable", name)
	}
	defer func() { _ = f.Close() }() // read only: nothing to flush
	fi, err := f.Stat()
	if err != nil {
		return i18n.Errorf(err, "cli.import.unreadable", name)
	}
	// The commune codes are checked against the unit lists, so even a dry
	// run needs the database; it never creates one.
	db, err := openForImport(ctx, *dsn, *dryRun)
	if err != nil {
		return err
	}
	if db == nil {
		return cliErr("cli.register.no_db", *dsn)
	}
	defer db.Close()
	sum, err := registerload.Import(ctx, db, name, f, fi.Size(), registerload.Options{Year: *year, ValidOnly: *validOnly,
		DryRun: *dryRun, Limits: fileLimits()})
	if err != nil {
		return err
	}
	env.say(env.Stdout, "cli.register.read", name, sum.Rows, sum.Valid, sum.Invalid, sum.Skipped[sheet.SkipTitle],
		sum.Skipped[sheet.SkipBlank], sum.Skipped[sheet.SkipTotals], sum.Skipped[sheet.SkipNumbers])
	for _, e := range sum.Errors {
		env.say(env.Stderr, "cli.import.warning", e.In(env.lang()))
	}
	if sum.More > 0 {
		env.say(env.Stderr, "cli.register.more_errors", sum.More)
	}
	if sum.Invalid > 0 && !*validOnly {
		return cliErr("cli.register.refused", name, sum.Invalid)
	}
	if sum.Invalid > 0 {
		env.say(env.Stdout, "cli.register.valid_only", sum.Valid, sum.Invalid)
	}
	key := "cli.register.result"
	if *dryRun {
		key = "cli.register.result_dry_run"
	}
	env.say(env.Stdout, key, sum.Created, sum.Updated, sum.Unchanged, sum.Figures, sum.Warnings)
	if sum.Statuses > 0 || sum.MergersLeft > 0 {
		env.say(env.Stdout, "cli.register.statuses", sum.Statuses, sum.MergersLeft)
	}
	if sum.Batch != 0 {
		env.say(env.Stdout, "cli.register.batch", sum.Batch)
	}
	env.say(env.Stdout, "cli.units.time", env.decimal("%.1f", time.Since(start).Seconds()))
	return nil
}

// yearFlag is --year: the figures' year of a file without a "Năm" column.
func yearFlag(fs *flag.FlagSet) *int {
	return fs.Int("year", 0, "the year of the figures when the file has no year column")
}

// fileLimits are the reading limits of a file the operator names: no
// bound on its size. The upload's 80 MB bound keeps a web request short;
// here a province's whole register (200,000 organisations × 10 years is
// about 470 MB of CSV) is the point, and memory does not grow with the
// file, which streams. The bounds on a cell, a row's width and a
// workbook's unpacked size stay.
func fileLimits() sheet.Limits {
	lim := sheet.DefaultLimits()
	lim.MaxBytes = 0
	return lim
}
