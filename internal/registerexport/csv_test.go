package registerexport

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/sheet"
	"github.com/hoptac/hoptac/internal/store"
)

// The .csv a province opens in Excel: a UTF-8 byte order mark so the
// diacritics survive, Vietnamese words, money and counts written the
// Vietnamese way (1.234.567) that the register import reads back, years
// as years.
func TestCSV(t *testing.T) {
	src := source(1203)
	var buf bytes.Buffer
	if n, err := Write(context.Background(), &buf, src, store.OrganisationFilter{Year: 2025}, CSV, tr(t)); err != nil || n != 1203 {
		t.Fatal(n, err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\xEF\xBB\xBF")) {
		t.Fatal("no UTF-8 byte order mark: Excel would garble the diacritics")
	}
	recs, err := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// Every organisation across the pages, once, after the header.
	if len(recs) != 1204 || src.pages != 3 {
		t.Fatalf("%d records over %d pages, want 1204 over 3", len(recs), src.pages)
	}
	if recs[0][0] != "Mã số đăng ký" || recs[0][12] != "Năm" {
		t.Errorf("header: %v", recs[0])
	}
	first := strings.Join(recs[1], "|")
	for _, want := range []string{"0800000000-001|Hợp tác xã Đồng Tâm 1|", "|Hợp tác xã|Nông, lâm", "|2023|Đang hoạt động|",
		"|2025|10|", "|1.234.567.000|-5.000.000|", "|Tốt|Có|"} {
		if !strings.Contains(first, want) {
			t.Errorf("first row lacks %q: %s", want, first)
		}
	}
	for col, want := range map[int]int64{13: 10, 18: 1_234_567_000, 19: -5_000_000} {
		if got, err := sheet.ParseInt(recs[1][col], sheet.Vietnamese); err != nil || got != want {
			t.Errorf("column %s reads back as %d (%v), want %d", recs[0][col], got, err, want)
		}
	}
	// Without figures that year the year stays and the figures are empty.
	if recs[2][12] != "2025" || recs[2][13] != "" || len(recs[2]) != len(recs[0]) {
		t.Errorf("a row without figures: %v", recs[2])
	}
	var plain bytes.Buffer
	if _, err := Write(context.Background(), &plain, source(2), store.OrganisationFilter{}, CSV, tr(t)); err != nil {
		t.Fatal(err)
	}
	if recs, err := csv.NewReader(&plain).ReadAll(); err != nil || len(recs[0]) != len(orgColumns) {
		t.Errorf("without a year the figures' columns are not there: %v %v", recs, err)
	}
}
