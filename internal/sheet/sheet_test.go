package sheet

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/vntext"
	"github.com/hoptac/hoptac/internal/zipbound/zipboundtest"
)

const titledCSV = "UBND TỈNH ĐỒNG THÁP\n" +
	"DANH SÁCH HỢP TÁC XÃ, TỔ HỢP TÁC\n" +
	"Đơn vị tính: triệu đồng\n" +
	"\n" +
	"STT,Mã số HTX,Tên HTX,Số thành viên,Vốn điều lệ,Ngày thành lập\n" +
	"(1),(2),(3),(4),(5),(6)\n" +
	"1,1400123456,HTX Nông nghiệp Tân Hòa,\"1.234\",\"1,5\",15/03/2020\n" +
	",,,,,\n" +
	"2,1400123457,HTX Dịch vụ Mỹ An,7,2,01/07/2021\n" +
	",Tổng cộng,,\"1.241\",\"3,5\",\n"

func TestCSVTitlesTotalsAndUnit(t *testing.T) {
	rd := open(t, "ds.csv", []byte(titledCSV))
	h := rd.Header()
	if h.Row != 5 || h.Fields[1] != "code" || h.Fields[0] != "" || h.Fields[4] != "capital" {
		t.Fatalf("header %+v", h)
	}
	if h.Units[4] != 1_000_000 {
		t.Errorf("capital unit %d, want the table's triệu đồng", h.Units[4])
	}
	rows := all(t, rd)
	if len(rows) != 2 || rows[0].N != 7 || rows[1].N != 9 {
		t.Fatalf("rows %+v", rows)
	}
	text, col, unit := rd.Cell(rows[0], "capital")
	if text != "1,5" || col != "Vốn điều lệ" || unit != 1_000_000 {
		t.Errorf("Cell = %q %q %d", text, col, unit)
	}
	want := map[SkipKind]int{SkipTitle: 3, SkipNumbers: 1, SkipBlank: 2, SkipTotals: 1}
	got := rd.Counts()
	for k, n := range want {
		if got[k] != n {
			t.Errorf("skipped %s: %d, want %d (%+v)", k, got[k], n, rd.Skipped())
		}
	}
	msg := i18n.Default().Render(i18n.Vietnamese, rd.SkippedMessage())
	if !strings.Contains(msg, "3 dòng tiêu đề") || !strings.Contains(msg, "1 dòng tổng cộng") {
		t.Errorf("report %q", msg)
	}
}

func TestCSVSemicolonBOMAndNFD(t *testing.T) {
	name := norm.NFD.String("HTX Nông nghiệp Tân Hòa")
	data := "\uFEFFMã số HTX;Tên HTX;Vốn điều lệ (nghìn đồng)\n1400123456;" + name + ";1.234,5\n"
	rd := open(t, "ds.csv", []byte(data))
	rows := all(t, rd)
	if len(rows) != 1 {
		t.Fatalf("rows %+v", rows)
	}
	if got, _, _ := rd.Cell(rows[0], "name"); got != "HTX Nông nghiệp Tân Hòa" || !norm.NFC.IsNormalString(got) {
		t.Errorf("name %q not normalised", got)
	}
	if got, _, unit := rd.Cell(rows[0], "capital"); got != "1.234,5" || unit != 1_000 {
		t.Errorf("capital %q in %d", got, unit)
	}
	if rd.Header().Texts[0] != "Mã số HTX" {
		t.Errorf("BOM kept: %q", rd.Header().Texts[0])
	}
}

func TestCSVTCVN3(t *testing.T) {
	text := "Mã số HTX,Tên HTX\n1400123456,Hợp tác xã dịch vụ nông nghiệp Tân Hòa\n1400123457,Hợp tác xã thủy sản Mỹ An của tỉnh\n"
	raw, ok := vntext.EncodeTCVN3(text)
	if !ok {
		t.Fatal("TCVN3 cannot write the sample")
	}
	rd := open(t, "ds.csv", raw)
	if rd.Encoding() != vntext.TCVN3.Name {
		t.Errorf("encoding %q", rd.Encoding())
	}
	rows := all(t, rd)
	if got, _, _ := rd.Cell(rows[1], "name"); got != "Hợp tác xã thủy sản Mỹ An của tỉnh" {
		t.Errorf("name %q", got)
	}
}

func TestBadFiles(t *testing.T) {
	bomb := zipboundtest.Zip(t, map[string]string{"[Content_Types].xml": "<Types/>"},
		zipboundtest.Bomb{Name: "xl/worksheets/sheet1.xml", Prefix: "<worksheet>", Fill: ' ', MiB: 1024, Declared: 900 << 10})
	honestBomb := zipboundtest.Zip(t, nil, zipboundtest.Bomb{Name: "xl/worksheets/sheet1.xml", Fill: ' ', MiB: 1024})
	big := make([]byte, 0)
	tests := []struct {
		name string
		data []byte
		size int64
		key  string
	}{
		{"plan.pdf.xlsx", []byte("%PDF-1.7 binary\x00\x01"), 0, KeyNotSpreadsheet},
		{"photo.csv", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0, KeyNotSpreadsheet},
		{"bomb.xlsx", bomb, 0, KeyUnpacked},
		{"bomb2.xlsx", honestBomb, 0, KeyUnpacked},
		{"old.xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0}, 0, KeyXLS},
		{"huge.csv", big, 100 << 20, KeyTooLarge},
		{"empty.csv", nil, 0, KeyEmpty},
		{"broken.xlsx", append([]byte("PK\x03\x04"), bytes.Repeat([]byte("x"), 100)...), 0, KeyDamaged},
		{"noheader.csv", []byte("a,b,c\n1,2,3\n"), 0, KeyNoHeader},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			size := int64(len(tt.data))
			var r io.ReaderAt = bytes.NewReader(tt.data)
			if tt.size > 0 {
				size, r = tt.size, zeros{}
			}
			_, err := Open(tt.name, r, size, testCatalogue, DefaultLimits())
			if KeyOf(err) != tt.key {
				t.Fatalf("err = %v, want key %s", err, tt.key)
			}
			if !strings.Contains(err.Error(), tt.name) {
				t.Errorf("message %q does not name the file", err)
			}
		})
	}
}

// zeros is a file of any size that is never read past its first bytes.
type zeros struct{}

func (zeros) ReadAt(p []byte, _ int64) (int, error) {
	clear(p)
	return len(p), nil
}

// A row wider than the limit, or a cell longer, stops the reading with
// the row named; trailing empty cells do not count.
func TestRowBounds(t *testing.T) {
	lim := DefaultLimits()
	lim.MaxColumns, lim.MaxCellBytes = 4, 20
	read := func(data string) error {
		rd, err := Open("w.csv", bytes.NewReader([]byte(data)), int64(len(data)), testCatalogue, lim)
		if err != nil {
			return err
		}
		defer rd.Close()
		for {
			if _, err := rd.Next(); err != nil {
				if errors.Is(err, io.EOF) {
					return nil
				}
				return err
			}
		}
	}
	if err := read("Mã số HTX,Tên HTX\n1,A,,,,,,\n"); err != nil {
		t.Errorf("trailing empty cells refused: %v", err)
	}
	if err := read("Mã số HTX,Tên HTX\n1,A,b,c,d\n"); KeyOf(err) != KeyTooWide || !strings.Contains(err.Error(), "dòng 2") {
		t.Errorf("wide row: %v", err)
	}
	if err := read("Mã số HTX,Tên HTX\n1," + strings.Repeat("a", 21) + "\n"); KeyOf(err) != KeyCellTooLong {
		t.Errorf("long cell: %v", err)
	}
}
