package auth

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"testing"
)

// The agencies of the policy table. The Sở Kế hoạch và Đầu tư was merged
// into the Sở Tài chính: the store hands the policy a task's agencies with
// their successors added, so a task the old department leads arrives as
// [oldDept, finance].
const (
	finance int64 = 1 // the successor
	oldDept int64 = 2 // merged into finance
	farming int64 = 3 // unrelated
)

// The organisations of the register's rules: the one a representative
// acts for, and another.
const (
	ownOrg   int64 = 1
	otherOrg int64 = 2
)

func agencyID(id int64) *int64 { return &id }

// idOf is the subject's account ID; the anonymous visitor has none.
func idOf(u *User) int64 {
	if u == nil {
		return 0
	}
	return u.ID
}

// subjects are every role, enabled and disabled, the anonymous visitor, and
// the agency cases that matter: a successor's officer, a merged agency's
// officer, an unrelated officer, an officer with no agency, and roles that
// carry an agency they must not act for.
var subjects = []struct {
	name string
	user *User
}{
	{"anonymous", nil},
	{"admin", &User{Role: RoleAdmin}},
	{"admin disabled", &User{Role: RoleAdmin, Disabled: true}},
	{"coordinator", &User{Role: RoleCoordinator}},
	{"coordinator disabled", &User{Role: RoleCoordinator, Disabled: true}},
	{"coordinator with a one-time password", &User{Role: RoleCoordinator, MustChangePassword: true}},
	{"agency of the successor", &User{Role: RoleAgency, AgencyID: agencyID(finance)}},
	{"agency of the successor disabled", &User{Role: RoleAgency, AgencyID: agencyID(finance), Disabled: true}},
	{"agency merged away", &User{Role: RoleAgency, AgencyID: agencyID(oldDept)}},
	{"agency unrelated", &User{Role: RoleAgency, AgencyID: agencyID(farming)}},
	{"agency without agency", &User{Role: RoleAgency}},
	{"coop", &User{Role: RoleCoop}},
	{"coop with an agency", &User{Role: RoleCoop, AgencyID: agencyID(finance)}},
	{"coop disabled", &User{Role: RoleCoop, Disabled: true}},
	{"coop of the organisation", &User{Role: RoleCoop, OrganisationID: agencyID(ownOrg)}},
	{"coop of the organisation disabled", &User{Role: RoleCoop, OrganisationID: agencyID(ownOrg), Disabled: true}},
	{"viewer with an organisation", &User{Role: RoleViewer, OrganisationID: agencyID(ownOrg)}},
	{"agency with an organisation", &User{Role: RoleAgency, AgencyID: agencyID(farming), OrganisationID: agencyID(ownOrg)}},
	{"viewer", &User{Role: RoleViewer}},
	{"viewer with an agency", &User{Role: RoleViewer, AgencyID: agencyID(finance)}},
	{"viewer disabled", &User{Role: RoleViewer, Disabled: true}},
	{"unknown role", &User{Role: Role("superuser")}},
}

// actions are every policy function, CanRecordProgress once per kind of task.
var actions = []struct {
	name string
	fn   string // the policy function it calls
	may  func(*User) bool
}{
	{"read", "CanRead", CanRead},
	{"agencies", "CanManageAgencies", CanManageAgencies},
	{"audit", "CanReadAudit", CanReadAudit},
	{"users", "CanManageUsers", CanManageUsers},
	{"lead", "CanRecordProgress", func(u *User) bool { return CanRecordProgress(u, []int64{finance}, nil) }},
	{"support", "CanRecordProgress", func(u *User) bool { return CanRecordProgress(u, []int64{farming}, []int64{finance}) }},
	{"merged-lead", "CanRecordProgress", func(u *User) bool { return CanRecordProgress(u, []int64{oldDept, finance}, nil) }},
	{"merged-sup", "CanRecordProgress", func(u *User) bool { return CanRecordProgress(u, []int64{farming}, []int64{oldDept, finance}) }},
	{"other", "CanRecordProgress", func(u *User) bool { return CanRecordProgress(u, []int64{farming}, nil) }},
	{"none", "CanRecordProgress", func(u *User) bool { return CanRecordProgress(u, nil, nil) }},
	{"import", "CanImportPlans", CanImportPlans},
	{"own-tokens", "CanManageTokensOf", func(u *User) bool { return CanManageTokensOf(u, idOf(u)) }},
	{"others-tokens", "CanManageTokensOf", func(u *User) bool { return CanManageTokensOf(u, idOf(u)+1) }},
	{"must-change", "MustChangePassword", MustChangePassword},
	{"home-agency", "StartsAtOwnAgency", StartsAtOwnAgency},
	{"register", "CanReadRegister", CanReadRegister},
	{"register-manage", "CanManageRegister", CanManageRegister},
	{"contact-own", "CanEditOrganisationContact", func(u *User) bool { return CanEditOrganisationContact(u, ownOrg) }},
	{"contact-other", "CanEditOrganisationContact", func(u *User) bool { return CanEditOrganisationContact(u, otherOrg) }},
	{"file-own", "CanFileFigures", func(u *User) bool { return CanFileFigures(u, ownOrg) }},
	{"file-other", "CanFileFigures", func(u *User) bool { return CanFileFigures(u, otherOrg) }},
	{"mail", "CanManageMail", CanManageMail},
	{"notices", "CanReadNotifications", CanReadNotifications},
}

