package planimport

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/vntext"
)

// Problem is what is wrong with one field of a plan about to be stored: a
// message key and what names the place in its text (a task or group code,
// the number of a reporting duty).
type Problem struct {
	Key  string
	Args []any
}

// Problems collects a plan's problems by field, named as the review form
// names its fields ("doc.issued_on", "t1.3.content", "reporting0.due"), so
// every wrong field is reported at once, beside the field.
type Problems map[string]Problem

// Add records the first problem of a field.
func (ps Problems) Add(field, key string, args ...any) {
	if _, ok := ps[field]; !ok {
		ps[field] = Problem{Key: key, Args: args}
	}
}

// Err returns an *Invalid holding the problems, or nil when there are none.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return &Invalid{Problems: ps}
}

// Invalid is a plan refused field by field. It unwraps to an apperr
// Validation error with the same fields, so it answers 422 like any form.
type Invalid struct{ Problems Problems }

func (e *Invalid) Error() string { return e.Unwrap().Error() }

func (e *Invalid) Unwrap() error {
	fe := apperr.FieldErrors{}
	for f, p := range e.Problems {
		fe[f] = p.Key
	}
	return fe.Err()
}

// Fields lists the fields with a problem in the order they appear on the
// review screen.
func (e *Invalid) Fields() []string {
	out := make([]string, 0, len(e.Problems))
	for f := range e.Problems {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return fieldOrder(out[i]) < fieldOrder(out[j]) })
	return out
}

// fieldOrder sorts field names by kind, then by the numbers in them.
func fieldOrder(f string) string {
	rank := "9"
	switch {
	case f == "duplicate_ok":
		rank = "0"
	case strings.HasPrefix(f, "doc.") || f == "title" || f == "coordinator":
		rank = "1"
	case f == "tasks" || strings.HasPrefix(f, "g") || strings.HasPrefix(f, "t"):
		rank = "2"
	}
	return rank + numRE.ReplaceAllStringFunc(f, func(n string) string { return fmt.Sprintf("%08s", n) })
}

var numRE = regexp.MustCompile(`\d+`)

// Frequencies are the reporting frequencies a plan may hold, the words of
// report.Frequencies: the parser reads "đột xuất" as ad_hoc.
var Frequencies = func() []string {
	var out []string
	for _, f := range report.Frequencies() {
		out = append(out, string(f))
	}
	return out
}()

// FirstIssueYear is the earliest year a plan can be issued in: the state
// these plans belong to was founded in 1945.
const FirstIssueYear = 1945

// Validate checks a reviewed plan before it is stored, with the rules any
// other input meets: text without control or bidi characters, task content
// present, dates that exist and are plausible, a timeframe that does not
// end before it starts, codes unique, reporting duties from the closed set,
// and at least one task. today bounds the issue date (a plan may be dated
// up to a year ahead, never later).
func Validate(res *Result, today time.Time) error {
	ps := Problems{}
	ps.Check(res, today)
	return ps.Err()
}

// Check adds res's problems to ps.
func (ps Problems) Check(res *Result, today time.Time) {
	d := res.Document
	for field, s := range map[string]*string{"doc.number": d.Number, "doc.type": d.Type, "doc.title": d.Title,
		"doc.issuer": d.Issuer, "doc.signer": d.Signer, "coordinator": res.Coordinator} {
		if s != nil && plan.HasForbiddenRune(*s, false) {
			ps.Add(field, "import.error.control")
		}
	}
	for _, s := range []*string{d.Place, d.SignerTitle, d.Field} {
		if s != nil && plan.HasForbiddenRune(*s, false) {
			ps.Add("doc.other", "import.error.doc_control")
		}
	}
	if str(d.Title) == "" && str(d.Number) == "" {
		ps.Add("title", "error.field.required") // Save names such a plan by its number
	}
	if d.IssuedOn != nil {
		latest := today.AddDate(1, 0, 0)
		if t := d.IssuedOn.Time(); d.IssuedOn.Year < FirstIssueYear || t.After(latest) || DateOf(t) != *d.IssuedOn {
			ps.Add("doc.issued_on", "import.error.issued_on", FirstIssueYear, latest.Format("02/01/2006"))
		}
	}
	for _, r := range res.Implements {
		if plan.HasForbiddenRune(r.Number+str(r.Type)+str(r.Issuer), false) {
			ps.Add("doc.other", "import.error.doc_control")
		}
	}
	if res.TaskCount() == 0 {
		ps.Add("tasks", "import.error.no_tasks")
	}
	ps.checkGroups(res)
	for i, t := range res.Targets {
		field := fmt.Sprintf("target%d.text", i)
		switch {
		case strings.TrimSpace(t.Text) == "":
			ps.Add(field, "import.error.target_text", i+1)
		case plan.HasForbiddenRune(t.Text+str(t.Measure)+str(t.Unit), false):
			ps.Add(field, "import.error.target_control", i+1)
		}
		ps.checkTarget(i, t)
	}
	for i, r := range res.Reporting {
		field := fmt.Sprintf("reporting%d", i)
		if !validFrequency(r.Frequency) {
			ps.Add(field+".frequency", "import.error.duty_frequency", i+1, r.Frequency)
		}
		if r.Due != nil && !validMonthDay(*r.Due) {
			ps.Add(field+".due", "import.error.duty_due", i+1, *r.Due)
		}
		if plan.HasForbiddenRune(str(r.Recipient)+str(r.Via), false) {
			ps.Add(field+".recipient", "import.error.duty_control", i+1)
		}
	}
}

