package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/vntext"
)

// indicatorJSON is one indicator as `hoptac indicators --json` prints it.
type indicatorJSON struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Value       *float64 `json:"value"`
	Unit        string   `json:"unit"`
	Formula     string   `json:"formula"`
	Numerator   float64  `json:"numerator"`
	Denominator float64  `json:"denominator"`
}

// indicatorsJSON is the whole --json document.
type indicatorsJSON struct {
	Year       int             `json:"year"`
	Unit       string          `json:"unit"`
	Indicators []indicatorJSON `json:"indicators"`
}

// indicatorsCmd prints every built-in indicator for a year (last year by
// default: a year's figures are filed in the next) and a unit in force
// today (the whole register without --unit); --json prints the same as
// JSON and nothing else on standard output.
func indicatorsCmd(ctx context.Context, args []string, env Env) error {
	fs := flags("indicators", env)
	dsn := dbFlag(fs, env)
	year := fs.Int("year", time.Now().Year()-1, "the year")
	unitCode := fs.String("unit", "", "a province or commune code in force today; none for the whole register")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cliErr("cli.indicators.usage")
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	values, err := indicator.NewRegister(db).Compute(ctx, *year, *unitCode)
	if err != nil {
		return err
	}
	doc := indicatorsJSON{Year: *year, Unit: *unitCode, Indicators: []indicatorJSON{}}
	for _, v := range values {
		d, _ := indicator.Lookup(v.ID)
		if d.Manual() {
			continue
		}
		doc.Indicators = append(doc.Indicators, indicatorJSON{ID: v.ID, Name: env.text(d.NameKey()), Value: v.Value,
			Unit: d.Unit, Formula: env.text(d.FormulaKey()), Numerator: v.Numerator, Denominator: v.Denominator})
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(doc)
	}
	scope := env.text("cli.indicators.whole")
	if *unitCode != "" {
		scope = *unitCode
	}
	env.say(env.Stdout, "cli.indicators.heading", *year, scope)
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, env.text("cli.indicators.header"))
	for i, x := range doc.Indicators {
		d, _ := indicator.Lookup(x.ID)
		val := "-"
		if x.Value != nil {
			val = env.number(*x.Value, 2)
		}
		ratio := ""
		if d.Kind == indicator.KindShare || d.Kind == indicator.KindAverage {
			ratio = env.number(x.Numerator, 0) + " / " + env.number(x.Denominator, 0)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\n", x.Name, val, env.text(d.UnitKey()), ratio, values[i].Mapped)
	}
	return w.Flush()
}

// number writes v rounded to places, grouped as the reader writes numbers:
// 1.234.567,89 in Vietnamese, 1,234,567.89 in English.
func (env Env) number(v float64, places int) string {
	s := vntext.FormatDecimal(v, places)
	if env.lang() == i18n.Vietnamese {
		return s
	}
	return strings.NewReplacer(".", ",", ",", ".").Replace(s)
}
