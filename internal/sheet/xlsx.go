package sheet

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strings"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/zipbound"
)

// xlsxSource streams the rows of the first sheet of a workbook, raw
// values (numbers in machine form, dates as serials), so that no number
// format of the file's author decides what a figure reads as. It reads
// the sheet's XML itself, token by token, instead of through excelize's
// row iterator, which decoded every cell as an element and cost ten times
// the reading of the same rows as CSV. What it returns is what excelize's
// iterator returned with RawCellValue (xlsx_ref_test.go holds the two
// side by side).
type xlsxSource struct {
	name  string
	rc    io.ReadCloser
	rows  *rowScanner
	sst   []string
	seek  int  // number of the row handed out last
	held  bool // a row read ahead, numbered past seek
	heldN int
	heldC []string
}

// newXLSX opens the workbook's first sheet within the limits. Every part
// read (relationships, workbook, shared strings, the sheet) is unpacked
// through zipbound, so a bomb stops at its first byte past a bound; the
// members not read are unpacked once and thrown away first, so that an
// archive hiding a bomb anywhere is refused as it was before.
func newXLSX(name string, ra io.ReaderAt, size int64, lim Limits) (*xlsxSource, error) {
	zr, err := zipbound.NewReader(ra, size, lim.Zip)
	if err != nil {
		return nil, zipErr(name, err)
	}
	sheetPath, sstPath, err := workbookParts(zr)
	if err != nil {
		// No workbook to speak of: a bomb wearing a sheet's name says so
		// before the damage does.
		if verr := zr.Verify(); verr != nil {
			return nil, zipErr(name, verr)
		}
		return nil, err
	}
	if sheetPath == "" {
		return nil, i18n.Errorf(nil, KeyEmpty, name)
	}
	if err := zr.VerifyExcept(sheetPath, sstPath); err != nil {
		return nil, zipErr(name, err)
	}
	s := &xlsxSource{name: name}
	if sstPath != "" {
		if s.sst, err = readSST(zr, sstPath); err != nil {
			return nil, zipErr(name, err)
		}
	}
	rc, err := zr.Open(sheetPath)
	if err != nil {
		return nil, zipErr(name, err)
	}
	s.rc = rc
	s.rows = newRowScanner(bufio.NewReaderSize(rc, 64<<10), s.sst)
	return s, nil
}

// next returns a row and its number. Like excelize's iterator it hands
// out every row, missing ones as empty, and numbers them by count.
func (s *xlsxSource) next() ([]string, int, error) {
	s.seek++
	if !s.held {
		n, cells, err := s.rows.row()
		if err != nil {
			return nil, 0, zipErr(s.name, err)
		}
		if n == 0 {
			return nil, 0, io.EOF
		}
		s.held, s.heldN, s.heldC = true, n, cells
	}
	if s.heldN > s.seek {
		return nil, s.seek, nil
	}
	s.held = false
	return s.heldC, s.seek, nil
}

func (s *xlsxSource) close() error { return s.rc.Close() }

// Relationship types end with these names, in the transitional and the
// strict schema alike.
const (
	relOffice = "/officeDocument"
	relShared = "/sharedStrings"
)

// workbookParts finds the first sheet of the workbook and the shared
// strings, as the package's relationships name them; sheetPath is ""
// when the workbook has no sheet, sstPath when it has no shared strings.
func workbookParts(zr *zipbound.Reader) (sheetPath, sstPath string, err error) {
	wbPath := "xl/workbook.xml"
	rels, err := readRels(zr, "_rels/.rels", "")
	if err != nil && !errors.Is(err, zipbound.ErrNotFound) {
		return "", "", err
	}
	for _, r := range rels {
		if strings.HasSuffix(r.typ, relOffice) {
			wbPath = r.target
			break
		}
	}
	dir := path.Dir(wbPath)
	firstID, err := firstSheetID(zr, wbPath)
	if err != nil || firstID == "" {
		return "", "", err
	}
	wbRels, err := readRels(zr, path.Join(dir, "_rels", path.Base(wbPath)+".rels"), dir)
	if err != nil {
		return "", "", err
	}
	for _, r := range wbRels {
		switch {
		case r.id == firstID:
			sheetPath = r.target
		case strings.HasSuffix(r.typ, relShared) && sstPath == "":
			sstPath = r.target
		}
	}
	if sheetPath == "" {
		return "", "", errors.New("sheet: the first sheet has no part")
	}
	return sheetPath, sstPath, nil
}

