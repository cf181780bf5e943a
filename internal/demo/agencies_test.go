package demo

import (
	"strings"
	"testing"
	"time"
)

func TestAgencyFields(t *testing.T) {
	kinds := map[string]bool{
		"department": true, "committee": true, "union": true, "front": true,
		"media": true, "bank": true, "other": true, "collective": true,
	}
	list := agencies()
	if n := len(list); n < 22 || n > 28 {
		t.Errorf("%d agencies, want 22–28", n)
	}
	collectives := 0
	for _, a := range list {
		if strings.TrimSpace(a.Name) == "" || strings.TrimSpace(a.Short) == "" {
			t.Errorf("agency %q: empty name or short name", a.Name)
		}
		if !kinds[a.Kind] {
			t.Errorf("agency %q: unknown kind %q", a.Name, a.Kind)
		}
		if a.Collective != (a.Kind == "collective") {
			t.Errorf("agency %q: Collective=%v but kind %q", a.Name, a.Collective, a.Kind)
		}
		if a.Collective {
			collectives++
		}
	}
	if collectives != 4 {
		t.Errorf("%d collective designations, want 4", collectives)
	}
}

func TestAgencyNamesUnique(t *testing.T) {
	owner := map[string]string{} // lower-cased spelling -> agency Name
	for _, a := range agencies() {
		spellings := append([]string{a.Name, a.Short}, a.Aliases...)
		own := map[string]bool{}
		for i, s := range spellings {
			key := strings.ToLower(s)
			if i == 1 && key == strings.ToLower(a.Name) {
				continue // a short name may equal the full name
			}
			if own[key] {
				t.Errorf("agency %q: spelling %q repeated", a.Name, s)
				continue
			}
			own[key] = true
			if prev, ok := owner[key]; ok {
				t.Errorf("spelling %q of %q is already used by %q", s, a.Name, prev)
				continue
			}
			owner[key] = a.Name
		}
	}
}

func TestAgencyValidity(t *testing.T) {
	idx := seedAgencyIndex(t)
	for _, a := range agencies() {
		var from, to time.Time
		var err error
		if a.ValidFrom != "" {
			if from, err = time.Parse(seedDateLayout, a.ValidFrom); err != nil {
				t.Errorf("agency %q: ValidFrom: %v", a.Name, err)
			}
		}
		if a.ValidTo != "" {
			if to, err = time.Parse(seedDateLayout, a.ValidTo); err != nil {
				t.Errorf("agency %q: ValidTo: %v", a.Name, err)
			}
		}
		if !from.IsZero() && !to.IsZero() && !from.Before(to) {
			t.Errorf("agency %q: ValidFrom %s not before ValidTo %s", a.Name, a.ValidFrom, a.ValidTo)
		}
		if a.Successor == "" {
			continue
		}
		succ, ok := idx[a.Successor]
		switch {
		case !ok:
			t.Errorf("agency %q: successor %q is not an agency", a.Name, a.Successor)
			continue
		case a.Successor == a.Name:
			t.Errorf("agency %q is its own successor", a.Name)
			continue
		case a.ValidTo == "":
			t.Errorf("agency %q has a successor but no ValidTo", a.Name)
			continue
		}
		// The successor must exist by the day after the predecessor ends, and outlive it.
		if succ.ValidFrom != "" {
			if sf, err := time.Parse(seedDateLayout, succ.ValidFrom); err == nil && sf.After(to.AddDate(0, 0, 1)) {
				t.Errorf("agency %q ends %s but successor %q starts %s", a.Name, a.ValidTo, succ.Name, succ.ValidFrom)
			}
		}
		if succ.ValidTo != "" {
			if st, err := time.Parse(seedDateLayout, succ.ValidTo); err == nil && !st.After(to) {
				t.Errorf("successor %q ends %s, not after %q (%s)", succ.Name, succ.ValidTo, a.Name, a.ValidTo)
			}
		}
	}
}

// TestReorganisation pins the facts of the 2025 reform the demo relies on.
func TestReorganisation(t *testing.T) {
	idx := seedAgencyIndex(t)
	cases := []struct {
		name, from, to, successor string
	}{
		{"Sở Kế hoạch và Đầu tư", "", "2025-02-28", "Sở Tài chính"},
		{"Sở Nông nghiệp và Phát triển nông thôn", "", "2025-02-28", "Sở Nông nghiệp và Môi trường"},
		{"Sở Tài nguyên và Môi trường", "", "2025-02-28", "Sở Nông nghiệp và Môi trường"},
		{"Sở Thông tin và Truyền thông", "", "2025-02-28", "Sở Khoa học và Công nghệ"},
		{"Sở Lao động, Thương binh và Xã hội", "", "2025-02-28", "Sở Nội vụ"},
		{"Sở Nông nghiệp và Môi trường", "2025-03-01", "", ""},
		{"Sở Tài chính", "", "", ""},
		{"UBND các huyện, thị xã, thành phố", "", "2025-06-30", "UBND các xã, phường"},
		{"UBND các xã, phường", "2025-07-01", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, ok := idx[c.name]
			if !ok {
				t.Fatalf("agency %q missing", c.name)
			}
			if a.ValidFrom != c.from || a.ValidTo != c.to || a.Successor != c.successor {
				t.Errorf("got from=%q to=%q successor=%q, want from=%q to=%q successor=%q",
					a.ValidFrom, a.ValidTo, a.Successor, c.from, c.to, c.successor)
			}
		})
	}
}
