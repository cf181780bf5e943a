package planimport

import "github.com/hoptac/hoptac/internal/vntext"

// The legacy Vietnamese encodings (TCVN3, VNI, Windows-1258) are read by
// vntext, which the spreadsheet import shares; these wrappers keep the
// plan import's names.

func convertTCVN3(s string) string { return vntext.ConvertTCVN3(s) }

func convertVNI(s string) string { return vntext.ConvertVNI(s) }

// detectLegacyRunes returns the encoding of valid UTF-8 text carried as
// Latin-1 characters, or nil.
func detectLegacyRunes(s string) *vntext.Legacy { return vntext.DetectLegacy(s) }

// detectLegacyBytes decodes text that is not UTF-8 as TCVN3, VNI or
// Windows-1258, whichever reads as Vietnamese; "" when none does.
func detectLegacyBytes(data []byte) (string, string) {
	d := vntext.DetectLegacyBytes(data)
	if d == nil {
		return "", ""
	}
	return d.Name, d.Decode(data)
}
