package planimport

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestCatalogResolve(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in, want   string
		collective bool
	}{
		{"Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư", false},
		{"SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "Sở Kế hoạch và Đầu tư", false},
		{"so ke hoach va dau tu", "Sở Kế hoạch và Đầu tư", false},
		{"Sở KH&ĐT", "Sở Kế hoạch và Đầu tư", false},
		{"Sở KH và ĐT", "Sở Kế hoạch và Đầu tư", false},
		{"Sở Kế hoạch - Đầu tư", "Sở Kế hoạch và Đầu tư", false},
		{"SKHĐT", "Sở Kế hoạch và Đầu tư", false},
		{"Sở Kế hoạc và Đầu tư", "Sở Kế hoạch và Đầu tư", false}, // typo
		{"Sở Nông nghiệp và PTNT", "Sở Nông nghiệp và Phát triển nông thôn", false},
		{"Sở Nông nghiệp và PTNN", "Sở Nông nghiệp và Phát triển nông thôn", false},
		{"Sở Nông nghiệp và PTTN", "Sở Nông nghiệp và Phát triển nông thôn", false}, // typo, by distance
		{"Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn", false},
		{"Sở NN & PTNT Thanh Hóa", "Sở Nông nghiệp và Phát triển nông thôn", false},
		{"Sở Nông nghiệp và Môi trường", "Sở Nông nghiệp và Môi trường", false},
		{"Sở LĐTB&XH", "Sở Lao động, Thương binh và Xã hội", false},
		{"Sở LĐ-TB&XH", "Sở Lao động, Thương binh và Xã hội", false},
		{"Sở Lao động - Thương binh và Xã hội", "Sở Lao động, Thương binh và Xã hội", false},
		{"Sở TT&TT", "Sở Thông tin và Truyền thông", false},
		{"Sở KH&CN", "Sở Khoa học và Công nghệ", false},
		{"Sở VH,TT&DL", "Sở Văn hóa, Thể thao và Du lịch", false},
		{"Sở Văn hoá, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch", false},
		{"Sở GD&ĐT", "Sở Giáo dục và Đào tạo", false},
		{"Sở GTVT", "Sở Giao thông vận tải", false},
		{"Sở TN&MT", "Sở Tài nguyên và Môi trường", false},
		{"Sở Công Thương Thanh Hóa", "Sở Công Thương", false},
		{"Báo Thanh Hóa", "Báo tỉnh", false},
		{"Đài Phát thanh và Truyền hình Thanh Hóa", "Đài Phát thanh và Truyền hình tỉnh", false},
		{"Đài PT-TH tỉnh", "Đài Phát thanh và Truyền hình tỉnh", false},
		{"Liên minh HTX tỉnh", "Liên minh Hợp tác xã tỉnh", false},
		{"Liên minh Hợp tác xã TP", "Liên minh Hợp tác xã tỉnh", false},
		{"Liên minh Hợp tác xã thành phố Hải Phòng", "Liên minh Hợp tác xã tỉnh", false},
		{"Ngân hàng Nhà nước Việt Nam - Chi nhánh Nghệ An", "Ngân hàng Nhà nước chi nhánh tỉnh", false},
		{"Cục Thuế tỉnh Thanh Hóa", "Cục Thuế tỉnh", false},
		{"Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh", false},
		{"Ủy ban MTTQ tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", false},
		{"UBND tỉnh Thanh Hóa", "Ủy ban nhân dân tỉnh", false},
		{"UBND các huyện, thị xã, thành phố", "UBND các huyện, thị xã, thành phố", true},
		{"Ủy ban nhân dân các huyện, thị xã, thành phố", "UBND các huyện, thị xã, thành phố", true},
		{"UBND cấp huyện", "UBND các huyện, thị xã, thành phố", true},
		{"UBND các huyện, TX, TP", "UBND các huyện, thị xã, thành phố", true},
		{"UBND cấp xã", "UBND các xã, phường, thị trấn", true},
		{"Các Sở, ngành, đơn vị có liên quan", "Các sở, ngành, đơn vị có liên quan", true},
		{"Các Sở, ngành, đơn vị liên quan", "Các sở, ngành, đơn vị có liên quan", true},
		{"Các sở, ngành, địa phương, đơn vị có liên quan", "Các sở, ngành, địa phương, đơn vị có liên quan", true},
		{"Các Sở, ngành, UBND cấp huyện và các đơn vị liên quan", "Các sở, ngành, UBND cấp huyện, đơn vị có liên quan", true},
		{"Các sở, ngành, đơn vị theo chức năng nhiệm vụ được giao", "Các sở, ngành, đơn vị theo chức năng nhiệm vụ được giao", true},
		{"Mặt trận Tổ quốc các cấp", "Mặt trận Tổ quốc các cấp", true},
	}
	cat := Catalog()
	for _, c := range cases {
		name, coll, ok := cat.Resolve(c.in)
		if !ok || name != c.want || coll != c.collective {
			t.Errorf("Resolve(%q) = %q, %v, %v; want %q, %v", c.in, name, coll, ok, c.want, c.collective)
		}
	}
}

