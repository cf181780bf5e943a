package registerload

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
	"github.com/hoptac/hoptac/internal/unit"
)

var today = time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)

// withUnits is a database holding a few communes of Hải Dương before the
// reform and the Hải Phòng commune they went into: code 10507 names
// Phường Cẩm Thượng until 30/06/2025 and Phường Thành Đông since.
func withUnits(t *testing.T) *store.DB {
	t.Helper()
	db := storetest.Open(t)
	ctx := context.Background()
	if err := db.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.ImportUnits(ctx, []*unit.File{
			{Kind: unit.KindOldList, Units: []unit.Record{{Level: unit.LevelProvince, Code: "30", Name: "Tỉnh Hải Dương"},
				{Level: unit.LevelCommune, Code: "10507", Name: "Phường Cẩm Thượng", ParentCode: "30"},
				{Level: unit.LevelCommune, Code: "10513", Name: "Phường Bình Hàn", ParentCode: "30"}}},
			{Kind: unit.KindNewList, Units: []unit.Record{{Level: unit.LevelProvince, Code: "31", Name: "Thành phố Hải Phòng"},
				{Level: unit.LevelCommune, Code: "10507", Name: "Phường Thành Đông", ParentCode: "31"}}},
			{Kind: unit.KindNewToOld, Links: []unit.Mapping{{OldCode: "10507", NewCode: "10507", Share: unit.ShareFull},
				{OldCode: "10513", NewCode: "10507", Share: unit.ShareFull}}},
		})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return db
}

