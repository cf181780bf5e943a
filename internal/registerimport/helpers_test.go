package registerimport

import (
	"testing"

	"github.com/hoptac/hoptac/internal/sheet"
	"github.com/hoptac/hoptac/internal/zipbound/zipboundtest"
)

func sheetLimits() sheet.Limits { return sheet.DefaultLimits() }

// bomb is a zip bomb named like a workbook's sheet: a member whose header
// claims under a megabyte and that unpacks to a gigabyte.
func bomb(t *testing.T) []byte {
	return zipboundtest.Zip(t, map[string]string{"[Content_Types].xml": "<Types/>"},
		zipboundtest.Bomb{Name: "xl/worksheets/sheet1.xml", Prefix: "<worksheet>", Fill: ' ', MiB: 1024, Declared: 900 << 10})
}
