package load

// The parts of the API's task answers that simulated users read: to pick
// the next task, and to check that an answer is about what was asked.

type taskItem struct {
	ID       int64       `json:"id"`
	PlanID   int64       `json:"plan_id"`
	Content  string      `json:"content"`
	Recorded string      `json:"recorded_status"`
	Status   string      `json:"status"`
	Lead     []agencyRef `json:"lead"`
	Support  []agencyRef `json:"support"`
}

type agencyRef struct {
	ID        int64 `json:"id"`
	Successor *struct {
		ID int64 `json:"id"`
	} `json:"successor"`
}

func (a agencyRef) is(agency int64) bool {
	return a.ID == agency || (a.Successor != nil && a.Successor.ID == agency)
}

// leads reports whether agency leads the task, itself or as the successor
// of a merged agency.
func (t taskItem) leads(agency int64) bool {
	for _, l := range t.Lead {
		if l.is(agency) {
			return true
		}
	}
	return false
}

// involves reports whether agency leads or supports the task.
func (t taskItem) involves(agency int64) bool {
	for _, l := range t.Support {
		if l.is(agency) {
			return true
		}
	}
	return t.leads(agency)
}

type taskList struct {
	Items []taskItem `json:"items"`
	Total int        `json:"total"`
}
