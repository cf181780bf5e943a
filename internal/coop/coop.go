// Package coop describes the cooperative register: the three legal forms of
// the Law on Cooperatives 17/2023/QH15 (tổ hợp tác, hợp tác xã, liên hiệp
// hợp tác xã), their sectors, statuses, managers and yearly figures. The
// codes here are what the store keeps and the import layer maps
// spreadsheet labels to; display text lives in the i18n files.
package coop

import "slices"

// Form is an organisation's legal form. A people's credit fund (quỹ tín
// dụng nhân dân) is an HTX in the credit sector, not a form of its own.
type Form string

const (
	FormTHT   Form = "tht"   // tổ hợp tác
	FormHTX   Form = "htx"   // hợp tác xã
	FormLHHTX Form = "lhhtx" // liên hiệp hợp tác xã
)

// Forms lists the legal forms in the order the UI offers them.
func Forms() []Form { return []Form{FormTHT, FormHTX, FormLHHTX} }

// Valid reports whether f is a known form.
func (f Form) Valid() bool { return slices.Contains(Forms(), f) }

// Sector is the field an organisation works in.
type Sector string

const (
	SectorAgriculture  Sector = "agriculture"  // nông, lâm, ngư, diêm nghiệp
	SectorIndustry     Sector = "industry"     // công nghiệp, tiểu thủ công nghiệp
	SectorConstruction Sector = "construction" // xây dựng
	SectorTrade        Sector = "trade"        // thương mại, dịch vụ
	SectorTransport    Sector = "transport"    // vận tải
	SectorCredit       Sector = "credit"       // quỹ tín dụng nhân dân
	SectorEnvironment  Sector = "environment"  // vệ sinh môi trường
	SectorMarket       Sector = "market"       // quản lý chợ
	SectorWater        Sector = "water"        // nước sạch
	SectorOther        Sector = "other"
)

// Sectors lists every sector in the order the UI offers them.
func Sectors() []Sector {
	return []Sector{SectorAgriculture, SectorIndustry, SectorConstruction, SectorTrade, SectorTransport,
		SectorCredit, SectorEnvironment, SectorMarket, SectorWater, SectorOther}
}

// Valid reports whether s is a known sector.
func (s Sector) Valid() bool { return slices.Contains(Sectors(), s) }

// Law is the year of the Law on Cooperatives an organisation is registered
// under: 1996, 2003, 2012 (23/2012/QH13) or 2023 (17/2023/QH15).
type Law int

// Laws lists the laws, oldest first.
func Laws() []Law { return []Law{1996, 2003, 2012, 2023} }

// Valid reports whether l is one of the four laws.
func (l Law) Valid() bool { return slices.Contains(Laws(), l) }

// Training is the highest training level of a manager.
type Training string

const (
	TrainingNone         Training = "none"
	TrainingElementary   Training = "elementary"   // sơ cấp
	TrainingIntermediate Training = "intermediate" // trung cấp
	TrainingCollege      Training = "college"      // cao đẳng
	TrainingUniversity   Training = "university"   // đại học
	TrainingPostgraduate Training = "postgraduate" // sau đại học
)

// Trainings lists the levels, lowest first.
func Trainings() []Training {
	return []Training{TrainingNone, TrainingElementary, TrainingIntermediate, TrainingCollege, TrainingUniversity, TrainingPostgraduate}
}

// Valid reports whether t is a known level.
func (t Training) Valid() bool { return slices.Contains(Trainings(), t) }

// Role is a manager's position in an organisation.
type Role string

const (
	RoleChair      Role = "chair"      // Chủ tịch Hội đồng quản trị / Tổ trưởng
	RoleDirector   Role = "director"   // Giám đốc
	RoleAccountant Role = "accountant" // Kế toán
	RoleController Role = "controller" // Kiểm soát viên / Trưởng ban kiểm soát
)

// Roles lists the positions in the order an organisation page shows them.
func Roles() []Role { return []Role{RoleChair, RoleDirector, RoleAccountant, RoleController} }

// Valid reports whether r is a known position.
func (r Role) Valid() bool { return slices.Contains(Roles(), r) }

// Rating is the yearly classification of an organisation (xếp loại).
type Rating string

const (
	RatingGood    Rating = "good"    // tốt
	RatingFair    Rating = "fair"    // khá
	RatingAverage Rating = "average" // trung bình
	RatingWeak    Rating = "weak"    // yếu
)

// Ratings lists the ratings, best first.
func Ratings() []Rating { return []Rating{RatingGood, RatingFair, RatingAverage, RatingWeak} }

// Valid reports whether r is a known rating; "" (not rated) is valid too.
func (r Rating) Valid() bool { return r == "" || slices.Contains(Ratings(), r) }
