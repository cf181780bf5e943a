// Package registerimport turns a cooperative register exported from a
// province's spreadsheets (.xlsx or .csv) into typed records, one per row,
// with every problem named by row and column. It writes nothing: the
// register's store takes the records it returns.
package registerimport

import "github.com/hoptac/hoptac/internal/sheet"

// The fields of a register row. They are also the values of a preview's
// mapping (column index → field).
const (
	FieldCode          = "code"
	FieldName          = "name"
	FieldShortName     = "short_name"
	FieldForm          = "form"
	FieldSector        = "sector"
	FieldCommune       = "commune"
	FieldCommuneCode   = "commune_code"
	FieldDistrict      = "district"
	FieldProvince      = "province"
	FieldAddress       = "address"
	FieldPhone         = "phone"
	FieldEmail         = "email"
	FieldRepresentant  = "representative"
	FieldFounded       = "founded"
	FieldRegistered    = "registered"
	FieldLaw           = "law"
	FieldStatus        = "status"
	FieldStatusDate    = "status_date"
	FieldYear          = "year"
	FieldMembers       = "members"
	FieldIndividuals   = "members_individual"
	FieldHouseholds    = "members_household"
	FieldLegalEntities = "members_legal"
	FieldMemberCoops   = "member_coops"
	FieldEmployees     = "employees"
	FieldEmployeeMembs = "employee_members"
	FieldCapital       = "charter_capital"
	FieldAssets        = "total_assets"
	FieldRevenue       = "revenue"
	FieldProfit        = "profit"
	FieldIncome        = "average_income"
	FieldRating        = "rating"
	FieldExemplary     = "exemplary"
	FieldValueChain    = "value_chain"
	FieldHighTech      = "high_tech"
	FieldOCOP          = "ocop_products"
)

