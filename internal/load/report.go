package load

import (
	"cmp"
	"fmt"
	"github.com/hoptac/hoptac/internal/i18n"
	"io"
	"slices"
	"strings"
	"time"
)

// RouteStats is one line of the report.
type RouteStats struct {
	Route              string
	Count              int     // requests sent, failed ones included
	Errors             int     // unexpected status or transport error
	PerSecond          float64 // Count over the phase's duration
	P50, P95, P99, Max time.Duration
}

// Report is what a run measured. Login is the login phase before the
// measured one; Routes and Total cover the measured phase only.
type Report struct {
	URL                string
	Scenario           string
	Users, WriteUsers  int
	Login              RouteStats
	LoginTook, Elapsed time.Duration
	Routes             []RouteStats
	Total              RouteStats
	// Writer is the pages scenario's fixed-rate writer; nil without one.
	Writer *WriterStats
	// ServerCPU is the server process's (ServerPID's) CPU time over the
	// measured phase, and ServerCPUPerRequest that over every request of
	// it. ServerPID is 0 when they were not measured, and ServerCPUNote
	// says why; else it says what they include, if anything to note.
	ServerPID           int
	ServerCPU           time.Duration
	ServerCPUPerRequest time.Duration
	ServerCPUNote       string
	// ErrorSamples lists each kind of failure with its count, most
	// frequent first.
	ErrorSamples []string
	// Lang is the language WriteTable writes in (Config.Lang).
	Lang string `json:"-"`
}

// Errors counts every failed request, logins included.
func (r *Report) Errors() int {
	n := r.Login.Errors + r.Total.Errors
	if r.Writer != nil {
		n += r.Writer.Stats.Errors
	}
	return n
}

// Route returns the line of one route.
func (r *Report) Route(name string) (RouteStats, bool) {
	for _, s := range r.Routes {
		if s.Route == name {
			return s, true
		}
	}
	return RouteStats{}, false
}

func (r *Report) firstError() string {
	if len(r.ErrorSamples) == 0 {
		return i18n.Default().T(r.Lang, "load.unknown_error")
	}
	return r.ErrorSamples[0]
}

// newReport merges what the users and the writer's officers recorded. The
// officers' logins are on the login line; their writes on the writer's.
func newReport(cfg Config, sims []*sim, w *writer, loginTook, elapsed time.Duration) *Report {
	rep := &Report{URL: cfg.URL, Scenario: cfg.Scenario, Users: cfg.Users, WriteUsers: cfg.WriteUsers,
		LoginTook: loginTook, Elapsed: elapsed, Lang: cfg.Lang}
	merged := map[string]*routeRec{}
	writes := &routeRec{}
	errs := map[string]int{}
	for _, s := range append(slices.Clip(sims), w.officers()...) {
		for route, rr := range s.rec {
			if s.unmetered && route != RouteLogin {
				writes.durs = append(writes.durs, rr.durs...)
				writes.errors += rr.errors
				continue
			}
			m := merged[route]
			if m == nil {
				m = &routeRec{}
				merged[route] = m
			}
			m.durs = append(m.durs, rr.durs...)
			m.errors += rr.errors
		}
		for k, n := range s.errs {
			errs[k] += n
		}
	}
	if rr := merged[RouteLogin]; rr != nil {
		rep.Login = stats(RouteLogin, rr.durs, rr.errors, loginTook)
		delete(merged, RouteLogin)
	}
	order := map[string]int{}
	for i, r := range routeOrder() {
		order[r] = i + 1
	}
	var all []time.Duration
	totalErrors := 0
	for route, rr := range merged {
		rep.Routes = append(rep.Routes, stats(route, rr.durs, rr.errors, elapsed))
		all = append(all, rr.durs...)
		totalErrors += rr.errors
	}
	slices.SortFunc(rep.Routes, func(a, b RouteStats) int {
		oa, ob := order[a.Route], order[b.Route]
		if oa == 0 {
			oa = len(order) + 1
		}
		if ob == 0 {
			ob = len(order) + 1
		}
		return cmp.Or(cmp.Compare(oa, ob), strings.Compare(a.Route, b.Route))
	})
	rep.Total = stats("total", all, totalErrors, elapsed)
	if w != nil {
		rep.Writer = &WriterStats{Rate: w.rate, Stats: stats(RouteAPIProgress, writes.durs, writes.errors, elapsed)}
	}
	type sample struct {
		what string
		n    int
	}
	var samples []sample
	for k, n := range errs {
		samples = append(samples, sample{k, n})
	}
	slices.SortFunc(samples, func(a, b sample) int { return cmp.Or(cmp.Compare(b.n, a.n), strings.Compare(a.what, b.what)) })
	for _, s := range samples {
		rep.ErrorSamples = append(rep.ErrorSamples, fmt.Sprintf("%s ×%d", s.what, s.n))
	}
	return rep
}

func stats(route string, durs []time.Duration, errors int, over time.Duration) RouteStats {
	s := RouteStats{Route: route, Count: len(durs), Errors: errors}
	if len(durs) == 0 {
		return s
	}
	slices.Sort(durs)
	if over > 0 {
		s.PerSecond = float64(len(durs)) / over.Seconds()
	}
	s.P50, s.P95, s.P99, s.Max = percentile(durs, 50), percentile(durs, 95), percentile(durs, 99), durs[len(durs)-1]
	return s
}

