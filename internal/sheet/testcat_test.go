package sheet

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// testCatalogue is a small register-like catalogue for this package's
// tests; the register's own is in registerimport.
var testCatalogue = Catalogue{
	{Field: "code", Aliases: []string{"Mã số HTX", "Mã số đăng ký", "MST"}},
	{Field: "name", Aliases: []string{"Tên HTX", "Tên tổ chức"}},
	{Field: "members", Aliases: []string{"Số thành viên"}},
	{Field: "capital", Aliases: []string{"Vốn điều lệ"}, Money: true},
	{Field: "founded", Aliases: []string{"Ngày thành lập"}},
}

func open(t *testing.T, name string, data []byte) *Reader {
	t.Helper()
	rd, err := Open(name, bytes.NewReader(data), int64(len(data)), testCatalogue, DefaultLimits())
	if err != nil {
		t.Fatalf("Open(%s): %v", name, err)
	}
	t.Cleanup(func() { _ = rd.Close() })
	return rd
}

// all reads every data row.
func all(t *testing.T, rd *Reader) []Row {
	t.Helper()
	var rows []Row
	for {
		r, err := rd.Next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return rows
			}
			t.Fatalf("Next: %v", err)
		}
		rows = append(rows, r)
	}
}
