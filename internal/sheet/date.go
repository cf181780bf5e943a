package sheet

import (
	"strings"
	"time"
)

// Excel serial dates counted here: days since 30/12/1899 (which absorbs
// Excel's fictitious 29/02/1900). Only serials from 1/1/1950 to 31/12/2100
// are read as dates: a register holds no other dates, and a smaller number
// in a date column is far likelier a year or a typing slip ("2020" is
// 12/07/1905 as a serial) than a date.
var (
	excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	minSerial  = serialOf(time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC))
	maxSerial  = serialOf(time.Date(2100, 12, 31, 0, 0, 0, 0, time.UTC))
)

func serialOf(t time.Time) int64 { return int64(t.Sub(excelEpoch).Hours() / 24) }

// ParseDate reads a date written dd/mm/yyyy (or with "-" or "."; day and
// month may have one digit), yyyy-mm-dd, or an Excel serial (a date cell
// of an .xlsx, or a CSV column Excel wrote as numbers). Two-digit years
// are refused: "01/02/03" has no one reading. The time of day a serial
// may carry (45123.5) is dropped.
func ParseDate(s string) (time.Time, error) {
	t := strings.TrimSpace(s)
	if t == "" || len(t) > 32 {
		return time.Time{}, cellErr(KeyCellDate, s)
	}
	if allDigits(strings.Replace(t, ".", "", 1)) && !strings.Contains(t, "/") && !strings.Contains(t, "-") {
		whole, _, _ := strings.Cut(t, ".")
		if len(whole) > 7 {
			return time.Time{}, cellErr(KeyCellSerial, s)
		}
		n := int64(0)
		for i := 0; i < len(whole); i++ {
			n = n*10 + int64(whole[i]-'0')
		}
		if n < minSerial || n > maxSerial {
			return time.Time{}, cellErr(KeyCellSerial, s)
		}
		return excelEpoch.AddDate(0, 0, int(n)), nil
	}
	var parts []string
	for _, sep := range []string{"/", "-", "."} {
		if strings.Count(t, sep) == 2 {
			parts = strings.Split(t, sep)
			break
		}
	}
	if len(parts) != 3 {
		return time.Time{}, cellErr(KeyCellDate, s)
	}
	// A date cell Excel formats with a time keeps it after a space.
	if i := strings.IndexByte(parts[2], ' '); i > 0 {
		parts[2] = parts[2][:i]
	}
	d, m, y := parts[0], parts[1], parts[2]
	if len(d) == 4 { // yyyy-mm-dd
		d, y = y, d
	}
	if !allDigits(d) || !allDigits(m) || !allDigits(y) || len(d) > 2 || len(m) > 2 || len(y) != 4 {
		return time.Time{}, cellErr(KeyCellDate, s)
	}
	day, month, year := atoi(d), atoi(m), atoi(y)
	date := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if date.Day() != day || int(date.Month()) != month || year < 1900 {
		return time.Time{}, cellErr(KeyCellDate, s) // 31/02, 00/01
	}
	return date, nil
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
