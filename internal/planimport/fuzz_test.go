package planimport

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/seeds"
)

// FuzzParse feeds the seeds, mutated, as text and as .docx. Parse must
// never panic (its recover turns a panic into ErrInternal, which fails
// here), must return an *Error or a result, and the result must encode
// with no rune the input boundary forbids.
func FuzzParse(f *testing.F) {
	dir := seeds.Dir(f)
	for _, name := range seedFiles {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, strings.HasSuffix(name, ".docx"))
	}
	f.Add([]byte("Số TT\tNội dung\tĐơn vị chủ trì\tThời gian\nI\tNhóm\t\t\n1\tViệc\tSở Tài chính, Sở Y tế\tQuý II/2025"), false)
	f.Add([]byte("| STT | Nội dung | Cơ quan chủ trì |\n|---|---|---|\n| 1 | a | b |"), false)
	f.Add([]byte("2. Mục tiêu cụ thể\n- Phấn đấu đến năm 2025:\n+ Trên 1,5 - 2,5% GRDP, trong đó 30% HTX"), false)
	f.Add([]byte("KÕ ho¹ch ph¸t triÓn kinh tÕ tËp thÓ cña tØnh"), false)
	f.Fuzz(func(t *testing.T, data []byte, docx bool) {
		name := "f.txt"
		if docx {
			name = "f.docx"
		}
		res, err := Parse(context.Background(), name, data, Catalog())
		if err != nil {
			if errors.Is(err, ErrInternal) {
				t.Fatalf("internal error: %v", errors.Unwrap(err))
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T %v is not an *Error", err, err)
			}
			return
		}
		if s := forbiddenIn(t, res); s != "" {
			t.Fatalf("forbidden rune kept in %q", s)
		}
		for _, tg := range res.Targets {
			if tg.Parent != nil && (*tg.Parent < 0 || *tg.Parent >= len(res.Targets)) {
				t.Fatalf("target parent %d out of range", *tg.Parent)
			}
		}
	})
}
