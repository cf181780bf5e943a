package registerimport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/vntext"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// golden is what a parse is compared on: the result, its errors as the
// user reads them, and every record.
type golden struct {
	Result   *Result  `json:"result"`
	Messages []string `json:"messages"`
	Records  []Record `json:"records"`
}

func parseBytes(t *testing.T, name string, data []byte, opt Options) (*Result, []Record) {
	t.Helper()
	res, recs, err := Parse(context.Background(), name, bytes.NewReader(data), int64(len(data)), opt)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return res, recs
}

func checkGolden(t *testing.T, name string, res *Result, recs []Record) {
	t.Helper()
	g := golden{Result: res, Records: recs}
	for _, e := range res.Errors {
		g.Messages = append(g.Messages, e.Error())
	}
	got, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", name+".golden.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s:\n%s", name, path, got)
	}
}

// tcvn3Sample is testdata/tcvn3.csv: the UTF-8 text beside it written in
// TCVN3 bytes, as an old Excel with .VnTime fonts saved it.
func tcvn3Sample(t *testing.T) []byte {
	t.Helper()
	src, err := os.ReadFile("testdata/tcvn3.utf8.txt")
	if err != nil {
		t.Fatal(err)
	}
	raw, ok := vntext.EncodeTCVN3(string(src))
	if !ok {
		t.Fatal("TCVN3 cannot write the sample")
	}
	if *update {
		if err := os.WriteFile("testdata/tcvn3.csv", raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile("testdata/tcvn3.csv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, raw) {
		t.Fatal("testdata/tcvn3.csv is not tcvn3.utf8.txt in TCVN3: run with -update")
	}
	return data
}

func TestGolden(t *testing.T) {
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	tests := []struct {
		name    string
		file    string
		data    []byte
		opt     Options
		valid   int
		invalid int
	}{
		{"titled", "titled.csv", read("titled.csv"), Options{Year: 2024}, 4, 0},
		{"semicolon_bom", "semicolon_bom.csv", read("semicolon_bom.csv"), Options{}, 3, 0},
		{"tcvn3", "tcvn3.csv", tcvn3Sample(t), Options{}, 2, 0},
		{"xlsx", "register.xlsx", sampleXLSX(t), Options{}, 3, 0},
		{"bad", "bad.csv", read("bad.csv"), Options{}, 2, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, recs := parseBytes(t, tt.file, tt.data, tt.opt)
			if res.Valid != tt.valid || res.Invalid != tt.invalid || len(recs) != res.Valid || res.Rows != res.Valid+res.Invalid {
				t.Errorf("valid %d invalid %d of %d rows, want %d and %d", res.Valid, res.Invalid, res.Rows, tt.valid, tt.invalid)
			}
			checkGolden(t, tt.name, res, recs)
		})
	}
}

// sampleXLSX is a register as provinces keep it in Excel: a title, codes
// and figures stored as numbers, a date as a date, a totals row.
func sampleXLSX(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	rows := [][]any{
		{"BÁO CÁO TÌNH HÌNH HỢP TÁC XÃ NĂM 2024"},
		{"Đơn vị tính: nghìn đồng"},
		{"STT", "Mã số doanh nghiệp", "Tên tổ chức", "Loại hình", "Lĩnh vực", "Mã xã", "Năm", "Ngày đăng ký", "Số lao động", "Vốn điều lệ", "Lợi nhuận", "Thu nhập bình quân", "Xếp loại", "Liên kết chuỗi giá trị"},
		{1, 2800123456, "HTX Nông nghiệp Quảng Phú", "Hợp tác xã", "Nông nghiệp", 16066, 2024, 43905, 15, 1500000, -25000.5, 48000, "Trung bình", "x"},
		{2, 101234567, "Tổ hợp tác may Thành Công", "THT", "Tiểu thủ công nghiệp", 4, 2024, "20/11/2022", 6, 50000, 12000, 36000, "Khá", ""},
		{3, "0101234567-002", "Liên hiệp HTX Nông sản sạch", "LHHTX", "Thương mại", 10507, 2024, "", 40, 9000000, 0, 60000.25, "Tốt", "có"},
		{"", "Tổng cộng", "", "", "", "", "", "", 61, 10550000},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sh, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	// Registration date as a real date cell: a serial with a date format.
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	_ = f.SetCellStyle(sh, "H4", "H4", style)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A file without a column every row needs is refused as a whole, naming
// the columns.
func TestMissingColumns(t *testing.T) {
	data := []byte("Tên HTX,Số thành viên,Ghi chú\nHTX A,5,\n")
	_, _, err := Parse(context.Background(), "x.csv", bytes.NewReader(data), int64(len(data)), Options{})
	var ie *i18n.Error
	if !errors.As(err, &ie) || ie.Key != "register.import.missing_columns" || !strings.Contains(err.Error(), "Mã số HTX") || !strings.Contains(err.Error(), "Năm") {
		t.Fatalf("err = %v", err)
	}
}

// The preview's mapping decides which column is which.
func TestMappingOverride(t *testing.T) {
	data := []byte("Số GCN,Tên HTX,Xã,Năm\n1400123456,HTX A,Xã B,2024\n")
	if _, _, err := Parse(context.Background(), "x.csv", bytes.NewReader(data), int64(len(data)), Options{}); err == nil {
		t.Fatal("a file without a code column was read")
	}
	res, recs := parseBytes(t, "x.csv", data, Options{Mapping: map[int]string{0: FieldCode}})
	if res.Valid != 1 || recs[0].Code != "1400123456" {
		t.Fatalf("res %+v recs %+v", res, recs)
	}
}

// Bad files are refused whole with a message that names the file and
// says what is wrong, in Vietnamese.
func TestBadFiles(t *testing.T) {
	lim := sheetLimits()
	lim.MaxBytes = 1 << 10
	big := bytes.Repeat([]byte("Mã số HTX,Tên HTX,Xã,Năm\n"), 100)
	tests := []struct {
		name, file string
		data       []byte
		opt        Options
		want       string
	}{
		{"not a spreadsheet", "anh.xlsx", []byte("\x89PNG\r\n\x1a\n\x00\x00"), Options{}, "không phải bảng tính"},
		{"zip bomb", "bom.xlsx", bomb(t), Options{}, "vượt quá giới hạn an toàn"},
		{"too large", "lon.csv", big, Options{Limits: lim}, "vượt giới hạn 0 MB"},
		{"no header", "trong.csv", []byte("a,b\n1,2\n"), Options{}, "không tìm thấy dòng tên cột"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Parse(context.Background(), tt.file, bytes.NewReader(tt.data), int64(len(tt.data)), tt.opt)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.file) {
				t.Fatalf("err = %v, want %q naming %s", err, tt.want, tt.file)
			}
		})
	}
}