// policyTable is who may do what: one column per action, in the order of
// actions, "y" for allowed and "-" for refused. Changing any rule in
// policy.go changes a cell.
var policyTable = map[string]string{
	//                                       read agencies audit users lead support merged-lead merged-sup other none import own-tokens others-tokens must-change home-agency register register-manage contact-own contact-other file-own file-other mail notices
	"anonymous":                            "- - - - - - - - - - - - - - - - - - - - - - -",
	"admin":                                "y y y y y y y y y y y y y - - y y y y - - y y",
	"admin disabled":                       "- - - - - - - - - - - - - - - - - - - - - - -",
	"coordinator":                          "y y - - y y y y y y y y - - - y y y y - - - y",
	"coordinator disabled":                 "- - - - - - - - - - - - - - - - - - - - - - -",
	"coordinator with a one-time password": "y y - - y y y y y y y y - y - y y y y - - - y",
	"agency of the successor":              "y - - - y y y y - - - y - - y y - - - - - - y",
	"agency of the successor disabled":     "- - - - - - - - - - - - - - - - - - - - - - -",
	"agency merged away":                   "y - - - - - y y - - - y - - y y - - - - - - y",
	"agency unrelated":                     "y - - - - y - y y - - y - - y y - - - - - - y",
	"agency without agency":                "y - - - - - - - - - - y - - y y - - - - - - y",
	"coop":                                 "y - - - - - - - - - - y - - - y - - - - - - y",
	"coop with an agency":                  "y - - - - - - - - - - y - - - y - - - - - - y",
	"coop disabled":                        "- - - - - - - - - - - - - - - - - - - - - - -",
	"viewer":                               "y - - - - - - - - - - y - - - y - - - - - - y",
	"viewer with an agency":                "y - - - - - - - - - - y - - - y - - - - - - y",
	"viewer disabled":                      "- - - - - - - - - - - - - - - - - - - - - - -",
	"coop of the organisation":             "y - - - - - - - - - - y - - - y - y - y - - y",
	"coop of the organisation disabled":    "- - - - - - - - - - - - - - - - - - - - - - -",
	"viewer with an organisation":          "y - - - - - - - - - - y - - - y - - - - - - y",
	"agency with an organisation":          "y - - - - y - y y - - y - - y y - - - - - - y",
	"unknown role":                         "y - - - - - - - - - - y - - - y - - - - - - y",
}

func TestPolicyTable(t *testing.T) {
	for _, s := range subjects {
		row, ok := policyTable[s.name]
		if !ok {
			t.Errorf("%s: no row in the policy table", s.name)
			continue
		}
		cells := strings.Fields(row)
		if len(cells) != len(actions) {
			t.Fatalf("%s: %d cells, want one per action (%d)", s.name, len(cells), len(actions))
		}
		for i, a := range actions {
			want := cells[i] == "y"
			if got := a.may(s.user); got != want {
				t.Errorf("%s may %s = %v, want %v", s.name, a.name, got, want)
			}
		}
	}
	if len(policyTable) != len(subjects) {
		t.Errorf("the table has %d rows for %d subjects", len(policyTable), len(subjects))
	}
}

// The table covers every role, each also disabled, so a new role cannot
// slip in without its row.
func TestPolicyTableCoversEveryRole(t *testing.T) {
	for _, r := range Roles() {
		enabled, disabled := false, false
		for _, s := range subjects {
			if s.user != nil && s.user.Role == r {
				enabled = enabled || !s.user.Disabled
				disabled = disabled || s.user.Disabled
			}
		}
		if !enabled || !disabled {
			t.Errorf("role %s: in the table enabled %v, disabled %v; want both", r, enabled, disabled)
		}
	}
}

// The table covers every policy function in policy.go, so a new rule
// cannot slip in untested.
func TestPolicyTableCoversEveryRule(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "policy.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var covered []string
	for _, a := range actions {
		covered = append(covered, a.fn)
	}
	n := 0
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv != nil || !fd.Name.IsExported() {
			continue
		}
		n++
		if !slices.Contains(covered, fd.Name.Name) {
			t.Errorf("policy function %s has no column in the policy table", fd.Name.Name)
		}
	}
	if n < 5 {
		t.Errorf("found %d policy functions in policy.go, want at least 5", n)
	}
}
