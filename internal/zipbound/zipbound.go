// Package zipbound reads members of a ZIP archive (.docx, .xlsx) within
// bounds, so that a small upload cannot unpack into gigabytes: a "zip
// bomb" is refused from what its headers declare when they admit it, and
// stopped after a bounded number of bytes when they lie.
//
// Every member read is bounded three ways: its uncompressed size, its
// compression ratio (uncompressed over compressed bytes, once past a
// small grace size, since tiny members compress oddly), and the archive's
// total (member count, and bytes of all members together). The declared
// sizes are held to the bounds when the archive and the member are
// opened; the bytes a member really unpacks to are counted while reading
// and held to its declared size, so reading stops at the first byte past
// a bound however the header lies.
package zipbound

import (
	"archive/zip"
	"compress/flate"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"slices"
)

// Limits are the bounds of one archive. A zero field means no bound.
type Limits struct {
	MaxMembers    int   // members in the archive
	MaxMemberSize int64 // uncompressed bytes of one member
	MaxTotalSize  int64 // uncompressed bytes of all members together
	MaxRatio      int64 // uncompressed bytes per compressed byte of one member
	RatioGrace    int64 // a member up to this size is not held to MaxRatio
}

// Default suits office documents uploaded to hoptac (at most tens of
// megabytes): Word and Excel XML compresses 5 to 30 times, a bomb about a
// thousand times; no real plan or register unpacks near 64 MB.
var Default = Limits{
	MaxMembers:    2000,
	MaxMemberSize: 64 << 20,
	MaxTotalSize:  256 << 20,
	MaxRatio:      100,
	RatioGrace:    1 << 20,
}

// Reason says which bound was passed.
type Reason string

const (
	ReasonMembers  Reason = "members"  // too many members
	ReasonTotal    Reason = "total"    // all members together unpack too large
	ReasonSize     Reason = "size"     // one member unpacks too large
	ReasonRatio    Reason = "ratio"    // one member is compressed too much
	ReasonDeclared Reason = "declared" // a member unpacks to more than its header says
)

// ErrLimit matches every *LimitError with errors.Is.
var ErrLimit = errors.New("zipbound: archive unpacks beyond its bounds")

// ErrNotFound is returned by Open for a member the archive lacks.
var ErrNotFound = errors.New("zipbound: no such member")

// LimitError says which bound an archive passed, and in which member.
type LimitError struct {
	Member string // the member's name; "" for a bound on the whole archive
	Reason Reason
	Limit  int64 // the bound passed (members, bytes, or ratio)
	Found  int64 // what was declared or counted when reading stopped
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("zipbound: %s: %s bound %d passed (%d)", e.Member, e.Reason, e.Limit, e.Found)
}

func (e *LimitError) Is(target error) bool { return target == ErrLimit }

// Reader is an archive opened within limits.
type Reader struct {
	zr  *zip.Reader
	lim Limits
}

// NewReader opens the archive in r and checks what its central directory
// declares: the member count and the total uncompressed size. Errors of
// archive/zip (not a ZIP, damaged) are returned as they are.
func NewReader(r io.ReaderAt, size int64, lim Limits) (*Reader, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, err
	}
	if lim.MaxMembers > 0 && len(zr.File) > lim.MaxMembers {
		return nil, &LimitError{Reason: ReasonMembers, Limit: int64(lim.MaxMembers), Found: int64(len(zr.File))}
	}
	if lim.MaxTotalSize > 0 {
		var sum uint64
		for _, f := range zr.File {
			if lim.MaxMemberSize > 0 && f.UncompressedSize64 > uint64(lim.MaxMemberSize) {
				// One member alone is past a bound: say which, not the sum.
				return nil, &LimitError{Member: f.Name, Reason: ReasonSize, Limit: lim.MaxMemberSize, Found: clamp(f.UncompressedSize64)}
			}
			sum += f.UncompressedSize64
			if sum > uint64(lim.MaxTotalSize) {
				return nil, &LimitError{Member: f.Name, Reason: ReasonTotal, Limit: lim.MaxTotalSize, Found: clamp(sum)}
			}
		}
	}
	return &Reader{zr: zr, lim: lim}, nil
}