func TestCatalogUnknown(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"", "Sở", "Công ty TNHH Một thành viên Xổ số kiến thiết", "Hợp tác xã Thành Công",
		"Sở Nông nghiệp", "Phòng Tài chính - Kế hoạch", "Thanh Hóa", "12345"} {
		if name, _, ok := Catalog().Resolve(in); ok {
			t.Errorf("Resolve(%q) = %q, want no match", in, name)
		}
	}
}

func TestEditDistance(t *testing.T) {
	t.Parallel()
	cases := []struct {
		a, b string
		k, d int
		ok   bool
	}{
		{"sonnptnt", "sonnptnn", 1, 1, true},
		{"abc", "abc", 0, 0, true},
		{"kitten", "sitting", 3, 3, true},
		{"kitten", "sitting", 2, 0, false},
		{"", "ab", 2, 2, true},
		{"abcdef", "abcxyz", 2, 0, false},
	}
	for _, c := range cases {
		d, ok := editDistance(c.a, c.b, c.k)
		if ok != c.ok || ok && d != c.d {
			t.Errorf("editDistance(%q, %q, %d) = %d, %v", c.a, c.b, c.k, d, ok)
		}
	}
}

// TestCatalogConcurrent: one Catalog serves parallel imports, and every
// caller gets the answer a lone caller gets, while the callers fill the
// shared cache together. It checks the answers themselves, so it fails
// without -race too.
func TestCatalogConcurrent(t *testing.T) {
	t.Parallel()
	var inputs []string
	for _, e := range catalogEntries {
		for _, n := range append([]string{e.name}, e.aliases...) {
			inputs = append(inputs, n, strings.ToUpper(n), n+" tỉnh Thanh Hóa", strings.Replace(n, "a", "â", 1))
		}
	}
	for i := range 50 {
		inputs = append(inputs, fmt.Sprintf("Sở Y tế %d", i), fmt.Sprintf("Hợp tác xã số %d", i))
	}
	// The answers of a lone caller, from a catalog of its own, uncached.
	lone := newCatalog(catalogEntries)
	want := make([]catalogAnswer, len(inputs))
	found, collective := 0, 0
	for i, in := range inputs {
		n, c, ok := lone.resolve(in)
		want[i] = catalogAnswer{n, c, ok}
		if ok {
			found++
		}
		if c {
			collective++
		}
	}
	if found < len(inputs)/2 || collective == 0 || found == len(inputs) {
		t.Fatalf("inputs resolve %d of %d (%d collective): not a mix to compare on", found, len(inputs), collective)
	}

	shared := newCatalog(catalogEntries)
	const callers = 8
	var wg sync.WaitGroup
	var mu sync.Mutex
	var bad []string
	start := make(chan struct{})
	for g := range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for round := range 3 {
				for k := range inputs {
					i := (k*(g+1) + round*g) % len(inputs) // each caller its own order
					n, c, ok := shared.Resolve(inputs[i])
					if got := (catalogAnswer{n, c, ok}); got != want[i] {
						mu.Lock()
						bad = append(bad, fmt.Sprintf("caller %d: Resolve(%q) = %+v, alone %+v", g, inputs[i], got, want[i]))
						mu.Unlock()
					}
				}
			}
		}()
	}
	close(start)
	wg.Wait()
	for _, b := range bad[:min(len(bad), 10)] {
		t.Error(b)
	}
	// What the callers left in the cache is what a lone caller computes.
	for i, in := range inputs {
		if a, ok := shared.cache.Load(in); ok && a.(catalogAnswer) != want[i] {
			t.Errorf("cache holds %+v for %q, want %+v", a, in, want[i])
		}
	}
	if n := shared.cacheSize.Load(); n == 0 || n > maxCache {
		t.Errorf("cache size %d", n)
	}
}
