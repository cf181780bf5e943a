package planimport

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/seeds"
	"golang.org/x/text/unicode/norm"
)

func taskByCode(t *testing.T, r *Result, code string) Task {
	t.Helper()
	for _, g := range r.Groups {
		for _, tk := range g.Tasks {
			if tk.Code == code {
				return tk
			}
		}
	}
	t.Fatalf("no task %s", code)
	return Task{}
}

func codes(r *Result) []string {
	var out []string
	for _, g := range r.Groups {
		for _, t := range g.Tasks {
			out = append(out, t.Code)
		}
	}
	return out
}

func texts(refs []AgencyRef) []string {
	var out []string
	for _, a := range refs {
		out = append(out, a.Text)
	}
	return out
}

func hasKey(r *Result, key string) bool {
	for _, k := range r.warningKeys {
		if k == key {
			return true
		}
	}
	return false
}

func TestSeed002(t *testing.T) {
	t.Parallel()
	r := parseSeed(t, "002")
	if len(r.Groups) != 5 || r.TaskCount() != 18 {
		t.Fatalf("%d groups, %d tasks; want 5, 18", len(r.Groups), r.TaskCount())
	}
	want := strings.Fields("I.1 I.2 II.1 II.2 II.3 II.4 II.5 II.6 II.7 II.8 II.9 II.10 III.1 III.2 III.3 IV.1 IV.2 V")
	if got := codes(r); !reflect.DeepEqual(got, want) {
		t.Errorf("codes = %v", got)
	}
	if got := texts(taskByCode(t, r, "I.2").Lead); len(got) != 2 {
		t.Errorf("I.2 lead = %v, want two agencies", got)
	}
	ii8 := taskByCode(t, r, "II.8")
	wantLead := []string{"Sở Kế hoạch và Đầu tư", "Sở Nông nghiệp và PTNT", "Sở Lao động, Thương binh và Xã hội", "UBND các huyện, thị xã, thành phố"}
	if got := texts(ii8.Lead); !reflect.DeepEqual(got, wantLead) {
		t.Errorf("II.8 lead = %q", got)
	}
	if a := ii8.Lead[2]; a.Agency == nil || *a.Agency != "Sở Lao động, Thương binh và Xã hội" || a.Collective {
		t.Errorf("II.8 lead[2] = %+v", a)
	}
	if a := ii8.Lead[3]; a.Agency == nil || !a.Collective {
		t.Errorf("II.8 lead[3] = %+v, want a collective designation", a)
	}
	v := taskByCode(t, r, "V")
	if v.Line != 89 || len(v.Lead) != 1 || !v.Lead[0].Collective {
		t.Errorf("task V = %+v", v)
	}
	for code, kind := range map[string]string{"I.1": "ongoing", "II.2": "year", "II.6": "range", "III.1": "year"} {
		if tf := taskByCode(t, r, code).Timeframe; tf == nil || tf.Kind != kind {
			t.Errorf("%s timeframe = %+v, want %s", code, tf, kind)
		}
	}
	if tf := taskByCode(t, r, "II.6").Timeframe; tf.Start.String() != "2020-01-01" || tf.Due.String() != "2025-12-31" {
		t.Errorf("II.6 timeframe = %s–%s", tf.Start, tf.Due)
	}
	if d := r.Declared; d.Groups == nil || *d.Groups != 5 || d.Tasks == nil || *d.Tasks != 18 {
		t.Errorf("declared = %+v", d)
	}
	for i, n := range []int{2, 10, 3, 2, 1} {
		if g := r.Groups[i]; g.DeclaredTasks == nil || *g.DeclaredTasks != n {
			t.Errorf("group %s declares %v tasks, want %d", g.Code, g.DeclaredTasks, n)
		}
	}
	if len(r.Warnings) != 0 {
		t.Errorf("warnings = %q, want none", r.Warnings)
	}
	if r.Coordinator == nil || *r.Coordinator != "Sở Kế hoạch và Đầu tư" {
		t.Errorf("coordinator = %v", r.Coordinator)
	}
	if len(r.Reporting) != 1 || r.Reporting[0].Frequency != "yearly" || *r.Reporting[0].Due != "12-30" ||
		*r.Reporting[0].Recipient != "Chủ tịch UBND tỉnh" || *r.Reporting[0].Via != "Sở Kế hoạch và Đầu tư" {
		t.Errorf("reporting = %+v", r.Reporting)
	}
	if len(r.Implements) != 2 || r.Implements[0].Number != "70-KL/TW" || r.Implements[1].Number != "204-KH/TU" ||
		r.Implements[0].IssuedOn.String() != "2020-03-09" {
		t.Errorf("implements = %+v", r.Implements)
	}
}

