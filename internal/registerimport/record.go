package registerimport

import (
	"regexp"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/sheet"
)

// Record is one row of a register file, typed. Text is NFC and trimmed;
// an optional figure the row leaves empty is nil, never zero; money is in
// đồng whatever unit the column stated.
type Record struct {
	Row            int        `json:"row"`                      // the row in the file, as the spreadsheet numbers it
	Code           string     `json:"code"`                     // registration code: 10 digits, or 10 digits "-" 3 digits
	Name           string     `json:"name"`                     // full name
	ShortName      string     `json:"short_name,omitempty"`     //
	Form           string     `json:"form"`                     // tht, htx, lhhtx
	Sector         string     `json:"sector,omitempty"`         // agriculture, industry, … other
	CommuneCode    string     `json:"commune_code,omitempty"`   // 5 digits, as the file gives it (old or new code)
	CommuneName    string     `json:"commune_name,omitempty"`   //
	District       string     `json:"district,omitempty"`       //
	Province       string     `json:"province,omitempty"`       //
	Address        string     `json:"address,omitempty"`        //
	Phone          string     `json:"phone,omitempty"`          //
	Email          string     `json:"email,omitempty"`          //
	Representative string     `json:"representative,omitempty"` //
	Founded        *time.Time `json:"founded,omitempty"`        //
	Registered     *time.Time `json:"registered,omitempty"`     //
	Law            int        `json:"law,omitempty"`            // 1996, 2003, 2012 or 2023
	Status         string     `json:"status"`                   // active (when the file says nothing), suspended, dissolved, merged, bankrupt, revoked
	StatusDate     *time.Time `json:"status_date,omitempty"`    //
	StatusGiven    bool       `json:"-"`                        // the file's cell was filled: "active" was said, not assumed
	Year           int        `json:"year"`                     // the year the figures belong to
	Members        *int64     `json:"members,omitempty"`        //
	Individuals    *int64     `json:"members_individual,omitempty"`
	Households     *int64     `json:"members_household,omitempty"`
	LegalEntities  *int64     `json:"members_legal,omitempty"`
	MemberCoops    *int64     `json:"member_coops,omitempty"` // an LHHTX's member HTX
	Employees      *int64     `json:"employees,omitempty"`
	EmployeeMembs  *int64     `json:"employee_members,omitempty"`
	CharterCapital *int64     `json:"charter_capital,omitempty"` // đồng
	TotalAssets    *int64     `json:"total_assets,omitempty"`    // đồng
	Revenue        *int64     `json:"revenue,omitempty"`         // đồng
	Profit         *int64     `json:"profit,omitempty"`          // đồng; may be negative
	AverageIncome  *int64     `json:"average_income,omitempty"`  // đồng per worker and year
	Rating         string     `json:"rating,omitempty"`          // good, fair, average, weak
	Exemplary      *bool      `json:"exemplary,omitempty"`
	ValueChain     *bool      `json:"value_chain,omitempty"`
	HighTech       *bool      `json:"high_tech,omitempty"`
	OCOPProducts   *int64     `json:"ocop_products,omitempty"`
}

// Message keys of row errors.
const (
	KeyRequired    = "register.import.required"
	KeyCodeFormat  = "register.import.code_format"
	KeyCodeTwice   = "register.import.code_twice"
	KeyForm        = "register.import.form"
	KeySector      = "register.import.sector"
	KeyStatus      = "register.import.status"
	KeyRating      = "register.import.rating"
	KeyBool        = "register.import.bool"
	KeyYear        = "register.import.year"
	KeyLaw         = "register.import.law"
	KeyNegative    = "register.import.negative"
	KeyCommuneCode = "register.import.commune_code"
)

var codeRE = regexp.MustCompile(`^[0-9]{10}(-[0-9]{3})?$`)

// normalizeCode restores what a spreadsheet did to a code: the leading
// zero a number lost (9 digits, or 12 with the branch), and the dash of a
// branch suffix (13 digits). Codes begin with their province's two
// digits, 01 to 96, so a 9-digit code can only have lost a zero.
func normalizeCode(s string) string {
	digits := strings.ReplaceAll(s, "-", "")
	switch {
	case len(s) == 9 && digits == s:
		return "0" + s
	case len(s) == 12 && digits == s:
		return "0" + s[:9] + "-" + s[9:]
	case len(s) == 13 && digits == s:
		return s[:10] + "-" + s[10:]
	case len(s) == 13 && s[9] == '-':
		return "0" + s
	}
	return s
}

// row converts one data row; it appends its errors to errs.
type rowReader struct {
	rd   *sheet.Reader
	row  sheet.Row
	opt  Options
	errs []*sheet.CellError
}

func (r *rowReader) fail(column, key string, args ...any) {
	r.errs = append(r.errs, &sheet.CellError{Row: r.row.N, Column: column, Key: key, Args: args})
}

func (r *rowReader) text(field string) string {
	t, _, _ := r.rd.Cell(r.row, field)
	return t
}

func (r *rowReader) column(field string) string {
	_, c, _ := r.rd.Cell(r.row, field)
	return c
}

// cellErr records a parser's error at the field's column.
func (r *rowReader) cellErr(field string, err error) {
	if ce, ok := sheet.AtCell(err, r.row.N, r.column(field)).(*sheet.CellError); ok {
		r.errs = append(r.errs, ce)
	}
}

func (r *rowReader) label(field string, m map[string]string, key string) string {
	t := r.text(field)
	if t == "" {
		return ""
	}
	c, ok := lookup(m, t)
	if !ok {
		r.fail(r.column(field), key, t)
	}
	return c
}

func (r *rowReader) int(field string, allowNegative bool) *int64 {
	return r.whole(field, allowNegative, func(t string, _ int64) (int64, error) { return sheet.ParseInt(t, r.rd.Source()) })
}

// money reads an amount in đồng, scaled by the unit its header states.
func (r *rowReader) money(field string, allowNegative bool) *int64 {
	return r.whole(field, allowNegative, func(t string, unit int64) (int64, error) {
		return sheet.ParseMoney(t, r.rd.Source(), unit)
	})
}

// whole reads a whole number with parse; an empty cell or "-" is nil.
func (r *rowReader) whole(field string, allowNegative bool, parse func(text string, unit int64) (int64, error)) *int64 {
	t, col, unit := r.rd.Cell(r.row, field)
	if t == "" || t == "-" {
		return nil
	}
	n, err := parse(t, unit)
	if err != nil {
		r.cellErr(field, err)
		return nil
	}
	if n < 0 && !allowNegative {
		r.fail(col, KeyNegative, t)
		return nil
	}
	return &n
}

func (r *rowReader) date(field string) *time.Time {
	t := r.text(field)
	if t == "" {
		return nil
	}
	d, err := sheet.ParseDate(t)
	if err != nil {
		r.cellErr(field, err)
		return nil
	}
	return &d
}

func (r *rowReader) bool(field string) *bool {
	t := r.text(field)
	if t == "" {
		return nil
	}
	b, ok := parseBool(t)
	if !ok {
		r.fail(r.column(field), KeyBool, t)
		return nil
	}
	return &b
}
