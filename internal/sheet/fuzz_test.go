package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"math/big"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The cell parsers never panic and, when they accept a value, agree with
// themselves: a whole number read by ParseInt is what ParseMoney reads in
// đồng.
func FuzzCells(f *testing.F) {
	for _, s := range []string{"1.234.567", "1,5", "-0,0005", "2.8001E+09", "2800123456.0", "1e30", "1E-30",
		"15/03/2020", "43905.5", "2020-02-29", "−12", "+1 234", "'0101234567", "2800123456-001", ",", ".", "e", "-"} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, machine bool) {
		src := Vietnamese
		if machine {
			src = Machine
		}
		n, errInt := ParseInt(s, src)
		m, errMoney := ParseMoney(s, src, 1)
		if errInt == nil && (errMoney != nil || m != n) {
			t.Errorf("%q: ParseInt %d but ParseMoney %d, %v", s, n, m, errMoney)
		}
		_, _ = ParseMoney(s, src, 1_000_000_000)
		// The int64 fast path agrees with big.Rat arithmetic.
		if canon, ok := canonicalNumber(strings.TrimSpace(s), src); ok {
			for _, unit := range []int64{1, 1_000, 1_000_000, 1_000_000_000} {
				if n, ok := smallMoney(canon, unit); ok {
					r, _ := new(big.Rat).SetString(canon)
					want := roundRat(r.Mul(r, new(big.Rat).SetInt64(unit)))
					if !want.IsInt64() || want.Int64() != n {
						t.Errorf("%q × %d: fast path %d, exact %v", s, unit, n, want)
					}
				}
			}
		}
		if d, err := ParseDigits(s); err == nil && d == "" && s != "" {
			t.Errorf("%q: empty code accepted", s)
		}
		_, _ = ParseDate(s)
		_ = Squeeze(s)
		_, _ = UnitOf(s)
	})
}

// Reading any bytes as a CSV, or as a workbook, gives rows or an error,
// never a panic.
func FuzzOpen(f *testing.F) {
	f.Add([]byte(titledCSV))
	f.Add([]byte("\uFEFFMã số HTX;Tên HTX\n1;\"a\n"))
	f.Add([]byte("Mã số HTX,Tên HTX\n\"unclosed,x\n"))
	x := excelize.NewFile()
	_ = x.SetSheetRow(x.GetSheetName(0), "A1", &[]any{"Mã số HTX", "Tên HTX"})
	_ = x.SetSheetRow(x.GetSheetName(0), "A2", &[]any{2800123456, "HTX"})
	var buf bytes.Buffer
	_ = x.Write(&buf)
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := DefaultLimits()
		lim.MaxBytes = 1 << 20
		rd, err := Open("f.csv", bytes.NewReader(data), int64(len(data)), testCatalogue, lim)
		if err != nil {
			if KeyOf(err) == "" {
				t.Fatalf("error without a key: %v", err)
			}
			return
		}
		defer func() { _ = rd.Close() }()
		for i := 0; i < 10000; i++ {
			row, err := rd.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				return
			}
			if row.N <= rd.Header().Row {
				t.Fatalf("row %d at or above the header %d", row.N, rd.Header().Row)
			}
			_, _, _ = rd.Cell(row, "capital")
		}
	})
}

// Any sheet XML, put into a real workbook, reads without a panic; when
// both readers accept it, the sheet reader returns what excelize's
// iterator returned.
func FuzzXLSXRows(f *testing.F) {
	base := variedWorkbook(f)
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	if err != nil {
		f.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, m := range zr.File {
		rc, err := m.Open()
		if err != nil {
			f.Fatal(err)
		}
		parts[m.Name], _ = io.ReadAll(rc)
		_ = rc.Close()
	}
	const sheetPart = "xl/worksheets/sheet1.xml"
	f.Add(parts[sheetPart])
	f.Add([]byte(`<worksheet><sheetData><row><c t="inlineStr"><is><t>a</t></is></c><c><f>1</f></c></row>` +
		`<row r="3"><c r="C3" t="str"><v>x</v></c><c r="A3" t="b"><v>1</v></c></row></sheetData></worksheet>`))
	f.Add([]byte(`<x:worksheet xmlns:x="u"><x:sheetData><x:row r="2"><x:c r="B2" t="s"><x:v> 1 </x:v></x:c></x:row></x:sheetData></x:worksheet>`))
	f.Fuzz(func(t *testing.T, sheetXML []byte) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for name, data := range parts {
			if name == sheetPart {
				data = sheetXML
			}
			w, err := zw.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			_, _ = w.Write(data)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		// A row numbered near the grid's end makes a million empty rows:
		// fine to read, too slow to fuzz.
		got, err := ownRowsMax(t, buf.Bytes(), 5000)
		if err != nil {
			return
		}
		want, err := refRowsMax(t, buf.Bytes(), 5000)
		if err != nil {
			return
		}
		if !sameRows(got, want) {
			t.Errorf("rows differ\n got %q\nwant %q", got, want)
		}
	})
}
