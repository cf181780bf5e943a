package i18n_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/planimport"
	"github.com/hoptac/hoptac/internal/portal"
	"github.com/hoptac/hoptac/internal/proposal"
	"github.com/hoptac/hoptac/internal/registerimport"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/target"
)

// The repository's root, from internal/i18n.
const root = "../.."

// keyRE is what a message key looks like: lower-case words joined by dots.
var keyRE = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)

// dynamicRE is a key built at run time: a prefix, then a value ("status."
// + s, printf "kind.%s").
var dynamicRE = regexp.MustCompile(`^([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*\.)(%[sdv])?$`)

// translating are the functions whose string arguments are message keys,
// whatever their family: i18n's T, M, Errorf and Render, apperr's New and
// Wrap, and the keyed constructors of the packages (a page's title, an
// import warning or error, a backup failure, a command's message).
var translating = map[string]bool{
	"T": true, "M": true, "Errorf": true, "Render": true, "New": true, "Wrap": true,
	"view": true, "warn": true, "newError": true, "render": true, "fail": true,
	"say": true, "cliErr": true,
}

// argValues are prefixes completed with an argument of a call found in the
// code: the store's t.audit(ctx, action, entity, …) writes the action and
// entity the audit page shows as "audit.action.%s" and "entity.%s"; the
// API names a bad query parameter as "error.param."+name.
var argValues = map[string]struct {
	fn  string
	arg int
}{
	"audit.action.": {"audit", 1},
	"entity.":       {"audit", 2},
	"error.param.":  {"int64Param", 1},
}

// checkedElsewhere are prefixes completed at run time with values no list
// names, whose keys another test requires by producing every value.
var checkedElsewhere = map[string]string{
	// A field's label falls back to a general phrase; every field the
	// store audits has its own, as TestEveryAuditedFieldHasALabel
	// (internal/web) makes every kind of change and checks their labels.
	"audit.field.": "TestEveryAuditedFieldHasALabel",
	// The report form names a refused field by its label; every field it
	// can refuse has one, as TestReportFieldsHaveLabels (internal/web)
	// checks.
	"report.field.": "TestReportFieldsHaveLabels",
}

// fileNameRE is a file name passed to a function of the same name as a
// translating one (template.New("layout.html")): never a key.
var fileNameRE = regexp.MustCompile(`\.(html|json|txt|db|go|sql)$`)

// use is one key found in the code or the templates.
type use struct {
	key, where string
	dynamic    bool // key is a prefix completed at run time
}

// TestEveryUsedKeyExists finds every key the code and the templates use
// and requires it in both languages: string literals passed to the
// translating functions (and the constants they are given), every other
// literal shaped like a key of a family the files know, and keys built
// from a prefix and a value, checked for every value the prefix takes.
func TestEveryUsedKeyExists(t *testing.T) {
	b, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	families := map[string]bool{}
	for _, k := range b.Keys(i18n.Vietnamese) {
		families[strings.SplitN(k, ".", 2)[0]] = true
	}
	uses, found := scan(t, families)
	if len(uses) < 300 {
		t.Fatalf("found only %d keys in use: the scan is broken", len(uses))
	}
	values := dynamicValues(t, found)
	checked := map[string]bool{}
	for _, u := range uses {
		keys := []string{u.key}
		if _, ok := checkedElsewhere[u.key]; ok && u.dynamic {
			continue
		}
		if u.dynamic {
			vals, ok := values[u.key]
			if !ok {
				t.Errorf("%s builds keys from the prefix %q: add the values it takes to dynamicValues", u.where, u.key)
				continue
			}
			keys = keys[:0]
			for _, v := range vals {
				keys = append(keys, u.key+v)
			}
		}
		for _, k := range keys {
			for _, lang := range []string{i18n.Vietnamese, i18n.English} {
				if !b.Has(lang, k) && !checked[lang+" "+k] {
					checked[lang+" "+k] = true
					t.Errorf("%s uses key %q, which %s.json lacks", u.where, k, lang)
				}
			}
		}
	}
}

