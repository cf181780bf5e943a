package cli

import "testing"

func TestCheckEmailScript(t *testing.T) {
	tests := []struct {
		email string
		ok    bool
	}{
		{"admin@example.org", true},
		{"can.bo@sotaichinh.gov.vn", true},
		{"nguyễn.văn.đức@ví-dụ.vn", true}, // Vietnamese letters are Latin
		{"пример@почта.рф", true},         // one script throughout
		{"123@456.vn", true},
		{"admin@ex\u0430mple.org", false}, // Cyrillic а
		{"\u0430dmin@example.org", false}, // Cyrillic а in the local part
		{"admin@examp\u04cfe.org", false}, // Cyrillic palochka for l
		{"adm\u03b9n@example.org", false}, // Greek iota
		{"пример@example.org", false},     // Cyrillic name, Latin domain
	}
	for _, tt := range tests {
		t.Run(tt.email, func(t *testing.T) {
			if err := checkEmailScript(tt.email); (err == nil) != tt.ok {
				t.Errorf("checkEmailScript(%q) = %v, want ok=%v", tt.email, err, tt.ok)
			}
		})
	}
}
