package registerimport

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/hoptac/hoptac/internal/vntext"
)

// fuzzHeader is a register header naming every kind of column the reader
// converts (text, code, label, date, number, money with a unit, yes/no),
// so the fuzzer's bytes reach the conversions, not only the header search.
const fuzzHeader = "Mã số HTX;Tên HTX;Loại hình;Ngành nghề;Mã xã;Năm;Ngày thành lập;Luật;Tình trạng;" +
	"Số thành viên;Vốn điều lệ (triệu đồng);Lợi nhuận (nghìn đồng);Xếp loại;Điển hình tiên tiến;Số sản phẩm OCOP\n"

// FuzzScan feeds a register file's rows to Scan. No input may panic it;
// when it reads the file, every row is either a record or has its errors,
// every error names its row and column, every record carries what the
// store needs (a well-formed code, a known form, a year), and no code and
// year are given twice.
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"0800123456;HTX Nông nghiệp Cẩm Thượng;HTX;Nông nghiệp;10507;2024;01/02/2010;2023;Đang hoạt động;12;1.500,5;-20;Tốt;x;2\n",
		"2800123456;Tổ hợp tác Bình Hàn;THT;;10513;2.024;45000;2012;;3;2,8001E+09;;khá;;\n",
		"0800123456-001;Liên hiệp HTX;LHHTX;Vận tải;;2025;;;giải thể;;;;;không;\n;;;;;;;;;;;;;;\n",
		"Tổng cộng;;;;;;;;;23;1602,5;;;;\n",
		"0800123456;HTX A;HTX;Nông nghiệp;10507;2024\n0800123456;HTX A;HTX;Nông nghiệp;10507;2024\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, rows []byte) {
		data := append([]byte(fuzzHeader), rows...)
		var recs []Record
		res, err := Scan(context.Background(), "fuzz.csv", bytes.NewReader(data), int64(len(data)), Options{MaxErrors: 1 << 20},
			func(rec Record) error {
				recs = append(recs, rec)
				return nil
			})
		if err != nil {
			return // the file as a whole was refused, with its own error
		}
		if res.Valid+res.Invalid != res.Rows || len(recs) != res.Valid {
			t.Fatalf("%d rows read: %d valid, %d invalid, %d records", res.Rows, res.Valid, res.Invalid, len(recs))
		}
		if res.Invalid > 0 && len(res.Errors) < res.Invalid {
			t.Fatalf("%d invalid rows with %d errors", res.Invalid, len(res.Errors))
		}
		for _, e := range res.Errors {
			if e.Row <= 0 || e.Column == "" || e.Key == "" || e.Error() == "" {
				t.Fatalf("error without its row, column or message: %+v", e)
			}
		}
		seen := map[string]bool{}
		for _, rec := range recs {
			if !codeRE.MatchString(rec.Code) || !slices.Contains([]string{"tht", "htx", "lhhtx"}, rec.Form) || rec.Year == 0 {
				t.Fatalf("row %d: code %q, form %q, year %d", rec.Row, rec.Code, rec.Form, rec.Year)
			}
			if rec.Name == "" || vntext.Clean(rec.Name) != rec.Name {
				t.Fatalf("row %d: name %q is not clean text", rec.Row, rec.Name)
			}
			key := fmt.Sprint(rec.Code, "@", rec.Year)
			if seen[key] {
				t.Fatalf("row %d: code %s and year %d given twice", rec.Row, rec.Code, rec.Year)
			}
			seen[key] = true
		}
	})
}
