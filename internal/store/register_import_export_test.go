package store

// UpdateStatements says how many batched UPDATE statements the importer
// ran (PostgreSQL; SQLite updates a row a statement and runs none).
func (r *RegisterImporter) UpdateStatements() int {
	n := 0
	for _, u := range []*multiUpdate{r.orgUpd, r.figUpd} {
		if u != nil {
			n += u.statements
		}
	}
	return n
}
