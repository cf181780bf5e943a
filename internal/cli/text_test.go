package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// vietnameseRE finds letters only Vietnamese uses.
var vietnameseRE = regexp.MustCompile(`[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđĐ]`)

// quotedRE is what a document says, quoted «as written» in any language.
var quotedRE = regexp.MustCompile(`«[^»]*»`)

// documentLineRE is the summary's line quoting the document's number and
// title.
var documentLineRE = regexp.MustCompile(`(?m)^Document: .*$`)

// TestCommandLineLanguage runs the commands' messages, results, warnings
// and refusals in English and in Vietnamese: the English run shows no
// Vietnamese of ours, the Vietnamese one no English sentence, and neither
// a bare key or a broken format.
func TestCommandLineLanguage(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan.txt")
	// A task table naming an agency nobody knows: a warning.
	table := "ỦY BAN NHÂN DÂN TỈNH X\nKẾ HOẠCH\nThực hiện Luật Hợp tác xã năm 2025\n" +
		"STT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian thực hiện\n" +
		"I\tTuyên truyền\t\t\t\n1\tPhổ biến Luật Hợp tác xã\tBan Không Có Thật\t\tThường xuyên\n"
	if err := os.WriteFile(plan, []byte(table), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		stdin string
		args  []string
		en    string // a phrase the English run must print
		vi    string // and the Vietnamese one
	}{
		{"", nil, "Usage:", "Cách dùng:"},
		{"", []string{"frobnicate"}, "unknown command", "lệnh không rõ"},
		{"", []string{"migrate", "--db", "DB"}, "schema is up to date", "Đã cập nhật cấu trúc"},
		{"", []string{"user"}, "usage: hoptac user add", "dùng: hoptac user add"},
		{"", []string{"user", "add", "--db", "DB", "--email", "a@b.vn", "--name", "A", "--role", "admin"}, "--password-stdin is needed", "cần --password-stdin"},
		{"", []string{"token"}, "usage: hoptac token create", "dùng: hoptac token create"},
		{"", []string{"report"}, "hoptac report consolidated --plan ID --period PERIOD --format", "hoptac report consolidated --plan ID --period KỲ --format"},
		{"", []string{"import", "plan", "--dry-run", "--db", "DB", plan}, "is not recognised", "Không nhận ra cơ quan"},
		{"", []string{"import", "plan", "--dry-run", "--db", "DB", empty}, "The file is empty", "Tệp rỗng"},
		{"", []string{"import", "plan", "--dry-run", "--db", "DB", filepath.Join(dir, "none.txt")}, "cannot read file", "không đọc được tệp"},
		{"", []string{"import", "plan", "--db", "DB", plan}, "Imported plan", "Đã nhập kế hoạch"},
		{"", []string{"backup", "--db", "DB", "BACKUP"}, "Rows per table:", "Số dòng theo bảng:"},
		{"", []string{"backup", "--db", "DB", "BACKUP"}, "already exists", "đã có"},
		{"", []string{"restore", "--db", "DB2", plan}, "is neither a SQLite file nor a hoptac backup", "không phải tệp SQLite"},
		{"", []string{"gen", "plans", "--db", "DB3", "--plans", "-1"}, "must not be negative", "không được âm"},
		{"", []string{"load", "extra"}, "unexpected argument", "thừa tham số"},
	}
	for _, lang := range []struct {
		name string
		env  map[string]string
	}{
		{"en", map[string]string{"HOPTAC_LANG": "en"}},
		{"en locale", map[string]string{"LANG": "en_US.UTF-8"}},
		{"vi", map[string]string{"LANG": "C.UTF-8"}},
	} {
		t.Run(lang.name, func(t *testing.T) {
			english := lang.name != "vi"
			sub := t.TempDir()
			for _, st := range steps {
				args := make([]string, len(st.args))
				for i, a := range st.args {
					args[i] = strings.NewReplacer("BACKUP", filepath.Join(sub, "copy.db"), "DB3", filepath.Join(sub, "gen.db"),
						"DB2", filepath.Join(sub, "restored.db"), "DB", filepath.Join(sub, "hoptac.db")).Replace(a)
				}
				_, out, errOut := run(t, st.stdin, lang.env, args...)
				all := out + errOut
				want, other := st.vi, st.en
				if english {
					want, other = st.en, st.vi
				}
				if !strings.Contains(all, want) || strings.Contains(all, other) {
					t.Errorf("%q: want %q, not %q, in:\n%s", st.args, want, other, all)
				}
				// The document's own words are shown as written.
				ours := documentLineRE.ReplaceAllString(quotedRE.ReplaceAllString(all, ""), "")
				if english && vietnameseRE.MatchString(ours) {
					t.Errorf("%q in English holds Vietnamese:\n%s", st.args, all)
				}
				if strings.Contains(all, "cli.") || strings.Contains(all, "%!") || strings.Contains(all, "import.") || strings.Contains(all, "backup.error") {
					t.Errorf("%q prints a bare key or a broken format:\n%s", st.args, all)
				}
			}
		})
	}
}
