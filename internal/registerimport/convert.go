package registerimport

import (
	"github.com/hoptac/hoptac/internal/sheet"
)

// laws are the Laws on Cooperatives an organisation may be registered
// under.
var laws = map[int64]bool{1996: true, 2003: true, 2012: true, 2023: true}

// convert reads one data row into a Record, with every error the row has.
func convert(rd *sheet.Reader, row sheet.Row, opt Options) (Record, []*sheet.CellError) {
	r := &rowReader{rd: rd, row: row, opt: opt}
	rec := Record{Row: row.N}

	rec.Code = r.code()
	rec.Name = r.text(FieldName)
	if rec.Name == "" {
		r.fail(r.column(FieldName), KeyRequired)
	}
	rec.ShortName = r.text(FieldShortName)
	formText := r.text(FieldForm)
	rec.Form = r.label(FieldForm, forms, KeyForm)
	if formText == "" {
		rec.Form = formFromName(rec.Name)
		if rec.Form == "" && rec.Name != "" {
			col := r.column(FieldForm)
			if col == "" {
				col = r.column(FieldName)
			}
			r.fail(col, KeyRequired)
		}
	}
	rec.Sector = r.label(FieldSector, sectors, KeySector)
	if rec.Sector == "" && r.text(FieldSector) == "" && (isCreditFund(formText) || isCreditFund(rec.Name)) {
		rec.Sector = "credit" // a people's credit fund is an HTX of the credit sector
	}
	rec.CommuneName = r.text(FieldCommune)
	rec.CommuneCode = r.communeCode()
	if rec.CommuneName == "" && rec.CommuneCode == "" && r.text(FieldCommuneCode) == "" {
		col := r.column(FieldCommune)
		if col == "" {
			col = r.column(FieldCommuneCode)
		}
		r.fail(col, KeyRequired)
	}
	rec.District = r.text(FieldDistrict)
	rec.Province = r.text(FieldProvince)
	rec.Address = r.text(FieldAddress)
	rec.Phone = r.text(FieldPhone)
	rec.Email = r.text(FieldEmail)
	rec.Representative = r.text(FieldRepresentant)
	rec.Founded = r.date(FieldFounded)
	rec.Registered = r.date(FieldRegistered)
	if l := r.int(FieldLaw, false); l != nil {
		if laws[*l] {
			rec.Law = int(*l)
		} else {
			r.fail(r.column(FieldLaw), KeyLaw, r.text(FieldLaw))
		}
	}
	rec.Status = r.label(FieldStatus, statuses, KeyStatus)
	if rec.StatusGiven = r.text(FieldStatus) != ""; !rec.StatusGiven {
		rec.Status = "active"
	}
	rec.StatusDate = r.date(FieldStatusDate)
	rec.Year = r.year()

	rec.Members = r.int(FieldMembers, false)
	rec.Individuals = r.int(FieldIndividuals, false)
	rec.Households = r.int(FieldHouseholds, false)
	rec.LegalEntities = r.int(FieldLegalEntities, false)
	rec.MemberCoops = r.int(FieldMemberCoops, false)
	rec.Employees = r.int(FieldEmployees, false)
	rec.EmployeeMembs = r.int(FieldEmployeeMembs, false)
	rec.CharterCapital = r.money(FieldCapital, false)
	rec.TotalAssets = r.money(FieldAssets, false)
	rec.Revenue = r.money(FieldRevenue, false)
	rec.Profit = r.money(FieldProfit, true)
	rec.AverageIncome = r.money(FieldIncome, false)
	rec.Rating = r.label(FieldRating, ratings, KeyRating)
	rec.Exemplary = r.bool(FieldExemplary)
	rec.ValueChain = r.bool(FieldValueChain)
	rec.HighTech = r.bool(FieldHighTech)
	rec.OCOPProducts = r.int(FieldOCOP, false)
	return rec, r.errs
}

// code reads and checks the registration code.
func (r *rowReader) code() string {
	t := r.text(FieldCode)
	if t == "" {
		r.fail(r.column(FieldCode), KeyRequired)
		return ""
	}
	d, err := sheet.ParseDigits(t)
	if err != nil {
		if sheet.KeyOf(err) == sheet.KeyCellDigitsLost {
			r.cellErr(FieldCode, err)
		} else {
			r.fail(r.column(FieldCode), KeyCodeFormat, t)
		}
		return ""
	}
	d = normalizeCode(d)
	if !codeRE.MatchString(d) {
		r.fail(r.column(FieldCode), KeyCodeFormat, t)
		return ""
	}
	return d
}

// communeCode reads a commune code: five digits, the leading zeros a
// number lost restored ("4" is 00004, Phường Ba Đình before the reform).
func (r *rowReader) communeCode() string {
	t := r.text(FieldCommuneCode)
	if t == "" {
		return ""
	}
	d, err := sheet.ParseDigits(t)
	if err != nil || len(d) > 5 {
		r.fail(r.column(FieldCommuneCode), KeyCommuneCode, t)
		return ""
	}
	for len(d) < 5 {
		d = "0" + d
	}
	return d
}

// The years a register's figures may belong to: the first Law on
// Cooperatives was 1996; the bound above only catches typing slips.
const (
	minYear = 1990
	maxYear = 2100
)

// year reads the row's year, or takes the import's.
func (r *rowReader) year() int {
	t := r.text(FieldYear)
	if t == "" {
		if r.opt.Year == 0 {
			r.fail(r.column(FieldYear), KeyRequired)
		}
		return r.opt.Year
	}
	n, err := sheet.ParseInt(t, r.rd.Source())
	if err != nil || n < minYear || n > maxYear {
		r.fail(r.column(FieldYear), KeyYear, t, minYear, maxYear)
		return 0
	}
	return int(n)
}
