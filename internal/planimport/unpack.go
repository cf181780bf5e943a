package planimport

import (
	"archive/zip"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"path"

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
		return newError(KeyDocx, "tệp nén dùng cách nén không được hỗ trợ", err)
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrChecksum), errors.Is(err, io.ErrUnexpectedEOF),
		errors.As(err, &corrupt):
		return newError(KeyDocx, "tệp nén hỏng", err)
	}
	return newError(KeyDocx, "nội dung XML hỏng", err)
}

// unpackedDetail says which bound the file passed, in which member.
func unpackedDetail(name string, le *zipbound.LimitError) string {
	file := path.Base(name)
	switch le.Reason {
	case zipbound.ReasonMembers:
		return fmt.Sprintf(messageOf(unpackedMembers), file, le.Found, le.Limit)
	case zipbound.ReasonTotal:
		return fmt.Sprintf(messageOf(unpackedTotal), file, le.Limit>>20)
	case zipbound.ReasonRatio:
		return fmt.Sprintf(messageOf(unpackedRatio), file, le.Member, le.Limit)
	case zipbound.ReasonDeclared:
		return fmt.Sprintf(messageOf(unpackedDeclared), file, le.Member, le.Limit)
	}
	return fmt.Sprintf(messageOf(unpackedSize), file, le.Member, le.Limit>>20)
}
