package org

import (
	"slices"
	"testing"
	"time"
)

func date(y, m, d int) *time.Time {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return &t
}

// TestResponsibleOn: the 2025 reform, dated, and a chain of two.
func TestResponsibleOn(t *testing.T) {
	tc, nn, nnmt := int64(2), int64(3), int64(4)
	dir := Directory{
		1: {ID: 1, Name: "Sở Kế hoạch và Đầu tư", ValidTo: date(2025, 2, 28), SuccessorID: &tc, SuccessorSince: date(2025, 3, 1)},
		2: {ID: 2, Name: "Sở Tài chính"},
		3: {ID: 3, Name: "Chi cục Phát triển nông thôn", ValidTo: date(2024, 6, 30), SuccessorID: &nn, SuccessorSince: date(2024, 7, 1)},
		// 3 names itself through 5's chain below; 5 passes to 4 a year later.
		5: {ID: 5, Name: "Sở NN&PTNT", ValidTo: date(2025, 2, 28), SuccessorID: &nnmt, SuccessorSince: date(2025, 3, 1)},
		4: {ID: 4, Name: "Sở Nông nghiệp và Môi trường", ValidFrom: date(2025, 3, 1)},
	}
	five := int64(5)
	c := dir[3]
	c.SuccessorID = &five
	dir[3] = c
	tests := []struct {
		name string
		id   int64
		day  time.Time
		want int64
	}{
		{"KH&ĐT before the merger", 1, *date(2025, 2, 28), 1},
		{"late on the last day", 1, time.Date(2025, 2, 28, 23, 59, 0, 0, time.UTC), 1},
		{"Sở Tài chính from 01/03/2025", 1, *date(2025, 3, 1), 2},
		{"Sở Tài chính today", 1, *date(2026, 12, 5), 2},
		{"the successor answers for itself", 2, *date(2020, 1, 1), 2},
		{"first link only", 3, *date(2024, 12, 31), 5},
		{"down the chain", 3, *date(2025, 3, 1), 4},
		{"before any link", 3, *date(2024, 6, 30), 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := dir.ResponsibleOn(tt.id, tt.day)
			if !ok || got.ID != tt.want {
				t.Errorf("got %d (%s) ok=%v, want %d", got.ID, got.Name, ok, tt.want)
			}
		})
	}
	if _, ok := dir.ResponsibleOn(99, *date(2025, 1, 1)); ok {
		t.Error("an unknown agency was found")
	}
	// A hand-made cycle ends the walk rather than looping.
	one := int64(1)
	loop := Directory{1: {ID: 1, SuccessorID: &one, SuccessorSince: date(2000, 1, 1)}}
	if a, ok := loop.ResponsibleOn(1, *date(2025, 1, 1)); !ok || a.ID != 1 {
		t.Errorf("cycle: %v %v", a, ok)
	}
}

func TestActiveDuring(t *testing.T) {
	a := Agency{ValidFrom: date(2025, 3, 1), ValidTo: date(2025, 12, 31)}
	tests := []struct {
		start, end *time.Time
		want       bool
	}{
		{date(2024, 12, 15), date(2025, 2, 28), false},
		{date(2024, 12, 15), date(2025, 3, 1), true},
		{date(2025, 12, 31), date(2026, 1, 14), true},
		{date(2026, 1, 1), date(2026, 1, 14), false},
	}
	for _, tt := range tests {
		if got := a.ActiveDuring(*tt.start, *tt.end); got != tt.want {
			t.Errorf("%s–%s: %v, want %v", tt.start.Format(time.DateOnly), tt.end.Format(time.DateOnly), got, tt.want)
		}
	}
	if open := (Agency{}); !open.ActiveDuring(*date(1990, 1, 1), *date(1990, 1, 2)) {
		t.Error("an agency without dates is always active")
	}
}

// TestSuccessorsOn: the agencies a duty had passed to by a day, each step
// from its own date; none before the first, and no loop on a cycle.
func TestSuccessorsOn(t *testing.T) {
	b, c := int64(2), int64(3)
	dir := Directory{
		1: {ID: 1, Name: "Chi cục", SuccessorID: &b, SuccessorSince: date(2024, 7, 1)},
		2: {ID: 2, Name: "Sở Kế hoạch và Đầu tư", SuccessorID: &c, SuccessorSince: date(2025, 3, 1)},
		3: {ID: 3, Name: "Sở Tài chính"},
		4: {ID: 4, Name: "Sở không ngày", SuccessorID: &c},
	}
	tests := []struct {
		name string
		id   int64
		day  time.Time
		want []int64
	}{
		{"before any step", 1, *date(2024, 6, 30), nil},
		{"the first step", 1, *date(2024, 7, 1), []int64{2}},
		{"the day before the second", 2, time.Date(2025, 2, 28, 23, 59, 0, 0, time.UTC), nil},
		{"the second step's day", 2, *date(2025, 3, 1), []int64{3}},
		{"down the whole chain", 1, *date(2026, 1, 1), []int64{2, 3}},
		{"an agency without successor", 3, *date(2026, 1, 1), nil},
		{"a step without a date", 4, *date(2026, 1, 1), nil},
		{"unknown", 9, *date(2026, 1, 1), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dir.SuccessorsOn(tt.id, tt.day); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	one := int64(1)
	loop := Directory{1: {ID: 1, SuccessorID: &one, SuccessorSince: date(2000, 1, 1)}}
	if got := loop.SuccessorsOn(1, *date(2025, 1, 1)); len(got) > maxSuccession {
		t.Errorf("cycle: %d steps", len(got))
	}
}
