package registerexport

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/xuri/excelize/v2"
)

// fakeSource pages through a fixed list as the store does.
type fakeSource struct {
	orgs  []coop.Organisation
	figs  map[int64]coop.YearFigures
	pages int
}

func (s *fakeSource) OrganisationsAfter(_ context.Context, _ store.OrganisationFilter, cur store.OrgCursor, limit int) ([]coop.Organisation, store.OrgCursor, error) {
	s.pages++
	from := 0
	for from < len(s.orgs) && cur.ID != 0 && s.orgs[from].ID <= cur.ID {
		from++
	}
	page := s.orgs[from:min(from+limit, len(s.orgs))]
	if len(page) > 0 {
		cur.ID = page[len(page)-1].ID
	}
	return page, cur, nil
}

func (s *fakeSource) FiguresOfYear(_ context.Context, ids []int64, year int) (map[int64]coop.YearFigures, error) {
	out := map[int64]coop.YearFigures{}
	for _, id := range ids {
		if f, ok := s.figs[id]; ok && f.Year == year {
			out[id] = f
		}
	}
	return out, nil
}

// source holds n organisations; the first has figures of 2025.
func source(n int) *fakeSource {
	s := &fakeSource{figs: map[int64]coop.YearFigures{}}
	for i := range n {
		s.orgs = append(s.orgs, coop.Organisation{ID: int64(i + 1), Code: fmt.Sprintf("%010d", 800000000+i),
			Name: fmt.Sprintf("Hợp tác xã Đồng Tâm %d", i+1), Form: coop.FormHTX, Sector: coop.SectorAgriculture,
			CommuneCode: "10507", Law: 2023, Status: coop.StatusActive})
	}
	s.orgs[0].Code = "0800000000-001"
	s.figs[1] = coop.YearFigures{OrganisationID: 1, Year: 2025, MembersIndividual: 7, MembersHousehold: 3,
		Revenue: 1_234_567_000, Profit: -5_000_000, Rating: coop.RatingGood, Exemplary: true}
	return s
}

func tr(t *testing.T) Translate {
	b, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return func(key string, args ...any) string { return b.T("vi", key, args...) }
}

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
		"|2025|10|", "|1234567000|-5000000|", "|Tốt|Có|"} {
		if !strings.Contains(first, want) {
			t.Errorf("first row lacks %q: %s", want, first)
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

func writeXLSX(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Write(context.Background(), &buf, source(3), store.OrganisationFilter{Year: 2025}, XLSX, tr(t)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestXLSX(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(writeXLSX(t)))
	if err != nil {
		t.Fatalf("the workbook does not reopen: %v", err)
	}
	defer func() { _ = f.Close() }()
	rows, err := f.GetRows(sheetName)
	if err != nil || len(rows) != 4 || rows[1][1] != "Hợp tác xã Đồng Tâm 1" {
		t.Fatalf("rows %v, %v", rows, err)
	}
	for _, c := range []struct {
		cell string
		typ  excelize.CellType
		raw  string
	}{
		{"A3", excelize.CellTypeSharedString, "0800000001"}, // a code, with its leading zero, as text
		{"I2", excelize.CellTypeUnset, "2023"},              // numbers as numbers
		{"S2", excelize.CellTypeUnset, "1234567000"},
		{"T2", excelize.CellTypeUnset, "-5000000"},
	} {
		typ, err := f.GetCellType(sheetName, c.cell)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := f.GetCellValue(sheetName, c.cell, excelize.Options{RawCellValue: true})
		if raw != c.raw || (typ != c.typ && !(c.typ == excelize.CellTypeSharedString && typ == excelize.CellTypeInlineString)) {
			t.Errorf("%s: %q of type %v, want %q of type %v", c.cell, raw, typ, c.raw, c.typ)
		}
	}
}

// LibreOffice opens the workbook and converts it: what a province's
// office suite does with the file.
func TestXLSXOpensInLibreOffice(t *testing.T) {
	got := apptest.LibreOffice(t, "register.xlsx", writeXLSX(t), "csv:Text - txt - csv (StarCalc):44,34,76")
	for _, want := range []string{"Hợp tác xã Đồng Tâm 1", "0800000001", "1234567000"} {
		if !strings.Contains(strings.NewReplacer(".", "", ",", "").Replace(string(got)), want) {
			t.Errorf("LibreOffice's reading lacks %q:\n%s", want, got)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"": CSV, "csv": CSV, "XLSX": XLSX} {
		if f, err := ParseFormat(in); err != nil || f != want {
			t.Errorf("%q: %v %v", in, f, err)
		}
	}
	if _, err := ParseFormat("ods"); err == nil {
		t.Error("ods accepted")
	}
}
