package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
)

// The demo register: a handful of organisations of the demo province
// (Nghệ An), written for the demo, with a few years of figures each. The
// codes follow the province's prefix (29); the communes are pre-reform
// codes with the post-reform commune beside them. Figures are in đồng.

// CoopEmail is the demo cooperative representative's account, linked to
// the first organisation below.
const CoopEmail = "htx@hoptac.local"

type orgSeed struct {
	org     coop.Organisation
	people  []coop.Person
	figures []coop.YearFigures // OrganisationID filled in on load
	status  []coop.Status      // OrganisationID filled in on load
}

func registerSeeds() []orgSeed {
	pre := date("2008-01-01")  // validity start of the pre-reform communes used here
	post := date("2025-07-01") // validity start of the communes after the reform
	fig := func(year int, ind, hh, emp, memEmp int64, capital, assets, revenue, profit, income int64, rating coop.Rating) coop.YearFigures {
		return coop.YearFigures{Year: year, MembersIndividual: ind, MembersHousehold: hh, Employees: emp,
			MemberEmployees: memEmp, CharterCapital: capital, TotalAssets: assets, Revenue: revenue, Profit: profit,
			AvgIncome: income, Rating: rating}
	}
	withFlags := func(f coop.YearFigures, exemplary, chain, tech bool, ocop int64) coop.YearFigures {
		f.Exemplary, f.ValueChain, f.HighTech, f.OCOPProducts = exemplary, chain, tech, ocop
		return f
	}
	return []orgSeed{
		{
			org: coop.Organisation{Code: "2900456781", Name: "Hợp tác xã Nông nghiệp Sen Quê", ShortName: "HTX Sen Quê",
				Form: coop.FormHTX, Sector: coop.SectorAgriculture, Law: 2012,
				CommuneCode: "17605", CommuneValidFrom: pre, NewCommuneCode: "17611", NewCommuneValidFrom: post,
				Address: "Xóm 3, xã Kim Liên", FoundedOn: date("1997-04-10"), RegisteredOn: date("2015-03-02"),
				ConvertedOn: date("2015-03-02"), CharterOn: date("2024-11-20"), Phone: "0238 3820 115", Email: "senque@example.vn"},
			people: []coop.Person{
				{Role: coop.RoleChair, Name: "Hoàng Văn Thịnh", Training: coop.TrainingUniversity, Phone: "0915 220 331"},
				{Role: coop.RoleDirector, Name: "Hoàng Văn Thịnh", Training: coop.TrainingUniversity},
				{Role: coop.RoleAccountant, Name: "Nguyễn Thị Huyền", Training: coop.TrainingCollege},
				{Role: coop.RoleController, Name: "Phan Đình Lộc", Training: coop.TrainingElementary},
			},
			figures: []coop.YearFigures{
				fig(2022, 312, 40, 18, 15, 1_200_000_000, 4_850_000_000, 6_300_000_000, 310_000_000, 58_000_000, coop.RatingFair),
				withFlags(fig(2023, 330, 42, 21, 17, 1_350_000_000, 5_400_000_000, 7_150_000_000, 402_500_000, 62_400_000, coop.RatingGood), false, true, false, 1),
				withFlags(fig(2024, 341, 45, 24, 19, 1_500_000_000, 6_100_000_000, 8_020_000_000, 455_000_000, 67_200_000, coop.RatingGood), true, true, false, 2),
				withFlags(fig(2025, 356, 45, 26, 20, 1_650_000_000, 6_750_000_000, 8_940_000_000, 512_300_000, 71_500_000, coop.RatingGood), true, true, true, 2),
			},
		},
		{
			org: coop.Organisation{Code: "2900318842", Name: "Quỹ tín dụng nhân dân Diễn Thịnh", ShortName: "QTDND Diễn Thịnh",
				Form: coop.FormHTX, Sector: coop.SectorCredit, Law: 2012,
				CommuneCode: "17341", CommuneValidFrom: pre, NewCommuneCode: "17340", NewCommuneValidFrom: post,
				Address: "Xóm Trung Tâm, xã Diễn Thịnh", FoundedOn: date("1995-09-01"), RegisteredOn: date("2014-12-15"),
				ConvertedOn: date("2014-12-15"), Phone: "0238 3862 400"},
			people: []coop.Person{
				{Role: coop.RoleChair, Name: "Trần Quốc Bảo", Training: coop.TrainingUniversity},
				{Role: coop.RoleDirector, Name: "Võ Thị Thanh Hà", Training: coop.TrainingPostgraduate},
				{Role: coop.RoleAccountant, Name: "Lê Minh Tâm", Training: coop.TrainingUniversity},
			},
			figures: []coop.YearFigures{
				fig(2023, 2_870, 0, 14, 6, 3_900_000_000, 152_000_000_000, 16_400_000_000, 2_150_000_000, 96_000_000, coop.RatingGood),
				fig(2024, 3_015, 0, 15, 6, 4_100_000_000, 168_500_000_000, 17_900_000_000, 2_380_000_000, 101_000_000, coop.RatingGood),
				fig(2025, 3_120, 0, 15, 7, 4_300_000_000, 181_200_000_000, 19_050_000_000, 2_460_000_000, 104_500_000, coop.RatingGood),
			},
		},
		{
			org: coop.Organisation{Code: "2900577310-001", Name: "Hợp tác xã Dịch vụ vận tải Đô Lương, chi nhánh Tràng Sơn",
				Form: coop.FormHTX, Sector: coop.SectorTransport, Law: 2023,
				CommuneCode: "17782", CommuneValidFrom: pre, NewCommuneCode: "17779", NewCommuneValidFrom: post,
				Address: "Khối 2, thị trấn Đô Lương", RegisteredOn: date("2024-08-05")},
			figures: []coop.YearFigures{
				fig(2024, 4, 0, 9, 4, 600_000_000, 2_100_000_000, 1_900_000_000, -85_000_000, 48_000_000, coop.RatingAverage),
				fig(2025, 6, 0, 11, 6, 650_000_000, 2_250_000_000, 2_450_000_000, 40_000_000, 52_000_000, coop.RatingAverage),
			},
		},
		{
			org: coop.Organisation{Name: "Tổ hợp tác đan lát mây tre Thanh Chương", Form: coop.FormTHT,
				Sector: coop.SectorIndustry, Law: 2023, CommuneCode: "17923", CommuneValidFrom: pre,
				NewCommuneCode: "17920", NewCommuneValidFrom: post, Address: "Thôn 5, xã Thanh Đồng"},
			figures: []coop.YearFigures{
				withFlags(fig(2025, 12, 0, 12, 12, 0, 180_000_000, 950_000_000, 120_000_000, 38_000_000, ""), false, false, false, 1),
			},
		},
		{
			org: coop.Organisation{Code: "2900102277", Name: "Liên hiệp Hợp tác xã Cam Vinh", ShortName: "LHHTX Cam Vinh",
				Form: coop.FormLHHTX, Sector: coop.SectorTrade, Law: 2012,
				CommuneCode: "16681", CommuneValidFrom: pre, NewCommuneCode: "16678", NewCommuneValidFrom: post,
				Address: "Số 18, đường Lê Hồng Phong, thành phố Vinh", RegisteredOn: date("2017-06-19"),
				ConvertedOn: date("2017-06-19")},
			figures: []coop.YearFigures{
				func() coop.YearFigures {
					f := fig(2024, 0, 0, 30, 0, 5_000_000_000, 21_000_000_000, 48_600_000_000, 1_020_000_000, 84_000_000, coop.RatingFair)
					f.MembersLegal, f.MemberCoops = 6, 6
					f.ValueChain = true
					return f
				}(),
			},
		},
		{
			org: coop.Organisation{Code: "2900211954", Name: "Hợp tác xã Nước sạch Hưng Đông", Form: coop.FormHTX,
				Sector: coop.SectorWater, Law: 2003, CommuneCode: "16702", CommuneValidFrom: pre,
				Address: "Xóm 4, xã Hưng Đông", FoundedOn: date("2006-02-14"), RegisteredOn: date("2006-03-01")},
			figures: []coop.YearFigures{
				fig(2021, 85, 0, 5, 3, 300_000_000, 900_000_000, 410_000_000, -12_000_000, 31_000_000, coop.RatingWeak),
			},
			status: []coop.Status{
				{Kind: coop.StatusSuspended, On: *date("2022-01-01"), Until: date("2022-12-31"), Document: "Nghị quyết Đại hội thành viên ngày 20/12/2021"},
				{Kind: coop.StatusDissolved, On: *date("2023-05-15"), Document: "Quyết định số 1042/QĐ-UBND ngày 15/5/2023"},
			},
		},
	}
}

