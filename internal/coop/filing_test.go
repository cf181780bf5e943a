package coop

import "testing"

func TestFilingStepValid(t *testing.T) {
	for _, s := range []FilingStep{StepSave, StepSubmit, StepAccept, StepReturn} {
		if !s.Valid() {
			t.Errorf("%s invalid", s)
		}
	}
	if FilingStep("approve").Valid() {
		t.Error("approve is not a step")
	}
}
