package server

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The plan importer writes its warnings and errors in the reader's
// language, which readerLanguage hands it through the request's context:
// an English reader sees no Vietnamese sentence of ours, whatever the
// document itself says.
func TestImportInReadersLanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	text := importTable + "2\tTập huấn cán bộ\tBan Không Có Thật\t\tThường xuyên\n"
	tests := []struct {
		name, lang, text string
		want, notWant    string
	}{
		{"warning, English", "en", text, "Agency «Ban Không Có Thật» is not recognised (line", "Không nhận ra cơ quan"},
		{"warning, Vietnamese", "", text, "Không nhận ra cơ quan «Ban Không Có Thật» (dòng", "is not recognised"},
		{"error, English", "en", "PK\x03\x04 not a real archive", "The Word file (.docx) cannot be read", "Không đọc được tệp Word"},
		{"error, Vietnamese", "vi", "PK\x03\x04 not a real archive", "Không đọc được tệp Word", "cannot be read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hdr := http.Header{}
			if tt.lang != "" {
				hdr.Set("Cookie", "lang="+tt.lang)
			}
			_, body := e.with(t).do(e.clients[roleCoordinator], http.MethodPost, "/plans/import",
				strings.NewReader(url.Values{"text": {tt.text}}.Encode()), "application/x-www-form-urlencoded", hdr)
			body = html.UnescapeString(body)
			if !strings.Contains(body, tt.want) || strings.Contains(body, tt.notWant) {
				t.Errorf("page lacks %q or holds %q:\n%s", tt.want, tt.notWant, body)
			}
		})
	}
}
