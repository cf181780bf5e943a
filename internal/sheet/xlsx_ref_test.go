package sheet

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"
)

// refRows is what the reader before the sheet's own XML reader returned:
// excelize's row iterator with raw values, rows numbered by count. The
// reader of xlsx.go must return exactly this for any workbook excelize
// reads.
func refRows(t testing.TB, data []byte) ([][]string, error) {
	t.Helper()
	return refRowsMax(t, data, -1)
}

func refRowsMax(t testing.TB, data []byte, limit int) ([][]string, error) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, errors.New("no sheet")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	var out [][]string
	for rows.Next() {
		if len(out) == limit {
			return nil, errTooMany
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		out = append(out, cells)
	}
	return out, rows.Error()
}

// ownRows reads every row through xlsxSource, checking the numbering.
func ownRows(t testing.TB, data []byte) ([][]string, error) {
	t.Helper()
	return ownRowsMax(t, data, -1)
}

// ownRowsMax stops after limit rows (none when negative) with errTooMany.
func ownRowsMax(t testing.TB, data []byte, limit int) ([][]string, error) {
	t.Helper()
	s, err := newXLSX("t.xlsx", bytes.NewReader(data), int64(len(data)), DefaultLimits())
	if err != nil {
		return nil, err
	}
	defer func() { _ = s.close() }()
	var out [][]string
	for {
		cells, n, err := s.next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if len(out) == limit {
			return nil, errTooMany
		}
		if n != len(out)+1 {
			t.Fatalf("row numbered %d after %d rows", n, len(out))
		}
		out = append(out, cells)
	}
}

var errTooMany = errors.New("too many rows")

// sameRows compares row lists, an empty row and a nil one alike.
func sameRows(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) == 0 && len(b[i]) == 0 {
			continue
		}
		if !reflect.DeepEqual(a[i], b[i]) {
			return false
		}
	}
	return true
}

func diffRows(t *testing.T, data []byte) {
	t.Helper()
	want, err := refRows(t, data)
	if err != nil {
		t.Fatalf("excelize: %v", err)
	}
	got, err := ownRows(t, data)
	if err != nil {
		t.Fatalf("own reader: %v", err)
	}
	if !sameRows(got, want) {
		t.Errorf("rows differ\n got %q\nwant %q", got, want)
	}
	if len(want) == 0 {
		t.Error("the workbook read as no rows: the comparison proves nothing")
	}
}