type rel struct{ id, typ, target string }

// readRels reads a relationships part; targets are resolved against dir
// (a target starting with "/" is from the package's root).
func readRels(zr *zipbound.Reader, name, dir string) ([]rel, error) {
	var out []rel
	err := eachStart(zr, name, func(d *xml.Decoder, se xml.StartElement) (bool, error) {
		if se.Name.Local != "Relationship" {
			return true, nil
		}
		var r rel
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "Id":
				r.id = a.Value
			case "Type":
				r.typ = a.Value
			case "Target":
				r.target = a.Value
			}
		}
		if strings.HasPrefix(r.target, "/") {
			r.target = strings.TrimPrefix(r.target, "/")
		} else {
			r.target = path.Join(dir, r.target)
		}
		out = append(out, r)
		return true, nil
	})
	return out, err
}

// firstSheetID is the relationship ID of the workbook's first sheet.
func firstSheetID(zr *zipbound.Reader, name string) (string, error) {
	var id string
	err := eachStart(zr, name, func(d *xml.Decoder, se xml.StartElement) (bool, error) {
		if se.Name.Local != "sheet" {
			return true, nil
		}
		for _, a := range se.Attr {
			if a.Name.Local == "id" {
				id = a.Value
			}
		}
		return false, nil
	})
	return id, err
}

// eachStart calls fn on every start element of a part until fn says stop.
func eachStart(zr *zipbound.Reader, name string, fn func(*xml.Decoder, xml.StartElement) (bool, error)) error {
	rc, err := zr.Open(name)
	if err != nil {
		return err
	}
	defer func() { _ = rc.Close() }() // read only
	d := xml.NewDecoder(bufio.NewReader(rc))
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok {
			if more, err := fn(d, se); err != nil || !more {
				return err
			}
		}
	}
}

// readSST reads the shared strings: each item's text, its rich-text runs
// joined, phonetic runs left out, escapes (_x000D_) decoded.
func readSST(zr *zipbound.Reader, name string) ([]string, error) {
	var out []string
	err := eachStart(zr, name, func(d *xml.Decoder, se xml.StartElement) (bool, error) {
		if se.Name.Local != "si" {
			return true, nil
		}
		s, err := stringItem(d)
		out = append(out, s)
		return true, err
	})
	return out, err
}

// stringItem reads a string item (<si> or <is>) up to its end: the text
// of its <t> and of its runs' <t>, as excelize's xlsxSI.String gives it.
func stringItem(d *xml.Decoder) (string, error) {
	var b strings.Builder
	var runs []string
	depth, inT, skip := 1, false, 0
	var cur *strings.Builder
	for depth > 0 {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case skip > 0:
				skip++
			case t.Name.Local == "rPh" || t.Name.Local == "phoneticPr":
				skip = 1
			case t.Name.Local == "t" && depth == 2:
				inT, cur = true, &b
				b.Reset() // a second <t> replaces the first, as in excelize
			case t.Name.Local == "t" && depth == 3:
				inT = true
				runs = append(runs, "")
				cur = nil
			}
		case xml.EndElement:
			depth--
			if skip > 0 {
				skip--
			}
			inT = false
		case xml.CharData:
			if inT && skip == 0 {
				if cur != nil {
					cur.Write(t)
				} else {
					runs[len(runs)-1] += string(t)
				}
			}
		}
	}
	for _, r := range runs {
		b.WriteString(r)
	}
	return unescapeBstr(b.String()), nil
}

// zipErr says what stopped the reading of a workbook: a bound passed (a
// likely bomb), or damage.
func zipErr(name string, err error) error {
	var le *zipbound.LimitError
	var corrupt flate.CorruptInputError
	switch {
	case errors.As(err, &le):
		return i18n.Errorf(err, KeyUnpacked, name)
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrChecksum), errors.Is(err, zip.ErrAlgorithm),
		errors.Is(err, io.ErrUnexpectedEOF), errors.As(err, &corrupt):
		return i18n.Errorf(err, KeyDamaged, name)
	}
	return i18n.Errorf(err, KeyDamaged, name)
}
