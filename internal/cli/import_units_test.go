package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/seeds"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// unitRows counts the unit tables' rows in the database at dsn.
func unitRows(t *testing.T, dsn string) [2]int {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n [2]int
	for i, table := range []string{"units", "unit_successors"} {
		if err := db.SQL().QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n[i]); err != nil {
			t.Fatal(err)
		}
	}
	return n
}

// The four published files import in one command, in any order; a dry run
// counts without writing; a second run changes nothing.
func TestImportUnitsCommand(t *testing.T) {
	files := seeds.UnitFiles(t)
	dsn := storetest.DSN(t)
	if code, _, errOut := run(t, "", nil, "migrate", "--db", dsn); code != 0 {
		t.Fatal(errOut)
	}
	reversed := []string{files[3], files[2], files[1], files[0]}

	code, out, errOut := run(t, "", nil, append([]string{"import", "units", "--dry-run", "--db", dsn}, reversed...)...)
	if code != 0 || !strings.Contains(out, "Chạy thử, không ghi gì. Sẽ thêm 14149, sửa 0, giữ nguyên 0 đơn vị; thêm 10655") {
		t.Fatalf("dry run: code %d\n%s%s", code, out, errOut)
	}
	if n := unitRows(t, dsn); n != [2]int{0, 0} {
		t.Fatalf("a dry run wrote %v rows", n)
	}

	code, out, errOut = run(t, "", nil, append([]string{"import", "units", "--db", dsn}, reversed...)...)
	for _, want := range []string{
		"units-pre-2025.json: danh mục đơn vị hành chính đến 30/06/2025: 63 tỉnh, thành phố; 696 huyện; 10035 xã",
		"units-2025-07-01.json: danh mục đơn vị hành chính từ 01/07/2025: 34 tỉnh, thành phố; 3321 xã",
		"Mã 06970 trong bảng chuyển đổi là mã 06978 trong danh mục (Xã Ba Chẽ): đã đối chiếu theo tên.",
		"Mã 23737 trong bảng chuyển đổi là mã 23938 trong danh mục (Xã Ia Mơ): đã đối chiếu theo tên.",
		"12 đơn vị cũ trong bảng chuyển đổi không có trong danh mục",
		"Đơn vị: thêm 14149, sửa 0, giữ nguyên 0. Liên kết kế thừa: thêm 10655, sửa 0",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("import says\n%s%s\nwithout %q", out, errOut, want)
		}
	}
	if code != 0 {
		t.Fatalf("import: code %d: %s", code, errOut)
	}
	written := unitRows(t, dsn)
	if written != [2]int{14149, 10655} {
		t.Errorf("rows after import: %v", written)
	}

	code, out, errOut = run(t, "", nil, append([]string{"import", "units", "--db", dsn}, files...)...)
	if code != 0 || !strings.Contains(out, "Đơn vị: thêm 0, sửa 0, giữ nguyên 14149. Liên kết kế thừa: thêm 0, sửa 0, giữ nguyên 21310.") {
		t.Errorf("re-import: code %d\n%s%s", code, out, errOut)
	}
	if n := unitRows(t, dsn); n != written {
		t.Errorf("rows after re-import %v, before %v", n, written)
	}
}

// A bad file fails the command with a Vietnamese message naming the file
// and the entry, and nothing of the other files is written.
func TestImportUnitsRefusesBadFile(t *testing.T) {
	files := seeds.UnitFiles(t)
	dsn := storetest.DSN(t)
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	badCode := write("xa.json", `[{"Code":"01","Name":"Hà Nội","FullName":"Thành phố Hà Nội","Wards":[`+
		`{"Code":"00004","Name":"Ba Đình","FullName":"Phường Ba Đình"},{"Code":"4","Name":"Ngọc Hà","FullName":"Phường Ngọc Hà"}]}]`)
	for _, tc := range []struct {
		name  string
		files []string
		want  string
	}{
		{"bad code", []string{files[0], badCode}, "hoptac: Tệp " + badCode + ": mã «4» của «Phường Ngọc Hà» không hợp lệ: cần 5 chữ số."},
		{"not a unit file", []string{files[0], write("ke-hoach.json", `{"title":"Kế hoạch"}`)}, "không phải danh mục đơn vị hành chính hay bảng chuyển đổi"},
		{"broken json", []string{write("hong.json", "[\n{\"Code\": \"01\",\n")}, "không phải JSON hợp lệ (lỗi ở dòng 3)"},
		{"missing file", []string{filepath.Join(dir, "khong-co.json")}, "không đọc được tệp"},
		{"mapping without lists", []string{files[2]}, "Chưa có đủ hai danh mục đơn vị hành chính"},
		{"no file", nil, "dùng: hoptac import units"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := run(t, "", nil, append([]string{"import", "units", "--db", dsn}, tc.files...)...)
			if code != 1 || !strings.Contains(errOut, tc.want) || strings.Contains(out, "Đơn vị: thêm") {
				t.Errorf("code %d, out %q, err %q; want 1 and %q", code, out, errOut, tc.want)
			}
		})
	}
	if _, err := os.Stat(dsn); err == nil || storetest.Backend() == "postgres" {
		if n := unitRows(t, dsn); n != [2]int{0, 0} {
			t.Errorf("refused imports wrote %v rows", n)
		}
	}
}

// A dry run on a database that does not exist yet creates none.
func TestImportUnitsDryRunCreatesNothing(t *testing.T) {
	files := seeds.UnitFiles(t)
	dbPath := filepath.Join(t.TempDir(), "none.db")
	code, out, errOut := run(t, "", nil, "import", "units", "--dry-run", "--db", dbPath, files[0])
	if code != 0 || !strings.Contains(out, "Chạy thử: chưa có cơ sở dữ liệu") {
		t.Errorf("code %d, out %q, err %q", code, out, errOut)
	}
	if _, err := os.Stat(dbPath); !os.IsNotExist(err) {
		t.Error("a dry run created the database")
	}
}
