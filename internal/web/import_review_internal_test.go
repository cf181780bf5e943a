package web

import (
	"reflect"
	"testing"

	"github.com/hoptac/hoptac/internal/planimport"
)

// Every refused field's summary line links to something on the review:
// the field itself when the table has an input for it, else its row.
func TestProblemAnchor(t *testing.T) {
	t.Parallel()
	for field, want := range map[string]string{
		"title": "doc.title", "doc.issued_on": "doc.issued_on", "tasks": "tasks", "duplicate_ok": "duplicate_ok",
		"t1.3.content": "t1.3.content", "t1.3.code": "task-1-3", "t0.12.extra": "task-0-12",
		"g2.title": "g2.title", "g2.code": "group-2", "target4.value_max": "target4.value_max",
		"target4.due": "target4.due", "target3.other": "target-3", "reporting0.due": "", "doc.other": "",
	} {
		if got := problemAnchor(field); got != want {
			t.Errorf("problemAnchor(%q) = %q, want %q", field, got, want)
		}
	}
}

// A parser warning links to the row of the line it names, whether that
// line is a group's, a task's first line or a row merged into a task.
func TestWarningNotesLinkRows(t *testing.T) {
	t.Parallel()
	res := &planimport.Result{
		Groups: []planimport.Group{{Code: "I", Line: 10, Tasks: []planimport.Task{
			{Code: "I.1", Line: 11, Source: "1\tA\tSở Y tế\n\t\tSở Nội vụ"}, {Code: "I.2", Line: 13, Source: "2\tB"},
		}}},
		Warnings: []string{"Không nhận ra cơ quan «X» (dòng 12): …", "Nhiệm vụ I.2 (dòng 13) không có đơn vị chủ trì.",
			"Nhóm I (dòng 10)", "Văn bản ghi 5 nhiệm vụ (dòng 3) nhưng đọc được 2.", "Tệp dùng bảng mã cũ TCVN3"},
	}
	var got []string
	for _, n := range warningNotes(res) {
		got = append(got, n.Anchor)
	}
	if want := []string{"task-0-0", "task-0-1", "group-0", "", ""}; !reflect.DeepEqual(got, want) {
		t.Errorf("anchors = %q, want %q", got, want)
	}
}

// A pending import stored before tasks kept their source shows the
// task's first line instead; the source is cut into lines and cells.
func TestReviewSource(t *testing.T) {
	t.Parallel()
	rv := importReview{Lines: []string{"a", "1\tViệc\tSở Y tế"}}
	if got, want := rv.Source(planimport.Task{Line: 2}), [][]string{{"1", "Việc", "Sở Y tế"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("fallback source = %q, want %q", got, want)
	}
	got := rv.Source(planimport.Task{Line: 2, Source: "1\tViệc\n\tSở Nội vụ"})
	if want := [][]string{{"1", "Việc"}, {"", "Sở Nội vụ"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("source = %q, want %q", got, want)
	}
	if got := rv.Source(planimport.Task{Line: 9}); got != nil {
		t.Errorf("source of a line beyond the file = %q", got)
	}
}
