package planimport

import (
	"strings"
	"testing"
)

const smallTable = "Số TT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian thực hiện\n" +
	"I\tTuyên truyền về hợp tác xã\t\t\t\n" +
	"1\tTuyên truyền\tSở Tư pháp\t\t2025\n" +
	"II\tChính sách hỗ trợ hợp tác xã\t\t\t\n" +
	"1\tRà soát chính sách\tSở Tài chính\t\t2025\n" +
	"2\tHỗ trợ vốn\tSở Tài chính\t\t2026\n"

func TestDeclaredMatch(t *testing.T) {
	t.Parallel()
	r := parseText(t, "Kế hoạch gồm 2 nội dung với 3 nhiệm vụ:\n"+
		"- Nội dung về chính sách hỗ trợ hợp tác xã: 02 nhiệm vụ.\n"+
		"- Nội dung về tuyên truyền về hợp tác xã: 01 nhiệm vụ.\n"+smallTable)
	if len(r.Warnings) != 0 {
		t.Errorf("warnings = %q", r.Warnings)
	}
	// Matched by title, not by order.
	if g := r.Groups; *g[0].DeclaredTasks != 1 || *g[1].DeclaredTasks != 2 {
		t.Errorf("declared per group = %v, %v", *g[0].DeclaredTasks, *g[1].DeclaredTasks)
	}
}

func TestDeclaredMismatch(t *testing.T) {
	t.Parallel()
	r := parseText(t, "Kế hoạch bao gồm 3 nội dung với 5 nhiệm vụ:\n"+
		"- Nội dung về tuyên truyền về hợp tác xã: 02 nhiệm vụ.\n"+
		"- Nội dung về chính sách hỗ trợ hợp tác xã: 02 nhiệm vụ.\n"+smallTable)
	for _, k := range []string{warnCountTasks, warnCountGroups, warnCountGroupTasks, warnCountSum} {
		if !hasKey(r, k) {
			t.Errorf("no %s in %q", k, r.Warnings)
		}
	}
	if !strings.Contains(strings.Join(r.Warnings, "\n"), "Nhóm I: văn bản ghi 2 nhiệm vụ (dòng 2) nhưng đọc được 1.") {
		t.Errorf("warnings = %q", r.Warnings)
	}
}
