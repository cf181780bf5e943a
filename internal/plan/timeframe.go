package plan

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/vntext"
)

// TimeframeKind says how a task's timeframe was written, so the UI can
// show it in the plan's own terms rather than as bare dates.
type TimeframeKind string

const (
	TimeframeOngoing TimeframeKind = "ongoing" // "Thường xuyên"
	TimeframeYear    TimeframeKind = "year"    // "2020", "Năm 2020"
	TimeframeRange   TimeframeKind = "range"   // "2020-2025", "2020 – 2025", "giai đoạn 2021 - 2025"
	TimeframeQuarter TimeframeKind = "quarter" // "Quý II/2018", "quý 2/2018", "Quý II năm 2018"
	TimeframeDate    TimeframeKind = "date"    // "trước ngày 30/12", "30/6/2025", "Tháng 6/2025" (last day of month)
	TimeframeText    TimeframeKind = "text"    // anything else, kept as written and flagged
)

// Valid reports whether k is one of the known kinds; values read back from
// the database or an API request must be checked.
func (k TimeframeKind) Valid() bool {
	switch k {
	case TimeframeOngoing, TimeframeYear, TimeframeRange, TimeframeQuarter, TimeframeDate, TimeframeText:
		return true
	}
	return false
}

// Timeframe is when a task is due, as written in the plan and as dates.
type Timeframe struct {
	Kind  TimeframeKind `json:"kind"`
	Start *time.Time    `json:"start"` // nil when the text gives none (date kind, ongoing, text)
	Due   *time.Time    `json:"due"`   // nil for ongoing and text
	Text  string        `json:"text"`  // the original text, NFC, trimmed
}

// Years outside this window are almost surely typos or other numbers.
const (
	minTimeframeYear = 1900
	maxTimeframeYear = 2100
)

// Patterns run on folded text (lower-case, no diacritics, đ→d, single
// spaces, dashReplacer unified, no spaces around '-' and '/'), so each one
// covers every way of typing the same phrase.
var (
	tfYearRE    = regexp.MustCompile(`^(?:nam )?(\d{4})$`)
	tfRangeRE   = regexp.MustCompile(`^(?:(?:giai doan|nam|tu nam|tu) )?(\d{4})(?:-| den (?:nam )?)(\d{4})$`)
	tfQuarterRE = regexp.MustCompile(`^(?:trong )?quy (iv|iii|ii|i|[1-4])(?:(?:/|-| nam )(\d{4}))?$`)
	tfDateRE    = regexp.MustCompile(`^(?:(?:truoc|truoc ngay|ngay|den ngay|han|han chot) )?(\d{1,2})([/-])(\d{1,2})(?:[/-](\d{4}))?$`)
	tfDateVNRE  = regexp.MustCompile(`^(?:(?:truoc|den) )?ngay (\d{1,2}) thang (\d{1,2})(?: nam (\d{4}))?$`)
	tfMonthRE   = regexp.MustCompile(`^(?:(?:truoc|trong|den|cuoi) )?(?:thang )?(\d{1,2})(?:/| nam )(\d{4})$`)
	tfSepRE     = regexp.MustCompile(` ?([-/]) ?`)
)

// dashReplacer unifies the dashes people type, or Word substitutes, in
// ranges and dates.
var dashReplacer = strings.NewReplacer("–", "-", "—", "-", "‐", "-", "‑", "-", "−", "-")

var quarterNumbers = map[string]int{"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

// ParseTimeframe reads a timeframe as written in a plan. defaultYear fills
// in dates and quarters written without a year ("trước ngày 30/12",
// "Quý II"), which plans use for their own year; 0 means unknown and such
// text stays kind text. Anything not understood is kept as kind text, so
// nothing typed is lost and it can be flagged for review.
func ParseTimeframe(s string, defaultYear int) Timeframe {
	text := strings.TrimSpace(vntext.Normalize(s))
	tf := Timeframe{Kind: TimeframeText, Text: text}

	f := vntext.Fold(dashReplacer.Replace(text))
	f = strings.TrimSpace(strings.TrimRight(f, ".;,:"))
	f = tfSepRE.ReplaceAllString(f, "$1")

	if f == "thuong xuyen" {
		tf.Kind = TimeframeOngoing
	} else if m := tfYearRE.FindStringSubmatch(f); m != nil {
		if y, ok := parseYear(m[1]); ok {
			tf.Kind, tf.Start, tf.Due = TimeframeYear, utcDate(y, 1, 1), utcDate(y, 12, 31)
		}
	} else if m := tfRangeRE.FindStringSubmatch(f); m != nil {
		y1, ok1 := parseYear(m[1])
		y2, ok2 := parseYear(m[2])
		if ok1 && ok2 && y2 >= y1 {
			tf.Kind, tf.Start, tf.Due = TimeframeRange, utcDate(y1, 1, 1), utcDate(y2, 12, 31)
		}
	} else if m := tfQuarterRE.FindStringSubmatch(f); m != nil {
		if y, ok := parseYearOr(m[2], defaultYear); ok {
			first := time.Month(3*quarterNumbers[m[1]] - 2)
			tf.Kind, tf.Start, tf.Due = TimeframeQuarter, utcDate(y, first, 1), lastOfMonth(y, first+2)
		}
	} else if m := tfDateRE.FindStringSubmatch(f); m != nil {
		// "30-6" without a year reads as a range as often as a date.
		if m[2] != "-" || m[4] != "" {
			tf.setDate(m[1], m[3], m[4], defaultYear)
		}
	} else if m := tfDateVNRE.FindStringSubmatch(f); m != nil {
		tf.setDate(m[1], m[2], m[3], defaultYear)
	} else if m := tfMonthRE.FindStringSubmatch(f); m != nil {
		mo, _ := strconv.Atoi(m[1])
		if y, ok := parseYear(m[2]); ok && mo >= 1 && mo <= 12 {
			tf.Kind, tf.Due = TimeframeDate, lastOfMonth(y, time.Month(mo))
		}
	}
	return tf
}

// setDate makes tf a date-kind timeframe when day/month/year form a real
// calendar date; otherwise tf stays text.
func (tf *Timeframe) setDate(day, month, yr string, defaultYear int) {
	d, _ := strconv.Atoi(day)
	mo, _ := strconv.Atoi(month)
	y, ok := parseYearOr(yr, defaultYear)
	if !ok || mo < 1 || mo > 12 || d < 1 || d > lastOfMonth(y, time.Month(mo)).Day() {
		return
	}
	tf.Kind, tf.Due = TimeframeDate, utcDate(y, time.Month(mo), d)
}

// parseYear parses a four-digit year inside the accepted window.
func parseYear(s string) (int, bool) {
	y, err := strconv.Atoi(s)
	return y, err == nil && y >= minTimeframeYear && y <= maxTimeframeYear
}

// parseYearOr falls back to def when the text has no year.
func parseYearOr(s string, def int) (int, bool) {
	if s == "" {
		return def, def >= minTimeframeYear && def <= maxTimeframeYear
	}
	return parseYear(s)
}

// utcDate returns a civil date as UTC midnight, the form stored everywhere,
// so comparisons never depend on a server's time zone.
func utcDate(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

// lastOfMonth uses day 0 of the next month, which time.Date normalizes.
func lastOfMonth(y int, m time.Month) *time.Time {
	return utcDate(y, m+1, 0)
}
