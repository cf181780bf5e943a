package reportdoc

import (
	"reflect"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/vntext"
)

// Labels is the fixed wording of the document, taken from the message
// files so that the layout's text is user text like any other. Those
// with verbs are fmt formats.
type Labels struct {
	Country    string // "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	Motto      string // "Độc lập - Tự do - Hạnh phúc"
	Number     string // "Số: %s"
	PlaceDate  string // "%s, ngày %s tháng %s năm %s": place, day, month, year
	Kind       string // "BÁO CÁO"
	Recipients string // "Nơi nhận:"

	SectionTasks   string // "I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ"
	SectionTargets string
	SectionBudget  string
	SectionRates   string
	Status         string // "Tình trạng: %s"
	NoReport       string // a task no agency wrote about
	None           string // an empty table

	ColNo, ColGroup, ColCode, ColTask, ColStatus, ColAgency, ColText string
	ColTarget, ColPlanned, ColAchieved, ColAssessment                string
	ColItem, ColSource, ColEstimated, ColAllocated, ColSpent         string
	Total                                                            string
	RateReporting, RateOnTime                                        string // "Tỷ lệ báo cáo: %s%% (%d/%d báo cáo)"
	ColMeasure, ColValue                                             string // the rates sheet
	Expected, Submitted, OnTime                                      string
	RateReportingShort, RateOnTimeShort                              string

	SheetTasks, SheetTargets, SheetBudget, SheetRates string
}

// NewLabels reads the labels of a language from the message files.
func NewLabels(l i18n.Localizer) Labels {
	return Labels{
		Country:    l.T("reportdoc.country"),
		Motto:      l.T("reportdoc.motto"),
		Number:     l.T("reportdoc.number"),
		PlaceDate:  l.T("reportdoc.place_date"),
		Kind:       l.T("reportdoc.kind"),
		Recipients: l.T("reportdoc.recipients"),

		SectionTasks:   l.T("reportdoc.section.tasks"),
		SectionTargets: l.T("reportdoc.section.targets"),
		SectionBudget:  l.T("reportdoc.section.budget"),
		SectionRates:   l.T("reportdoc.section.rates"),
		Status:         l.T("reportdoc.status"),
		NoReport:       l.T("reportdoc.no_report"),
		None:           l.T("reportdoc.none"),

		ColNo:         l.T("reportdoc.col.no"),
		ColGroup:      l.T("reportdoc.col.group"),
		ColCode:       l.T("reportdoc.col.code"),
		ColTask:       l.T("reportdoc.col.task"),
		ColStatus:     l.T("reportdoc.col.status"),
		ColAgency:     l.T("reportdoc.col.agency"),
		ColText:       l.T("reportdoc.col.text"),
		ColTarget:     l.T("reportdoc.col.target"),
		ColPlanned:    l.T("reportdoc.col.planned"),
		ColAchieved:   l.T("reportdoc.col.achieved"),
		ColAssessment: l.T("reportdoc.col.assessment"),
		ColItem:       l.T("reportdoc.col.item"),
		ColSource:     l.T("reportdoc.col.source"),
		ColEstimated:  l.T("reportdoc.col.estimated"),
		ColAllocated:  l.T("reportdoc.col.allocated"),
		ColSpent:      l.T("reportdoc.col.spent"),
		Total:         l.T("reportdoc.total"),
		RateReporting: l.T("reportdoc.rate.reporting"),
		RateOnTime:    l.T("reportdoc.rate.on_time"),
		ColMeasure:    l.T("reportdoc.col.measure"),
		ColValue:      l.T("reportdoc.col.value"),
		Expected:      l.T("reportdoc.rate.expected"),
		Submitted:     l.T("reportdoc.rate.submitted"),
		OnTime:        l.T("reportdoc.rate.on_time_count"),

		RateReportingShort: l.T("reportdoc.rate.reporting_short"),
		RateOnTimeShort:    l.T("reportdoc.rate.on_time_short"),

		SheetTasks:   l.T("reportdoc.sheet.tasks"),
		SheetTargets: l.T("reportdoc.sheet.targets"),
		SheetBudget:  l.T("reportdoc.sheet.budget"),
		SheetRates:   l.T("reportdoc.sheet.rates"),
	}
}

// ok reports whether every label is set: a Report built without
// NewLabels would print a document with no motto.
func (l Labels) ok() bool {
	v := reflect.ValueOf(l)
	for i := range v.NumField() {
		if v.Field(i).String() == "" {
			return false
		}
	}
	return true
}

// normalized returns the labels in NFC.
func (l Labels) normalized() Labels {
	v := reflect.ValueOf(&l).Elem()
	for i := range v.NumField() {
		v.Field(i).SetString(vntext.Normalize(v.Field(i).String()))
	}
	return l
}
