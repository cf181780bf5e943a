package browsertest

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/demo"
)

// A cooperative files its figures in the browser and the coordinator
// accepts them (issue 17): the demo representative of HTX Sen Quê opens
// its organisation from the register, fills the 2026 figures typed the
// Vietnamese way, keeps them as a draft, reopens and corrects them and
// submits them, after which its form is locked; the coordinator finds the
// filing on the follow-up page, opens it and accepts it; the organisation
// page then shows the figures accepted, written 1.234.567. The provincial
// leader reads that page but is offered no way to file or accept. Once with
// JavaScript, once without: the form and the review are plain forms.
func TestRegisterFiling(t *testing.T) { registerFiling(t) }

func TestRegisterFilingWithoutJavaScript(t *testing.T) { registerFiling(t, WithoutJavaScript()) }

func registerFiling(t *testing.T, opts ...Option) {
	app, b := NewApp(t), NewBrowser(t)
	const code, name, year = "2900456781", "Hợp tác xã Nông nghiệp Sen Quê", 2026 // the demo clock's year
	org, err := app.DB.OrganisationByCode(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	orgPath := fmt.Sprintf("/register/%d", org.ID)
	formPath := fmt.Sprintf("%s/figures/%d", orgPath, year)
	form := fmt.Sprintf(`form[action=%q]`, formPath)
	fileLink := fmt.Sprintf(`a[href=%q]`, formPath)
	// The year's row of the organisation page's figures table, and its cells.
	row := fmt.Sprintf(`//table[@id="figures-table"]//tr[th[normalize-space(.)="%d"]]`, year)
	filingState := func(s *Session, want coop.Filing) {
		s.t.Helper()
		cells := s.Texts(row + "/td")
		if len(cells) == 0 {
			s.Fatalf("the organisation page has no row for %d", year)
		}
		if got := cells[len(cells)-1]; got != s.T("coop.filing."+string(want)) {
			s.Fatalf("the %d figures are %q, want %s", year, got, want)
		}
	}

	s := b.NewSession(t, app.URL, opts...)
	s.Login(demo.CoopEmail, app.Password(demo.CoopEmail))
	s.Visit("/register")
	if p := s.Click(Link(name)); p.Path() != orgPath {
		s.Fatalf("the register's link to %s led to %s", name, p.Path())
	}
	s.MustContain(fileLink, s.T("register.file_figures"))
	s.Click(fileLink)
	s.Fill(form, map[string]string{
		"members_individual": "57", "members_household": "12", "members_legal": "1",
		"employees": "9", "member_employees": "6", "charter_capital": "850.000.000",
		"total_assets": "2.345.678.900", "revenue": "1.200.000", "profit": "98.765",
		"avg_income": "54.000.000", "ocop_products": "1", "rating": s.T("coop.rating.fair"), "value_chain": "1",
	})
	p := s.Click(form + ` button[value="save"]`)
	if p.Path() != orgPath {
		s.Fatalf("saving the draft led to %s", p.Path())
	}
	s.MustContain(".flash", s.T("register.figures_saved"))
	filingState(s, coop.FilingDraft)

	// The draft comes back as it was kept, and may still change.
	s.Click(fileLink)
	if got := Eval[string](s, `document.getElementById("revenue").value`); got != "1200000" {
		s.Fatalf("the draft's revenue reads %q", got)
	}
	s.Fill(form, map[string]string{"revenue": "1.234.567"})
	s.Click(form + ` button[value="submit"]`)
	s.MustContain(".flash", s.T("register.figures_submitted"))
	filingState(s, coop.FilingSubmitted)
	s.Click(fileLink)
	s.MustContain("main", s.T("error.field.filing_locked"))
	if s.Has(`button[name="step"]`) || !Eval[bool](s, `document.getElementById("revenue").readOnly`) {
		s.Fatalf("the submitted figures are still open to their cooperative")
	}
	s.Logout()

	// The coordinator follows the filing up: the commune's filed count
	// leads to the organisation, whose form offers the review.
	s.Login(CoordinatorEmail, app.Password(CoordinatorEmail))
	s.Visit(fmt.Sprintf("/register/filings?year=%d", year))
	s.Click(fmt.Sprintf(`#filings a[href*="commune=%s&state=filed&"]`, org.NewCommuneCode))
	s.Click(`.filings-list ` + fileLink)
	s.MustContain("main", s.T("coop.filing.submitted"))
	if got := Eval[string](s, `document.getElementById("revenue").value`); got != "1234567" {
		s.Fatalf("the coordinator reviews a revenue of %q", got)
	}
	p = s.Click(form + ` button[value="accept"]`)
	if p.Path() != orgPath {
		s.Fatalf("accepting led to %s", p.Path())
	}
	s.MustContain(".flash", s.T("register.figures_accepted"))
	filingState(s, coop.FilingAccepted)
	want := []string{"57", "12", "1", "9", "6", "850.000.000", "2.345.678.900", "1.234.567", "98.765", "54.000.000",
		s.T("coop.rating.fair"), s.T("fig.field.value_chain"), "1", s.T("coop.filing.accepted")}
	if got := s.Texts(row + "/td"); !slices.Equal(got, want) {
		s.Fatalf("the accepted %d figures read\n%q, want\n%q", year, got, want)
	}
	s.Logout()

	// The leader reads the organisation, but may neither file nor review.
	s.Login(ViewerEmail, app.Password(ViewerEmail))
	s.Visit(orgPath)
	filingState(s, coop.FilingAccepted)
	s.MustContain(row, "1.234.567")
	if s.Has(`a[href*="/figures/"]`) || s.Has(`button[value="accept"]`) || s.Has("form[action*='/figures/']") {
		s.Fatalf("the leader is offered the figures form")
	}
	s.Expect(403)
	if p := s.Visit(formPath); p.Status != 403 || s.Has(`button[value="accept"]`) {
		s.Fatalf("the leader opening the figures form: HTTP %d", p.Status)
	}

	stored, err := app.DB.FiguresFor(context.Background(), org.ID, year)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Filing != coop.FilingAccepted || stored.Revenue != 1_234_567 || stored.TotalAssets != 2_345_678_900 ||
		stored.SubmittedAt == nil || stored.ReviewedAt == nil {
		t.Fatalf("stored %+v", stored)
	}
}
