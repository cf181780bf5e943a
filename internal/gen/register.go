package gen

import (
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/hoptac/hoptac/internal/vntext"
)

// RegisterConfig says what register to write.
type RegisterConfig struct {
	Orgs     int       // organisations
	Years    int       // yearly rows per organisation, ending with LastYear
	LastYear int       // 2025 when 0
	Seed     uint64    // the same seed and units give the same file
	Communes []Commune // after the reform
	// Old are the communes before the reform. Rows of the years before
	// 2025 name one of them, as the importer reads those years on the old
	// lists; without Old they name new communes, which it refuses.
	Old []Commune
	// Successors maps an old commune's code to the new communes it went
	// into (mapping-old-to-new.json); without it an organisation moves to
	// the new commune that kept its old commune's code, if any.
	Successors map[string][]string
}

// RegisterStats counts what was written.
type RegisterStats struct {
	Orgs, Rows, Dissolved, OldCommunes, NearDuplicates int
}

// RegisterHeader is the header row WriteRegister writes; registerimport
// reads every one of these texts.
var RegisterHeader = []string{"STT", "Mã số HTX", "Tên HTX", "Tên viết tắt", "Loại hình", "Ngành nghề", "Mã xã", "Xã/phường",
	"Huyện", "Tỉnh", "Địa chỉ", "Ngày thành lập", "Ngày đăng ký", "Tình trạng", "Năm", "Số thành viên", "Số lao động",
	"Vốn điều lệ (triệu đồng)", "Tổng tài sản (triệu đồng)", "Doanh thu (triệu đồng)", "Lợi nhuận (triệu đồng)",
	"Thu nhập bình quân (nghìn đồng)", "Xếp loại", "Điển hình tiên tiến", "Số sản phẩm OCOP"}

// sectorLabels are the sector labels a province writes, with their share
// in per mille: about 70% agriculture, as in the national statistics.
var sectorLabels = []struct {
	label, word string
	weight      int
}{
	{"Nông nghiệp", "Nông nghiệp", 700},
	{"Tiểu thủ công nghiệp", "Tiểu thủ công nghiệp", 60},
	{"Xây dựng", "Xây dựng", 30},
	{"Thương mại, dịch vụ", "Thương mại dịch vụ", 90},
	{"Vận tải", "Vận tải", 40},
	{"Môi trường", "Vệ sinh môi trường", 25},
	{"Quản lý chợ", "Quản lý chợ", 10},
	{"Nước sạch", "Nước sạch", 15},
	{"Khác", "Dịch vụ tổng hợp", 30},
}

var (
	agriWords = []string{"Dịch vụ nông nghiệp", "Nông nghiệp", "Trồng trọt", "Chăn nuôi", "Thủy sản", "Rau an toàn", "Lúa giống",
		"Cây ăn quả", "Chè", "Cà phê", "Hồ tiêu", "Nuôi trồng thủy sản", "Dược liệu", "Nấm sạch", "Sản xuất nông sản sạch", "Hoa cây cảnh"}
	nameTails    = []string{"", "", "", "", "Thành Công", "Phú Thịnh", "Hưng Thịnh", "Đồng Tâm", "Tiến Phát", "Hòa Bình", "Xanh", "Bền Vững", "An Khang", "Thịnh Vượng"}
	statusesDone = []string{"Giải thể", "Giải thể", "Giải thể", "Sáp nhập", "Phá sản", "Thu hồi giấy chứng nhận"}
	ratingLabels = []string{"Tốt", "Khá", "Khá", "Trung bình", "Trung bình", "Trung bình", "Yếu"}
	streetWords  = []string{"Thôn", "Ấp", "Xóm", "Bản", "Tổ dân phố", "Khóm"}
	placeWords   = []string{"Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Mới", "1", "2", "3", "4", "5", "6"}
)

// WriteRegister writes a synthetic register as CSV: two title rows, the
// header, one row per organisation and year, and a totals row. Most
// organisations are small HTX and THT in agriculture; some are dissolved
// (their rows stop in the year they were); some are recorded in a commune
// of before the 2025 reform (old code, with its district); a few have a
// near-duplicate twin under another code (the same name with a word
// moved, a mark lost or a letter changed, in the same commune). Rows are
// written as they are made: memory does not grow with Orgs.
func WriteRegister(w io.Writer, cfg RegisterConfig) (RegisterStats, error) {
	var st RegisterStats
	if cfg.Orgs < 0 || cfg.Years < 1 || len(cfg.Communes) == 0 {
		return st, fmt.Errorf("gen: register: orgs ≥ 0, years ≥ 1 and communes are needed")
	}
	if cfg.LastYear == 0 {
		cfg.LastYear = 2025
	}
	r := rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x5245474953544552))
	cw := csv.NewWriter(w)
	width := len(RegisterHeader)
	title := func(s string) []string { row := make([]string, width); row[0] = s; return row }
	_ = cw.Write(title("DANH SÁCH HỢP TÁC XÃ, TỔ HỢP TÁC (DỮ LIỆU TỔNG HỢP THỬ NGHIỆM)"))
	_ = cw.Write(title(fmt.Sprintf("Số liệu từ năm %d đến năm %d", cfg.LastYear-cfg.Years+1, cfg.LastYear)))
	_ = cw.Write(RegisterHeader)
	g := &regGen{r: r, cfg: cfg, cw: cw, st: &st, byCode: make(map[string]int, len(cfg.Communes))}
	for i, c := range cfg.Communes {
		g.byCode[c.Code] = i
	}
	var totalMembers int64
	for i := 0; i < cfg.Orgs; i++ {
		o := g.org(i)
		totalMembers += g.write(o)
		st.Orgs++
		if r.IntN(1000) < 5 && i+1 < cfg.Orgs { // a near-duplicate, counted in Orgs
			i++
			totalMembers += g.write(g.twin(o, i))
			st.Orgs++
			st.NearDuplicates++
		}
	}
	tot := make([]string, width)
	tot[1], tot[15] = "Tổng cộng", vntext.FormatInt(totalMembers)
	_ = cw.Write(tot)
	cw.Flush()
	return st, cw.Error()
}

