package store

import "github.com/hoptac/hoptac/internal/vntext"

// keptYearCount is the statement counting what f selects from
// register_year_counts (migration 00030: organisations with figures of a
// year, per legal form, sector and current status, kept by triggers), or
// "" when f filters on anything else (a search, a unit, a rating, the
// exemplary mark), which only the live count can answer. A year filter's
// live count reads the year's figure rows, about 200,000 of them at the
// scale of a country, after every edit of an organisation; this reads a
// few dozen rows.
func keptYearCount(f OrganisationFilter) (string, []any) {
	if f.Year == 0 || vntext.Fold(f.Query) != "" || f.Commune != "" || f.Rating != "" || f.Exemplary {
		return "", nil
	}
	q, args := `SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM register_year_counts WHERE year = ?`, []any{f.Year}
	for _, c := range []struct{ col, v string }{
		{"form", string(f.Form)}, {"sector", string(f.Sector)}, {"status", string(f.Status)},
	} {
		if c.v != "" {
			q, args = q+` AND `+c.col+` = ?`, append(args, c.v)
		}
	}
	return q, args
}
