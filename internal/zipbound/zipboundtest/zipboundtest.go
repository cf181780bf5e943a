// Package zipboundtest builds ZIP bombs for tests: archives of about a
// megabyte whose member unpacks to a gigabyte, made in milliseconds
// without ever holding the gigabyte.
package zipboundtest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"sort"
	"testing"
)

// Bomb is one member that unpacks to Prefix, MiB mebibytes of Fill, and
// Suffix.
type Bomb struct {
	Name           string
	Prefix, Suffix string
	Fill           byte
	MiB            int
	// Declared is the uncompressed size the headers state; 0 states the
	// true size, anything else makes the headers lie.
	Declared int64
}

// maxCRC is the largest bomb, in MiB, given a true CRC. Summing a
// gigabyte would take longer than the test it serves, and no reader under
// test reaches the end of one that large.
const maxCRC = 64

// Size is the number of bytes the bomb really unpacks to.
func (b Bomb) Size() int64 { return int64(len(b.Prefix)) + int64(b.MiB)<<20 + int64(len(b.Suffix)) }

// Zip returns an archive of the ordinary members (name → content) and the
// bomb, if it has a name.
func Zip(t testing.TB, members map[string]string, b Bomb) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(members))
	for n := range members {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(members[n])); err != nil {
			t.Fatal(err)
		}
	}
	if b.Name != "" {
		raw, crc := b.deflate(t)
		declared := b.Size()
		if b.Declared != 0 {
			declared = b.Declared
		}
		var size uint64
		if declared > 0 {
			size = uint64(declared)
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: b.Name, Method: zip.Deflate, CRC32: crc,
			CompressedSize64: uint64(len(raw)), UncompressedSize64: size})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(raw); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// deflate compresses the bomb as independent pieces: each from a fresh
// compressor, so a piece refers only to itself and the compressed
// mebibyte of Fill can be repeated as it is. All but the last end in a
// sync flush, not a final block.
func (b Bomb) deflate(t testing.TB) ([]byte, uint32) {
	piece := func(s []byte, last bool) []byte {
		var out bytes.Buffer
		fw, err := flate.NewWriter(&out, flate.BestCompression)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(s); err != nil {
			t.Fatal(err)
		}
		if last {
			err = fw.Close()
		} else {
			err = fw.Flush()
		}
		if err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	fill := bytes.Repeat([]byte{b.Fill}, 1<<20)
	fillZ := piece(fill, false)
	var raw bytes.Buffer
	raw.Write(piece([]byte(b.Prefix), false))
	crc := crc32.ChecksumIEEE([]byte(b.Prefix))
	for range b.MiB {
		raw.Write(fillZ)
		if b.MiB <= maxCRC {
			crc = crc32.Update(crc, crc32.IEEETable, fill)
		}
	}
	raw.Write(piece([]byte(b.Suffix), true))
	crc = crc32.Update(crc, crc32.IEEETable, []byte(b.Suffix))
	return raw.Bytes(), crc
}
