package registerimport

import (
	"testing"

	"github.com/hoptac/hoptac/internal/sheet"
)

// No header text may name two fields: the first would silently win.
func TestAliasesUnique(t *testing.T) {
	owner := map[string]string{}
	for _, c := range catalogue {
		for _, a := range append([]string{c.Field}, c.Aliases...) {
			k := sheet.Squeeze(a)
			if prev, ok := owner[k]; ok && prev != c.Field {
				t.Errorf("%q names both %s and %s", a, prev, c.Field)
			}
			owner[k] = c.Field
		}
	}
}

// The headers the brief lists map to their fields.
func TestHeaderVariants(t *testing.T) {
	want := map[string]string{
		"Mã số HTX": FieldCode, "Mã số đăng ký": FieldCode, "MST": FieldCode, "Mã số doanh nghiệp": FieldCode,
		"TÊN HTX": FieldName, "Tên tổ chức": FieldName, "Tên viết tắt": FieldShortName, "Loại hình": FieldForm,
		"Ngành nghề": FieldSector, "Lĩnh vực": FieldSector, "Xã/phường": FieldCommune, "Mã xã": FieldCommuneCode,
		"Huyện": FieldDistrict, "Tỉnh": FieldProvince, "Địa chỉ": FieldAddress, "Ngày thành lập": FieldFounded,
		"Ngày đăng ký": FieldRegistered, "Tình trạng": FieldStatus, "Số thành viên": FieldMembers,
		"Số lao động": FieldEmployees, "Vốn điều lệ (triệu đồng)": FieldCapital, "Tổng tài sản": FieldAssets,
		"Doanh thu": FieldRevenue, "Lợi nhuận": FieldProfit, "Thu nhập bình quân": FieldIncome,
		"Xếp loại": FieldRating, "Năm": FieldYear,
	}
	idx := map[string]string{}
	for _, c := range Catalogue() {
		for _, a := range append([]string{c.Field}, c.Aliases...) {
			idx[sheet.Squeeze(a)] = c.Field
		}
	}
	for header, field := range want {
		if got := idx[sheet.Squeeze(header)]; got != field {
			t.Errorf("%q maps to %q, want %q", header, got, field)
		}
	}
	for _, f := range []string{FieldCapital, FieldAssets, FieldRevenue, FieldProfit, FieldIncome} {
		found := false
		for _, c := range catalogue {
			if c.Field == f && c.Money {
				found = true
			}
		}
		if !found {
			t.Errorf("%s is not a money column: its unit would be ignored", f)
		}
	}
}
