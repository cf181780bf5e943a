package registerimport

import (
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/sheet"
)

// Header finds the header under title rows and maps what the catalogue
// knows, leaving an unknown column unmapped; a file that is no
// spreadsheet is its error.
func TestHeader(t *testing.T) {
	csv := "DANH SÁCH HTX,,\n,,\nMã số HTX,Danh xưng,Mã xã\n0800123456,HTX A,10507\n"
	h, err := Header("a.csv", strings.NewReader(csv), int64(len(csv)), sheet.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if h.Row != 3 || strings.Join(h.Texts, "|") != "Mã số HTX|Danh xưng|Mã xã" || strings.Join(h.Fields, "|") != "code||commune_code" {
		t.Errorf("header = %+v", h)
	}
	for _, tt := range []struct{ name, data, want string }{
		{"zip bomb", string(bomb(t)), sheet.KeyUnpacked},
		{"binary", "\x00\x01\x02\x03PNG\x00\x00", sheet.KeyNotSpreadsheet},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Header("x.xlsx", strings.NewReader(tt.data), int64(len(tt.data)), sheet.Limits{})
			if sheet.KeyOf(err) != tt.want {
				t.Errorf("error %v, want key %s", err, tt.want)
			}
		})
	}
}
