package sheet

import (
	"errors"

	"github.com/hoptac/hoptac/internal/i18n"
)

// Message keys of the errors this package returns. A file-level error is
// an *i18n.Error with one of the Key… keys; a cell parser's error is an
// *i18n.Error with one of the Cell… keys, which the caller places at its
// row and column (see CellError).
const (
	KeyTooLarge       = "sheet.error.too_large"
	KeyNotSpreadsheet = "sheet.error.not_spreadsheet"
	KeyXLS            = "sheet.error.xls"
	KeyUnpacked       = "sheet.error.unpacked"
	KeyDamaged        = "sheet.error.damaged"
	KeyEmpty          = "sheet.error.empty"
	KeyNoHeader       = "sheet.error.no_header"
	KeyEncoding       = "sheet.error.encoding"
	KeyTooWide        = "sheet.error.too_wide"
	KeyCellTooLong    = "sheet.error.cell_too_long"
	KeyCSV            = "sheet.error.csv"
	KeyMappingColumn  = "sheet.error.mapping_column"
	KeyMappingTwice   = "sheet.error.mapping_twice"
	KeyMappingField   = "sheet.error.mapping_field"

	KeyCellNumber     = "sheet.cell.number"
	KeyCellInteger    = "sheet.cell.integer"
	KeyCellOverflow   = "sheet.cell.overflow"
	KeyCellDate       = "sheet.cell.date"
	KeyCellSerial     = "sheet.cell.serial"
	KeyCellDigits     = "sheet.cell.digits"
	KeyCellDigitsLost = "sheet.cell.digits_lost"
)

// CellError is a value that could not be read, at its row (1-based, as
// the spreadsheet shows it) and column (the header's text as the file
// writes it).
type CellError struct {
	Row    int
	Column string
	Key    string
	Args   []any
}

func (e *CellError) Error() string { return e.In(i18n.Vietnamese) }

// In returns the error's text in lang: "Dòng 12, cột «Mã số HTX»: …".
func (e *CellError) In(lang string) string {
	return i18n.Default().Render(lang, i18n.M(keyAt, e.Row, e.Column, i18n.M(e.Key, e.Args...)))
}

const keyAt = "sheet.error.at"

// AtCell places a cell parser's error at a row and column; other errors
// are returned as they are.
func AtCell(err error, row int, column string) error {
	var ie *i18n.Error
	if errors.As(err, &ie) {
		return &CellError{Row: row, Column: column, Key: ie.Key, Args: ie.Args}
	}
	return err
}

// KeyOf returns the message key of an error of this package, "" for
// another error.
func KeyOf(err error) string {
	var ce *CellError
	if errors.As(err, &ce) {
		return ce.Key
	}
	var ie *i18n.Error
	if errors.As(err, &ie) {
		return ie.Key
	}
	return ""
}

func cellErr(key string, args ...any) error { return i18n.Errorf(nil, key, args...) }
