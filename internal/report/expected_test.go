package report

import (
	"slices"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/org"
)

// province: KH&ĐT (1) merges into Sở Tài chính (2) on 01/03/2025, in the
// middle of the first quarter; Sở Công Thương (3) goes on; a board (4)
// starts in 2026; a committee (5) closed in 2024 without successor; the
// districts' designation (6) has members 7 and 8, and 8 merges into 9 on
// 01/02/2025.
func province() (org.Directory, map[int64][]int64) {
	id := func(n int64) *int64 { return &n }
	dir := org.Directory{
		1:  {ID: 1, Name: "Sở Kế hoạch và Đầu tư", ValidTo: ptr(d(2025, 2, 28)), SuccessorID: id(2), SuccessorSince: ptr(d(2025, 3, 1))},
		2:  {ID: 2, Name: "Sở Tài chính"},
		3:  {ID: 3, Name: "Sở Công Thương"},
		4:  {ID: 4, Name: "Ban mới", ValidFrom: ptr(d(2026, 1, 1))},
		5:  {ID: 5, Name: "Ban cũ", ValidTo: ptr(d(2024, 6, 30))},
		6:  {ID: 6, Name: "UBND các huyện, thị xã, thành phố", Collective: true},
		7:  {ID: 7, Name: "UBND huyện A"},
		8:  {ID: 8, Name: "UBND huyện B", ValidTo: ptr(d(2025, 1, 31)), SuccessorID: id(9), SuccessorSince: ptr(d(2025, 2, 1))},
		9:  {ID: 9, Name: "UBND huyện C", ValidFrom: ptr(d(2025, 2, 1))},
		10: {ID: 10, Name: "Các Sở, ngành, đơn vị có liên quan", Collective: true},
	}
	return dir, map[int64][]int64{6: {7, 8}}
}

func TestExpect(t *testing.T) {
	dir, members := province()
	q1 := NewSchedule(Quarterly).Window(Period{Quarterly, 2025, 1})
	q4 := NewSchedule(Quarterly).Window(Period{Quarterly, 2024, 4})
	tests := []struct {
		name     string
		assigned []int64
		w        Window
		want     map[int64][]int64 // agency -> covers
		from     map[int64]time.Time
	}{
		{"merger mid-period hands over to the successor", []int64{1, 3}, q1,
			map[int64][]int64{2: {1, 2}, 3: {3}}, map[int64]time.Time{2: d(2025, 3, 1), 3: q1.Start}},
		{"predecessor and successor both assigned count once", []int64{1, 2}, q1,
			map[int64][]int64{2: {1, 2}}, nil},
		{"before the merger the old department reports", []int64{1}, q4,
			map[int64][]int64{1: {1}}, map[int64]time.Time{1: q4.Start}},
		{"not yet existing and closed agencies are not expected", []int64{4, 5}, q1, map[int64][]int64{}, nil},
		{"designation expands to members, through their merger", []int64{6}, q1,
			map[int64][]int64{7: {7}, 9: {8, 9}}, map[int64]time.Time{9: d(2025, 2, 1)}},
		{"designation without members stays, so the gap shows", []int64{10}, q1,
			map[int64][]int64{10: {10}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Expect(dir, members, tt.assigned, tt.w)
			if len(got) != len(tt.want) {
				t.Fatalf("expected %+v, want %v", got, tt.want)
			}
			for _, e := range got {
				if !slices.Equal(e.Covers, tt.want[e.AgencyID]) {
					t.Errorf("agency %d covers %v, want %v", e.AgencyID, e.Covers, tt.want[e.AgencyID])
				}
				if from, ok := tt.from[e.AgencyID]; ok && !e.From.Equal(from) {
					t.Errorf("agency %d from %s, want %s", e.AgencyID, e.From.Format(time.DateOnly), from.Format(time.DateOnly))
				}
			}
		})
	}
}

// TestTallyAcrossAMerger: KH&ĐT sent its report in February, Sở Tài chính
// its own in March; the quarter expected one report from them, so the
// rates stay at 100%, not 150%.
func TestTallyAcrossAMerger(t *testing.T) {
	dir, members := province()
	s := NewSchedule(Quarterly)
	p := Period{Quarterly, 2025, 1}
	exp := Expect(dir, members, []int64{1, 2, 3}, s.Window(p))
	due := s.DueOn(p)
	sent := map[int64]time.Time{
		1: time.Date(2025, 2, 20, 3, 0, 0, 0, time.UTC),
		2: time.Date(2025, 3, 10, 3, 0, 0, 0, time.UTC),
		3: time.Date(2025, 3, 18, 3, 0, 0, 0, time.UTC),
	}
	rows, rates := Tally(exp, sent, due)
	if rates.Expected != 2 || rates.ReportingRate() != 100 || rates.OnTimeRate() != 100 {
		t.Fatalf("rates %+v: %v%% / %v%%, want 2 expected, 100%% / 100%%", rates, rates.ReportingRate(), rates.OnTimeRate())
	}
	if rows[0].AgencyID != 2 || rows[0].By != 1 {
		t.Errorf("row %+v: Sở Tài chính's expectation should be met by KH&ĐT's earlier report", rows[0])
	}
	// Sở Công Thương late, Sở Tài chính missing.
	delete(sent, 1)
	delete(sent, 2)
	sent[3] = time.Date(2025, 3, 25, 3, 0, 0, 0, time.UTC)
	rows, rates = Tally(exp, sent, due)
	if rates.ReportingRate() != 50 || rates.OnTimeRate() != 0 || rates.Missing() != 1 {
		t.Errorf("rates %+v: %v%% / %v%%", rates, rates.ReportingRate(), rates.OnTimeRate())
	}
	if rows[0].SentAt != nil || rows[1].OnTime {
		t.Errorf("rows %+v", rows)
	}
}