// loadRegister stores the demo register; it returns the ID of the
// organisation the demo cooperative account represents.
func loadRegister(ctx context.Context, tx *store.Tx) (int64, error) {
	defer tx.SetClock(time.Time{})
	var first int64
	for i, s := range registerSeeds() {
		o := s.org
		if err := tx.CreateOrganisation(ctx, &o); err != nil {
			return 0, fmt.Errorf("demo: organisation %q: %w", o.Name, err)
		}
		if i == 0 {
			first = o.ID
		}
		if len(s.people) > 0 {
			if _, err := tx.SetPeople(ctx, o.ID, s.people); err != nil {
				return 0, fmt.Errorf("demo: people of %q: %w", o.Name, err)
			}
		}
		for _, f := range s.figures {
			f.OrganisationID = o.ID
			// Each year's figures are recorded in the spring after it.
			tx.SetClock(time.Date(f.Year+1, time.March, 20, 2, 0, 0, 0, time.UTC))
			if _, _, err := tx.PutFigures(ctx, &f, coop.StepSave, false); err != nil {
				return 0, fmt.Errorf("demo: %d figures of %q: %w", f.Year, o.Name, err)
			}
		}
		tx.SetClock(time.Time{})
		for _, st := range s.status {
			st.OrganisationID = o.ID
			if err := tx.AddStatus(ctx, &st); err != nil {
				return 0, fmt.Errorf("demo: status of %q: %w", o.Name, err)
			}
		}
	}
	return first, nil
}
