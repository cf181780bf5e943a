package zipboundtest

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"
)

// TestBomb: the archive is a valid ZIP whose member unpacks to exactly the
// bomb's bytes (true CRC included), from a small fraction of its size;
// a lying bomb declares what it was told to.
func TestBomb(t *testing.T) {
	b := Bomb{Name: "big.xml", Prefix: "<a>", Suffix: "</a>", Fill: 'x', MiB: 8}
	data := Zip(t, map[string]string{"small.txt": "nhỏ"}, b)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != 2 || zr.File[1].Name != "big.xml" {
		t.Fatalf("members %v", zr.File)
	}
	rc, err := zr.File[1].Open()
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(rc) // archive/zip checks the size and CRC at the end
	if err != nil {
		t.Fatal(err)
	}
	want := "<a>" + string(bytes.Repeat([]byte{'x'}, 8<<20)) + "</a>"
	if int64(len(got)) != b.Size() || string(got) != want {
		t.Errorf("unpacked %d bytes, want %d", len(got), b.Size())
	}
	if ratio := b.Size() / int64(zr.File[1].CompressedSize64); ratio < 500 {
		t.Errorf("compressed only %d times: not a bomb", ratio)
	}
	b.Declared = 1234
	data = Zip(t, nil, b)
	zr, err = zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil || zr.File[0].UncompressedSize64 != 1234 {
		t.Errorf("lying bomb declares %v (%v), want 1234", zr.File[0].UncompressedSize64, err)
	}
}
