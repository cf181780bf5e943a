package planimport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/zipbound"
	"github.com/hoptac/hoptac/internal/zipbound/zipboundtest"
)

// docxBomb is a .docx whose document.xml is one paragraph of mib
// mebibytes of text; declared, when not 0, is the size its header
// states instead of the true one.
func docxBomb(t testing.TB, mib int, declared int64) []byte {
	t.Helper()
	return zipboundtest.Zip(t, map[string]string{"[Content_Types].xml": "<Types/>"}, zipboundtest.Bomb{
		Name: docxMain,
		Prefix: `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="` + wNS + `"><w:body>` +
			`<w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p><w:p><w:r><w:t>`,
		Fill:     'A',
		MiB:      mib,
		Suffix:   `</w:t></w:r></w:p></w:body></w:document>`,
		Declared: declared,
	})
}

// TestDocxBombs: a .docx that unpacks past a bound is refused, in
// Vietnamese, naming the file and the member, by Parse and SourceLines
// alike, and not as damaged XML.
func TestDocxBombs(t *testing.T) {
	t.Parallel()
	many := map[string]string{}
	for i := range DocxLimits().MaxMembers {
		many[fmt.Sprintf("customXml/item%d.xml", i)] = ""
	}
	tests := []struct {
		name string
		data []byte
		want []string
	}{
		{"1 GiB declared", docxBomb(t, 1024, 0), []string{"word/document.xml", "hơn 32 MB"}},
		{"1 GiB behind a lying header", docxBomb(t, 1024, 900<<10), []string{"word/document.xml", "nhiều hơn 921600 byte"}},
		{"compressed a thousand times", docxBomb(t, 20, 0), []string{"word/document.xml", "nén hơn 100 lần"}},
		{"too many members", zipboundtest.Zip(t, many, zipboundtest.Bomb{Name: docxMain, Prefix: "<w:document/>"}),
			[]string{"2001 phần"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for what, read := range map[string]func() error{
				"Parse": func() error {
					_, err := Parse(context.Background(), "uploads/bom.docx", tt.data, Catalog())
					return err
				},
				"SourceLines": func() error { _, err := SourceLines("uploads/bom.docx", tt.data); return err },
			} {
				err := read()
				if !errors.Is(err, ErrUnpacked) || !errors.Is(err, zipbound.ErrLimit) {
					t.Fatalf("%s: err = %v, want ErrUnpacked", what, err)
				}
				msg := err.Error()
				for _, w := range append([]string{"Tệp giải nén quá lớn", "«bom.docx»"}, tt.want...) {
					if !strings.Contains(msg, w) {
						t.Errorf("%s: message %q lacks %q", what, msg, w)
					}
				}
				if strings.Contains(msg, "XML") || strings.Contains(msg, "%!") {
					t.Errorf("%s: message %q", what, msg)
				}
			}
		})
	}
}

// TestDocxDamageMessages: a damaged archive and damaged XML inside a
// sound one are told apart.
func TestDocxDamageMessages(t *testing.T) {
	t.Parallel()
	good := makeDocx(t, para(strings.Repeat("Nội dung kế hoạch ", 200)))
	damaged := bytes.Clone(good)
	i := bytes.Index(damaged, []byte(docxMain)) + len(docxMain)
	for j := i + 10; j < i+60; j++ {
		damaged[j] ^= 0xA5
	}
	cases := map[string]struct {
		data []byte
		want string
	}{
		"damaged archive": {damaged, "tệp nén hỏng"},
		"damaged XML":     {makeDocx(t, para("Kế hoạch")+`<<`), "nội dung XML hỏng"},
	}
	for name, c := range cases {
		_, err := Parse(context.Background(), "x.docx", c.data, nil)
		if !errors.Is(err, ErrDocx) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want ErrDocx saying %q", name, err, c.want)
		}
	}
}

// TestDocxBombMemory: refusing a 1 GiB bomb allocates a few megabytes,
// not the gigabyte, whichever way its header tells its size. A header
// that claims a size within the bounds gets that much read, and no more:
// memory then grows with the claim, never with the bomb. (Bytes
// allocated, not time: the check does not depend on the machine.)
func TestDocxBombMemory(t *testing.T) {
	for _, c := range []struct {
		declared int64
		maxAlloc uint64
	}{
		{0, 16 << 20},         // refused from the header
		{900 << 10, 16 << 20}, // read to 900 KB, then the first byte too many stops it
		{20 << 20, 256 << 20}, // read to 20 MB (one 20 MB text run, held several times; more under -race), then stopped
	} {
		data := docxBomb(t, 1024, c.declared)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, err := Parse(context.Background(), "bom.docx", data, Catalog())
		runtime.ReadMemStats(&after)
		if !errors.Is(err, ErrUnpacked) {
			t.Fatalf("declared %d: err = %v", c.declared, err)
		}
		alloc := after.TotalAlloc - before.TotalAlloc
		if alloc > c.maxAlloc {
			t.Errorf("declared %d: refusing a 1 GiB bomb allocated %d MB, want at most %d MB", c.declared, alloc>>20, c.maxAlloc>>20)
		}
		t.Logf("declared %d: %d KB allocated", c.declared, alloc>>10)
	}
}

// BenchmarkDocxBomb reports what refusing a 1 MB .docx that unpacks to
// 1 GiB costs (B/op is the memory bound; TestDocxBombMemory asserts it).
func BenchmarkDocxBomb(b *testing.B) {
	for _, bc := range []struct {
		name     string
		declared int64
	}{{"honest", 0}, {"lying-small", 900 << 10}, {"lying-20MB", 20 << 20}} {
		b.Run(bc.name, func(b *testing.B) {
			data := docxBomb(b, 1024, bc.declared)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := Parse(context.Background(), "bom.docx", data, Catalog()); !errors.Is(err, ErrUnpacked) {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(data)), "docx-bytes")
		})
	}
}
