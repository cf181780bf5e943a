package reportdoc

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/i18n"
)

// TestDOCXPackage checks what Word needs to open the file and what
// Decree 30 sets: every part well-formed and declared, A4, the margins,
// Times New Roman.
func TestDOCXPackage(t *testing.T) {
	for _, lang := range []string{i18n.Vietnamese, i18n.English} {
		t.Run(lang, func(t *testing.T) {
			r := small(t)
			r.Labels = labels(t, lang)
			parts := docxParts(t, r)
			for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml", "word/styles.xml", "word/header1.xml"} {
				body, ok := parts[name]
				if !ok {
					t.Fatalf("part %s missing", name)
				}
				dec := xml.NewDecoder(strings.NewReader(body))
				for {
					if _, err := dec.Token(); err == io.EOF {
						break
					} else if err != nil {
						t.Fatalf("%s is not well-formed XML: %v", name, err)
					}
				}
			}
			for _, name := range []string{"/word/document.xml", "/word/styles.xml", "/word/header1.xml"} {
				if !strings.Contains(parts["[Content_Types].xml"], `PartName="`+name+`"`) {
					t.Errorf("[Content_Types].xml does not declare %s", name)
				}
			}
			doc := parts["word/document.xml"]
			for _, want := range []string{
				`<w:pgSz w:w="11906" w:h="16838"/>`, // A4
				// 20 mm top and bottom, 30 mm left, 15 mm right.
				`<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"`,
				`<w:titlePg/>`, // no number on the first page
			} {
				if !strings.Contains(doc, want) {
					t.Errorf("document.xml lacks %s", want)
				}
			}
			if !strings.Contains(parts["word/styles.xml"], `w:ascii="Times New Roman" w:hAnsi="Times New Roman"`) ||
				!strings.Contains(parts["word/styles.xml"], `<w:sz w:val="28"/>`) {
				t.Error("styles.xml does not set Times New Roman 14 pt")
			}
		})
	}
}
