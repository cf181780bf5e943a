package planimport

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/seeds"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json from the seeds")

// seedFiles are the seeds the tests read, by short name.
var seedFiles = map[string]string{
	"000":     "000_ebd633bbb4c605a4.txt",
	"001":     "001_ff5b0e1918985733.txt",
	"002":     "002_b020f26e05120408.txt",
	"002docx": "002_b020f26e05120408.docx",
	"003":     "003_2199993695549a80.txt",
	"004":     "004_68bc38ff2550ab85.txt",
}

func readSeed(t testing.TB, short string) (string, []byte) {
	t.Helper()
	name := seedFiles[short]
	data, err := os.ReadFile(filepath.Join(seeds.Dir(t), name))
	if err != nil {
		t.Fatalf("read seed %s: %v", name, err)
	}
	return name, data
}

func parseSeed(t testing.TB, short string) *Result {
	t.Helper()
	name, data := readSeed(t, short)
	res, err := Parse(context.Background(), name, data, Catalog())
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return res
}

// The golden files hold the facts parsed from a seed — counts, codes,
// agency names, dates, lines, warning keys — not the seeds' sentences.

type docFacts struct {
	Number      *string `json:"number"`
	Type        *string `json:"type"`
	Issuer      *string `json:"issuer"`
	IssuedOn    *Date   `json:"issued_on"`
	Place       *string `json:"place"`
	Signer      *string `json:"signer"`
	SignerTitle *string `json:"signer_title"`
	Field       *string `json:"field"`
	HasTitle    bool    `json:"has_title"`
}

type taskFacts struct {
	Code         string      `json:"code"`
	Line         int         `json:"line"`
	ContentWords int         `json:"content_words"`
	Lead         []AgencyRef `json:"lead"`
	Support      []AgencyRef `json:"support"`
	Timeframe    *Timeframe  `json:"timeframe"`
	ExtraColumns []string    `json:"extra_columns"`
	SourceWords  int         `json:"source_words"` // words of the file in Task.Source
}

type groupFacts struct {
	Code          string      `json:"code"`
	DeclaredTasks *int        `json:"declared_tasks"`
	Line          int         `json:"line"`
	TitleWords    int         `json:"title_words"`
	Tasks         []taskFacts `json:"tasks"`
}

type targetFacts struct {
	Comparator   *string  `json:"comparator"`
	Value        *float64 `json:"value"`
	ValueMax     *float64 `json:"value_max"`
	Unit         *string  `json:"unit"`
	Due          *Date    `json:"due"`
	Parent       *int     `json:"parent"`
	Line         int      `json:"line"`
	MeasureWords int      `json:"measure_words"`
}

type facts struct {
	Document    docFacts      `json:"document"`
	Implements  []DocRef      `json:"implements"`
	Coordinator *string       `json:"coordinator"`
	Declared    Declared      `json:"declared"`
	Groups      []groupFacts  `json:"groups"`
	Targets     []targetFacts `json:"targets"`
	Reporting   []Duty        `json:"reporting"`
	Warnings    []string      `json:"warnings"`
}

func words(s string) int { return len(strings.Fields(s)) }

func factsOf(r *Result) facts {
	d := r.Document
	f := facts{
		Document: docFacts{Number: d.Number, Type: d.Type, Issuer: d.Issuer, Place: d.Place, Signer: d.Signer,
			SignerTitle: d.SignerTitle, Field: d.Field, IssuedOn: d.IssuedOn, HasTitle: d.Title != nil},
		Implements:  r.Implements,
		Coordinator: r.Coordinator,
		Declared:    r.Declared,
		Reporting:   r.Reporting,
		Warnings:    append([]string{}, r.warningKeys...),
	}
	for _, g := range r.Groups {
		gf := groupFacts{Code: g.Code, DeclaredTasks: g.DeclaredTasks, Line: g.Line}
		if g.Title != nil {
			gf.TitleWords = words(*g.Title)
		}
		for _, t := range g.Tasks {
			tf := taskFacts{Code: t.Code, Line: t.Line, ContentWords: words(t.Content), Lead: t.Lead, Support: t.Support,
				Timeframe: t.Timeframe, SourceWords: words(t.Source)}
			for k := range t.Extra {
				tf.ExtraColumns = append(tf.ExtraColumns, k)
			}
			gf.Tasks = append(gf.Tasks, tf)
		}
		f.Groups = append(f.Groups, gf)
	}
	for _, t := range r.Targets {
		tf := targetFacts{Comparator: t.Comparator, Unit: t.Unit, Value: t.Value, ValueMax: t.ValueMax, Due: t.Due, Parent: t.Parent, Line: t.Line}
		if t.Measure != nil {
			tf.MeasureWords = words(*t.Measure)
		}
		f.Targets = append(f.Targets, tf)
	}
	return f
}

