package planimport

import "testing"

// TestCatalogKeysUnique guards the catalog against two entries sharing a
// key, where the first would silently win.
func TestCatalogKeysUnique(t *testing.T) {
	t.Parallel()
	owner := map[string]string{}
	for _, e := range catalogEntries {
		for _, name := range append([]string{e.name}, e.aliases...) {
			full, short := nameKeys(nameTokens(name))
			for _, k := range []string{full, short} {
				if prev, ok := owner[k]; ok && prev != e.name {
					t.Errorf("key %q of %q is also %q's", k, name, prev)
				}
				owner[k] = e.name
			}
		}
	}
}