// catalogue is the header texts provinces use for each field, compared
// after sheet.Squeeze (no marks, no case, no punctuation, no brackets).
var catalogue = sheet.Catalogue{
	{Field: FieldCode, Aliases: []string{"Mã số HTX", "Mã số đăng ký", "Mã số ĐKKD", "Mã số đăng ký kinh doanh", "MST", "Mã số thuế",
		"Mã số doanh nghiệp", "Mã số DN", "Mã HTX", "Số đăng ký", "Số ĐKKD", "Số giấy chứng nhận đăng ký", "Mã số"}},
	{Field: FieldName, Aliases: []string{"Tên HTX", "Tên tổ chức", "Tên hợp tác xã", "Tên HTX, THT", "Tên THT, HTX", "Tên tổ hợp tác, hợp tác xã",
		"Tên đơn vị", "Tên", "Tên tổ chức kinh tế tập thể", "Tên HTX/THT", "Tên THT/HTX"}},
	{Field: FieldShortName, Aliases: []string{"Tên viết tắt", "Tên rút gọn", "Tên giao dịch"}},
	{Field: FieldForm, Aliases: []string{"Loại hình", "Loại hình tổ chức", "Hình thức tổ chức", "Loại"}},
	{Field: FieldSector, Aliases: []string{"Ngành nghề", "Lĩnh vực", "Lĩnh vực hoạt động", "Ngành nghề kinh doanh", "Ngành nghề chính", "Ngành", "Lĩnh vực chính"}},
	{Field: FieldCommune, Aliases: []string{"Xã/phường", "Xã", "Xã, phường, thị trấn", "Xã/phường/thị trấn", "Tên xã", "Đơn vị hành chính cấp xã", "Phường/xã"}},
	{Field: FieldCommuneCode, Aliases: []string{"Mã xã", "Mã xã/phường", "Mã đơn vị hành chính", "Mã ĐVHC", "Mã xã phường"}},
	{Field: FieldDistrict, Aliases: []string{"Huyện", "Quận/huyện", "Huyện/thị xã/thành phố", "Huyện/thị", "Quận, huyện"}},
	{Field: FieldProvince, Aliases: []string{"Tỉnh", "Tỉnh/thành phố", "Tỉnh, thành phố", "Tỉnh/TP"}},
	{Field: FieldAddress, Aliases: []string{"Địa chỉ", "Địa chỉ trụ sở", "Trụ sở chính", "Địa chỉ trụ sở chính"}},
	{Field: FieldPhone, Aliases: []string{"Điện thoại", "Số điện thoại", "ĐT"}},
	{Field: FieldEmail, Aliases: []string{"Email", "Thư điện tử", "E-mail"}},
	{Field: FieldRepresentant, Aliases: []string{"Người đại diện", "Người đại diện theo pháp luật", "Chủ tịch HĐQT", "Chủ tịch hội đồng quản trị", "Giám đốc"}},
	{Field: FieldFounded, Aliases: []string{"Ngày thành lập", "Ngày thành lập HTX"}},
	{Field: FieldRegistered, Aliases: []string{"Ngày đăng ký", "Ngày cấp", "Ngày cấp GCN", "Ngày cấp giấy chứng nhận", "Ngày đăng ký lần đầu"}},
	{Field: FieldLaw, Aliases: []string{"Luật", "Đăng ký theo luật", "Luật HTX"}},
	{Field: FieldStatus, Aliases: []string{"Tình trạng", "Tình trạng hoạt động", "Trạng thái"}},
	{Field: FieldStatusDate, Aliases: []string{"Ngày thay đổi tình trạng", "Ngày giải thể", "Ngày ngừng hoạt động"}},
	{Field: FieldYear, Aliases: []string{"Năm", "Năm báo cáo", "Năm số liệu"}},
	{Field: FieldMembers, Aliases: []string{"Số thành viên", "Tổng số thành viên", "Thành viên", "TV"}},
	{Field: FieldIndividuals, Aliases: []string{"Thành viên cá nhân", "Thành viên là cá nhân", "Số thành viên cá nhân"}},
	{Field: FieldHouseholds, Aliases: []string{"Thành viên hộ gia đình", "Thành viên là hộ gia đình", "Hộ thành viên"}},
	{Field: FieldLegalEntities, Aliases: []string{"Thành viên pháp nhân", "Thành viên là pháp nhân"}},
	{Field: FieldMemberCoops, Aliases: []string{"Số HTX thành viên", "HTX thành viên"}},
	{Field: FieldEmployees, Aliases: []string{"Số lao động", "Lao động", "Tổng số lao động", "Số lao động thường xuyên"}},
	{Field: FieldEmployeeMembs, Aliases: []string{"Lao động là thành viên", "Số lao động là thành viên"}},
	{Field: FieldCapital, Money: true, Aliases: []string{"Vốn điều lệ", "Vốn góp", "Vốn điều lệ đăng ký"}},
	{Field: FieldAssets, Money: true, Aliases: []string{"Tổng tài sản", "Tổng giá trị tài sản", "Tài sản"}},
	{Field: FieldRevenue, Money: true, Aliases: []string{"Doanh thu", "Tổng doanh thu"}},
	{Field: FieldProfit, Money: true, Aliases: []string{"Lợi nhuận", "Lãi", "Lợi nhuận sau thuế", "Lãi lỗ"}},
	{Field: FieldIncome, Money: true, Aliases: []string{"Thu nhập bình quân", "Thu nhập bình quân của lao động", "Thu nhập bình quân/người/năm", "Thu nhập BQ"}},
	{Field: FieldRating, Aliases: []string{"Xếp loại", "Phân loại", "Kết quả xếp loại", "Đánh giá"}},
	{Field: FieldExemplary, Aliases: []string{"Điển hình tiên tiến", "Điển hình", "HTX điển hình"}},
	{Field: FieldValueChain, Aliases: []string{"Liên kết chuỗi giá trị", "Liên kết chuỗi", "Chuỗi giá trị"}},
	{Field: FieldHighTech, Aliases: []string{"Ứng dụng công nghệ cao", "Công nghệ cao", "Ứng dụng CNC"}},
	{Field: FieldOCOP, Aliases: []string{"Số sản phẩm OCOP", "Sản phẩm OCOP", "OCOP"}},
}

// Catalogue returns the register's header catalogue, for a preview that
// lists the fields a column may be mapped to.
func Catalogue() sheet.Catalogue { return catalogue }

// labelKeys are the fields' names as a person reads them, for messages
// about a column the file lacks.
var labelKeys = map[string]string{
	FieldCode:        "register.field.code",
	FieldName:        "register.field.name",
	FieldForm:        "register.field.form",
	FieldCommune:     "register.field.commune",
	FieldCommuneCode: "register.field.commune_code",
	FieldYear:        "register.field.year",
}
