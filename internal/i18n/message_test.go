package i18n

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

func TestRenderNestsMessages(t *testing.T) {
	b := Default()
	m := M("import.error.docx", M("import.error.detail.zip_broken"))
	if got := b.Render(English, m); got != "The Word file (.docx) cannot be read: the archive is damaged." {
		t.Errorf("English: %q", got)
	}
	if got := b.Render(Vietnamese, m); got != "Không đọc được tệp Word (.docx): tệp nén hỏng." {
		t.Errorf("Vietnamese: %q", got)
	}
}

func TestErrorSaysItselfAndItsCause(t *testing.T) {
	inner := Errorf(nil, "import.error.detail.zip_broken")
	outer := Errorf(fmt.Errorf("wrapped: %w", inner), "import.error.empty")
	if got := outer.In(English); got != "The file is empty: there is nothing to read.: wrapped: tệp nén hỏng" {
		// A plain error in between keeps its own (here Vietnamese) text.
		t.Errorf("In(en) = %q", got)
	}
	direct := Errorf(inner, "import.error.empty")
	if got := direct.In(English); got != "The file is empty: there is nothing to read.: the archive is damaged" {
		t.Errorf("In(en) = %q", got)
	}
	if got := direct.Error(); got != "Tệp rỗng: không có nội dung để đọc.: tệp nén hỏng" {
		t.Errorf("Error() = %q", got)
	}
	if !errors.Is(outer, inner) {
		t.Error("Unwrap")
	}
	if got := Describe(errors.New("disk full"), English); got != "disk full" {
		t.Errorf("Describe(plain) = %q", got)
	}
}

func TestLangFrom(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		ctx  context.Context
		want string
	}{
		{"unset", ctx, Vietnamese},
		{"english", WithLang(ctx, English), English},
		{"vietnamese", WithLang(ctx, Vietnamese), Vietnamese},
		{"unknown", WithLang(ctx, "fr"), Vietnamese},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LangFrom(tt.ctx); got != tt.want {
				t.Errorf("LangFrom = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCommandLang(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"nothing set", nil, Vietnamese},
		{"LANG english", map[string]string{"LANG": "en_US.UTF-8"}, English},
		{"LANG vietnamese", map[string]string{"LANG": "vi_VN.UTF-8"}, Vietnamese},
		{"LANG C", map[string]string{"LANG": "C.UTF-8"}, Vietnamese},
		{"LC_ALL before LANG", map[string]string{"LC_ALL": "vi_VN.UTF-8", "LANG": "en_US.UTF-8"}, Vietnamese},
		{"LC_MESSAGES before LANG", map[string]string{"LC_MESSAGES": "en_GB.UTF-8", "LANG": "vi_VN.UTF-8"}, English},
		{"HOPTAC_LANG vi over english locale", map[string]string{"HOPTAC_LANG": "vi", "LANG": "en_US.UTF-8"}, Vietnamese},
		{"HOPTAC_LANG en", map[string]string{"HOPTAC_LANG": "EN", "LANG": "vi_VN.UTF-8"}, English},
		{"HOPTAC_LANG unknown falls to locale", map[string]string{"HOPTAC_LANG": "fr", "LANG": "en_US.UTF-8"}, English},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CommandLang(func(k string) string { return tt.env[k] }); got != tt.want {
				t.Errorf("CommandLang = %q, want %q", got, tt.want)
			}
		})
	}
}