// Open opens the member called name for reading within the limits. A
// member that declares a size or ratio past them is refused before a byte
// is unpacked; the reader returned fails with a *LimitError at the first
// byte past a bound, whatever the header said.
func (r *Reader) Open(name string) (io.ReadCloser, error) {
	for _, f := range r.zr.File {
		if f.Name == name {
			return r.open(f)
		}
	}
	return nil, ErrNotFound
}

func (r *Reader) open(f *zip.File) (io.ReadCloser, error) {
	declared := clamp(f.UncompressedSize64)
	compressed := clamp(f.CompressedSize64)
	if err := r.lim.check(f.Name, declared, compressed); err != nil {
		return nil, err
	}
	raw, err := f.OpenRaw()
	if err != nil {
		return nil, err
	}
	var rc io.ReadCloser
	switch f.Method {
	case zip.Store:
		rc = io.NopCloser(raw)
	case zip.Deflate:
		rc = flate.NewReader(raw)
	default:
		return nil, zip.ErrAlgorithm // Office files use only these two
	}
	return &bounded{rc: rc, r: r, name: f.Name, declared: declared, compressed: compressed,
		crc: f.CRC32, hash: crc32.NewIEEE()}, nil
}

// check holds n unpacked bytes of a member against the member bounds.
func (l Limits) check(name string, n, compressed int64) error {
	if l.MaxMemberSize > 0 && n > l.MaxMemberSize {
		return &LimitError{Member: name, Reason: ReasonSize, Limit: l.MaxMemberSize, Found: n}
	}
	if l.MaxRatio > 0 && n > l.RatioGrace && n/max(compressed, 1) > l.MaxRatio {
		return &LimitError{Member: name, Reason: ReasonRatio, Limit: l.MaxRatio, Found: n / max(compressed, 1)}
	}
	return nil
}

// bounded inflates a member itself, from its raw bytes, and counts what
// it really unpacks to: the bound rests on the bytes, not on the header
// (nor on archive/zip's own check of it), and the error names the member
// and the bound. At the end it checks the size and CRC as archive/zip
// would.
type bounded struct {
	rc         io.ReadCloser
	r          *Reader
	name       string
	declared   int64
	compressed int64
	crc        uint32
	hash       hash.Hash32
	n          int64 // bytes unpacked so far
	err        error // sticky
}

func (b *bounded) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	// Never ask for more than one byte past the declared size: that byte,
	// if it comes, proves the header lied, and nothing more is unpacked.
	// The declared size passed every bound when the member was opened, so
	// holding the real bytes to it holds them to every bound.
	if room := b.declared - b.n + 1; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := b.rc.Read(p)
	b.n += int64(n)
	if b.n > b.declared {
		b.err = &LimitError{Member: b.name, Reason: ReasonDeclared, Limit: b.declared, Found: b.n}
		return 0, b.err
	}
	b.hash.Write(p[:n])
	if errors.Is(err, io.EOF) {
		switch {
		case b.n != b.declared:
			err = io.ErrUnexpectedEOF
		case b.hash.Sum32() != b.crc:
			err = zip.ErrChecksum
		}
	}
	if err != nil {
		b.err = err
	}
	return n, err
}

func (b *bounded) Close() error { return b.rc.Close() }

func clamp(u uint64) int64 {
	if u > 1<<62 {
		return 1 << 62
	}
	return int64(u)
}

// Verify unpacks every member within the limits and throws the bytes
// away: for a reader (excelize) that opens the archive itself, trusting
// headers that a bomb may fake, it proves first that the archive really
// unpacks within bounds.
func (r *Reader) Verify() error { return r.VerifyExcept() }

// VerifyExcept is Verify for every member but the ones named: a caller
// that reads those members itself, through Open and so within the same
// bounds, need not unpack them twice.
func (r *Reader) VerifyExcept(names ...string) error {
	for _, f := range r.zr.File {
		if f.FileInfo().IsDir() || slices.Contains(names, f.Name) {
			continue
		}
		rc, err := r.open(f)
		if err != nil {
			return err
		}
		_, err = io.Copy(io.Discard, rc)
		_ = rc.Close() // read only
		if err != nil {
			return err
		}
	}
	return nil
}