// scan walks the Go files (tests aside) and the templates of the
// repository and returns the keys they use, and the values of the
// argValues prefixes.
func scan(t *testing.T, families map[string]bool) ([]use, map[string][]string) {
	var uses []use
	found := map[string][]string{}
	fset := token.NewFileSet()
	// Go files by folder: a key constant is often declared in one file of
	// a package and passed by name in another.
	goFiles := map[string][]*ast.File{}
	templateT := regexp.MustCompile(`\bT\s+"([^"]*)"`)
	templatePrintf := regexp.MustCompile(`printf\s+"([^"]*)"`)
	templateLit := regexp.MustCompile(`"([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)"`)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		switch {
		case strings.HasSuffix(path, ".html"):
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range templateT.FindAllStringSubmatch(string(data), -1) {
				uses = append(uses, use{key: m[1], where: rel})
			}
			for _, m := range templatePrintf.FindAllStringSubmatch(string(data), -1) {
				if dm := dynamicRE.FindStringSubmatch(m[1]); dm != nil && dm[2] != "" {
					uses = append(uses, use{key: dm[1], where: rel, dynamic: true})
				}
			}
			for _, m := range templateLit.FindAllStringSubmatch(string(data), -1) {
				if families[strings.SplitN(m[1], ".", 2)[0]] {
					uses = append(uses, use{key: m[1], where: rel})
				}
			}
		case strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go"):
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			goFiles[filepath.Dir(path)] = append(goFiles[filepath.Dir(path)], f)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, files := range goFiles {
		consts := map[string]string{} // the package's string constants
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				if vs, ok := n.(*ast.ValueSpec); ok {
					for i, name := range vs.Names {
						if i < len(vs.Values) {
							if s, ok := stringLit(vs.Values[i]); ok {
								consts[name.Name] = s
							}
						}
					}
				}
				return true
			})
		}
		for _, f := range files {
			uses = append(uses, scanGo(fset, f, families, consts, found)...)
		}
	}
	return uses, found
}

// scanGo finds the keys one Go file uses, its package's string constants
// at hand for keys passed by name, and adds to found the values of the
// argValues prefixes it gives.
func scanGo(fset *token.FileSet, f *ast.File, families map[string]bool, consts map[string]string, found map[string][]string) []use {
	var uses []use
	at := func(n ast.Node) string { return fset.Position(n.Pos()).String() }
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BasicLit:
			if s, ok := stringLit(n); ok && keyRE.MatchString(s) && families[strings.SplitN(s, ".", 2)[0]] {
				uses = append(uses, use{key: s, where: at(n)})
			}
		case *ast.BinaryExpr:
			// "status." + string(s); a prefix of no family the files
			// know ("t." + column in SQL) is not a key.
			if s, ok := stringLit(n.X); ok && n.Op == token.ADD {
				if m := dynamicRE.FindStringSubmatch(s); m != nil && m[2] == "" && strings.HasSuffix(s, ".") &&
					families[strings.SplitN(m[1], ".", 2)[0]] {
					uses = append(uses, use{key: m[1], where: at(n), dynamic: true})
				}
			}
		case *ast.CallExpr:
			name := ""
			switch fn := n.Fun.(type) {
			case *ast.Ident:
				name = fn.Name
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			}
			for prefix, c := range argValues {
				if name == c.fn && len(n.Args) > c.arg {
					if s, ok := stringLit(n.Args[c.arg]); ok {
						found[prefix] = append(found[prefix], s)
					}
				}
			}
			if name == "Sprintf" && len(n.Args) > 0 {
				if s, ok := stringLit(n.Args[0]); ok {
					if m := dynamicRE.FindStringSubmatch(s); m != nil && m[2] != "" {
						uses = append(uses, use{key: m[1], where: at(n), dynamic: true})
					}
				}
			}
			if !translating[name] {
				return true
			}
			for _, a := range n.Args {
				s, ok := stringLit(a)
				if id, isID := a.(*ast.Ident); isID {
					s, ok = consts[id.Name]
				}
				if ok && keyRE.MatchString(s) && !fileNameRE.MatchString(s) {
					uses = append(uses, use{key: s, where: at(a)})
				}
			}
		}
		return true
	})
	return uses
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

