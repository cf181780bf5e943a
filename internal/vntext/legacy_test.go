package vntext

import "testing"

// The spreadsheet reader and the plan import share these: a register
// saved in TCVN3 bytes, or copied as its Latin-1 characters, reads back as
// the Vietnamese it was.
func TestLegacyRoundTrip(t *testing.T) {
	want := "Hợp tác xã dịch vụ nông nghiệp và phát triển kinh tế tập thể của tỉnh"
	raw, ok := EncodeTCVN3(want)
	if !ok {
		t.Fatal("TCVN3 cannot write the sentence")
	}
	d := DetectLegacyBytes(raw)
	if d != TCVN3 {
		t.Fatalf("detected %v, want TCVN3", d)
	}
	if got := d.Decode(raw); got != want {
		t.Errorf("Decode = %q, want %q", got, want)
	}
	if got := DetectLegacy(latin1(raw)); got != TCVN3 {
		t.Errorf("DetectLegacy of the Latin-1 form = %v, want TCVN3", got)
	}
	if got := DetectLegacy(want); got != nil {
		t.Errorf("Unicode Vietnamese taken for %s", got.Name)
	}
	if got := DetectLegacyBytes([]byte("plain ASCII text, nothing to decode")); got != nil {
		t.Errorf("ASCII taken for %s", got.Name)
	}
	if _, ok := EncodeTCVN3("日本"); ok {
		t.Error("EncodeTCVN3 accepted letters ABC has no byte for")
	}
}
