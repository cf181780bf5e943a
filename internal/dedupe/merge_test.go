package dedupe

import (
	"slices"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/coop"
)

func TestSplit(t *testing.T) {
	t.Parallel()
	move, both := Split([]int{2022, 2023}, []int{2023, 2024, 2025})
	if !slices.Equal(move, []int{2024, 2025}) || !slices.Equal(both, []int{2023}) {
		t.Errorf("Split = %v, %v", move, both)
	}
	if move, both := Split(nil, []coop.Role{coop.RoleChair}); len(move) != 1 || both != nil {
		t.Errorf("into an organisation without managers: %v, %v", move, both)
	}
}

func TestCheckMerge(t *testing.T) {
	t.Parallel()
	a := coop.Organisation{ID: 1, Status: coop.StatusActive}
	b := coop.Organisation{ID: 2, Status: coop.StatusDissolved}
	gone := coop.Organisation{ID: 3, Status: coop.StatusMerged}
	for name, c := range map[string]struct {
		kept, merged coop.Organisation
		want         apperr.Code
	}{
		"a dissolved duplicate": {a, b, ""},
		"into itself":           {a, a, apperr.Validation},
		"from a merged one":     {a, gone, apperr.Conflict},
		"into a merged one":     {gone, a, apperr.Conflict},
	} {
		t.Run(name, func(t *testing.T) {
			err := CheckMerge(c.kept, c.merged)
			if c.want == "" {
				if err != nil {
					t.Errorf("CheckMerge = %v, want nil", err)
				}
				return
			}
			if got := apperr.CodeOf(err); got != c.want {
				t.Errorf("CheckMerge = %q, want %q", got, c.want)
			}
		})
	}
}
