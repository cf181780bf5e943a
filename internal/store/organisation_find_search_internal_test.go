package store

import "testing"

// A search text becomes one FTS5 phrase with its quotes doubled, and only
// on SQLite and from the index's three characters.
func TestOrgTextIDs(t *testing.T) {
	for _, c := range []struct {
		d    dialect
		q    string
		arg  any
		want bool
	}{
		{sqliteDialect(), "hop tac xa", `"hop tac xa"`, true},
		{sqliteDialect(), `"sao"`, `"""sao"""`, true},
		{sqliteDialect(), "đô", nil, false},
		{postgresDialect(), "hop tac xa", nil, false},
	} {
		_, arg, ok := c.d.orgTextIDs(c.q)
		if ok != c.want || (ok && arg != c.arg) {
			t.Errorf("%s %q: %v %v, want %v %v", c.d.name, c.q, arg, ok, c.arg, c.want)
		}
	}
}
