package planimport

import (
	"reflect"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

func TestSplitLines(t *testing.T) {
	t.Parallel()
	got := splitLines("a\r\nb\rc\u2028d \t\n\u00A0e\u200B\n")
	var texts []string
	for _, l := range got {
		texts = append(texts, l.text)
	}
	want := []string{"a", "b", "c", "d \t", " e", ""}
	if !reflect.DeepEqual(texts, want) {
		t.Errorf("lines = %q", texts)
	}
	if got[4].n != 5 {
		t.Errorf("line numbers: %+v", got)
	}
}

func TestDecodeUTF16(t *testing.T) {
	t.Parallel()
	enc := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder()
	data, err := enc.Bytes([]byte("Kế hoạch"))
	if err != nil {
		t.Fatal(err)
	}
	s, legacy, err := decodeText(data)
	if err != nil || s != "Kế hoạch" || legacy != "" {
		t.Errorf("decodeText = %q, %q, %v", s, legacy, err)
	}
}

func TestLooksBinary(t *testing.T) {
	t.Parallel()
	if looksBinary([]byte("Kế hoạch\tsố 1\r\n")) || !looksBinary([]byte("a\x00b")) {
		t.Error("looksBinary")
	}
}
