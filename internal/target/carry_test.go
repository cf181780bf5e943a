package target

import (
	"testing"

	"github.com/hoptac/hoptac/internal/plan"
)

func TestCarry(t *testing.T) {
	t.Parallel()
	idx := func(i int) *int { return &i }
	id := func(i int64) *int64 { return &i }
	old := []plan.Target{
		{ID: 10, Text: "Trên 50% cán bộ quản lý hợp tác xã được đào tạo"},
		{ID: 11, Text: "trong đó 70% có trình độ cao đẳng trở lên", ParentID: id(10)},
		{ID: 12, Text: "Xây dựng 10 hợp tác xã điển hình tiên tiến"},
		{ID: 13, Text: "Kinh tế tập thể đóng góp 1,0 - 1,2% GRDP"},
		{ID: 14, Text: "Không có liên kết"},
	}
	links := map[int64]Link{10: {TargetID: 10, Indicator: "a"}, 11: {TargetID: 11, Indicator: "b"},
		12: {TargetID: 12, Indicator: "c"}, 13: {TargetID: 13, Indicator: "d"}}
	next := []plan.Target{
		{Text: "Kinh tế tập thể đóng góp 1,5% GRDP"},               // reworded: its link is lost
		{Text: "TRÊN 50%  cán bộ quản lý hợp tác xã được đào tạo"}, // case and spacing only
		{Text: "trong đó 70% có trình độ cao đẳng trở lên", Parent: idx(1)},
		{Text: "Xây dựng 10 hợp tác xã điển hình tiên tiến"},
		{Text: "Không có liên kết"},
	}
	c := Carry(old, links, next)
	want := map[int]string{1: "a", 2: "b", 3: "c"}
	if len(c.Kept) != len(want) {
		t.Errorf("kept %v, want %v", c.Kept, want)
	}
	for i, ind := range want {
		if c.Kept[i].Indicator != ind {
			t.Errorf("new target %d: link %+v, want indicator %s", i, c.Kept[i], ind)
		}
	}
	if len(c.Lost) != 1 || c.Lost[0].ID != 13 {
		t.Errorf("lost %+v, want target 13 alone", c.Lost)
	}

	t.Run("a nested target under another parent is another target", func(t *testing.T) {
		moved := []plan.Target{{Text: "Xây dựng 10 hợp tác xã điển hình tiên tiến"},
			{Text: "trong đó 70% có trình độ cao đẳng trở lên", Parent: idx(0)}}
		c := Carry(old[:2], links, moved)
		if len(c.Kept) != 0 || len(c.Lost) != 2 {
			t.Errorf("kept %v lost %+v, want both lost", c.Kept, c.Lost)
		}
	})
	t.Run("repeated words keep both links in order", func(t *testing.T) {
		twice := []plan.Target{{ID: 1, Text: "Đạt 5%"}, {ID: 2, Text: "Đạt 5%"}}
		l := map[int64]Link{1: {Indicator: "x"}, 2: {Indicator: "y"}}
		c := Carry(twice, l, []plan.Target{{Text: "Đạt 5%"}, {Text: "Đạt 5%"}})
		if c.Kept[0].Indicator != "x" || c.Kept[1].Indicator != "y" || len(c.Lost) != 0 {
			t.Errorf("kept %v lost %+v", c.Kept, c.Lost)
		}
	})
}
