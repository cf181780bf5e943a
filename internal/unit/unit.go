// Package unit describes Vietnam's administrative units (province,
// district, commune) across the reform of 1 July 2025, when districts were
// abolished and provinces and communes merged. A unit is its level, its
// official code and its validity together, because codes were reused: old
// 10507 is Phường Cẩm Thượng (Hải Dương), new 10507 is Phường Thành Đông
// (Hải Phòng).
package unit

import (
	"time"
)

// Level is a unit's tier.
type Level string

const (
	LevelProvince Level = "province" // tỉnh, thành phố trực thuộc trung ương
	LevelDistrict Level = "district" // huyện, quận, thị xã; none after the reform
	LevelCommune  Level = "commune"  // xã, phường, thị trấn, đặc khu
)

// Levels lists the levels from the top.
func Levels() []Level { return []Level{LevelProvince, LevelDistrict, LevelCommune} }

// Valid reports whether l is a known level.
func (l Level) Valid() bool {
	for _, x := range Levels() {
		if l == x {
			return true
		}
	}
	return false
}

// CodeLen is the length of the official statistics-office code of a
// level: 2 digits for a province, 3 for a district, 5 for a commune.
func (l Level) CodeLen() int {
	switch l {
	case LevelProvince:
		return 2
	case LevelDistrict:
		return 3
	case LevelCommune:
		return 5
	}
	return 0
}

// LevelOfCode is the level a code's length names, or "" when none does.
func LevelOfCode(code string) Level {
	for _, l := range Levels() {
		if len(code) == l.CodeLen() && digits(code) {
			return l
		}
	}
	return ""
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Share says how much of an old unit went into one successor.
type Share string

const (
	ShareFull    Share = "full"    // the whole old unit went into this successor
	SharePartial Share = "partial" // a part of it did; the rest went elsewhere
)

// Valid reports whether s is a known share.
func (s Share) Valid() bool { return s == ShareFull || s == SharePartial }

// The reform's days: units of the old list end on LastOldDay, units of the
// new list start on ReformDay.
var (
	LastOldDay = time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	ReformDay  = time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
)

// Unit is one administrative unit over the days it was in force.
type Unit struct {
	ID        int64  `json:"id"`
	Level     Level  `json:"level"`
	Code      string `json:"code"`
	Name      string `json:"name"`       // full name, "Phường Cẩm Thượng"
	ShortName string `json:"short_name"` // bare name, "Cẩm Thượng"
	// ValidFrom is the first day in force, nil when it predates the
	// records; ValidTo the last, nil while still in force.
	ValidFrom *time.Time `json:"valid_from"`
	ValidTo   *time.Time `json:"valid_to"`
	ParentID  *int64     `json:"parent_id"`
}

// ValidOn reports whether the unit was in force on day d (its calendar
// date; the time of day is ignored).
func (u *Unit) ValidOn(d time.Time) bool {
	d = Day(d)
	if u.ValidFrom != nil && d.Before(*u.ValidFrom) {
		return false
	}
	return u.ValidTo == nil || !d.After(*u.ValidTo)
}

// Day is t's calendar date as UTC midnight, the form dates are stored in.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Link is a unit on the other side of the reform from another one: a
// successor of an old unit or a predecessor of a new one, with how much of
// the old unit the link carries.
type Link struct {
	Unit  Unit  `json:"unit"`
	Share Share `json:"share"`
}