// percentile is the nearest-rank percentile of sorted durations.
func percentile(sorted []time.Duration, p int) time.Duration {
	rank := (p*len(sorted) + 99) / 100 // ceil(p/100 × n)
	return sorted[max(rank, 1)-1]
}

// tableColumns are the message keys of the table's column headers.
var tableColumns = []string{"load.table.col_route", "load.table.col_requests", "load.table.col_per_second",
	"load.table.col_p50", "load.table.col_p95", "load.table.col_p99", "load.table.col_max", "load.table.col_errors"}

// WriteTable prints the report as a Markdown table, readable in a terminal
// and ready to paste into docs/performance.md.
func (r *Report) WriteTable(w io.Writer) {
	t := func(key string, args ...any) string { return i18n.Default().T(r.Lang, key, args...) }
	fmt.Fprint(w, t("load.table.title", r.URL, r.Scenario, r.Users))
	if r.WriteUsers > 0 {
		key := "load.table.writers_progress"
		if r.Scenario == ScenarioRegister {
			key = "load.table.writers_figures"
		}
		fmt.Fprint(w, t(key, r.WriteUsers, r.Users-r.WriteUsers))
	}
	fmt.Fprint(w, t("load.table.elapsed", r.Elapsed.Round(time.Millisecond)), "\n\n")
	var head []string
	for _, k := range tableColumns {
		head = append(head, t(k))
	}
	rows := [][]string{head}
	line := func(s RouteStats) []string {
		return []string{s.Route, fmt.Sprint(s.Count), fmt.Sprintf("%.1f", s.PerSecond), ms(s.P50), ms(s.P95),
			ms(s.P99), ms(s.Max), fmt.Sprint(s.Errors)}
	}
	for _, s := range r.Routes {
		rows = append(rows, line(s))
	}
	rows = append(rows, line(RouteStats{Route: t("load.table.total"), Count: r.Total.Count, PerSecond: r.Total.PerSecond,
		P50: r.Total.P50, P95: r.Total.P95, P99: r.Total.P99, Max: r.Total.Max, Errors: r.Total.Errors}))
	if r.Writer != nil {
		row := line(r.Writer.Stats)
		row[0] = t("load.table.writer_row", row[0], r.Writer.Rate)
		rows = append(rows, row)
	}
	if r.Login.Count > 0 {
		login := line(r.Login)
		login[0] = t("load.table.login_row", RouteLogin, r.LoginTook.Round(time.Millisecond).String())
		rows = append(rows, login)
	}
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, c := range row {
			widths[i] = max(widths[i], len([]rune(c)))
		}
	}
	for n, row := range rows {
		var b strings.Builder
		b.WriteString("|")
		for i, c := range row {
			pad := strings.Repeat(" ", widths[i]-len([]rune(c)))
			if i == 0 {
				b.WriteString(" " + c + pad + " |")
			} else {
				b.WriteString(" " + pad + c + " |")
			}
		}
		fmt.Fprintln(w, b.String())
		if n == 0 {
			b.Reset()
			b.WriteString("|")
			for i, wd := range widths {
				if i == 0 {
					b.WriteString(" " + strings.Repeat("-", wd) + " |")
				} else {
					b.WriteString(" " + strings.Repeat("-", wd-1) + ": |")
				}
			}
			fmt.Fprintln(w, b.String())
		}
	}
	fmt.Fprintln(w)
	if r.Writer != nil {
		fmt.Fprintln(w, t("load.table.writer_line", r.Writer.Rate, r.Writer.Ticks, r.Writer.Stats.Count, r.Writer.Missed))
	}
	r.writeCPU(w)
	if len(r.ErrorSamples) > 0 {
		fmt.Fprintln(w, "\n"+t("load.table.errors"))
		for i, e := range r.ErrorSamples {
			if i == 10 {
				fmt.Fprintln(w, "  "+t("load.table.more_errors", len(r.ErrorSamples)-10))
				break
			}
			fmt.Fprintln(w, "  "+e)
		}
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond)) }

// writeCPU prints the server's CPU per request, or why it is missing.
func (r *Report) writeCPU(w io.Writer) {
	t := func(key string, args ...any) string { return i18n.Default().T(r.Lang, key, args...) }
	if r.ServerPID <= 0 {
		if r.ServerCPUNote != "" {
			fmt.Fprintln(w, t("load.table.cpu_none", r.ServerCPUNote))
		}
		return
	}
	cores := 0.0
	if r.Elapsed > 0 {
		cores = r.ServerCPU.Seconds() / r.Elapsed.Seconds()
	}
	fmt.Fprintln(w, t("load.table.cpu", float64(r.ServerCPUPerRequest)/float64(time.Millisecond), r.ServerPID,
		r.ServerCPU.Seconds(), r.Elapsed.Round(time.Millisecond), cores))
	if r.ServerCPUNote != "" {
		fmt.Fprintf(w, "  (%s)\n", r.ServerCPUNote)
	}
}
