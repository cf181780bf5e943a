package web

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/planimport"
)

// applyTargetEdits copies the review table's target fields onto the
// result: text, comparator, value, upper value, unit and due date. A
// figure or date that cannot be read is refused beside its field and
// leaves what was read; Validate then checks the numbers together.
func applyTargetEdits(r *http.Request, res *planimport.Result, ps planimport.Problems) {
	for i := range res.Targets {
		t := &res.Targets[i]
		key := fmt.Sprintf("target%d.", i)
		form := func(name string) (string, bool) {
			vals, ok := r.PostForm[key+name]
			if !ok {
				return "", false
			}
			return vals[0], true
		}
		if s, ok := form("text"); ok {
			t.Text = typed(s, false)
		}
		if s, ok := form("comparator"); ok {
			t.Comparator = optional(typed(s, false))
		}
		if s, ok := form("unit"); ok {
			t.Unit = optional(typed(s, false))
		}
		for _, f := range []struct {
			name string
			into **float64
		}{{"value", &t.Value}, {"value_max", &t.ValueMax}} {
			s, ok := form(f.name)
			if !ok {
				continue
			}
			if s = strings.TrimSpace(s); s == "" {
				*f.into = nil
			} else if v, ok := planimport.ParseNumber(s); ok {
				*f.into = &v
			} else {
				ps.Add(key+f.name, "import.error.target_number", i+1, s)
			}
		}
		if s, ok := form("due"); ok {
			if s = strings.TrimSpace(s); s == "" {
				t.Due = nil
			} else if d, err := time.Parse("2006-01-02", s); err == nil {
				day := planimport.DateOf(d)
				t.Due = &day
			} else {
				ps.Add(key+"due", "import.error.target_due", i+1)
			}
		}
	}
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// figureFieldRE matches a target's figure fields.
var figureFieldRE = regexp.MustCompile(`^target\d+\.(value|value_max)$`)

// keptFigures returns the figures sent for a target's fields that were
// refused, so the review shows what was typed beside its message rather
// than the number read from the file.
func keptFigures(r *http.Request, errs map[string]string) map[string]string {
	out := map[string]string{}
	for f := range errs {
		if vals, ok := r.PostForm[f]; ok && figureFieldRE.MatchString(f) {
			out[f] = vals[0]
		}
	}
	return out
}
