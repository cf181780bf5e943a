package coop

import (
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
)

// Years the register accepts figures for: the first law on cooperatives
// to one year ahead (a plan's figures for the coming year).
const (
	MinYear = 1996
)

// MaxYear is the latest year figures may be recorded for on day today.
func MaxYear(today time.Time) int { return today.Year() + 1 }

// Filing is where a cooperative's own filing of its yearly figures stands.
// Figures recorded by the coordinator or an import have no filing ("").
type Filing string

const (
	FilingNone      Filing = ""
	FilingDraft     Filing = "draft"
	FilingSubmitted Filing = "submitted"
	FilingReturned  Filing = "returned" // sent back with a comment, to correct and submit again
	FilingAccepted  Filing = "accepted"
)

// Filings lists the states of a filing in their order.
func Filings() []Filing {
	return []Filing{FilingDraft, FilingSubmitted, FilingReturned, FilingAccepted}
}

// Valid reports whether f is a known state, none included.
func (f Filing) Valid() bool {
	if f == FilingNone {
		return true
	}
	for _, x := range Filings() {
		if f == x {
			return true
		}
	}
	return false
}

// Editable reports whether the cooperative may still change its figures:
// not while the coordinator reviews them, nor once accepted.
func (f Filing) Editable() bool { return f != FilingSubmitted && f != FilingAccepted }

// FilingDueDay is the day of December by which a year's figures are due.
const FilingDueDay = 15

// FilingDue is the last day to file year's figures: 15/12 of that year.
func FilingDue(year int) time.Time {
	return time.Date(year, time.December, FilingDueDay, 0, 0, 0, 0, time.UTC)
}

// YearFigures are an organisation's figures for one year. Money is in đồng,
// whole numbers; a profit may be negative (a loss).
type YearFigures struct {
	OrganisationID int64 `json:"organisation_id"`
	Year           int   `json:"year"`

	MembersIndividual int64 `json:"members_individual"`
	MembersHousehold  int64 `json:"members_household"`
	MembersLegal      int64 `json:"members_legal"`
	MemberCoops       int64 `json:"member_coops"` // the member HTX of an LHHTX
	Employees         int64 `json:"employees"`
	MemberEmployees   int64 `json:"member_employees"` // employees who are also members

	CharterCapital int64 `json:"charter_capital"`
	TotalAssets    int64 `json:"total_assets"`
	Revenue        int64 `json:"revenue"`
	Profit         int64 `json:"profit"`
	AvgIncome      int64 `json:"avg_income"` // a year's income per worker

	Rating       Rating `json:"rating"`
	Exemplary    bool   `json:"exemplary"`
	ValueChain   bool   `json:"value_chain"`
	HighTech     bool   `json:"high_tech"`
	OCOPProducts int64  `json:"ocop_products"`

	Filing        Filing     `json:"filing"`
	FilingComment string     `json:"filing_comment"`
	SubmittedAt   *time.Time `json:"submitted_at"`
	ReviewedAt    *time.Time `json:"reviewed_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
}

// Members is the number of members the law counts: individuals,
// households and legal entities.
func (f *YearFigures) Members() int64 {
	return f.MembersIndividual + f.MembersHousehold + f.MembersLegal
}

// MaxCount bounds counts (members, employees, products) and MaxMoney sums
// of money: far above any real organisation, far below overflow when a
// province's figures are added up.
const (
	MaxCount = 10_000_000
	MaxMoney = 1_000_000_000_000_000 // 10^18 đồng
)

// Validate checks the figures of year; today bounds the year.
func (f *YearFigures) Validate(today time.Time) error {
	fe := apperr.FieldErrors{}
	if f.Year < MinYear || f.Year > MaxYear(today) {
		fe.Add("year", "error.field.figures_year")
	}
	for name, n := range f.counts() {
		if n < 0 {
			fe.Add(name, "error.field.negative")
		} else if n > MaxCount {
			fe.Add(name, "error.field.too_large")
		}
	}
	for name, n := range map[string]int64{"charter_capital": f.CharterCapital, "total_assets": f.TotalAssets,
		"revenue": f.Revenue, "avg_income": f.AvgIncome} {
		if n < 0 {
			fe.Add(name, "error.field.negative")
		} else if n > MaxMoney {
			fe.Add(name, "error.field.too_large")
		}
	}
	if f.Profit > MaxMoney || f.Profit < -MaxMoney {
		fe.Add("profit", "error.field.too_large")
	}
	if f.MemberEmployees > f.Employees {
		fe.Add("member_employees", "error.field.member_employees_over")
	}
	if !f.Rating.Valid() {
		fe.Add("rating", "error.field.coop_rating")
	}
	if !f.Filing.Valid() {
		fe.Add("filing", "error.field.filing")
	}
	return fe.Err()
}

func (f *YearFigures) counts() map[string]int64 {
	return map[string]int64{"members_individual": f.MembersIndividual, "members_household": f.MembersHousehold,
		"members_legal": f.MembersLegal, "member_coops": f.MemberCoops, "employees": f.Employees,
		"member_employees": f.MemberEmployees, "ocop_products": f.OCOPProducts}
}

// Warning is a finding that is reported but does not refuse the figures.
type Warning struct {
	Field string `json:"field"`
	Key   string `json:"key"` // i18n message key
}

// Minimum sizes of Law 17/2023/QH15 (articles 3 and 5): a THT has at least
// 2 members, an HTX at least 5, an LHHTX at least 2 member HTX.
const (
	MinMembersTHT  = 2
	MinMembersHTX  = 5
	MinMemberCoops = 2
)

// Warnings are the law's minimum sizes that figures of form fall short of.
// They are warnings and never refusals: a register records what is, and
// an organisation below the minimum is what the coordinator must follow
// up, not a row to lose.
func (f *YearFigures) Warnings(form Form) []Warning {
	switch {
	case form == FormTHT && f.Members() < MinMembersTHT:
		return []Warning{{Field: "members_individual", Key: "warning.coop.tht_min_members"}}
	case form == FormHTX && f.Members() < MinMembersHTX:
		return []Warning{{Field: "members_individual", Key: "warning.coop.htx_min_members"}}
	case form == FormLHHTX && f.MemberCoops < MinMemberCoops:
		return []Warning{{Field: "member_coops", Key: "warning.coop.lhhtx_min_coops"}}
	}
	return nil
}

// SameNumbers reports whether two rows hold the same figures, the filing
// aside: what decides whether saving them changes anything.
func (f *YearFigures) SameNumbers(g *YearFigures) bool {
	a, b := *f, *g
	for _, x := range []*YearFigures{&a, &b} {
		x.Filing, x.FilingComment, x.SubmittedAt, x.ReviewedAt, x.UpdatedAt = "", "", nil, nil, time.Time{}
	}
	return a == b
}
