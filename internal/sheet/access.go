package sheet

import "github.com/hoptac/hoptac/internal/i18n"

// Header returns the header row and its mapping.
func (rd *Reader) Header() Header { return rd.header }

// Format says whether the file is a workbook or a CSV.
func (rd *Reader) Format() Format { return rd.format }

// Source says how the file's numbers are written (see Source).
func (rd *Reader) Source() Source {
	if rd.format == XLSX {
		return Machine
	}
	return Vietnamese
}

// Encoding names the legacy encoding the text was converted from; "" for
// Unicode.
func (rd *Reader) Encoding() string { return rd.encoding }

// Skipped lists the rows skipped so far (the first 200), in file order
// for the rows after the header.
func (rd *Reader) Skipped() []Skipped { return rd.skipped }

// Counts returns how many rows of each kind were skipped so far.
func (rd *Reader) Counts() map[SkipKind]int {
	out := make(map[SkipKind]int, len(rd.counts))
	for k, v := range rd.counts {
		out[k] = v
	}
	return out
}

// Close releases the file (an .xlsx may have spilled to a temporary file).
func (rd *Reader) Close() error { return rd.src.close() }

// Has reports whether a column is mapped to field.
func (rd *Reader) Has(field string) bool {
	_, ok := rd.column[field]
	return ok
}

// Cell returns the text of field in row, the header text of its column
// (for messages) and its money unit; "" when the row has no such cell.
func (rd *Reader) Cell(row Row, field string) (text, column string, unit int64) {
	i, ok := rd.column[field]
	if !ok {
		return "", "", 1
	}
	column = rd.header.Texts[i]
	if column == "" {
		column = columnName(i)
	}
	if i < len(row.Cells) {
		text = row.Cells[i]
	}
	return text, column, rd.header.Units[i]
}

// SetMapping overrides the mapping of some columns, as a person chose it
// in the preview: column index (0-based) → field, "" to leave a column
// out. A field given to a column is taken from any column it was mapped
// to before. An index past the header's columns, a field the catalogue
// lacks, or one field given to two columns is an error.
func (rd *Reader) SetMapping(m map[int]string) error {
	fields := append([]string(nil), rd.header.Fields...)
	given := map[string]int{}
	for i, f := range m {
		if i < 0 || i >= len(fields) {
			return cellErr(KeyMappingColumn, i+1, len(fields))
		}
		if f == "" {
			continue
		}
		if !rd.cat.Has(f) {
			return cellErr(KeyMappingField, f)
		}
		if j, ok := given[f]; ok {
			return cellErr(KeyMappingTwice, f, columnName(min(i, j)), columnName(max(i, j)))
		}
		given[f] = i
	}
	for i, f := range fields {
		if _, ok := given[f]; ok && f != "" {
			if _, overridden := m[i]; !overridden {
				fields[i] = ""
			}
		}
	}
	for i, f := range m {
		fields[i] = f
	}
	rd.header.Fields = fields
	rd.remap()
	return nil
}

// columnName is a column's spreadsheet letter: 0 → A, 26 → AA.
func columnName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}

// SkippedMessage says how many rows of each kind were skipped, for the
// import's report.
func (rd *Reader) SkippedMessage() i18n.Message {
	return i18n.M("sheet.skipped", rd.counts[SkipTitle], rd.counts[SkipBlank], rd.counts[SkipTotals], rd.counts[SkipNumbers])
}