type regGen struct {
	r   *rand.Rand
	cfg RegisterConfig
	cw  *csv.Writer
	st  *RegisterStats
	row int
	// byCode finds a new commune by its code: successors are named by code.
	byCode map[string]int
}

// reformYear is the first year whose figures name the communes after the
// 2025 reform: the importer reads a row's commune on the last day of its
// year, and the old communes ended on 30/06/2025.
const reformYear = 2025

// regOrg is one organisation's lasting traits.
type regOrg struct {
	code, name, short, form, sector, street string
	// before names the rows of the years before the reform, after those
	// from 2025 on: the old commune and the new one it went into, or the
	// old one again for an organisation still recorded as before.
	before, after Commune
	founded       int // year
	foundedDay    string
	registeredDay string
	members       int64
	capital       float64 // triệu đồng
	endYear       int     // last year with a row
	endStatus     string
}

func (g *regGen) org(i int) regOrg {
	r := g.r
	o := regOrg{}
	o.founded = g.cfg.LastYear - r.IntN(30)
	if o.founded < 1997 {
		o.founded = 1997 + r.IntN(5)
	}
	c := g.cfg.Communes[r.IntN(len(g.cfg.Communes))]
	o.before, o.after = c, c
	if len(g.cfg.Old) > 0 && o.founded < reformYear {
		// An organisation of the years before the reform was in an old
		// commune; about a quarter are still recorded in it after. Only
		// one whose code no new commune carries can be: the importer
		// reads a code of 2025 on the new list first, so a shared code
		// would be read as the new commune.
		c = g.cfg.Old[r.IntN(len(g.cfg.Old))]
		o.before = c
		if _, shared := g.byCode[c.Code]; !shared && r.IntN(100) < 35 {
			o.after = c
		} else {
			o.after = g.successor(c)
		}
	}
	o.code = fmt.Sprintf("%s%08d", c.PCode, i+1)
	if r.IntN(100) < 2 {
		o.code += fmt.Sprintf("-%03d", 1+r.IntN(3))
	}
	sec := weighted(r)
	o.sector = sec.label
	place := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(c.Name, "Xã "), "Phường "), "Thị trấn "))
	word := sec.word
	if sec.label == "Nông nghiệp" {
		word = agriWords[r.IntN(len(agriWords))]
	}
	tail := nameTails[r.IntN(len(nameTails))]
	switch n := r.IntN(1000); {
	case n < 200:
		o.form = "Tổ hợp tác"
		o.name = "Tổ hợp tác " + lowerFirst(word) + " " + streetWords[r.IntN(len(streetWords))] + " " + placeWords[r.IntN(len(placeWords))]
		o.members = 2 + int64(r.IntN(12))
	case n < 210:
		o.form = "Liên hiệp hợp tác xã"
		o.name = "Liên hiệp hợp tác xã " + word + " " + place
		o.members = 2 + int64(r.IntN(8))
	case n < 225 && sec.label == "Nông nghiệp":
		o.form, o.sector = "Quỹ tín dụng nhân dân", "Tín dụng"
		o.name = "Quỹ tín dụng nhân dân " + place
		o.members = 300 + int64(r.IntN(4000))
	default:
		o.form = "Hợp tác xã"
		prefix := "Hợp tác xã "
		if r.IntN(2) == 0 {
			prefix = "HTX "
		}
		o.name = prefix + word + " " + place
		o.members = 7 + int64(r.ExpFloat64()*25)
	}
	if tail != "" && o.form != "Quỹ tín dụng nhân dân" {
		o.name += " " + tail
	}
	if r.IntN(3) == 0 {
		o.short = "HTX " + place
	}
	o.street = streetWords[r.IntN(len(streetWords))] + " " + placeWords[r.IntN(len(placeWords))]
	d, m := 1+r.IntN(28), 1+r.IntN(12)
	o.foundedDay = fmt.Sprintf("%02d/%02d/%d", d, m, o.founded)
	o.registeredDay = fmt.Sprintf("%02d/%02d/%d", min(d+r.IntN(20), 28), m, o.founded)
	o.capital = float64(r.IntN(20)+1) * 50 * (1 + r.ExpFloat64())
	o.endYear = g.cfg.LastYear
	if r.IntN(100) < 8 { // dissolved, merged, bankrupt or revoked in one of the years
		o.endYear = g.cfg.LastYear - r.IntN(g.cfg.Years)
		o.endStatus = statusesDone[r.IntN(len(statusesDone))]
		g.st.Dissolved++
	}
	o.endYear = max(o.endYear, o.founded)
	if o.communeIn(o.endYear).Old {
		g.st.OldCommunes++
	}
	return o
}

