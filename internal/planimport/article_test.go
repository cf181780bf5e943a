package planimport

import "testing"

func TestArticleSigns(t *testing.T) {
	t.Parallel()
	article := "(Baohaiphong.vn) - UBND thành phố vừa ban hành kế hoạch phát triển hợp tác xã.\n\nTin liên quan\n\nĐọc nhiều\n"
	if r := parseText(t, article); !hasKey(r, warnArticle) {
		t.Errorf("article not recognised: %q", r.Warnings)
	}
	formal := "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n(Baohaiphong.vn) - UBND thành phố vừa ban hành kế hoạch.\nNơi nhận:\n- Như trên;\n"
	if r := parseText(t, formal); hasKey(r, warnArticle) {
		t.Errorf("formal plan taken for an article")
	}
}
