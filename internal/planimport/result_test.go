package planimport

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestResultJSONNulls(t *testing.T) {
	t.Parallel()
	var r Result
	r.Groups = []Group{{Code: "I", Tasks: []Task{{Code: "I.1", Timeframe: &Timeframe{Kind: "year", Start: &Date{2020, time.January, 1}}}}}}
	r.finish()
	b, err := json.Marshal(&r)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{`"number":null`, `"issued_on":null`, `"coordinator":null`, `"implements":[]`,
		`"lead":[]`, `"extra":null`, `"start":"2020-01-01"`, `"due":null`, `"warnings":[]`, `"declared":{"groups":null,"tasks":null}`} {
		if !strings.Contains(s, want) {
			t.Errorf("JSON lacks %s: %s", want, s)
		}
	}
	if strings.Contains(s, "warningKeys") {
		t.Error("internal field in JSON")
	}
}

func TestDate(t *testing.T) {
	t.Parallel()
	d := Date{2018, time.May, 23}
	b, _ := json.Marshal(d)
	if string(b) != `"2018-05-23"` {
		t.Errorf("marshal = %s", b)
	}
	var back Date
	if err := json.Unmarshal(b, &back); err != nil || back != d {
		t.Errorf("unmarshal = %v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`"23/05/2018"`), &back); err == nil {
		t.Error("accepted a non-ISO date")
	}
	if !d.Time().Equal(time.Date(2018, 5, 23, 0, 0, 0, 0, time.UTC)) {
		t.Error("Time")
	}
	if datePtr(2020, 2, 30) != nil || datePtr(2020, 2, 29) == nil {
		t.Error("datePtr validity")
	}
}
