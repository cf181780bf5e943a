package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/hoptac/hoptac/internal/consolidated"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/report"
)

// reportConsolidated writes the consolidated report of a period of a plan
// as .docx, .xlsx or .pdf: the same file the page's download gives, with
// the narrative the coordinator saved.
func reportConsolidated(ctx context.Context, args []string, env Env) error {
	fs := flags("report consolidated", env)
	dsn := dbFlag(fs, env)
	planID := fs.Int64("plan", 0, "the plan's ID")
	period := fs.String("period", "", "the period: 2025, 2025-H1, 2025-Q3, 2025-M07 or 2025-X")
	format := fs.String("format", "", "docx, xlsx or pdf")
	out := fs.String("out", "", "the file to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *planID <= 0 || *period == "" || *format == "" || *out == "" || fs.NArg() > 0 {
		return cliErr("cli.report.usage")
	}
	f, err := consolidated.ParseFormat(*format)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	d, err := consolidated.Build(ctx, db, i18n.Default().For(env.lang()), *planID, *period, time.Now().In(report.Zone()))
	if err != nil {
		return err
	}
	// Written beside the target and renamed: a failed run leaves no half
	// document under the name someone would send.
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".consolidated-*")
	if err != nil {
		return fmt.Errorf("report consolidated: %w", err)
	}
	defer func() { _ = os.Remove(tmp.Name()) }()
	err = d.Write(tmp, f)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), *out)
	}
	if err != nil {
		return err
	}
	env.say(env.Stdout, "cli.report.consolidated_written", *out, d.Plan.Title, d.Period.Key())
	return nil
}
