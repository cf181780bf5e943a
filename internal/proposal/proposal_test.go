package proposal_test

import (
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/proposal"
)

func TestValidate(t *testing.T) {
	t.Parallel()
	blank, tf := "  ", "Năm 2027"
	tests := []struct {
		name  string
		p     proposal.Proposal
		field string
	}{
		{"timeframe with reason", proposal.Proposal{Timeframe: &tf, Reason: "Chưa đủ vốn"}, ""},
		{"drop with reason", proposal.Proposal{Drop: true, Reason: "Trùng"}, ""},
		{"no reason", proposal.Proposal{Timeframe: &tf, Reason: " "}, "reason"},
		{"blank fields ask nothing", proposal.Proposal{Content: &blank, Lead: []int64{}, Reason: "X"}, "content"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.p
			p.Normalize()
			err := p.Validate()
			if tt.field == "" && err != nil {
				t.Errorf("refused: %v", err)
			}
			if tt.field != "" && apperr.As(err).Fields[tt.field] == "" {
				t.Errorf("error %v names no field %s", err, tt.field)
			}
		})
	}
}

func TestWhoMay(t *testing.T) {
	t.Parallel()
	fin, other := int64(2), int64(5)
	officer := &auth.User{Role: auth.RoleAgency, AgencyID: &fin}
	stranger := &auth.User{Role: auth.RoleAgency, AgencyID: &other}
	coord := &auth.User{Role: auth.RoleCoordinator}
	admin := &auth.User{Role: auth.RoleAdmin}
	viewer := &auth.User{Role: auth.RoleViewer}
	coop := &auth.User{Role: auth.RoleCoop}
	lead := []int64{1, 2} // a merged agency and its successor
	if !proposal.CanPropose(officer, lead) || proposal.CanPropose(stranger, lead) || proposal.CanPropose(coord, lead) ||
		proposal.CanPropose(nil, lead) || proposal.CanPropose(&auth.User{Role: auth.RoleAgency}, lead) {
		t.Error("CanPropose: only an officer of a lead agency")
	}
	disabled := *officer
	disabled.Disabled = true
	if proposal.CanPropose(&disabled, lead) {
		t.Error("a disabled officer may propose")
	}
	if !proposal.CanDecide(coord) || !proposal.CanDecide(admin) || proposal.CanDecide(officer) || proposal.CanDecide(viewer) {
		t.Error("CanDecide: the coordinator and the administrator only")
	}
	if !proposal.CanList(viewer) || !proposal.CanList(officer) || proposal.CanList(coop) || proposal.CanList(nil) {
		t.Error("CanList: every role but the cooperative")
	}
	if proposal.AgencyScope(officer) != fin || proposal.AgencyScope(viewer) != 0 || proposal.AgencyScope(&auth.User{Role: auth.RoleAgency}) != -1 {
		t.Error("AgencyScope: an officer its agency, others all")
	}
}

func TestEditOfAcceptedProposal(t *testing.T) {
	t.Parallel()
	tf := "Năm 2027"
	p := proposal.Proposal{Timeframe: &tf, Lead: []int64{3}, Reason: "Chưa đủ vốn"}
	e := p.Edit("")
	if e.Timeframe == nil || *e.Timeframe != tf || len(e.Lead) != 1 || e.Content != nil || e.Reason != p.Reason || e.Rev != nil {
		t.Errorf("edit %+v", e)
	}
	e.Lead[0] = 9
	if p.Lead[0] != 3 {
		t.Error("the edit shares the proposal's lead list")
	}
}
