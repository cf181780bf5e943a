package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/hoptac/hoptac/internal/store"
)

// reportCmd runs the reporting cycle's commands.
func reportCmd(ctx context.Context, args []string, env Env) error {
	if len(args) == 0 {
		return cliErr("cli.report.usage")
	}
	switch args[0] {
	case "status":
		return reportStatus(ctx, args[1:], env)
	case "urge":
		return reportUrge(ctx, args[1:], env)
	case "consolidated":
		return reportConsolidated(ctx, args[1:], env)
	}
	return cliErr("cli.report.usage")
}

// statusJSON is a period's status as --json prints it: the API's shape.
type statusJSON struct {
	store.ReportStatus
	ReportingRate float64 `json:"reporting_rate"`
	OnTimeRate    float64 `json:"on_time_rate"`
	MissingCount  int     `json:"missing"`
}

// reportStatus prints every report a period of a plan expects, with its
// state and whether it came on time, then the rates; --json prints the
// same as JSON, and nothing else on standard output.
func reportStatus(ctx context.Context, args []string, env Env) error {
	fs := flags("report status", env)
	dsn := dbFlag(fs, env)
	planID := fs.Int64("plan", 0, "the plan's ID")
	period := fs.String("period", "", "the period: 2025, 2025-H1, 2025-Q3, 2025-M07 or 2025-X")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *planID <= 0 || *period == "" || fs.NArg() > 0 {
		return cliErr("cli.report.usage")
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	st, err := db.ReportStatus(ctx, *planID, *period)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(statusJSON{ReportStatus: st, ReportingRate: st.Rates.ReportingRate(),
			OnTimeRate: st.Rates.OnTimeRate(), MissingCount: st.Rates.Missing()})
	}
	env.say(env.Stdout, "cli.report.heading", st.PlanTitle, st.Period, st.Start.Format("02/01/2006"),
		st.End.Format("02/01/2006"), st.DueOn.Format("02/01/2006"))
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, env.text("cli.report.header"))
	for _, r := range st.Rows {
		state, sent, timely := env.text("report.state.none"), "-", env.text("reports.not_sent")
		if r.State != "" {
			state = env.text("report.state." + string(r.State))
		}
		if r.SentAt != nil {
			sent = r.SentAt.UTC().Format("2006-01-02 15:04Z")
			timely = env.text("reports.late")
			if r.OnTime {
				timely = env.text("reports.on_time")
			}
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\n", r.AgencyID, r.AgencyName, state, sent, timely)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	env.say(env.Stdout, "cli.report.rates", env.decimal("%.1f", st.Rates.ReportingRate()), st.Rates.Sent,
		st.Rates.Expected, env.decimal("%.1f", st.Rates.OnTimeRate()), st.Rates.OnTime, st.Rates.Missing())
	return nil
}
