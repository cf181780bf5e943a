package portal_test

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
)

var (
	rowRe  = regexp.MustCompile(`<tr><th scope="row">(.*?)</th>(.*?)</tr>`)
	cellRe = regexp.MustCompile(`<td class="num">(.*?)</td>`)
)

// provinceRows reads a page's table of provinces that follows the heading
// id: each row's name, its form columns (the first forms cells) and its
// total (the last cell).
func provinceRows(page, id string, forms int) ([]string, error) {
	i := strings.Index(page, `id="`+id+`"`)
	if i < 0 {
		return nil, fmt.Errorf("no %s section", id)
	}
	table := page[i:]
	table = table[:strings.Index(table, "</table>")]
	var out []string
	for _, m := range rowRe.FindAllStringSubmatch(table, -1) {
		var cells []string
		for _, c := range cellRe.FindAllStringSubmatch(m[2], -1) {
			cells = append(cells, c[1])
		}
		if forms < 0 {
			forms = len(cells) - 1
		}
		if len(cells) < forms+1 {
			return nil, fmt.Errorf("%s: row %q has %d cells", id, m[1], len(cells))
		}
		out = append(out, m[1]+" | "+strings.Join(cells[:forms], " ")+" | "+cells[len(cells)-1])
	}
	return out, nil
}

// homeMatchesStatistics: the home page's totals by province and form
// (store.PortalProvinceCounts) are the statistics page's (the commune
// cells summed), row for row, names and total included.
func (e *diffEnv) homeMatchesStatistics(step string) {
	e.t.Helper()
	_, home, _ := get(e.t, e.plain+"/cong-khai", http.Header{})
	_, stats, _ := get(e.t, e.plain+"/cong-khai/thong-ke", http.Header{})
	h, err := provinceRows(home, "reg-h", -1)
	if err != nil {
		e.t.Fatalf("%s: home: %v", step, err)
	}
	if len(h) < 2 {
		e.t.Fatalf("%s: the home shows no province: %q", step, h)
	}
	// name | the form columns | total
	s, err := provinceRows(stats, "prov-h", len(strings.Fields(strings.Split(h[0], " | ")[1])))
	if err != nil {
		e.t.Fatalf("%s: statistics: %v", step, err)
	}
	if !slices.Equal(h, s) {
		e.t.Errorf("%s: the home's provinces differ from the statistics page's\nhome  %q\nstats %q", step, h, s)
	}
}
