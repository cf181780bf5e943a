package reportdoc

import (
	"io"
	"testing"
)

// BenchmarkAllFormats is issue 18's target: the consolidated report of a
// plan with 100 tasks and 30 agency reports, as .docx, .xlsx and .pdf
// together, in at most 2 s.
func BenchmarkAllFormats(b *testing.B) {
	r := big(b, 100, 30)
	for b.Loop() {
		if err := WriteDOCX(io.Discard, r); err != nil {
			b.Fatal(err)
		}
		if err := WriteXLSX(io.Discard, r); err != nil {
			b.Fatal(err)
		}
		if err := WritePDF(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFormat measures each format alone, to see where time goes.
func BenchmarkFormat(b *testing.B) {
	r := big(b, 100, 30)
	for name, write := range map[string]func(io.Writer, Report) error{"docx": WriteDOCX, "xlsx": WriteXLSX, "pdf": WritePDF} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if err := write(io.Discard, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
