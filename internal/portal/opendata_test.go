package portal_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

// schema is the published schema of the downloads (docs/open-data.md):
// a field renamed, retyped, reordered or removed breaks every reuser, so
// this list changes only by adding at the end.
var schema = map[string][]string{
	"ke-hoach": {"id:integer", "number:string", "title:string", "issuer:string", "issued_on:date", "published_at:datetime",
		"tasks_total:integer", "tasks_not_started:integer", "tasks_in_progress:integer", "tasks_done:integer",
		"tasks_done_late:integer", "tasks_overdue:integer"},
	"nhiem-vu": {"plan_id:integer", "group:string", "code:string", "content:string", "lead:string[]", "support:string[]",
		"timeframe:string", "due:date", "status:string", "percent:integer", "done_on:date"},
	"chi-tieu": {"plan_id:integer", "target_id:integer", "text:string", "comparator:string", "value:number",
		"value_max:number", "unit:string", "due:date", "status:string"},
	"thong-ke": {"province_code:string", "province_name:string", "commune_code:string", "commune_name:string",
		"form:string", "sector:string", "active:integer"},
}

func TestDownloadsFollowTheSchema(t *testing.T) {
	a := start(t)
	publish(t, a.DB, a.PlanID, true)
	c := a.NewClient()
	page := a.Page(c, "/cong-khai/du-lieu")
	for _, want := range []string{"CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/", "Dữ liệu tính đến ngày 24/11/2026"} {
		if !strings.Contains(page, want) {
			t.Errorf("the open data page lacks %q", want)
		}
	}
	for name, fields := range schema {
		t.Run(name, func(t *testing.T) {
			a := a.With(t)
			var names []string
			for _, f := range fields {
				n, typ, _ := strings.Cut(f, ":")
				names = append(names, n)
				if !strings.Contains(page, "<td><code>"+n+"</code></td><td><code>"+typ+"</code></td>") {
					t.Errorf("the page does not document %s as %s", n, typ)
				}
			}
			resp, body := a.Get(c, "/cong-khai/du-lieu/"+name+".csv")
			if ct := resp.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
				t.Errorf("CSV Content-Type %q", ct)
			}
			if !strings.HasPrefix(body, "\uFEFF") {
				t.Error("the CSV has no byte order mark")
			}
			recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(recs[0], ",") != strings.Join(names, ",") {
				t.Errorf("CSV header %v, want %v", recs[0], names)
			}
			if len(recs) < 2 {
				t.Errorf("the CSV has no rows")
			}
			resp, body = a.Get(c, "/cong-khai/du-lieu/"+name+".json")
			if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("JSON Content-Type %q", ct)
			}
			var doc struct {
				Dataset, Licence, Date string
				Fields                 []struct{ Name, Type string }
				Records                []map[string]any
			}
			dec := json.NewDecoder(bytes.NewReader([]byte(body)))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&doc); err != nil {
				t.Fatal(err)
			}
			if doc.Dataset != name || doc.Licence != "CC-BY-4.0" || doc.Date != "2026-11-24" {
				t.Errorf("dataset %q, licence %q, date %q", doc.Dataset, doc.Licence, doc.Date)
			}
			var got []string
			for _, f := range doc.Fields {
				got = append(got, f.Name+":"+f.Type)
			}
			if strings.Join(got, ",") != strings.Join(fields, ",") {
				t.Errorf("JSON fields %v, want %v", got, fields)
			}
			if len(doc.Records) != len(recs)-1 {
				t.Errorf("%d JSON records, %d CSV rows", len(doc.Records), len(recs)-1)
			}
			for _, r := range doc.Records {
				if len(r) != len(names) {
					t.Fatalf("record %v has other fields than %v", r, names)
				}
				for _, n := range names {
					if _, ok := r[n]; !ok {
						t.Fatalf("record %v lacks %s", r, n)
					}
				}
			}
		})
	}
}