func run(t *testing.T, db *store.DB, name string, data []byte, opt Options) *Summary {
	t.Helper()
	opt.Today = today
	sum, err := Import(context.Background(), db, name, bytes.NewReader(data), int64(len(data)), opt)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// count is the number of rows of a table: what an import wrote.
func count(t *testing.T, db *store.DB, table string) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRowContext(context.Background(), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

const titled = `UBND TỈNH HẢI DƯƠNG,,,,,,,
"DANH SÁCH HỢP TÁC XÃ NĂM 2024",,,,,,,
,,,,,,,
Mã số HTX,Tên HTX,Loại hình,Ngành nghề,Mã xã,Năm,Số thành viên,Doanh thu (triệu đồng)
0800123456,HTX Nông nghiệp Cẩm Thượng,HTX,Nông nghiệp,10507,2024,12,1500
0800123457,HTX Dịch vụ Bình Hàn,HTX,Thương mại,10513,2024,8,"2,5"
0800123458,HTX Thành Đông,HTX,Nông nghiệp,10507,2025,3,100
Tổng cộng,,,,,,23,1602.5
`

// A CSV with title rows and a totals row imports; pre-reform codes of
// 2024 name the old communes and carry their new commune; a 2025 code the
// new one; every audit entry is a row of one batch; a second import of
// the same file changes nothing.
func TestImportCSV(t *testing.T) {
	db := withUnits(t)
	ctx := context.Background()
	sum := run(t, db, "ds.csv", []byte(titled), Options{})
	if !sum.Written || sum.Rows != 3 || sum.Invalid != 0 || sum.Created != 3 || sum.Figures != 3 {
		t.Fatalf("summary %+v, errors %v", sum, sum.Errors)
	}
	if sum.Skipped["title"] != 2 || sum.Skipped["totals"] != 1 {
		t.Errorf("skipped %v", sum.Skipped)
	}
	if sum.Warnings == 0 { // 3 members is below an HTX's minimum
		t.Error("no warning for an HTX of 3 members")
	}
	o, err := db.OrganisationByCode(ctx, "0800123457")
	if err != nil {
		t.Fatal(err)
	}
	if o.CommuneCode != "10513" || o.NewCommuneCode != "10507" || o.NewCommuneValidFrom == nil ||
		!o.NewCommuneValidFrom.Equal(time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("commune %s (%v) → %s (%v)", o.CommuneCode, o.CommuneValidFrom, o.NewCommuneCode, o.NewCommuneValidFrom)
	}
	old, err := db.UnitOn(ctx, o.CommuneCode, *o.CommuneValidFrom)
	if err != nil || old.Name != "Phường Bình Hàn" {
		t.Errorf("the recorded commune reads back as %+v, %v", old, err)
	}
	f, err := db.FiguresFor(ctx, o.ID, 2024)
	if err != nil || f.Revenue != 2_500_000 || f.MembersIndividual != 8 {
		t.Errorf("figures %+v, %v", f, err)
	}
	o2, _ := db.OrganisationByCode(ctx, "0800123456")
	if u, err := db.UnitOn(ctx, o2.CommuneCode, *o2.CommuneValidFrom); err != nil || u.Name != "Phường Cẩm Thượng" {
		t.Errorf("2024's 10507 reads back as %+v, %v", u, err)
	}
	o3, _ := db.OrganisationByCode(ctx, "0800123458")
	if u, err := db.UnitOn(ctx, o3.CommuneCode, *o3.CommuneValidFrom); err != nil || u.Name != "Phường Thành Đông" {
		t.Errorf("2025's 10507 reads back as %+v, %v", u, err)
	}
	var inBatch, outside int
	if err := db.SQL().QueryRowContext(ctx, db.Rebind(`SELECT COUNT(*) FROM audit_log WHERE batch_id = ?`), sum.Batch).Scan(&inBatch); err != nil {
		t.Fatal(err)
	}
	if err := db.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE batch_id IS NULL AND entity <> 'unit'`).Scan(&outside); err != nil {
		t.Fatal(err)
	}
	if sum.Batch == 0 || inBatch != 3 || outside != 1 { // 3 organisations, each with its year of figures; the summing entry
		t.Errorf("batch %d holds %d entries, %d outside it", sum.Batch, inBatch, outside)
	}

	auditBefore := count(t, db, "audit_log")
	again := run(t, db, "ds.csv", []byte(titled), Options{})
	if again.Created != 0 || again.Updated != 0 || again.Unchanged != 3 || again.Figures != 0 || again.Batch != 0 {
		t.Errorf("re-import %+v", again)
	}
	if n := count(t, db, "audit_log"); n != auditBefore {
		t.Errorf("re-import added %d audit entries", n-auditBefore)
	}

	// A changed figure updates one year and nothing else.
	changed := strings.Replace(titled, "HTX Thành Đông,HTX,Nông nghiệp,10507,2025,3,100", "HTX Thành Đông,HTX,Nông nghiệp,10507,2025,3,200", 1)
	third := run(t, db, "ds.csv", []byte(changed), Options{})
	if third.Created != 0 || third.Updated != 0 || third.Unchanged != 3 || third.Figures != 1 {
		t.Errorf("changed revenue %+v", third)
	}
}

// An .xlsx built as a spreadsheet program writes it imports the same way.
func TestImportXLSX(t *testing.T) {
	db := withUnits(t)
	x := excelize.NewFile()
	sh := x.GetSheetName(0)
	rows := [][]any{
		{"DANH SÁCH HỢP TÁC XÃ NĂM 2024"},
		{},
		{"Mã số HTX", "Tên HTX", "Loại hình", "Mã xã", "Số thành viên", "Vốn điều lệ (triệu đồng)"},
		{800123456, "HTX Nông nghiệp Cẩm Thượng", "HTX", 10507, 12, 1.5},
		{"0800123457", "HTX Dịch vụ Bình Hàn", "Hợp tác xã", "10513", 7, 250},
		{"Tổng cộng", "", "", "", 19, 251.5},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow(sh, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	sum := run(t, db, "ds.xlsx", buf.Bytes(), Options{Year: 2024})
	if !sum.Written || sum.Created != 2 || sum.Invalid != 0 {
		t.Fatalf("summary %+v, errors %v", sum, sum.Errors)
	}
	o, err := db.OrganisationByCode(context.Background(), "0800123456")
	if err != nil || o.CommuneCode != "10507" || o.NewCommuneCode != "10507" {
		t.Fatalf("%+v, %v", o, err)
	}
	f, err := db.FiguresFor(context.Background(), o.ID, 2024)
	if err != nil || f.CharterCapital != 1_500_000 || f.MembersIndividual != 12 {
		t.Errorf("figures %+v, %v", f, err)
	}
}

// big is a register of n good rows with bad rows at the given rows of
// the file (the header is row 1): an unknown commune, a bad code, an
// employee count below its members-employees.
func big(n int, bad map[int]string) []byte {
	var b strings.Builder
	b.WriteString("Mã số HTX,Tên HTX,Loại hình,Mã xã,Năm,Số lao động,Số lao động là thành viên\n")
	for i := range n {
		row := i + 2
		line := fmt.Sprintf("08%08d,HTX số %d,HTX,10507,2024,5,2\n", i, i)
		switch bad[row] {
		case "commune":
			line = fmt.Sprintf("08%08d,HTX số %d,HTX,99999,2024,5,2\n", i, i)
		case "code":
			line = fmt.Sprintf("08%04d,HTX số %d,HTX,10507,2024,5,2\n", i, i)
		case "employees":
			line = fmt.Sprintf("08%08d,HTX số %d,HTX,10507,2024,2,5\n", i, i)
		}
		b.WriteString(line)
	}
	return []byte(b.String())
}

// Three bad rows among 1.000 write nothing and are named by row and
// column; --valid-only writes the 997 others.
func TestBadRowsWriteNothing(t *testing.T) {
	db := withUnits(t)
	data := big(1000, map[int]string{17: "commune", 502: "code", 999: "employees"})
	orgs, audits := count(t, db, "organisations"), count(t, db, "audit_log")
	sum := run(t, db, "ds.csv", data, Options{})
	if sum.Written || sum.Invalid != 3 || sum.Valid != 997 || sum.Created != 0 {
		t.Errorf("summary %+v", sum)
	}
	var got []string
	for _, e := range sum.Errors {
		got = append(got, fmt.Sprintf("%d/%s/%s", e.Row, e.Column, e.Key))
	}
	want := []string{"17/Mã xã/" + KeyCommuneUnknown, "502/Mã số HTX/register.import.code_format",
		"999/Số lao động là thành viên/error.field.member_employees_over"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("errors\n%v\nwant\n%v", got, want)
	}
	if msg := sum.Errors[0].Error(); !strings.Contains(msg, "Dòng 17") || !strings.Contains(msg, "99999") {
		t.Errorf("message %q", msg)
	}
	if count(t, db, "organisations") != orgs || count(t, db, "organisation_figures") != 0 || count(t, db, "audit_log") != audits {
		t.Error("a refused file wrote something")
	}

	partial := run(t, db, "ds.csv", data, Options{ValidOnly: true})
	if !partial.Written || partial.Created != 997 || partial.Invalid != 3 {
		t.Errorf("valid only %+v", partial)
	}
	if n := count(t, db, "organisations"); n != orgs+997 {
		t.Errorf("%d organisations after --valid-only", n-orgs)
	}
}

// A dry run counts what it would do and writes nothing.
func TestDryRun(t *testing.T) {
	db := withUnits(t)
	audits := count(t, db, "audit_log")
	sum := run(t, db, "ds.csv", []byte(titled), Options{DryRun: true})
	if sum.Written || sum.Created != 3 || sum.Batch != 0 {
		t.Errorf("dry run %+v", sum)
	}
	if count(t, db, "organisations") != 0 || count(t, db, "organisation_figures") != 0 || count(t, db, "audit_log") != audits {
		t.Error("a dry run wrote something")
	}
}

// A 2025 row that still names a commune by a code only the old lists
// have resolves to that old commune and its successor.
func TestOldCodeAfterReform(t *testing.T) {
	db := withUnits(t)
	sum := run(t, db, "ds.csv", []byte("Mã số HTX,Tên HTX,Loại hình,Mã xã,Năm\n0800123457,HTX Dịch vụ Bình Hàn,HTX,10513,2025\n"), Options{})
	if !sum.Written || sum.Created != 1 {
		t.Fatalf("summary %+v %v", sum, sum.Errors)
	}
	o, err := db.OrganisationByCode(context.Background(), "0800123457")
	if err != nil || o.CommuneCode != "10513" || o.NewCommuneCode != "10507" {
		t.Errorf("%+v, %v", o, err)
	}
}

// An empty figure cell means "not given": a second file that leaves a
// year's revenue, members or rating empty keeps what is stored, and only
// the cells it fills change; a new year with empty cells stores zero (the
// figure columns hold no NULL).
func TestEmptyCellKeepsStored(t *testing.T) {
	db := withUnits(t)
	ctx := context.Background()
	const head = "Mã số HTX,Tên HTX,Loại hình,Mã xã,Năm,Số thành viên,Số lao động,Doanh thu (triệu đồng),Xếp loại,Điển hình tiên tiến\n"
	run(t, db, "a.csv", []byte(head+"0800123456,HTX Cẩm Thượng,HTX,10507,2024,12,5,1500,Tốt,x\n"), Options{})
	sum := run(t, db, "b.csv", []byte(head+
		"0800123456,HTX Cẩm Thượng,HTX,10507,2024,,7,,,\n"+
		"0800123456,HTX Cẩm Thượng,HTX,10507,2023,,,,,\n"), Options{})
	if !sum.Written || sum.Figures != 2 {
		t.Fatalf("summary %+v, errors %v", sum, sum.Errors)
	}
	o, err := db.OrganisationByCode(ctx, "0800123456")
	if err != nil {
		t.Fatal(err)
	}
	f, err := db.FiguresFor(ctx, o.ID, 2024)
	if err != nil {
		t.Fatal(err)
	}
	if f.MembersIndividual != 12 || f.Revenue != 1_500_000_000 || f.Rating != "good" || !f.Exemplary || f.Employees != 7 {
		t.Errorf("2024 after a file with empty cells: %+v", f)
	}
	g, err := db.FiguresFor(ctx, o.ID, 2023)
	if err != nil || g.MembersIndividual != 0 || g.Revenue != 0 || g.Rating != "" {
		t.Errorf("a new year of empty cells: %+v, %v", g, err)
	}
	again := run(t, db, "b.csv", []byte(head+"0800123456,HTX Cẩm Thượng,HTX,10507,2024,,7,,,\n"), Options{})
	if again.Figures != 0 || again.Batch != 0 {
		t.Errorf("re-import of the empty cells changed %+v", again)
	}
}

// The status column goes into the organisation's history: a dissolution
// in the last year's row is dated the end of that year (or the file's
// status date), the rows of earlier years that say "active" leave it be,
// and importing the file again adds nothing.
func TestStatusesImported(t *testing.T) {
	db := withUnits(t)
	ctx := context.Background()
	const file = "Mã số HTX,Tên HTX,Loại hình,Mã xã,Năm,Tình trạng,Ngày thay đổi tình trạng\n" +
		"0800123456,HTX Cẩm Thượng,HTX,10507,2023,Đang hoạt động,\n" +
		"0800123456,HTX Cẩm Thượng,HTX,10507,2024,Giải thể,\n" +
		"0800123457,HTX Bình Hàn,HTX,10513,2024,Tạm ngừng,15/03/2024\n" +
		"0800123458,HTX Thành Đông,HTX,10507,2024,,\n"
	sum := run(t, db, "s.csv", []byte(file), Options{})
	if !sum.Written || sum.Statuses != 2 {
		t.Fatalf("summary %+v, errors %v", sum, sum.Errors)
	}
	for _, c := range []struct {
		code string
		want coop.StatusKind
		on   string
	}{{"0800123456", coop.StatusDissolved, "2024-12-31"}, {"0800123457", coop.StatusSuspended, "2024-03-15"}, {"0800123458", coop.StatusActive, ""}} {
		o, err := db.OrganisationByCode(ctx, c.code)
		if err != nil {
			t.Fatal(err)
		}
		h, err := db.Statuses(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if o.Status != c.want || (c.on == "" && len(h) != 0) || (c.on != "" && (len(h) != 1 || h[0].On.Format(time.DateOnly) != c.on)) {
			t.Errorf("%s: status %s, history %+v", c.code, o.Status, h)
		}
	}
	auditBefore := count(t, db, "audit_log")
	again := run(t, db, "s.csv", []byte(file), Options{})
	if again.Statuses != 0 || again.Batch != 0 || count(t, db, "organisation_statuses") != 2 || count(t, db, "audit_log") != auditBefore {
		t.Errorf("re-import %+v", again)
	}
}
