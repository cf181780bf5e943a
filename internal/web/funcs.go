package web

import (
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/planimport"
	"github.com/hoptac/hoptac/internal/proposal"
	"github.com/hoptac/hoptac/internal/vntext"
)

// funcs are the template helpers. Dates show as dd/mm/yyyy, as Vietnamese
// readers expect.
func funcs() template.FuncMap {
	return template.FuncMap{
		"date":       fmtDate,
		"datetime":   fmtDateTime,
		"statusKey":  func(s plan.Status) string { return "status." + string(s) },
		"deref":      func(p *int) int { return *p },
		"deref64":    func(p *int64) int64 { return *p },
		"isSelected": func(p *int64, id int64) bool { return p != nil && *p == id },
		"add":        func(a, b int) int { return a + b },
		"join":       func(xs []string) string { return strings.Join(xs, ", ") },
		"query":      urlEscape,
		"monthDay":   fmtMonthDay,
		"maxLen":     maxLen,
		"can":        can,
		// Numbers and money show the Vietnamese way (1.234.567; 1,5).
		"num": vntext.FormatInt,
		"dec": vntext.FormatDecimal,
		"tokenList": func(l i18n.Localizer, tokens []auth.Token, now time.Time) tokenTable {
			return tokenTable{L: l, Tokens: tokens, Now: now}
		},
		"sval": func(s *string) string {
			if s == nil {
				return ""
			}
			return *s
		},
		"agencyLines": func(refs []planimport.AgencyRef) string {
			names := make([]string, len(refs))
			for i, a := range refs {
				names[i] = a.Text
			}
			return strings.Join(names, "\n")
		},
		"unresolved": func(refs []planimport.AgencyRef) []string {
			var out []string
			for _, a := range refs {
				if a.Agency == nil {
					out = append(out, a.Text)
				}
			}
			return out
		},
		"leads": func(t plan.Task, agencyID int64) bool {
			for _, a := range t.Lead {
				if a.ID == agencyID || a.Successor != nil && a.Successor.ID == agencyID {
					return true
				}
			}
			return false
		},
	}
}

// can asks the policy in package auth whether u may do what the name
// says: templates show menus and buttons by it and never test a role. An
// unknown name fails the page's rendering, which tests catch.
func can(what string, u *auth.User) (bool, error) {
	switch what {
	case "read_audit":
		return auth.CanReadAudit(u), nil
	case "manage_users":
		return auth.CanManageUsers(u), nil
	case "manage_agencies":
		return auth.CanManageAgencies(u), nil
	case "import_plans":
		return auth.CanImportPlans(u), nil
	case "manage_mail":
		return auth.CanManageMail(u), nil
	case "list_proposals":
		return proposal.CanList(u), nil
	}
	return false, fmt.Errorf("web: no policy rule %q", what)
}

// maxLen gives a form field the domain's limit as its maxlength, so the
// browser stops where Validate would refuse; an unknown name fails the
// page's rendering, which tests catch.
func maxLen(field string) (int, error) {
	switch field {
	case "note":
		return plan.MaxNoteLen, nil
	case "evidence_url":
		return plan.MaxURLLen, nil
	case "agency_name":
		return org.MaxNameLen, nil
	case "short_name":
		return org.MaxShortNameLen, nil
	}
	return 0, fmt.Errorf("web: no length limit for field %q", field)
}

func fmtDate(v any) string {
	switch t := v.(type) {
	case time.Time:
		if t.IsZero() {
			return ""
		}
		return t.Format("02/01/2006")
	case *time.Time:
		if t == nil {
			return ""
		}
		return t.Format("02/01/2006")
	}
	return ""
}

// fmtMonthDay shows a yearly due day stored as "MM-DD" the Vietnamese way,
// "DD/MM"; anything else is shown as stored.
func fmtMonthDay(md string) string {
	m, d, ok := strings.Cut(md, "-")
	if !ok || len(m) != 2 || len(d) != 2 {
		return md
	}
	return d + "/" + m
}

// fmtDateTime shows a moment in Vietnam's time; a nil or zero one shows
// as nothing.
func fmtDateTime(v any) string {
	var t time.Time
	switch x := v.(type) {
	case time.Time:
		t = x
	case *time.Time:
		if x == nil {
			return ""
		}
		t = *x
	}
	if t.IsZero() {
		return ""
	}
	return t.In(time.FixedZone("ICT", 7*3600)).Format("02/01/2006 15:04")
}

// tokenTable is what the "tokens" template shows.
type tokenTable struct {
	L      i18n.Localizer
	Tokens []auth.Token
	Now    time.Time
}

func urlEscape(s string) string { return url.QueryEscape(s) }

// pager describes the links below a paginated list.
type pager struct {
	Page, PerPage, Total int
	Label                string // the navigation's name for screen readers
	base                 url.Values
	path                 string
}

func newPager(path string, q url.Values, page, perPage, total int) pager {
	if page < 1 {
		page = 1
	}
	if perPage < 1 {
		perPage = 50
	}
	return pager{Page: page, PerPage: perPage, Total: total, base: q, path: path}
}

// Pages is the number of pages.
func (p pager) Pages() int { return (p.Total + p.PerPage - 1) / p.PerPage }

// HasPrev and HasNext say whether the links apply.
func (p pager) HasPrev() bool { return p.Page > 1 }
func (p pager) HasNext() bool { return p.Page < p.Pages() }

// URL is the address of page n with the same filters.
func (p pager) URL(n int) string {
	q := url.Values{}
	for k, v := range p.base {
		q[k] = v
	}
	q.Set("page", strconv.Itoa(n))
	return p.path + "?" + q.Encode()
}
