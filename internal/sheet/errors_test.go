package sheet

import (
	"errors"
	"testing"

	"github.com/hoptac/hoptac/internal/i18n"
)

func TestCellError(t *testing.T) {
	_, err := ParseInt("abc", Vietnamese)
	ce := AtCell(err, 12, "Số thành viên")
	if got := ce.Error(); got != "Dòng 12, cột «Số thành viên»: «abc» không phải là số." {
		t.Errorf("vi: %q", got)
	}
	var c *CellError
	if !errors.As(ce, &c) || c.In(i18n.English) != "Row 12, column “Số thành viên”: “abc” is not a number." {
		t.Errorf("en: %v", ce)
	}
}

// AtCell leaves an error that is not a parser's as it is.
func TestAtCellOther(t *testing.T) {
	other := errors.New("disk")
	if AtCell(other, 1, "x") != other || KeyOf(other) != "" {
		t.Error("a foreign error was changed")
	}
}
