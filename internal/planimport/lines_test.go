package planimport

import (
	"context"
	"strings"
	"testing"
)

// Every part of a Result points at the source line it came from.
func TestSourceLinesMatchResultLines(t *testing.T) {
	t.Parallel()
	for _, short := range []string{"002", "002docx"} {
		t.Run(short, func(t *testing.T) {
			name, data := readSeed(t, short)
			lines, err := SourceLines(name, data)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Parse(context.Background(), name, data, Catalog())
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range res.Groups {
				for _, task := range g.Tasks {
					if task.Line < 1 || task.Line > len(lines) {
						t.Fatalf("task %s on line %d of %d", task.Code, task.Line, len(lines))
					}
					head := []rune(task.Content)
					if len(head) > 20 {
						head = head[:20]
					}
					if !strings.Contains(lines[task.Line-1], string(head)) {
						t.Errorf("task %s: line %d is %q, not its text", task.Code, task.Line, lines[task.Line-1])
					}
				}
			}
		})
	}
}
