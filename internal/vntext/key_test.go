package vntext

import (
	"bytes"
	"cmp"
	"math/rand/v2"
	"strings"
	"testing"
)

// rawKey is the collator's own key of s.
func rawKey(s string) []byte {
	c := collators.Get().(*collator)
	defer collators.Put(c)
	return c.key(s)
}

// keyCorpus is names as the register holds them, and strings made to
// reach every branch of the compact code: accents and capitals in runs
// of every length around the one-byte limit, characters outside the
// tables (other scripts, ligatures, combining marks), digits and
// punctuation, and the empty string.
func keyCorpus() []string {
	out := []string{"", " ", "a", "A", "á", "à", "ă", "Ă", "ắ", "đ", "Đ", "z", "0", "9",
		"Hợp tác xã Nông nghiệp Đông Thạnh", "Hợp tác xã nông nghiệp Đông Thạnh", "HỢP TÁC XÃ NÔNG NGHIỆP",
		"Hop tac xa", "Hợp tác xã", "Hợp tác xã Dịch vụ", "Tổ hợp tác trồng lúa", "Liên hiệp HTX Thủy sản",
		"Quỹ tín dụng nhân dân Hòa Bình", "Quỹ tín dụng nhân dân Hoà Bình", "HTX 3-2", "HTX số 12", "HTX số 2",
		"Đồng Tháp", "dong thap", "Dòng Thấp", "Ðông", "æbleskiver", "straße", "中文合作社", "Ǆemal",
		"a\u0301", "A\u0323\u0302", "ﬁ", "Ω", "αβγ", "😀", "x\u200by", "HTX (cũ)", "HTX \"Mới\"",
	}
	for _, n := range []int{1, 2, 50, 100, 101, 102, 103, 200, 250, 300, 301, 600} {
		for _, tail := range []string{"", "á", "A", "ạ", "Ω", "b", "\u0301"} {
			out = append(out, strings.Repeat("a", n)+tail, strings.Repeat("á", n)+tail, strings.Repeat("A", n)+tail)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯHTXáàảãạấầẩẫậếềểễệốồổỗộớờởỡợứừửữựýỳỷỹỵ 0123456789-.,()æßΩ中\u0301\u0323")
	for range 400 {
		var b strings.Builder
		for range 1 + r.IntN(40) {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		out = append(out, b.String())
	}
	return out
}

func sign(n int) int { return cmp.Compare(n, 0) }

// TestKeyOrder checks that stored keys sort as Vietnamese does: for every
// pair of the corpus the compact keys compare as the collator compares
// the strings and as its own keys compare.
func TestKeyOrder(t *testing.T) {
	corpus := keyCorpus()
	keys := make([][]byte, len(corpus))
	raws := make([][]byte, len(corpus))
	for i, s := range corpus {
		keys[i], raws[i] = Key(s), rawKey(s)
	}
	bad := 0
	for i, a := range corpus {
		for j, b := range corpus {
			want := sign(bytes.Compare(raws[i], raws[j]))
			if c := sign(Compare(a, b)); c != want {
				t.Fatalf("the collator's keys and its comparison disagree on %q, %q", a, b)
			}
			if got := sign(bytes.Compare(keys[i], keys[j])); got != want && bad < 10 {
				bad++
				t.Errorf("Key(%q) vs Key(%q) = %d, want %d (% x | % x)", a, b, got, want, keys[i], keys[j])
			}
		}
	}
}

// TestKeyParse checks that the collator's keys are read as key.go
// expects: three levels that give the same bytes when written back in the
// collator's layout, and the common weights it runs on.
func TestKeyParse(t *testing.T) {
	for _, s := range keyCorpus() {
		raw := rawKey(s)
		l1, l2, l3 := rawLevels(raw)
		var back []byte
		for _, p := range l1 {
			if p <= 0x7FFF {
				back = append(back, byte(p>>8), byte(p))
			} else {
				back = append(back, byte(p>>16)|0x80, byte(p>>8), byte(p))
			}
		}
		back = append(back, 0, 0)
		for _, w := range l2 {
			back = append(back, byte(w>>8), byte(w))
		}
		back = append(back, 0, 0)
		for _, w := range l3 {
			back = append(back, byte(w))
		}
		if !bytes.Equal(back, raw) {
			t.Errorf("%q: read back as % x, the collator's key is % x", s, back, raw)
		}
	}
	_, l2, l3 := rawLevels(rawKey("a"))
	if len(l2) != 1 || l2[0] != commonSecondary || len(l3) != 1 || l3[0] != commonTertiary {
		t.Errorf(`"a" has weights %x, %x; want [%x], [%x]`, l2, l3, commonSecondary, commonTertiary)
	}
}

// TestKeyCompact checks what the compact key is for: a cooperative's
// name stored in at most half of the collator's key (about a third
// when written in lower case with capitals, as most are).
func TestKeyCompact(t *testing.T) {
	for _, s := range []string{"Hợp tác xã Nông nghiệp Đông Thạnh", "Quỹ tín dụng nhân dân xã Thanh Hà",
		"Tổ hợp tác sản xuất rau an toàn thôn Đông", "HTX DỊCH VỤ NÔNG NGHIỆP TỔNG HỢP"} {
		k, raw := Key(s), rawKey(s)
		if len(k)*2 > len(raw) {
			t.Errorf("Key(%q) is %d bytes, the collator's %d", s, len(k), len(raw))
		}
	}
}

// FuzzKeyOrder checks the order of compact keys against the collator on
// any two strings.
func FuzzKeyOrder(f *testing.F) {
	for _, s := range keyCorpus()[:60] {
		f.Add(s, "Hợp tác xã "+s)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		want := sign(bytes.Compare(rawKey(a), rawKey(b)))
		if got := sign(bytes.Compare(Key(a), Key(b))); got != want {
			t.Errorf("Key(%q) vs Key(%q) = %d, want %d", a, b, got, want)
		}
	})
}

// TestLevelOrder checks a level's code on sequences of weights that
// names never produce but the code must still order: weights below the
// common one, sequences that differ only in how long a run of it is, and
// runs past what one byte counts. A level is followed by 00 in a key, as
// here.
func TestLevelOrder(t *testing.T) {
	l := newLevel(0x20, []uint32{0x05, 0x10, 0x38, 0x39, 0x3A, 0x1F0}, 2)
	if l.maxRun < 3 {
		t.Fatalf("maxRun %d", l.maxRun)
	}
	pick := []uint32{0x01, 0x05, 0x07, 0x10, 0x1F, 0x21, 0x38, 0x3A, 0x3B, 0x1F0, 0xFFFF}
	r := rand.New(rand.NewPCG(3, 4))
	var seqs [][]uint32
	for range 3000 {
		var s []uint32
		for range r.IntN(5) {
			if r.IntN(2) == 0 {
				run := r.IntN(4)
				if r.IntN(4) == 0 {
					run = l.maxRun - 2 + r.IntN(5) + l.maxRun*r.IntN(3)
				}
				for range run {
					s = append(s, 0x20)
				}
			} else {
				s = append(s, pick[r.IntN(len(pick))])
			}
		}
		seqs = append(seqs, s)
	}
	enc := func(s []uint32) []byte { return append(l.appendLevel(nil, s), 0) }
	for i := range seqs {
		for j := range seqs {
			a, b := seqs[i], seqs[j]
			want := sign(slicesCompare(a, b))
			if got := sign(bytes.Compare(enc(a), enc(b))); got != want {
				t.Fatalf("%x vs %x: codes compare %d, want %d (% x | % x)", a, b, got, want, enc(a), enc(b))
			}
		}
	}
}

// slicesCompare compares weight sequences, the end first.
func slicesCompare(a, b []uint32) int {
	for i := range min(len(a), len(b)) {
		if c := cmp.Compare(a[i], b[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a), len(b))
}
