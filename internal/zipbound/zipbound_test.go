package zipbound_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/zipbound"
	"github.com/hoptac/hoptac/internal/zipbound/zipboundtest"
)

const member = "word/document.xml"

// readMember opens the archive and reads member through the bounds. It
// returns what was read and the error that stopped it.
func readMember(data []byte, lim zipbound.Limits) ([]byte, error) {
	zr, err := zipbound.NewReader(bytes.NewReader(data), int64(len(data)), lim)
	if err != nil {
		return nil, err
	}
	rc, err := zr.Open(member)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

func TestReadWithinBounds(t *testing.T) {
	// Prose compresses a few times over, far inside every bound.
	words := strings.Fields("kế hoạch phát triển kinh tế tập thể hợp tác xã sở ngành huyện thị xã thành phố năm quý nhiệm vụ")
	var sb strings.Builder
	for i := range 400000 {
		sb.WriteString(words[(i*7919+i/13)%len(words)])
		sb.WriteByte(" ,.\n"[i*31%4])
	}
	text := sb.String()
	data := zipboundtest.Zip(t, map[string]string{member: text, "word/styles.xml": "<w:styles/>"}, zipboundtest.Bomb{})
	got, err := readMember(data, zipbound.Default)
	if err != nil || string(got) != text {
		t.Fatalf("read %d bytes, err %v; want the %d bytes written", len(got), err, len(text))
	}
	// A small member is not held to the ratio: 900 KB of one byte.
	data = zipboundtest.Zip(t, nil, zipboundtest.Bomb{Name: member, Fill: ' ', MiB: 0, Prefix: strings.Repeat(" ", 900<<10)})
	if _, err := readMember(data, zipbound.Default); err != nil {
		t.Errorf("small, highly compressed member: %v", err)
	}
}

// TestBombs: each bound stops its bomb, names the member, and unpacks
// nothing or at most the declared size before it does.
func TestBombs(t *testing.T) {
	gib := zipboundtest.Bomb{Name: member, Prefix: "<w:document>", Suffix: "</w:document>", Fill: 'A', MiB: 1024}
	lying := gib
	lying.Declared = 900 << 10 // under the grace: only counting the bytes can stop it
	lyingBig := gib
	lyingBig.Declared = 20 << 20 // past the grace, within size and (as declared) ratio
	ratio := gib
	ratio.MiB = 40 // 40 MB honestly declared, under the size bound, compressed ~1000 times
	many := map[string]string{}
	for i := range zipbound.Default.MaxMembers + 1 {
		many[fmt.Sprintf("m%05d", i)] = ""
	}
	total := map[string]string{}
	tests := []struct {
		name   string
		data   []byte
		reason zipbound.Reason
		member string
	}{
		{"declared 1 GiB", zipboundtest.Zip(t, nil, gib), zipbound.ReasonSize, member},
		{"header lies, small", zipboundtest.Zip(t, nil, lying), zipbound.ReasonDeclared, member},
		{"header lies, large", zipboundtest.Zip(t, nil, lyingBig), zipbound.ReasonDeclared, member},
		{"ratio", zipboundtest.Zip(t, nil, ratio), zipbound.ReasonRatio, member},
		{"members", zipboundtest.Zip(t, many, zipboundtest.Bomb{}), zipbound.ReasonMembers, ""},
		{"total", totalBomb(t, total), zipbound.ReasonTotal, "x5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readMember(tt.data, zipbound.Default)
			var le *zipbound.LimitError
			if !errors.As(err, &le) || !errors.Is(err, zipbound.ErrLimit) {
				t.Fatalf("err = %v after %d bytes, want a LimitError", err, len(got))
			}
			if le.Reason != tt.reason || le.Member != tt.member {
				t.Errorf("error %+v, want reason %s in %q", le, tt.reason, tt.member)
			}
			if tt.reason == zipbound.ReasonDeclared && le.Found != le.Limit+1 {
				t.Errorf("unpacked %d bytes of a member declared %d: reading went on past the first byte too many", le.Found, le.Limit)
			}
		})
	}
}