func TestSeed002DocxMatchesText(t *testing.T) {
	t.Parallel()
	txt, docx := factsOf(parseSeed(t, "002")), factsOf(parseSeed(t, "002docx"))
	if a, b := mustJSON(t, withoutLines(txt)), mustJSON(t, withoutLines(docx)); !bytes.Equal(a, b) {
		t.Errorf("the .docx reads differently from the text:\ntext: %s\ndocx: %s", a, b)
	}
}

func TestSeed002Variants(t *testing.T) {
	t.Parallel()
	name, data := readSeed(t, "002")
	base := factsOf(parseSeed(t, "002"))
	text := string(data)
	variants := map[string]string{
		"NFD":  norm.NFD.String(text),
		"CRLF": strings.ReplaceAll(text, "\n", "\r\n"),
		"BOM":  "\uFEFF" + text,
		"NBSP": strings.ReplaceAll(text, "Sở ", "Sở\u00A0"),
		"all":  "\uFEFF" + strings.ReplaceAll(strings.ReplaceAll(norm.NFD.String(text), "\n", "\r\n"), " và ", "\u00A0và\u00A0"),
	}
	for label, v := range variants {
		r, err := Parse(context.Background(), name, []byte(v), Catalog())
		if err != nil {
			t.Fatalf("%s: %v", label, err)
		}
		if a, b := mustJSON(t, base), mustJSON(t, factsOf(r)); !bytes.Equal(a, b) {
			t.Errorf("%s variant reads differently:\n%s", label, b)
		}
	}
}

// TestPipeTable reads seed 002's table written with "|" delimiters and a
// Markdown rule under the header.
func TestPipeTable(t *testing.T) {
	t.Parallel()
	_, data := readSeed(t, "002")
	var b strings.Builder
	for _, l := range strings.Split(string(data), "\n") {
		if !strings.Contains(l, "\t") {
			b.WriteString(l + "\n")
			continue
		}
		b.WriteString("| " + strings.ReplaceAll(l, "\t", " | ") + " |\n")
		if strings.HasPrefix(l, "Số TT") {
			b.WriteString("|---|---|---|---|---|\n")
		}
	}
	r, err := Parse(context.Background(), "-", []byte(b.String()), Catalog())
	if err != nil {
		t.Fatal(err)
	}
	if a, b := mustJSON(t, withoutLines(factsOf(parseSeed(t, "002")))), mustJSON(t, withoutLines(factsOf(r))); !bytes.Equal(a, b) {
		t.Errorf("pipe table reads differently:\n%s", b)
	}
}

