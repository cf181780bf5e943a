package planimport

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/hoptac/hoptac/internal/plan"
)

// Comparators are the comparators a target may hold, as plan.Target
// stores them; none (a null comparator) is read as a floor.
var Comparators = []string{plan.CmpGreater, plan.CmpAtLeast, plan.CmpEqual, plan.CmpAtMost, plan.CmpLess, plan.CmpBetween}

// numberRE is a figure as people write one: digits, with dots or commas
// between groups of them. No sign, exponent, "NaN" or "Inf", which
// strconv would accept and no plan means.
var numberRE = regexp.MustCompile(`^\d+(?:[.,]\d+)*$`)

// ParseNumber reads a figure typed on the review screen the Vietnamese
// way the parser reads plans: "1,2" is one point two, "1.000" a thousand;
// "1.5" (a point not followed by three digits) is one and a half.
func ParseNumber(s string) (float64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if !numberRE.MatchString(s) || strings.Count(s, ",") > 1 {
		return 0, false
	}
	return parseVNNumber(s)
}

// FormatNumber writes a figure back as ParseNumber reads it: a decimal
// comma, no grouping ("1,2", "1000").
func FormatNumber(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
}

// checkTarget checks target i's numbers, each beside its own field: a
// known comparator, a value whenever there is a comparator, an upper value
// exactly when the comparator is "between" and above the value, and a
// real due date.
func (ps Problems) checkTarget(i int, t Target) {
	field := fmt.Sprintf("target%d.", i)
	cmp := str(t.Comparator)
	if cmp != "" && !validComparator(cmp) {
		ps.Add(field+"comparator", "import.error.target_comparator", i+1, cmp)
	}
	if cmp != "" && t.Value == nil {
		ps.Add(field+"value", "import.error.target_value_missing", i+1)
	}
	switch {
	case cmp == plan.CmpBetween && t.ValueMax == nil:
		ps.Add(field+"value_max", "import.error.target_value_max_missing", i+1)
	case cmp != plan.CmpBetween && t.ValueMax != nil:
		ps.Add(field+"value_max", "import.error.target_value_max_between", i+1)
	case t.ValueMax != nil && t.Value != nil && *t.ValueMax <= *t.Value:
		ps.Add(field+"value_max", "import.error.target_range", i+1)
	}
	if t.Due != nil && !plausible(*t.Due) {
		ps.Add(field+"due", "import.error.target_due", i+1)
	}
}

func validComparator(c string) bool {
	for _, v := range Comparators {
		if c == v {
			return true
		}
	}
	return false
}