// dynamicValues lists, for each prefix the code completes at run time,
// every value it may be completed with.
func dynamicValues(t *testing.T, found map[string][]string) map[string][]string {
	v := map[string][]string{}
	for prefix := range argValues {
		if len(found[prefix]) == 0 {
			t.Fatalf("no calls of %s give values of %q: the scan is broken", argValues[prefix].fn, prefix)
		}
		v[prefix] = found[prefix]
	}
	for _, k := range org.Kinds() {
		v["kind."] = append(v["kind."], string(k))
	}
	for _, r := range auth.Roles() {
		v["role."] = append(v["role."], string(r))
	}
	v["frequency."] = append(v["frequency."], planimport.Frequencies...)
	v["coop.form."] = coopStrings(coop.Forms())
	v["coop.sector."] = coopStrings(coop.Sectors())
	v["coop.status."] = coopStrings(coop.StatusKinds())
	v["coop.rating."] = coopStrings(coop.Ratings())
	v["coop.role."] = coopStrings(coop.Roles())
	v["coop.training."] = coopStrings(coop.Trainings())
	v["coop.filing."] = coopStrings(coop.Filings())
	for _, c := range registerimport.Catalogue() {
		v["register.mapfield."] = append(v["register.mapfield."], c.Field)
	}
	for _, st := range store.FilingStates() {
		v["filings.state."] = append(v["filings.state."], string(st))
	}
	for _, st := range report.States() {
		v["report.state."] = append(v["report.state."], string(st))
	}
	for _, src := range report.Sources() {
		v["report.source."] = append(v["report.source."], string(src))
	}
	v["report.action."] = typedConsts(t, filepath.Join(root, "internal", "report"), "Action")
	for _, st := range proposal.States() {
		v["proposal.state."] = append(v["proposal.state."], string(st))
	}
	v["task.action."] = plan.RevisionActions()
	// The consolidated report's download formats (package consolidated).
	v["consolidated.format."] = []string{"docx", "xlsx", "pdf"}
	for _, src := range report.Sources() {
		v["consolidated.source."] = append(v["consolidated.source."], string(src))
	}
	// The targets page (issue 19): statuses with their rules, indicators,
	// comparators (web/targets.go names them, its test checks the list).
	for _, st := range target.Statuses() {
		v["targets.status."] = append(v["targets.status."], string(st))
		v["targets.rule."] = append(v["targets.rule."], string(st))
	}
	v["targets.comparator."] = []string{"above", "at_least", "equal", "at_most", "below", "between"}
	// The public portal's download fields and target statuses.
	v["portal.field."] = portal.FieldNames()
	// Indicators (package indicator): each one's name and formula, and
	// the units' labels.
	for _, d := range indicator.Definitions() {
		v["indicator."] = append(v["indicator."], d.ID+".name", d.ID+".formula")
		v["indicator.unit."] = append(v["indicator.unit."], d.Unit)
	}
	v["status."] = typedConsts(t, filepath.Join(root, "internal", "plan"), "Status")
	if len(v["status."]) == 0 {
		t.Fatal("no statuses found in internal/plan")
	}
	return v
}

// coopStrings are the codes of one of the register's lists.
func coopStrings[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// typedConsts returns the values of the string constants of type typ in
// the package in dir: the statuses, which have no list of their own.
func typedConsts(t *testing.T, dir, typ string) []string {
	fset := token.NewFileSet()
	var out []string
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if vs, ok := n.(*ast.ValueSpec); ok {
				if id, ok := vs.Type.(*ast.Ident); ok && id.Name == typ {
					for _, val := range vs.Values {
						if s, ok := stringLit(val); ok {
							out = append(out, s)
						}
					}
				}
			}
			return true
		})
	}
	return out
}
