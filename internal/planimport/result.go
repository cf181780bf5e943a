package planimport

import (
	"bytes"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/i18n"
)

// Result is what Parse read from a plan, for the review screen and the
// import. Its JSON form is a stable contract: dates are "YYYY-MM-DD", a
// value the text does not give is null, never a guess, and every part
// carries the 1-based line it came from (for a .docx, the paragraph or
// table row counted in document order).
type Result struct {
	Document    Document `json:"document"`
	Implements  []DocRef `json:"implements"`
	Coordinator *string  `json:"coordinator"`
	Declared    Declared `json:"declared"`
	Groups      []Group  `json:"groups"`
	Targets     []Target `json:"targets"`
	Reporting   []Duty   `json:"reporting"`
	Warnings    []string `json:"warnings"`

	warningKeys []string // the key of each warning, in the same order
	lang        string   // the language of Warnings (the reader's, from Parse's context)
}

// Document is the plan's own metadata.
type Document struct {
	Number      *string `json:"number"` // "135/KH-UBND"
	Type        *string `json:"type"`   // "KH", "QĐ", "CTr", …
	Issuer      *string `json:"issuer"`
	IssuedOn    *Date   `json:"issued_on"`
	Place       *string `json:"place"` // "Hải Phòng" in "Hải Phòng, ngày 23 tháng 5 năm 2018"
	Signer      *string `json:"signer"`
	SignerTitle *string `json:"signer_title"`
	Title       *string `json:"title"`
	Field       *string `json:"field"` // "Lĩnh vực" of a legal-database header
}

// DocRef is a document the plan implements, numbered as written but with
// spaces and dashes normalised. Result.Implements lists them in chain
// order (resolution → conclusion → plan: oldest first, undated last).
type DocRef struct {
	Number   string  `json:"number"`
	Type     *string `json:"type"`
	Issuer   *string `json:"issuer"`
	IssuedOn *Date   `json:"issued_on"`
}

// Declared is what the plan says about its own size ("5 nội dung với 18
// nhiệm vụ"), to be checked against what was read.
type Declared struct {
	Groups *int `json:"groups"`
	Tasks  *int `json:"tasks"`
}

// Group is a task group: a Roman-numbered row of the task table. Tasks
// read from a list rather than a table go in one group with an empty code.
type Group struct {
	Code          string  `json:"code"`
	Title         *string `json:"title"`
	DeclaredTasks *int    `json:"declared_tasks"`
	Line          int     `json:"line"`
	Tasks         []Task  `json:"tasks"`
}

// Task is one task. Code is the group code, a dot and the task's number
// ("II.8"); a task without a number takes the group code when it is the
// only unnumbered task of its group ("V"), else the group code and a
// letter in order ("V.a", "V.b").
type Task struct {
	Code      string            `json:"code"`
	Content   string            `json:"content"`
	Line      int               `json:"line"`
	Lead      []AgencyRef       `json:"lead"`
	Support   []AgencyRef       `json:"support"`
	Timeframe *Timeframe        `json:"timeframe"`
	Extra     map[string]string `json:"extra"` // other columns ("Sản phẩm", "Ghi chú") by header
	// Source is the text the task was read from, as in the file after
	// normalisation: its table row (a Word row's cells joined by tabs, and
	// the rows merged into it on lines of their own) or its list item, so
	// the review can show it beside what was read.
	Source string `json:"source"`
}

// AgencyRef is one agency named in a lead or support cell. Agency is the
// resolver's canonical name, null when nothing matched (Text is kept).
type AgencyRef struct {
	Text       string  `json:"text"`
	Agency     *string `json:"agency"`
	Collective bool    `json:"collective"`
}

// Timeframe is a task's time as plan.ParseTimeframe reads it.
type Timeframe struct {
	Kind  string `json:"kind"` // ongoing, year, range, quarter, date, text
	Start *Date  `json:"start"`
	Due   *Date  `json:"due"`
	Text  string `json:"text"`
}

// Target is a measurable (or, with a null value, qualitative) target.
// Comparator is null when the text states none ("Xây dựng 10 hợp tác
// xã"); a consumer will usually treat that as a floor.
type Target struct {
	Text       string   `json:"text"`
	Measure    *string  `json:"measure"`
	Comparator *string  `json:"comparator"` // ">", ">=", "=", "<=", "<", "between"
	Value      *float64 `json:"value"`
	ValueMax   *float64 `json:"value_max"`
	Unit       *string  `json:"unit"`
	Due        *Date    `json:"due"`
	Parent     *int     `json:"parent"` // index in Targets of the target this one details ("trong đó …")
	Line       int      `json:"line"`
}

// Duty is a reporting duty. Due is a recurring "MM-DD" day.
type Duty struct {
	Frequency string  `json:"frequency"` // yearly, half_yearly, quarterly, monthly, ad_hoc
	Due       *string `json:"due"`
	Recipient *string `json:"recipient"`
	Via       *string `json:"via"`
	Line      int     `json:"line"`
}

// Date is a civil date, "YYYY-MM-DD" in JSON.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the civil date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Time returns the date as UTC midnight, the form hoptac stores.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// MarshalJSON writes "YYYY-MM-DD".
func (d Date) MarshalJSON() ([]byte, error) { return []byte(`"` + d.String() + `"`), nil }

// UnmarshalJSON reads "YYYY-MM-DD".
func (d *Date) UnmarshalJSON(b []byte) error {
	b = bytes.Trim(b, `"`)
	t, err := time.Parse(time.DateOnly, string(b))
	if err != nil {
		return err
	}
	*d = DateOf(t)
	return nil
}

// validDate reports whether y-m-d is a real calendar date in the years
// plans are written about.
func validDate(y, m, d int) bool {
	if y < 1945 || y > 2100 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func datePtr(y, m, d int) *Date {
	if !validDate(y, m, d) {
		return nil
	}
	return &Date{y, time.Month(m), d}
}

func timeDate(t *time.Time) *Date {
	if t == nil {
		return nil
	}
	d := DateOf(*t)
	return &d
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func intPtr(n int) *int { return &n }

// warn records a warning by key, with fmt arguments for its text, in the
// reader's language.
func (r *Result) warn(key string, args ...any) {
	lang := r.lang
	if lang == "" {
		lang = i18n.Vietnamese
	}
	r.Warnings = append(r.Warnings, render(lang, key, args...))
	r.warningKeys = append(r.warningKeys, key)
}

// finish replaces nil slices by empty ones, so lists are [] in JSON and
// only scalar absences are null.
func (r *Result) finish() {
	if r.Implements == nil {
		r.Implements = []DocRef{}
	}
	if r.Groups == nil {
		r.Groups = []Group{}
	}
	for gi := range r.Groups {
		g := &r.Groups[gi]
		if g.Tasks == nil {
			g.Tasks = []Task{}
		}
		for ti := range g.Tasks {
			t := &g.Tasks[ti]
			if t.Lead == nil {
				t.Lead = []AgencyRef{}
			}
			if t.Support == nil {
				t.Support = []AgencyRef{}
			}
		}
	}
	if r.Targets == nil {
		r.Targets = []Target{}
	}
	if r.Reporting == nil {
		r.Reporting = []Duty{}
	}
	if r.Warnings == nil {
		r.Warnings = []string{}
	}
}

// TaskCount is the number of tasks in all groups.
func (r *Result) TaskCount() int {
	n := 0
	for _, g := range r.Groups {
		n += len(g.Tasks)
	}
	return n
}