func TestSeed002WithoutResolver(t *testing.T) {
	t.Parallel()
	name, data := readSeed(t, "002")
	r, err := Parse(context.Background(), name, data, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := texts(taskByCode(t, r, "II.8").Lead)
	want := []string{"Sở Kế hoạch và Đầu tư", "Sở Nông nghiệp và PTNT", "Sở Lao động, Thương binh và Xã hội", "UBND các huyện, thị xã, thành phố"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("II.8 lead without resolver = %q", got)
	}
	for _, a := range taskByCode(t, r, "II.8").Lead {
		if a.Agency != nil {
			t.Errorf("%q resolved without a resolver", a.Text)
		}
	}
	if !hasKey(r, warnAgencyUnknown) {
		t.Error("no warning for unresolved agencies")
	}
}

func TestSeed003SixTasks(t *testing.T) {
	t.Parallel()
	r := parseSeed(t, "003")
	if got := codes(r); !reflect.DeepEqual(got, strings.Fields("1 2 3 4 5 6")) {
		t.Errorf("codes = %v", got)
	}
	if r.Declared.Tasks == nil || *r.Declared.Tasks != 6 || hasKey(r, warnCountTasks) {
		t.Errorf("declared = %+v, warnings %q", r.Declared, r.Warnings)
	}
	if d := r.Document; d.Number == nil || *d.Number != "3064/QĐ-UBND" || *d.Type != "QĐ" {
		t.Errorf("document = %+v", d)
	}
	if len(r.Implements) != 1 || r.Implements[0].Number != "134/NQ-CP" || r.Implements[0].IssuedOn.String() != "2020-09-25" {
		t.Errorf("implements = %+v", r.Implements)
	}
}

func TestSeed001SixBullets(t *testing.T) {
	t.Parallel()
	r := parseSeed(t, "001")
	if got := codes(r); len(got) != 6 {
		t.Fatalf("codes = %v, want six", got)
	}
	if first := r.Groups[0].Tasks[0]; first.Line != 13 {
		t.Errorf("first bullet on line %d", first.Line)
	}
	var nums []string
	for _, d := range r.Implements {
		nums = append(nums, d.Number)
	}
	if !reflect.DeepEqual(nums, []string{"13-NQ/TW", "05-CTr/TU", "70-KL/TW"}) {
		t.Errorf("implements = %v", nums)
	}
	if len(r.Reporting) != 1 || r.Reporting[0].Frequency != "yearly" {
		t.Errorf("reporting = %+v", r.Reporting)
	}
}

func TestSeed004(t *testing.T) {
	t.Parallel()
	r := parseSeed(t, "004")
	d := r.Document
	check := func(field string, got *string, want string) {
		if got == nil || *got != want {
			t.Errorf("%s = %v, want %q", field, got, want)
		}
	}
	check("number", d.Number, "135/KH-UBND")
	check("type", d.Type, "KH")
	check("issuer", d.Issuer, "Ủy ban nhân dân thành phố Hải Phòng")
	check("place", d.Place, "Hải Phòng")
	check("signer", d.Signer, "Nguyễn Văn Thành")
	check("field", d.Field, "Thương mại")
	if d.IssuedOn == nil || d.IssuedOn.String() != "2018-05-23" {
		t.Errorf("issued_on = %v", d.IssuedOn)
	}
	wantRefs := map[string]string{"13-KL/TU": "2014-03-25", "08-NQ/TU": "2002-05-21", "56-KL/TW": "2013-02-21"}
	if len(r.Implements) != len(wantRefs) {
		t.Errorf("implements = %+v", r.Implements)
	}
	for _, ref := range r.Implements {
		if ref.IssuedOn == nil || ref.IssuedOn.String() != wantRefs[ref.Number] {
			t.Errorf("%s issued %v, want %s", ref.Number, ref.IssuedOn, wantRefs[ref.Number])
		}
	}
	type tg struct {
		cmp, unit, due string
		value, max     float64
		parent         int
	}
	var got []tg
	for _, x := range r.Targets {
		g := tg{due: x.Due.String(), parent: -1}
		if x.Comparator != nil {
			g.cmp = *x.Comparator
		}
		if x.Unit != nil {
			g.unit = *x.Unit
		}
		if x.Value != nil {
			g.value = *x.Value
		}
		if x.ValueMax != nil {
			g.max = *x.ValueMax
		}
		if x.Parent != nil {
			g.parent = *x.Parent
		}
		got = append(got, g)
	}
	want := []tg{
		{due: "2018-06-30", parent: -1},
		{due: "2018-12-31", parent: -1},
		{cmp: "between", unit: "%", due: "2020-12-31", value: 1.0, max: 1.2, parent: -1},
		{due: "2020-12-31", parent: -1},
		{cmp: ">", unit: "%", due: "2020-12-31", value: 50, parent: -1},
		{unit: "%", due: "2020-12-31", value: 70, parent: 4},
		{unit: "%", due: "2020-12-31", value: 100, parent: -1},
		{unit: "hợp tác xã", due: "2020-12-31", value: 10, parent: -1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("targets =\n%+v\nwant\n%+v", got, want)
	}
	if r.TaskCount() != 0 || !hasKey(r, warnAppendix) {
		t.Errorf("tasks %d, warnings %q: want none, and the missing appendix flagged", r.TaskCount(), r.Warnings)
	}
	if r.Coordinator == nil || *r.Coordinator != "Sở Kế hoạch và Đầu tư" {
		t.Errorf("coordinator = %v", r.Coordinator)
	}
}

func TestSeed000Article(t *testing.T) {
	t.Parallel()
	r := parseSeed(t, "000")
	if r.TaskCount() != 0 {
		t.Errorf("%d tasks from a news article", r.TaskCount())
	}
	if !hasKey(r, warnArticle) {
		t.Errorf("warnings = %q, want the article warning", r.Warnings)
	}
	if r.Coordinator == nil || len(r.Reporting) != 1 {
		t.Errorf("coordinator %v, reporting %+v", r.Coordinator, r.Reporting)
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"empty.txt", nil, ErrEmpty},
		{"blank.txt", []byte(" \r\n\t\n"), ErrEmpty},
		{"bom-only.txt", []byte("\xEF\xBB\xBF\n"), ErrEmpty},
		{"junk.bin", []byte("\x00\x01\x02\x03binary\x00\xff\xfe\x00"), ErrBinary},
		{"ctl.txt", bytes.Repeat([]byte{0x01, 0x02, 'a', 0x03}, 100), ErrBinary},
		{"plan.docx", []byte("not a zip"), ErrDocx},
		{"plan.doc", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), ErrUnsupported},
		{"plan.pdf", []byte("%PDF-1.4 ..."), ErrUnsupported},
		{"latin.txt", []byte("Caf\xe9 cr\xe8me br\xfbl\xe9e, \xe0 la carte."), ErrEncoding},
	}
	for _, c := range cases {
		_, err := Parse(context.Background(), c.name, c.data, nil)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
			continue
		}
		var e *Error
		if !errors.As(err, &e) || !strings.ContainsAny(e.Error(), "ệếạảờ") {
			t.Errorf("%s: message %q is not Vietnamese", c.name, err)
		}
	}
	big := make([]byte, MaxSize+1)
	if _, err := Parse(context.Background(), "big.txt", big, nil); !errors.Is(err, ErrTooLarge) {
		t.Errorf("too large: %v", err)
	}
}

func TestParseCanceled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Parse(ctx, "-", []byte("Kế hoạch"), nil); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
}

// bigPlan repeats seed 002 to about 5 MB.
func bigPlan(t testing.TB) []byte {
	data, err := os.ReadFile(filepath.Join(seeds.Dir(t), seedFiles["002"]))
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Repeat(append(data, '\n'), 5<<20/len(data)+1)
}

func TestParse5MB(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("short")
	}
	data := bigPlan(t)
	r, err := Parse(context.Background(), "big.txt", data, Catalog())
	if err != nil {
		t.Fatal(err)
	}
	copies := 5<<20/(len(data)/(5<<20/len(data)+1)) + 1
	if r.TaskCount() < 18*(copies-1) {
		t.Errorf("%d tasks from %d copies", r.TaskCount(), copies)
	}
}

func BenchmarkParse5MB(b *testing.B) {
	data := bigPlan(b)
	cat := Catalog()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := Parse(context.Background(), "big.txt", data, cat); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseSeed002(b *testing.B) {
	name, data := readSeed(b, "002")
	cat := Catalog()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(context.Background(), name, data, cat); err != nil {
			b.Fatal(err)
		}
	}
}