// totalBomb is an archive whose members are each within bounds but
// together declare more than the total.
func totalBomb(t *testing.T, _ map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range 6 {
		// Stored members of 50 MB each would make a 300 MB test file; the
		// central directory only has to declare them.
		w, err := zw.CreateRaw(&zip.FileHeader{Name: fmt.Sprintf("x%d", i), Method: zip.Store,
			CompressedSize64: 1, UncompressedSize64: 50 << 20})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte{0}); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDamaged(t *testing.T) {
	text := strings.Repeat("dòng ", 1000)
	data := zipboundtest.Zip(t, map[string]string{member: text}, zipboundtest.Bomb{})
	// The header says more than the data holds: truncated, not a bomb.
	short := zipboundtest.Zip(t, nil, zipboundtest.Bomb{Name: member, Prefix: text, Declared: int64(len(text)) + 10})
	if _, err := readMember(short, zipbound.Default); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("short member: %v, want ErrUnexpectedEOF", err)
	}
	// A flipped byte in the content fails the CRC.
	bad := bytes.Clone(data)
	i := bytes.Index(bad, []byte(member)) + len(member) // start of the stored data
	bad[i+20] ^= 0x01
	if _, err := readMember(bad, zipbound.Default); err == nil || errors.Is(err, zipbound.ErrLimit) {
		t.Errorf("damaged member: %v, want a format or checksum error", err)
	}
	zr, err := zipbound.NewReader(bytes.NewReader(data), int64(len(data)), zipbound.Default)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := zr.Open("nope"); !errors.Is(err, zipbound.ErrNotFound) {
		t.Errorf("missing member: %v", err)
	}
}

// BenchmarkBomb reads a 1 MB archive that unpacks to 1 GiB behind a
// lying header (the case only counting stops) and reports the memory
// it takes: B/op stays in kilobytes, where reading the member whole
// would take a gigabyte.
func BenchmarkBomb(b *testing.B) {
	bomb := zipboundtest.Bomb{Name: member, Fill: 'A', MiB: 1024, Declared: 900 << 10}
	data := zipboundtest.Zip(b, nil, bomb)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := readMember(data, zipbound.Default); !errors.Is(err, zipbound.ErrLimit) {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(data)), "archive-bytes")
}

// Verify proves an archive unpacks within bounds before a reader that
// opens it itself (excelize) trusts its headers: a lying member is caught
// by its bytes, an honest archive passes.
func TestVerify(t *testing.T) {
	lying := zipboundtest.Bomb{Name: member, Prefix: "<x>", Fill: 'A', MiB: 1024, Declared: 900 << 10}
	data := zipboundtest.Zip(t, map[string]string{"a.xml": "<a/>"}, lying)
	zr, err := zipbound.NewReader(bytes.NewReader(data), int64(len(data)), zipbound.Default)
	if err != nil {
		t.Fatal(err)
	}
	var le *zipbound.LimitError
	if err := zr.Verify(); !errors.As(err, &le) || le.Reason != zipbound.ReasonDeclared {
		t.Fatalf("Verify = %v, want a declared-size LimitError", err)
	}
	ok := zipboundtest.Zip(t, map[string]string{"a.xml": "<a/>", "b.xml": strings.Repeat("<b/>", 1000)}, zipboundtest.Bomb{})
	zr, err = zipbound.NewReader(bytes.NewReader(ok), int64(len(ok)), zipbound.Default)
	if err != nil {
		t.Fatal(err)
	}
	if err := zr.Verify(); err != nil {
		t.Fatalf("Verify of an honest archive: %v", err)
	}
}

// VerifyExcept leaves out only the members named: a bomb elsewhere is
// still found.
func TestVerifyExcept(t *testing.T) {
	lying := zipboundtest.Bomb{Name: member, Prefix: "<x>", Fill: 'A', MiB: 1024, Declared: 900 << 10}
	data := zipboundtest.Zip(t, map[string]string{"a.xml": "<a/>"}, lying)
	zr, err := zipbound.NewReader(bytes.NewReader(data), int64(len(data)), zipbound.Default)
	if err != nil {
		t.Fatal(err)
	}
	if err := zr.VerifyExcept(member); err != nil {
		t.Errorf("VerifyExcept(%s) = %v, want the bomb left out", member, err)
	}
	if err := zr.VerifyExcept("a.xml"); !errors.Is(err, zipbound.ErrLimit) {
		t.Errorf("VerifyExcept(a.xml) = %v, want the bomb found", err)
	}
}
