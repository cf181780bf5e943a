package planimport

import (
	"archive/zip"
	"compress/flate"
	"errors"
	"io"
	"path"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/zipbound"
)

// zipError turns what stopped the reading of an archive into the error a
// user reads: a bound passed names the file and the member; damage to the
// archive and damage to the XML inside it are told apart.
func zipError(name string, err error) error {
	var le *zipbound.LimitError
	var corrupt flate.CorruptInputError
	switch {
	case errors.As(err, &le):
		return &Error{Key: KeyUnpacked, Detail: unpackedDetail(name, le), Err: err}
	case errors.Is(err, zip.ErrAlgorithm):
		return newError(KeyDocx, i18n.M(detailZipMethod), err)
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrChecksum), errors.Is(err, io.ErrUnexpectedEOF),
		errors.As(err, &corrupt):
		return newError(KeyDocx, i18n.M(detailZipBroken), err)
	}
	return newError(KeyDocx, i18n.M(detailXMLBroken), err)
}

// unpackedDetail says which bound the file passed, in which member.
func unpackedDetail(name string, le *zipbound.LimitError) i18n.Message {
	file := path.Base(name)
	switch le.Reason {
	case zipbound.ReasonMembers:
		return i18n.M(unpackedMembers, file, le.Found, le.Limit)
	case zipbound.ReasonTotal:
		return i18n.M(unpackedTotal, file, le.Limit>>20)
	case zipbound.ReasonRatio:
		return i18n.M(unpackedRatio, file, le.Member, le.Limit)
	case zipbound.ReasonDeclared:
		return i18n.M(unpackedDeclared, file, le.Member, le.Limit)
	}
	return i18n.M(unpackedSize, file, le.Member, le.Limit>>20)
}
