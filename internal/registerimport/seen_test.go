package registerimport

import "testing"

func TestSeenCodes(t *testing.T) {
	type add struct {
		code      string
		year, row int
		wantFirst int
	}
	tests := []struct {
		name string
		adds []add
	}{
		{"years of one code", []add{{"0101000001", 2020, 2, 0}, {"0101000001", 2021, 3, 0}, {"0101000001", 2020, 9, 2}}},
		{"the same year of two codes", []add{{"0101000001", 2020, 2, 0}, {"0101000002", 2020, 3, 0}}},
		{"a branch is another code", []add{{"0101000001", 2020, 2, 0}, {"0101000001-001", 2020, 3, 0},
			{"0101000001-000", 2020, 4, 0}, {"0101000001-001", 2020, 5, 3}, {"0101000001-000", 2020, 6, 4}}},
		{"the first row stays first", []add{{"0101000001", 2020, 2, 0}, {"0101000001", 2020, 5, 2}, {"0101000001", 2020, 7, 2}}},
		{"codes codeKey cannot read", []add{{"x1", 2020, 2, 0}, {"x2", 2020, 3, 0}, {"x1", 2021, 4, 0}, {"x1", 2020, 5, 2}}},
		{"interleaved codes", []add{{"9601000001", 2024, 2, 0}, {"0101000001", 2024, 3, 0}, {"9601000001", 2025, 4, 0},
			{"0101000001", 2025, 5, 0}, {"9601000001", 2024, 6, 2}, {"0101000001", 2025, 7, 5}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSeenCodes()
			for _, a := range tt.adds {
				if got := s.add(a.code, a.year, a.row); got != a.wantFirst {
					t.Errorf("add(%s, %d, row %d) = %d, want %d", a.code, a.year, a.row, got, a.wantFirst)
				}
			}
		})
	}
}

// Every code codeRE accepts has its own key.
func TestCodeKey(t *testing.T) {
	codes := []string{"0000000000", "0000000000-000", "0000000000-001", "0000000001", "0000000001-000",
		"9999999999", "9999999999-999", "0101000001", "1010000001", "0101000001-999"}
	keys := map[uint64]string{}
	for _, c := range codes {
		if !codeRE.MatchString(c) {
			t.Fatalf("%s is no code", c)
		}
		k, ok := codeKey(c)
		if !ok {
			t.Fatalf("codeKey(%s) not read", c)
		}
		if o, dup := keys[k]; dup {
			t.Errorf("codeKey(%s) = codeKey(%s) = %d", c, o, k)
		}
		keys[k] = c
	}
	for _, c := range []string{"", "010100000", "0101000001-01", "0101000001x001", "01010000a1", "0101000001-0a1"} {
		if _, ok := codeKey(c); ok {
			t.Errorf("codeKey(%q) read", c)
		}
	}
}
