package cli

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/unit"
)

// maxUnitFile bounds one unit file: the published ones are under 3 MB.
const maxUnitFile = 64 << 20

// errDryRun rolls back a dry run's transaction after it counted what the
// import would change.
var errDryRun = errors.New("dry run")

// importUnitsCmd is `hoptac import units [--dry-run] FILE...`: the official
// lists of administrative units and the mappings between them, in any
// order, in one transaction.
func importUnitsCmd(ctx context.Context, args []string, env Env) error {
	fs := flags("import units", env)
	dsn := dbFlag(fs, env)
	dryRun := fs.Bool("dry-run", false, "read the files and count what would change; store nothing")
	names, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return cliErr("cli.units.usage")
	}
	start := time.Now()
	var files []*unit.File
	for _, name := range names {
		data, err := readUnitFile(name)
		if err != nil {
			return err
		}
		f, err := unit.Parse(name, data)
		if err != nil {
			return err
		}
		sayUnitFile(env, f)
		files = append(files, f)
	}
	db, err := openForImport(ctx, *dsn, *dryRun)
	if err != nil {
		return err
	}
	if db == nil {
		env.say(env.Stdout, "cli.units.dry_run_no_db")
		return nil
	}
	defer db.Close()
	var res store.UnitImport
	err = db.Update(ctx, func(tx *store.Tx) error {
		var err error
		if res, err = tx.ImportUnits(ctx, files); err != nil {
			return err
		}
		if *dryRun {
			return errDryRun
		}
		return nil
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return err
	}
	for _, r := range res.Reconciled {
		env.say(env.Stdout, "cli.units.reconciled", r.MappingCode, r.ListCode, r.Name)
	}
	if len(res.Skipped) > 0 {
		env.say(env.Stdout, "cli.units.skipped", len(res.Skipped), strings.Join(res.Skipped, ", "))
	}
	key := "cli.units.result"
	if *dryRun {
		key = "cli.units.result_dry_run"
	}
	env.say(env.Stdout, key, res.Created, res.Updated, res.Unchanged, res.LinksCreated, res.LinksUpdated, res.LinksUnchanged)
	env.say(env.Stdout, "cli.units.time", env.decimal("%.1f", time.Since(start).Seconds()))
	return nil
}

// readUnitFile reads at most one byte past maxUnitFile, so a huge file is
// refused without being read whole.
func readUnitFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, i18n.Errorf(err, "cli.import.unreadable", name)
	}
	defer func() { _ = f.Close() }() // read only: nothing to flush
	data, err := io.ReadAll(io.LimitReader(f, maxUnitFile+1))
	if err != nil {
		return nil, i18n.Errorf(err, "cli.import.unreadable", name)
	}
	if len(data) > maxUnitFile {
		return nil, cliErr("cli.units.too_large", name, maxUnitFile>>20)
	}
	return data, nil
}

// sayUnitFile says what a file was read as.
func sayUnitFile(env Env, f *unit.File) {
	switch f.Kind {
	case unit.KindOldList:
		env.say(env.Stdout, "cli.units.old_list", f.Name, f.Count(unit.LevelProvince), f.Count(unit.LevelDistrict), f.Count(unit.LevelCommune))
	case unit.KindNewList:
		env.say(env.Stdout, "cli.units.new_list", f.Name, f.Count(unit.LevelProvince), f.Count(unit.LevelCommune))
	case unit.KindOldToNew:
		env.say(env.Stdout, "cli.units.old_to_new", f.Name, len(f.Links))
	case unit.KindNewToOld:
		env.say(env.Stdout, "cli.units.new_to_old", f.Name, len(f.Links))
	}
}
