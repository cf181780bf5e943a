package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/sheet"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// registerDB is a migrated database holding an old commune of Hải Dương
// (10507 until 30/06/2025) and the new commune it went into.
func registerDB(t *testing.T) (dsn string, count func(table string) int) {
	t.Helper()
	dsn = storetest.DSN(t)
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	storetest.ImportReformUnits(t, db)
	return dsn, func(table string) int {
		var n int
		if err := db.SQL().QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
}

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// The command reads a titled CSV with a totals row, says what it read and
// did, and a second run changes nothing; a dry run writes nothing.
func TestImportRegisterCommand(t *testing.T) {
	dsn, count := registerDB(t)
	file := writeFile(t, "so-dang-ky.csv", `DANH SÁCH HỢP TÁC XÃ NĂM 2024,,,,
Mã số HTX,Tên HTX,Loại hình,Mã xã,Số thành viên
0800123456,HTX Nông nghiệp Cẩm Thượng,HTX,10507,12
0800123457,HTX Dịch vụ Cẩm Thượng,HTX,10507,3
Tổng cộng,,,,15
`)
	code, out, errOut := run(t, "", nil, "import", "register", "--dry-run", "--year", "2024", "--db", dsn, file)
	if code != 0 || !strings.Contains(out, "Chạy thử, không ghi gì. Sẽ tạo mới 2, cập nhật 0, giữ nguyên 0 tổ chức") {
		t.Fatalf("dry run: code %d\n%s%s", code, out, errOut)
	}
	if n := count("organisations"); n != 0 {
		t.Fatalf("a dry run wrote %d organisations", n)
	}
	code, out, errOut = run(t, "", nil, "import", "register", "--year", "2024", "--db", dsn, file)
	for _, want := range []string{"đọc 2 dòng dữ liệu (2 đúng, 0 sai); bỏ qua 1 dòng tiêu đề, 0 dòng trống, 1 dòng tổng cộng",
		"Tổ chức: 2 tạo mới, 0 cập nhật, 0 không đổi. Số liệu năm thêm hoặc thay đổi: 2. Cảnh báo (chưa đủ quy mô tối thiểu theo Luật): 1."} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("import: code %d\n%s%s\nwithout %q", code, out, errOut, want)
		}
	}
	audits := count("audit_log")
	code, out, errOut = run(t, "", map[string]string{"HOPTAC_LANG": "en"}, "import", "register", "--db", dsn, "--year", "2024", file)
	if code != 0 || !strings.Contains(out, "Organisations: 0 created, 0 updated, 2 unchanged. Years of figures added or changed: 0.") {
		t.Errorf("re-import: code %d\n%s%s", code, out, errOut)
	}
	if n := count("audit_log"); n != audits {
		t.Errorf("re-import audited %d entries", n-audits)
	}
}

// A file with bad rows fails, naming each row and column, and writes
// nothing; --valid-only writes the good ones.
func TestImportRegisterBadRows(t *testing.T) {
	dsn, count := registerDB(t)
	var b strings.Builder
	b.WriteString("Mã số HTX,Tên HTX,Loại hình,Mã xã,Năm\n")
	for i := range 20 {
		switch i {
		case 4:
			fmt.Fprintf(&b, "08%08d,,HTX,10507,2024\n", i)
		case 11:
			fmt.Fprintf(&b, "08%08d,HTX %d,HTX,12345,2024\n", i, i)
		default:
			fmt.Fprintf(&b, "08%08d,HTX %d,HTX,10507,2024\n", i, i)
		}
	}
	file := writeFile(t, "ds.csv", b.String())
	code, out, errOut := run(t, "", nil, "import", "register", "--db", dsn, file)
	if code == 0 {
		t.Fatalf("a bad file succeeded:\n%s", out)
	}
	for _, want := range []string{"Dòng 6, cột «Tên HTX»", "Dòng 13, cột «Mã xã»: không có xã nào mang mã «12345» vào ngày 31/12/2024",
		"có 2 dòng sai (kể trên): không ghi gì"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr\n%s\nwithout %q", errOut, want)
		}
	}
	if n := count("organisations"); n != 0 {
		t.Fatalf("a refused file wrote %d organisations", n)
	}
	code, out, errOut = run(t, "", nil, "import", "register", "--valid-only", "--db", dsn, file)
	if code != 0 || !strings.Contains(out, "Chỉ nhập 18 dòng đúng; bỏ qua 2 dòng sai.") || count("organisations") != 18 {
		t.Errorf("--valid-only: code %d\n%s%s", code, out, errOut)
	}
}

// The status column goes into the histories, and the command says how
// many entries it added and how many mergers it left to a person.
func TestImportRegisterStatuses(t *testing.T) {
	dsn, count := registerDB(t)
	file := writeFile(t, "tinh-trang.csv", `Mã số HTX,Tên HTX,Loại hình,Mã xã,Tình trạng
0800123456,HTX Nông nghiệp Cẩm Thượng,HTX,10507,Giải thể
0800123457,HTX Dịch vụ Cẩm Thượng,HTX,10507,Sáp nhập
0800123458,HTX Vận tải Cẩm Thượng,HTX,10507,Đang hoạt động
`)
	code, out, errOut := run(t, "", nil, "import", "register", "--year", "2024", "--db", dsn, file)
	if code != 0 || !strings.Contains(out, "Tình trạng hoạt động: thêm 1 mục vào lịch sử; 1 dòng ghi «sáp nhập» chưa nhập") {
		t.Fatalf("import: code %d\n%s%s", code, out, errOut)
	}
	if n := count("organisation_statuses"); n != 1 {
		t.Errorf("%d status entries, want 1", n)
	}
}

// A file past the upload's size bound is read, not refused for its size:
// the command imports a province's whole register.
func TestImportRegisterLargeFile(t *testing.T) {
	dsn, count := registerDB(t)
	var b strings.Builder
	b.WriteString("Mã số HTX,Tên HTX,Loại hình,Mã xã,Năm\n")
	for i := 0; i < 3; i++ {
		fmt.Fprintf(&b, "08001234%02d,HTX Nông nghiệp số %d,HTX,10507,2024\n", 50+i, i)
	}
	// Padded past 80 MB with blank lines, which the reader skips.
	b.WriteString(strings.Repeat("\n", int(sheet.DefaultLimits().MaxBytes)+1))
	path := writeFile(t, "big.csv", b.String())
	if code, out, errOut := run(t, "", nil, "import", "register", "--db", dsn, path); code != 0 {
		t.Fatalf("code %d\n%s%s", code, out, errOut)
	}
	if n := count("organisations"); n != 3 {
		t.Errorf("%d organisations, want 3", n)
	}
}
