package unit

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/seeds"
)

// The four published files are told apart by shape and read whole.
func TestParseRealFiles(t *testing.T) {
	type want struct {
		kind                        Kind
		provinces, districts, comms int
		links                       int
	}
	wants := []want{
		{KindOldList, 63, 696, 10035, 0},
		{KindNewList, 34, 0, 3321, 0},
		{KindOldToNew, 0, 0, 0, 10667},
		{KindNewToOld, 0, 0, 0, 10667},
	}
	shares := map[Kind]map[[2]string]Share{KindOldToNew: {}, KindNewToOld: {}}
	for i, p := range seeds.UnitFiles(t) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Parse(p, data)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		got := want{f.Kind, f.Count(LevelProvince), f.Count(LevelDistrict), f.Count(LevelCommune), len(f.Links)}
		if got != wants[i] {
			t.Errorf("%s: %+v, want %+v", p, got, wants[i])
		}
		if f.Kind == KindOldList {
			for _, r := range f.Units {
				if r.Code == "10507" && (r.Name != "Phường Cẩm Thượng" || r.ShortName != "Cẩm Thượng" || r.ParentCode != "288") {
					t.Errorf("old 10507: %+v", r)
				}
			}
		}
		for _, l := range f.Links {
			shares[f.Kind][[2]string{l.OldCode, l.NewCode}] = l.Share
		}
	}
	// The shares read off old-to-new (one successor: full) are those
	// new-to-old marks, link for link.
	o2n, n2o := shares[KindOldToNew], shares[KindNewToOld]
	for k, s := range n2o {
		if o2n[k] != s {
			t.Errorf("link %v: %q from old-to-new, %q from new-to-old", k, o2n[k], s)
		}
	}
}

// A file that is not one of the four, or has a bad entry, is refused with
// a Vietnamese message naming the file and the entry.
func TestParseRefusesBadFiles(t *testing.T) {
	province := func(extra string) string {
		return `[{"Code":"01","Name":"Hà Nội","FullName":"Thành phố Hà Nội","Wards":[` + extra + `]}]`
	}
	for _, tc := range []struct{ name, data, want string }{
		{"not json", `{"data": [`, "Tệp x.json không phải JSON hợp lệ (lỗi ở dòng 1)."},
		{"json error line", "[\n{\"Code\": \"01\",\n\"Name\": }]", "(lỗi ở dòng 3)"},
		{"plan text", "KẾ HOẠCH", "không phải JSON hợp lệ"},
		{"other object", `{"units": []}`, "không phải danh mục đơn vị hành chính hay bảng chuyển đổi"},
		{"empty list", `[]`, "không phải danh mục đơn vị hành chính"},
		{"number", `42`, "không phải danh mục đơn vị hành chính"},
		{"list of strings", `["a"]`, "không phải danh mục đơn vị hành chính"},
		{"province without communes", `[{"Code":"01","Name":"Hà Nội"}]`, "không phải danh mục đơn vị hành chính"},
		{"code as number", `[{"Code":1,"Name":"Hà Nội","Wards":[]}]`, "không phải danh mục đơn vị hành chính"},
		{"short commune code", province(`{"Code":"0001","Name":"Phúc Xá","FullName":"Phường Phúc Xá"}`),
			"Tệp x.json: mã «0001» của «Phường Phúc Xá» không hợp lệ: cần 5 chữ số."},
		{"nameless", province(`{"Code":"00001"}`), "Tệp x.json: đơn vị mã «00001» không có tên."},
		{"twice", province(`{"Code":"00001","Name":"A"},{"Code":"00001","Name":"B"}`),
			"Tệp x.json: mã «00001» có hai lần («A» và «B»)."},
		{"bad share", `{"data":[{"level1_id":"01","name":"Hà Nội","merges":[{"old_id":"01","name":"Hà Nội","type":"most"}],"level2s":[]}]}`,
			"kiểu «most» không hợp lệ"},
		{"bad link code", `{"data":[{"level1_id":"01","name":"Hà Nội","splits":[{"new_id":"1","name":"Hà Nội"}],"level3s":[]}]}`,
			"Tệp x.json: mã «1» («Hà Nội») không phải mã tỉnh, huyện hay xã."},
		{"link twice", `{"data":[{"level1_id":"01","name":"Hà Nội","splits":[{"new_id":"01","name":"Hà Nội"},{"new_id":"01","name":"Hà Nội"}],"level3s":[]}]}`,
			"liên kết «Hà Nội» → «Hà Nội» có hai lần"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse("x.json", []byte(tc.data))
			var ie *i18n.Error
			if f != nil || !errors.As(err, &ie) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Parse = %v, %v; want an error with %q", f, err, tc.want)
			}
			if ie != nil && strings.Contains(ie.In(i18n.English), "Tệp") {
				t.Errorf("English message is Vietnamese: %s", ie.In(i18n.English))
			}
		})
	}
}
