package zipbound_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/hoptac/hoptac/internal/zipbound"
	"github.com/hoptac/hoptac/internal/zipbound/zipboundtest"
)

// No archive, however damaged or crafted, makes the reader panic or hand
// out more than its bounds allow: every member read stops at the member
// bound, and the members together at the total bound plus one byte each
// (the byte that shows a header lied).
func FuzzReader(f *testing.F) {
	f.Add(zipboundtest.Zip(f, map[string]string{member: "<w:document>Kế hoạch</w:document>", "[Content_Types].xml": "<Types/>"},
		zipboundtest.Bomb{}))
	f.Add(zipboundtest.Zip(f, nil, zipboundtest.Bomb{Name: member, Fill: 'A', MiB: 1}))
	f.Add(zipboundtest.Zip(f, nil, zipboundtest.Bomb{Name: member, Fill: 'A', MiB: 1, Declared: 1000}))
	f.Add([]byte("PK\x03\x04 not a zip"))
	lim := zipbound.Limits{MaxMembers: 8, MaxMemberSize: 64 << 10, MaxTotalSize: 128 << 10, MaxRatio: 50, RatioGrace: 4 << 10}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := zipbound.NewReader(bytes.NewReader(data), int64(len(data)), lim)
		if err != nil {
			return
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatalf("zipbound opened what archive/zip refuses: %v", err)
		}
		var total int64
		for _, zf := range zr.File {
			rc, err := r.Open(zf.Name)
			if err != nil {
				continue
			}
			n, err := io.Copy(io.Discard, rc)
			rc.Close()
			if n > lim.MaxMemberSize {
				t.Fatalf("%q: read %d bytes past the member bound %d", zf.Name, n, lim.MaxMemberSize)
			}
			var le *zipbound.LimitError
			if errors.As(err, &le) && !errors.Is(err, zipbound.ErrLimit) {
				t.Fatalf("a LimitError that is not ErrLimit: %v", err)
			}
			total += n
		}
		if max := lim.MaxTotalSize + int64(len(zr.File)); total > max {
			t.Fatalf("read %d bytes in all, bound %d", total, max)
		}
	})
}
