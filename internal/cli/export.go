package cli

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/registerexport"
	"github.com/hoptac/hoptac/internal/store"
)

// exportCmd is `hoptac export register [--format csv|xlsx] [filters]
// --out FILE`: the register, filtered as the /register page filters it,
// as a spreadsheet.
func exportCmd(ctx context.Context, args []string, env Env) error {
	if len(args) == 0 || args[0] != "register" {
		return cliErr("cli.export.usage")
	}
	fs := flags("export register", env)
	dsn := dbFlag(fs, env)
	format := fs.String("format", "", "csv or xlsx; by default the --out file's extension, else csv")
	out := fs.String("out", "", "the file to write")
	// The filters take the register page's and the API's parameter names,
	// so one parser checks all three.
	params := map[string]*string{}
	for _, p := range []struct{ name, usage string }{
		{"q", "search name, short name, code and address, ignoring diacritics"},
		{"form", "tht, htx or lhhtx"}, {"sector", "a sector"}, {"status", "the current status"},
		{"unit", "an administrative unit's code, old or new"}, {"unit-on", "the day that picks the unit of a reused code"},
		{"year", "the figures' year"}, {"rating", "good, fair, average or weak"},
	} {
		params[p.name] = fs.String(p.name, "", p.usage)
	}
	exemplary := fs.Bool("exemplary", false, "only exemplary organisations")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 0 || *out == "" {
		return cliErr("cli.export.usage")
	}
	q := url.Values{}
	for name, v := range params {
		if *v != "" {
			q.Set(strings.ReplaceAll(name, "-", "_"), *v)
		}
	}
	if *exemplary {
		q.Set("exemplary", "true")
	}
	filter, err := store.ParseOrganisationFilter(q)
	if err != nil {
		return err
	}
	name := *format
	if name == "" {
		name = strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
		if name != string(registerexport.XLSX) {
			name = string(registerexport.CSV)
		}
	}
	f, err := registerexport.ParseFormat(name)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	// Written beside the target and renamed: a failed export leaves no
	// half file under the name asked for.
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".export-*")
	if err != nil {
		return i18n.Errorf(err, "cli.export.unwritable", *out)
	}
	defer func() { _ = os.Remove(tmp.Name()) }() // gone after the rename
	n, err := registerexport.Write(ctx, tmp, db, filter, f, env.text)
	if cerr := tmp.Close(); err == nil && cerr != nil {
		err = i18n.Errorf(cerr, "cli.export.unwritable", *out)
	}
	if err == nil {
		if err = os.Chmod(tmp.Name(), 0o644); err == nil { //nolint:gosec // CreateTemp makes it private; the user chose where the export goes
			err = os.Rename(tmp.Name(), *out)
		}
		if err != nil {
			err = i18n.Errorf(err, "cli.export.unwritable", *out)
		}
	}
	if err != nil {
		return err
	}
	env.say(env.Stdout, "cli.export.written", n, *out)
	return nil
}
