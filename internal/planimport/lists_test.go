package planimport

import (
	"reflect"
	"strings"
	"testing"
)

func TestOrdinalList(t *testing.T) {
	t.Parallel()
	r := parseText(t, "Gồm 3 nhiệm vụ:\n\nThứ nhất, tuyên truyền.\n\nThứ hai: rà soát chính sách.\nThứ tư, một ngày trong tuần.\nThứ ba – củng cố bộ máy.\n")
	if got := codes(r); !reflect.DeepEqual(got, []string{"1", "2", "3"}) {
		t.Fatalf("codes = %v", got)
	}
	if c := r.Groups[0].Tasks[2].Content; c != "củng cố bộ máy." {
		t.Errorf("third content = %q", c)
	}
	if !hasKey(r, warnListTasks) || hasKey(r, warnCountTasks) {
		t.Errorf("warnings = %q", r.Warnings)
	}
}

func TestBulletList(t *testing.T) {
	t.Parallel()
	r := parseText(t, strings.Join([]string{
		"Kế hoạch xác định các mục tiêu, nhiệm vụ; cụ thể các nhiệm vụ sau:",
		"- Tuyên truyền về hợp tác xã.",
		"+ chi tiết của mục trên",
		"",
		"- Hỗ trợ vốn cho hợp tác xã.",
		"Đoạn văn kết thúc danh sách.",
		"- Một gạch đầu dòng khác.",
	}, "\n"))
	if got := codes(r); !reflect.DeepEqual(got, []string{"1", "2"}) {
		t.Errorf("codes = %v", got)
	}
}

// TestNotTaskLists: recipients and the summary of counts are lists too,
// but not of tasks.
func TestNotTaskLists(t *testing.T) {
	t.Parallel()
	r := parseText(t, strings.Join([]string{
		"Kế hoạch gồm 2 nội dung với 3 nhiệm vụ, trong đó:",
		"- Nội dung về tuyên truyền: 01 nhiệm vụ.",
		"- Nội dung về chính sách: 02 nhiệm vụ.",
		"Nơi nhận:",
		"- Như trên;",
		"- Lưu VT.",
		"2. Mục tiêu cụ thể",
		"- Có 10 hợp tác xã.",
		"- Có 20 tổ hợp tác.",
	}, "\n"))
	if r.TaskCount() != 0 {
		t.Errorf("codes = %v", codes(r))
	}
	if len(r.Targets) != 2 {
		t.Errorf("targets = %+v", r.Targets)
	}
}

func TestNumberedList(t *testing.T) {
	t.Parallel()
	r := parseText(t, strings.Join([]string{
		"I. MỤC ĐÍCH",
		"1. Không phải nhiệm vụ.",
		"2. Cũng không.",
		"II. NHIỆM VỤ VÀ GIẢI PHÁP",
		"1. Tuyên truyền.",
		"Nội dung chi tiết.",
		"2. Hoàn thiện chính sách.",
		"3. Củng cố bộ máy.",
		"III. TỔ CHỨC THỰC HIỆN",
		"1. Giao Sở Tài chính theo dõi.",
	}, "\n"))
	if got := codes(r); !reflect.DeepEqual(got, []string{"1", "2", "3"}) {
		t.Errorf("codes = %v", got)
	}
	if r.Groups[0].Tasks[0].Line != 5 {
		t.Errorf("first task line %d", r.Groups[0].Tasks[0].Line)
	}
}
