package report

// Rates counts a set of expected reports, DHIS2-style: the reporting rate
// is the share of expected reports that were sent, the on-time rate the
// share sent by their due day. Each expected report counts once however
// many agencies of a merged chain sent one, so neither rate passes 100%.
type Rates struct {
	Expected int `json:"expected"`
	Sent     int `json:"sent"`
	OnTime   int `json:"on_time"`
}

// Add counts one expected report.
func (r *Rates) Add(sent, onTime bool) {
	r.Expected++
	if sent {
		r.Sent++
		if onTime {
			r.OnTime++
		}
	}
}

// Merge adds o's counts to r.
func (r *Rates) Merge(o Rates) {
	r.Expected += o.Expected
	r.Sent += min(o.Sent, o.Expected)
	r.OnTime += min(o.OnTime, o.Sent, o.Expected)
}

// ReportingRate is the percentage of expected reports sent, 0 to 100; 0
// when nothing is expected.
func (r Rates) ReportingRate() float64 { return percent(r.Sent, r.Expected) }

// OnTimeRate is the percentage of expected reports sent on time.
func (r Rates) OnTimeRate() float64 { return percent(min(r.OnTime, r.Sent), r.Expected) }

// Missing is how many expected reports were not sent.
func (r Rates) Missing() int { return max(r.Expected-r.Sent, 0) }

func percent(n, of int) float64 {
	if of <= 0 || n <= 0 {
		return 0
	}
	return 100 * float64(min(n, of)) / float64(of)
}