// withoutLines zeroes the lines, which differ between a text file and a
// Word file of the same plan, and the size of each task's source, which
// differs between ways of writing a table ("|" cells).
func withoutLines(f facts) facts {
	out := f
	out.Groups = append([]groupFacts{}, f.Groups...)
	for i := range out.Groups {
		out.Groups[i].Line = 0
		out.Groups[i].Tasks = append([]taskFacts{}, f.Groups[i].Tasks...)
		for j := range out.Groups[i].Tasks {
			out.Groups[i].Tasks[j].Line = 0
			out.Groups[i].Tasks[j].SourceWords = 0
		}
	}
	out.Targets = append([]targetFacts{}, f.Targets...)
	for i := range out.Targets {
		out.Targets[i].Line = 0
	}
	out.Reporting = append([]Duty{}, f.Reporting...)
	for i := range out.Reporting {
		out.Reporting[i].Line = 0
	}
	return out
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

func TestSeedGoldens(t *testing.T) {
	t.Parallel()
	for _, short := range []string{"000", "001", "002", "002docx", "003", "004"} {
		t.Run(short, func(t *testing.T) {
			name := seedFiles[short]
			got := mustJSON(t, factsOf(parseSeed(t, short)))
			path := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -run TestSeedGoldens -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("facts of %s differ from %s (run with -update after checking):\n%s", name, path, got)
			}
		})
	}
}

// TestSeedResultJSON checks the JSON contract on a real plan: dates are
// ISO strings, absent values null, lists never null.
func TestSeedResultJSON(t *testing.T) {
	t.Parallel()
	b := mustJSON(t, parseSeed(t, "004"))
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	doc := m["document"].(map[string]any)
	if doc["issued_on"] != "2018-05-23" {
		t.Errorf("issued_on = %v", doc["issued_on"])
	}
	if v, ok := doc["signer_title"]; !ok || v != nil {
		t.Errorf("signer_title = %v, %v; want null", v, ok)
	}
	for _, k := range []string{"implements", "groups", "targets", "reporting", "warnings"} {
		if _, ok := m[k].([]any); !ok {
			t.Errorf("%s is %T, want a list", k, m[k])
		}
	}
	var back Result
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("round trip: %v", err)
	}
	if back.Document.IssuedOn == nil || back.Document.IssuedOn.String() != "2018-05-23" {
		t.Errorf("round trip issued_on = %v", back.Document.IssuedOn)
	}
}

// Every task of a seed carries the text it was read from: its own line
// of the file (the seeds merge no rows), holding its content, so the
// review can set the two side by side.
func TestSeedTaskSources(t *testing.T) {
	t.Parallel()
	for _, short := range []string{"001", "002", "002docx", "003"} {
		t.Run(short, func(t *testing.T) {
			name, data := readSeed(t, short)
			lines, err := SourceLines(name, data)
			if err != nil {
				t.Fatal(err)
			}
			res := parseSeed(t, short)
			for _, g := range res.Groups {
				for _, task := range g.Tasks {
					if task.Source != lines[task.Line-1] {
						t.Errorf("%s source = %.60q, want line %d %.60q", task.Code, task.Source, task.Line, lines[task.Line-1])
					}
					if first := strings.SplitN(task.Content, "\n", 2)[0]; !strings.Contains(fold(task.Source), fold(head(first, 40))) {
						t.Errorf("%s source %.60q lacks its content %.40q", task.Code, task.Source, first)
					}
				}
			}
		})
	}
}
