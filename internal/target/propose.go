package target

import (
	"strings"
	"time"
	"unicode"

	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/vntext"
)

// keyword names an indicator in a plan's wording: every phrase must
// occur, as whole words, in the target's folded text (lower case, without
// diacritics). The first row that matches wins, so the narrower phrase
// comes first ("cao đẳng trở lên" before "được đào tạo").
type keyword struct {
	all []string
	id  string
}

// keywords is the table the import proposes links from. "chuyển đổi …
// 2012" does not insist on "luật hợp tác xã": the seeds write it with
// lost letters ("Luật Hp tác xã 2012").
var keywords = []keyword{
	{[]string{"dien hinh tien tien"}, indicator.Exemplary},
	{[]string{"grdp"}, indicator.GRDPShare},
	{[]string{"cao dang tro len"}, indicator.ShareManagersCollege},
	{[]string{"duoc dao tao"}, indicator.ShareManagersTrained},
	{[]string{"giai the"}, indicator.Dissolved},
	{[]string{"chuyen doi", "2012"}, indicator.ShareLaw2012},
	{[]string{"dieu le", "2023"}, indicator.ShareCharter2023},
	{[]string{"chuoi gia tri"}, indicator.ShareValueChain},
	{[]string{"cong nghe cao"}, indicator.HighTech},
	{[]string{"ocop"}, indicator.OCOPProducts},
	{[]string{"thanh lap moi"}, indicator.Founded},
	{[]string{"tot", "kha"}, indicator.ShareGoodFair},
	{[]string{"thu nhap binh quan"}, indicator.AvgIncome},
	{[]string{"doanh thu binh quan"}, indicator.AvgRevenue},
	{[]string{"loi nhuan binh quan"}, indicator.AvgProfit},
}

// Propose returns the indicator a target's text names, if the table
// knows one.
func Propose(text string) (string, bool) {
	words := " " + strings.Join(strings.FieldsFunc(vntext.Fold(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ") + " "
	for _, k := range keywords {
		all := true
		for _, phrase := range k.all {
			all = all && strings.Contains(words, " "+phrase+" ")
		}
		if all {
			return k.id, true
		}
	}
	return "", false
}

// Proposal is what the link form starts from for a target not linked
// yet: what the import read, and the indicator its text names. The
// coordinator confirms it; nothing is stored until then.
type Proposal struct {
	Indicator    string
	Comparator   string
	Value        *float64
	ValueMax     *float64
	BaselineYear int // 0 when unknown
	Deadline     *time.Time
}

// ProposeFor fills a proposal from a parsed target of a plan issued on
// issued (nil when unknown). A plain figure means at least that figure;
// the baseline is the last full year before the plan was issued, the
// figures its authors had.
func ProposeFor(t plan.Target, issued *time.Time) Proposal {
	p := Proposal{Comparator: t.Comparator, Value: t.Value, ValueMax: t.ValueMax, Deadline: t.Due}
	p.Indicator, _ = Propose(t.Text)
	if p.Comparator == "" && t.Value != nil {
		p.Comparator = AtLeast
	}
	if issued != nil {
		p.BaselineYear = issued.Year() - 1
	}
	return p
}