// checkGroups checks groups and tasks under the codes Save will store:
// a group without a code is numbered by its place, a task without one by
// its group and place.
func (ps Problems) checkGroups(res *Result) {
	groups := map[string]bool{}
	for gi, g := range res.Groups {
		code := g.Code
		if code == "" {
			code = romanNumeral(gi + 1)
		}
		if plan.HasForbiddenRune(code, false) || groups[vntext.Fold(code)] {
			ps.Add(fmt.Sprintf("g%d.code", gi), "import.error.group_code", code)
		}
		groups[vntext.Fold(code)] = true
		if g.Title != nil && plan.HasForbiddenRune(*g.Title, false) {
			ps.Add(fmt.Sprintf("g%d.title", gi), "import.error.group_control", code)
		}
		tasks := map[string]bool{}
		for ti, t := range g.Tasks {
			key := fmt.Sprintf("t%d.%d.", gi, ti)
			tc := t.Code
			if tc == "" {
				tc = fmt.Sprintf("%s.%d", code, ti+1)
			}
			if strings.TrimSpace(tc) == "" || plan.HasForbiddenRune(tc, false) || tasks[vntext.Fold(tc)] {
				ps.Add(key+"code", "import.error.task_code", tc, code)
			}
			tasks[vntext.Fold(tc)] = true
			switch {
			case strings.TrimSpace(t.Content) == "":
				ps.Add(key+"content", "import.error.task_content", tc)
			case plan.HasForbiddenRune(t.Content, true):
				ps.Add(key+"content", "import.error.task_control", tc)
			}
			for field, refs := range map[string][]AgencyRef{"lead": t.Lead, "support": t.Support} {
				for _, a := range refs {
					if plan.HasForbiddenRune(a.Text+str(a.Agency), false) {
						ps.Add(key+field, "import.error.task_control", tc)
					}
				}
			}
			for k, v := range t.Extra {
				if plan.HasForbiddenRune(k, false) || plan.HasForbiddenRune(v, true) {
					ps.Add(key+"extra", "import.error.task_control", tc)
				}
			}
			ps.checkTimeframe(key+"timeframe", tc, t.Timeframe)
		}
	}
}

// reversedRangeRE finds a year range written backwards ("2025 - 2020"),
// which ParseTimeframe keeps as text rather than read as a range.
var monthDayRE = regexp.MustCompile(`^\d\d-\d\d$`)

var reversedRangeRE = regexp.MustCompile(`(\d{4})\s*[-–—−‐‑]\s*(\d{4})`)

func (ps Problems) checkTimeframe(field, code string, tf *Timeframe) {
	if tf == nil {
		return
	}
	switch {
	case plan.HasForbiddenRune(tf.Text, false):
		ps.Add(field, "import.error.task_control", code)
	case !plan.TimeframeKind(tf.Kind).Valid():
		ps.Add(field, "import.error.task_timeframe", code)
	case tf.Start != nil && !plausible(*tf.Start), tf.Due != nil && !plausible(*tf.Due):
		ps.Add(field, "import.error.task_timeframe", code)
	case tf.Start != nil && tf.Due != nil && tf.Start.Time().After(tf.Due.Time()):
		ps.Add(field, "import.error.task_timeframe_order", code)
	}
	if m := reversedRangeRE.FindStringSubmatch(tf.Text); m != nil {
		if a, _ := strconv.Atoi(m[1]); a > atoi(m[2]) {
			ps.Add(field, "import.error.task_timeframe_order", code)
		}
	}
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// plausible reports whether d is a real date in the years a plan's
// timeframes and targets are written about.
func plausible(d Date) bool { return validDate(d.Year, int(d.Month), d.Day) }

func validFrequency(f string) bool {
	for _, v := range Frequencies {
		if f == v {
			return true
		}
	}
	return false
}

// validMonthDay reports whether s is a recurring "MM-DD" day; 02-29 is
// one, since some years have it.
func validMonthDay(s string) bool {
	if !monthDayRE.MatchString(s) {
		return false
	}
	return validDate(2024, atoi(s[:2]), atoi(s[3:]))
}
