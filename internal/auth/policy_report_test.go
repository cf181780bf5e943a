package auth

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"testing"
)

// reportActions are the reporting cycle's rules, over the same subjects
// as the main policy table.
var reportActions = []struct {
	name string
	fn   string
	may  func(*User) bool
}{
	{"read", "CanReadReports", CanReadReports},
	{"read-all", "CanReadAllReports", CanReadAllReports},
	{"read-own", "CanReadAgencyReport", func(u *User) bool { return CanReadAgencyReport(u, finance) }},
	{"read-other", "CanReadAgencyReport", func(u *User) bool { return CanReadAgencyReport(u, farming) }},
	{"read-predecessor", "CanReadReportOf", func(u *User) bool { return CanReadReportOf(u, oldDept, []int64{finance}) }},
	{"read-predecessor-before", "CanReadReportOf", func(u *User) bool { return CanReadReportOf(u, oldDept, nil) }},
	{"submit-own", "CanSubmitReport", func(u *User) bool { return CanSubmitReport(u, finance) }},
	{"submit-other", "CanSubmitReport", func(u *User) bool { return CanSubmitReport(u, farming) }},
	{"review", "CanReviewReports", CanReviewReports},
	{"urge", "CanUrge", CanUrge},
}

// reportPolicyTable: "own" is the finance department's report;
// "predecessor" the merged department's, once its duties passed to finance
// and ("before") on a day before that.
var reportPolicyTable = map[string]string{
	//                                       read read-all read-own read-other pred pred-before submit-own submit-other review urge
	"anonymous":                            "- - - - - - - - - -",
	"admin":                                "y y y y y y y y y y",
	"admin disabled":                       "- - - - - - - - - -",
	"coordinator":                          "y y y y y y y y y y",
	"coordinator disabled":                 "- - - - - - - - - -",
	"coordinator with a one-time password": "y y y y y y y y y y",
	"agency of the successor":              "y - y - y - y - - -",
	"agency of the successor disabled":     "- - - - - - - - - -",
	"agency merged away":                   "y - - - y y - - - -",
	"agency unrelated":                     "y - - y - - - y - -",
	"agency without agency":                "- - - - - - - - - -",
	"coop":                                 "- - - - - - - - - -",
	"coop with an agency":                  "- - - - - - - - - -",
	"coop disabled":                        "- - - - - - - - - -",
	"viewer":                               "y y y y y y - - - -",
	"viewer with an agency":                "y y y y y y - - - -",
	"viewer disabled":                      "- - - - - - - - - -",
	"unknown role":                         "- - - - - - - - - -",
	"coop of the organisation":             "- - - - - - - - - -",
	"coop of the organisation disabled":    "- - - - - - - - - -",
	"viewer with an organisation":          "y y y y y y - - - -",
	"agency with an organisation":          "y - - y - - - y - -",
}

func TestReportPolicyTable(t *testing.T) {
	for _, s := range subjects {
		row, ok := reportPolicyTable[s.name]
		if !ok {
			t.Errorf("%s: no row in the report policy table", s.name)
			continue
		}
		cells := strings.Fields(row)
		if len(cells) != len(reportActions) {
			t.Fatalf("%s: %d cells, want %d", s.name, len(cells), len(reportActions))
		}
		for i, a := range reportActions {
			if got, want := a.may(s.user), cells[i] == "y"; got != want {
				t.Errorf("%s may %s = %v, want %v", s.name, a.name, got, want)
			}
		}
	}
	if len(reportPolicyTable) != len(subjects) {
		t.Errorf("the table has %d rows for %d subjects", len(reportPolicyTable), len(subjects))
	}
}

// Every rule of policy_report.go has a column.
func TestReportPolicyTableCoversEveryRule(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "policy_report.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var covered []string
	for _, a := range reportActions {
		covered = append(covered, a.fn)
	}
	n := 0
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.IsExported() {
			n++
			if !slices.Contains(covered, fd.Name.Name) {
				t.Errorf("policy function %s has no column in the report policy table", fd.Name.Name)
			}
		}
	}
	if n < 5 {
		t.Errorf("found %d policy functions, want 5", n)
	}
}
