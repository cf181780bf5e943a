package sheet

import "testing"

func TestDetectComma(t *testing.T) {
	tests := []struct {
		sample string
		want   rune
	}{
		{"a;b;c\n1;2;3\n", ';'},
		{"a,b,c\n1,2,3\n", ','},
		// Decimal commas inside a ";" file and a title with commas.
		{"DANH SÁCH HTX, THT\nMã;Tên;Vốn\n1;HTX A;1,5\n2;HTX B;2,25\n3;HTX C;3,5\n", ';'},
		// Quoted decimal commas in a "," file.
		{"Mã,Tên,Vốn\n1,HTX A,\"1,5\"\n2,HTX B,\"2,5\"\n", ','},
	}
	for _, tt := range tests {
		if got := detectComma([]byte(tt.sample)); got != tt.want {
			t.Errorf("detectComma(%q) = %q, want %q", tt.sample, got, tt.want)
		}
	}
}

func TestTrimPartialRune(t *testing.T) {
	s := []byte("Hoà")
	if got := string(trimPartialRune(s[:len(s)-1])); got != "Ho" {
		t.Errorf("cut rune kept: %q", got)
	}
	if got := string(trimPartialRune(s)); got != "Hoà" {
		t.Errorf("whole text cut: %q", got)
	}
}