// communeIn is the commune o's row of year y names.
func (o *regOrg) communeIn(y int) Commune {
	if y < reformYear {
		return o.before
	}
	return o.after
}

// successor is a new commune old went into: one of its successors that
// the new list has (one drawn when it was split), else the new commune
// that kept its code; else old itself, whose code the importer still
// reads after the reform since no new commune carries it.
func (g *regGen) successor(old Commune) Commune {
	var found []int
	for _, code := range g.cfg.Successors[old.Code] {
		if i, ok := g.byCode[code]; ok {
			found = append(found, i)
		}
	}
	if len(found) == 0 {
		if i, ok := g.byCode[old.Code]; ok {
			found = append(found, i)
		}
	}
	switch len(found) {
	case 0:
		return old
	case 1:
		return g.cfg.Communes[found[0]]
	}
	return g.cfg.Communes[found[g.r.IntN(len(found))]]
}

// twin is a near-duplicate of o under another code: what a second entry
// of the same organisation by another clerk looks like.
func (g *regGen) twin(o regOrg, i int) regOrg {
	t := o
	if o.communeIn(o.endYear).Old {
		g.st.OldCommunes++
	}
	if o.endStatus != "" {
		g.st.Dissolved++
	}
	t.code = fmt.Sprintf("%s%08d", o.before.PCode, i+1)
	words := strings.Fields(o.name)
	switch g.r.IntN(3) {
	case 0: // two words of the place swapped
		if n := len(words); n >= 4 {
			words[n-1], words[n-2] = words[n-2], words[n-1]
		}
		t.name = strings.Join(words, " ")
	case 1: // the old placement of the tone mark
		t.name = strings.NewReplacer("Hòa", "Hoà", "Thủy", "Thuỷ", "Hóa", "Hoá", "hòa", "hoà").Replace(o.name)
		if t.name == o.name {
			t.name = strings.Replace(o.name, "Hợp tác xã", "HTX", 1)
		}
	default: // one letter typed wrong
		t.name = strings.Replace(o.name, "n", "m", 1)
	}
	return t
}

// write writes o's yearly rows and returns its members in the last year.
func (g *regGen) write(o regOrg) int64 {
	r := g.r
	first := max(g.cfg.LastYear-g.cfg.Years+1, o.founded)
	members := o.members
	var last int64
	for y := first; y <= o.endYear; y++ {
		g.row++
		status := "Đang hoạt động"
		if y == o.endYear && o.endStatus != "" {
			status = o.endStatus
		}
		employees := max(1, members/3+int64(r.IntN(5)))
		revenue := o.capital * (0.5 + 3*r.Float64())
		profit := revenue * (r.Float64()*0.2 - 0.04)
		income := 24000 + r.IntN(72000)
		rating := ratingLabels[r.IntN(len(ratingLabels))]
		exemplary := ""
		if rating == "Tốt" && r.IntN(4) == 0 {
			exemplary = "x"
		}
		ocop := ""
		if o.sector == "Nông nghiệp" && r.IntN(10) == 0 {
			ocop = strconv.Itoa(1 + r.IntN(3))
		}
		c := o.communeIn(y)
		row := []string{strconv.Itoa(g.row), o.code, o.name, o.short, o.form, o.sector, c.Code, c.Name,
			c.District, c.Province, o.street + ", " + c.Name, o.foundedDay, o.registeredDay, status, strconv.Itoa(y),
			vntext.FormatInt(members), vntext.FormatInt(employees), vntext.FormatDecimal(o.capital, 1),
			vntext.FormatDecimal(o.capital*(1.2+r.Float64()), 1), vntext.FormatDecimal(revenue, 1),
			vntext.FormatDecimal(profit, 1), vntext.FormatInt(int64(income)), rating, exemplary, ocop}
		_ = g.cw.Write(row)
		g.st.Rows++
		last = members
		members = max(2, members+int64(r.IntN(5))-2)
	}
	return last
}

func weighted(r *rand.Rand) struct {
	label, word string
	weight      int
} {
	n := r.IntN(1000)
	for _, s := range sectorLabels {
		if n < s.weight {
			return s
		}
		n -= s.weight
	}
	return sectorLabels[len(sectorLabels)-1] // weights short of 1000 go to "Khác"
}

// lowerFirst lower-cases the first letter: "Tổ hợp tác trồng trọt".
func lowerFirst(s string) string {
	for i, c := range s {
		return strings.ToLower(string(c)) + s[i+len(string(c)):]
	}
	return s
}
