package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/hoptac/hoptac/internal/gen"
)

// genRegisterCmd writes a synthetic cooperative register as CSV, for
// benchmarks and demos; it needs no database.
func genRegisterCmd(args []string, env Env) error {
	fset := flags("gen register", env)
	orgs := fset.Int("orgs", 1000, "organisations")
	years := fset.Int("years", 1, "yearly rows per organisation")
	lastYear := fset.Int("last-year", 2025, "the last year of figures")
	seed := fset.Uint64("seed", 1, "random seed: the same seed and units give the same file")
	units := fset.String("units", "", "official unit list after the reform (units-2025-07-01.json)")
	oldUnits := fset.String("old-units", "", "unit list before the reform (default: units-pre-2025.json beside --units, if there)")
	mapping := fset.String("mapping", "", "old communes to new ones (default: mapping-old-to-new.json beside --units, if there)")
	out := fset.String("out", "", "the CSV file to write")
	if err := fset.Parse(args); err != nil {
		return err
	}
	if fset.NArg() > 0 || *units == "" || *out == "" || *orgs < 0 || *years < 1 {
		return cliErr("cli.gen.register_usage")
	}
	communes, err := readCommunes(*units)
	if err != nil {
		return err
	}
	cfg := gen.RegisterConfig{Orgs: *orgs, Years: *years, LastYear: *lastYear, Seed: *seed, Communes: communes}
	// Rows of the years before the reform name its old communes, and
	// those after name the communes the old ones went into: the importer
	// reads each row's commune on its year's lists.
	if old := beside(*oldUnits, *units, "units-pre-2025.json"); old != "" {
		if cfg.Old, err = readCommunes(old); err != nil {
			return err
		}
	}
	if m := beside(*mapping, *units, "mapping-old-to-new.json"); m != "" {
		if cfg.Successors, err = readSuccessors(m); err != nil {
			return err
		}
	}
	// Written beside the target and renamed: a stopped run leaves no half
	// file under the name a benchmark would read.
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".register-*.csv")
	if err != nil {
		return fmt.Errorf("gen register: %w", err)
	}
	defer func() { _ = os.Remove(tmp.Name()) }() // gone after the rename
	st, err := gen.WriteRegister(tmp, cfg)
	if err == nil {
		err = tmp.Chmod(0o644) // CreateTemp makes it private; the register is test data
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), *out)
	}
	if err != nil {
		return fmt.Errorf("gen register: %w", err)
	}
	env.say(env.Stdout, "cli.gen.register_written", st.Orgs, st.Rows, *out, st.Dissolved, st.OldCommunes, st.NearDuplicates)
	return nil
}

// beside is the file given, else the one named name beside units if it is
// there, else "".
func beside(given, units, name string) string {
	if given != "" {
		return given
	}
	p := filepath.Join(filepath.Dir(units), name)
	if p == units {
		return ""
	}
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

func readSuccessors(path string) (map[string][]string, error) {
	return readUnitsFile(path, gen.LoadSuccessors)
}

func readCommunes(path string) ([]gen.Commune, error) {
	return readUnitsFile(path, gen.LoadCommunes)
}

// readUnitsFile opens one of the official unit files and reads it with
// load; a missing or unreadable file names the path.
func readUnitsFile[T any](path string, load func(io.Reader) (T, error)) (T, error) {
	var zero T
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return zero, cliErr("cli.gen.register_units", path)
	}
	if err != nil {
		return zero, fmt.Errorf("gen register: %w", err)
	}
	defer func() { _ = f.Close() }() // read only
	v, err := load(f)
	if err != nil {
		return zero, cliErr("cli.gen.register_units", path)
	}
	return v, nil
}
