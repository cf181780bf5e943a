package planimport

import "github.com/hoptac/hoptac/internal/org"

// ProvinceResolver resolves names against the province's own agencies
// first, with the same tolerance as the catalog, and then against the
// catalog: a plan's "Sở NN&PTNT" becomes the agency the province keeps,
// and a standard agency the province has not entered yet still resolves.
func ProvinceResolver(agencies []org.Agency) Resolver {
	entries := make([]catalogEntry, 0, len(agencies))
	for _, a := range agencies {
		aliases := append([]string(nil), a.Aliases...)
		if a.ShortName != "" {
			aliases = append(aliases, a.ShortName)
		}
		entries = append(entries, catalogEntry{name: a.Name, collective: a.Collective, aliases: aliases})
	}
	return chain{newCatalog(entries), Catalog()}
}

// chain asks each resolver in turn.
type chain []Resolver

func (c chain) Resolve(text string) (string, bool, bool) {
	for _, r := range c {
		if name, collective, ok := r.Resolve(text); ok {
			return name, collective, true
		}
	}
	return "", false, false
}
