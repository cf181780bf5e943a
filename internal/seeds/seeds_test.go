package seeds

import "testing"

// The seed plans the tests rely on are where Dir says.
func TestSeedsFound(t *testing.T) {
	for _, name := range []string{"002_b020f26e05120408.txt", "002_b020f26e05120408.docx"} {
		if len(Read(t, name)) == 0 {
			t.Errorf("seed %s is empty", name)
		}
	}
}
