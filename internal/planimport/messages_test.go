package planimport

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/i18n"
)

// vietnameseRE finds letters only Vietnamese uses (and đ): English text
// must have none.
var vietnameseRE = regexp.MustCompile(`[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ]`)

// quotedRE is text quoted from the document, which stays as written.
var quotedRE = regexp.MustCompile(`«[^»]*»`)

// TestErrorsInBothLanguages: every error renders in both languages with
// the arguments its callers give, Vietnamese with diacritics, English
// with no Vietnamese letters, and never as its bare key.
func TestErrorsInBothLanguages(t *testing.T) {
	t.Parallel()
	for _, e := range []*Error{ErrEmpty, ErrBinary, ErrTooLarge, ErrEncoding, ErrDocx, ErrUnsupported, ErrInternal, ErrUnpacked,
		{Key: KeyDocx, Detail: i18n.M(detailZipBroken), Line: 4},
		{Key: KeyEncoding, Detail: i18n.M(detailEncodingUnknown)},
		{Key: KeyUnpacked, Detail: i18n.M(unpackedRatio, "a.docx", "word/document.xml", 100)},
	} {
		vi, en := e.In(i18n.Vietnamese), e.In(i18n.English)
		for _, msg := range []string{vi, en} {
			if strings.Contains(msg, "%!") || strings.Contains(msg, "import.") {
				t.Errorf("%s renders %q", e.Key, msg)
			}
		}
		if !vietnameseRE.MatchString(vi) {
			t.Errorf("%s: Vietnamese text %q has no diacritics", e.Key, vi)
		}
		if vietnameseRE.MatchString(en) {
			t.Errorf("%s: English text %q holds Vietnamese", e.Key, en)
		}
		if e.Error() != vi {
			t.Errorf("%s: Error() = %q, want the Vietnamese %q", e.Key, e.Error(), vi)
		}
	}
}

// TestWarningsInReadersLanguage: Parse writes its warnings in the language
// its context carries, Vietnamese by default; the keys do not change.
func TestWarningsInReadersLanguage(t *testing.T) {
	t.Parallel()
	// A table without a header, a task without lead or timeframe, an
	// unknown agency named twice, a repeated code, a wrong declared count.
	text := "ỦY BAN NHÂN DÂN TỈNH X\nKẾ HOẠCH\nGồm 3 nhiệm vụ\n" +
		"| I | Nhóm một | | | |\n" +
		"| 1 | Việc thứ nhất | Ban Không Có Thật | | Năm 2025 |\n" +
		"| 1 | Việc thứ hai | Ban Không Có Thật | | khi nào xong |\n" +
		"| 2 | Việc thứ ba | | | |\n"
	vi, err := Parse(context.Background(), "x.txt", []byte(text), Catalog())
	if err != nil {
		t.Fatal(err)
	}
	en, err := Parse(i18n.WithLang(context.Background(), i18n.English), "x.txt", []byte(text), Catalog())
	if err != nil {
		t.Fatal(err)
	}
	if len(vi.Warnings) < 4 || strings.Join(vi.warningKeys, ",") != strings.Join(en.warningKeys, ",") {
		t.Fatalf("warnings: vi %q (%q), en %q (%q)", vi.Warnings, vi.warningKeys, en.Warnings, en.warningKeys)
	}
	for i, w := range en.Warnings {
		// What the document says is quoted «as written»; the rest is ours.
		if vietnameseRE.MatchString(quotedRE.ReplaceAllString(w, "")) || strings.Contains(w, "import.") || strings.Contains(w, "%!") {
			t.Errorf("English warning %s = %q", en.warningKeys[i], w)
		}
		if !vietnameseRE.MatchString(vi.Warnings[i]) || vi.Warnings[i] == w {
			t.Errorf("Vietnamese warning %s = %q", vi.warningKeys[i], vi.Warnings[i])
		}
	}
	if !hasKey(en, warnAgencyUnknown) || !strings.Contains(strings.Join(en.Warnings, "\n"), "«Ban Không Có Thật» is not recognised (line 5 and 1 other places)") {
		t.Errorf("English warnings %q lack the unknown agency named twice", en.Warnings)
	}
	_, err = Parse(i18n.WithLang(context.Background(), i18n.English), "x.txt", nil, nil)
	if msg := err.Error(); msg != "The file is empty: there is nothing to read." {
		t.Errorf("English empty file: %q", msg)
	}
	if ErrEmpty.Lang != "" {
		t.Error("Parse changed the shared sentinel's language")
	}
}
