package coop

import "github.com/hoptac/hoptac/internal/apperr"

// FilingStep is what a save does to a filing.
type FilingStep string

const (
	StepSave   FilingStep = "save"   // keep as a draft (the cooperative) or record (the coordinator)
	StepSubmit FilingStep = "submit" // the cooperative sends its figures for review
	StepAccept FilingStep = "accept" // the coordinator accepts submitted figures
	StepReturn FilingStep = "return" // the coordinator sends them back with a comment
)

// Valid reports whether s is a known step.
func (s FilingStep) Valid() bool {
	return s == StepSave || s == StepSubmit || s == StepAccept || s == StepReturn
}

// Next is the state a filing in state from reaches by step, as the
// cooperative (byCoop) or the coordinator takes it. A cooperative saves a
// draft or submits while its filing is editable; the coordinator records
// figures at any time without touching the filing, and accepts or returns
// only a submitted one, a return always with a comment.
func Next(from Filing, step FilingStep, byCoop bool, comment string) (Filing, error) {
	refuse := func(key string) (Filing, error) {
		return from, apperr.FieldErrors{"filing": key}.Err()
	}
	switch {
	case byCoop && step == StepSave && from.Editable():
		return FilingDraft, nil
	case byCoop && step == StepSubmit && from.Editable():
		return FilingSubmitted, nil
	case byCoop:
		if !from.Editable() {
			return refuse("error.field.filing_locked")
		}
		return refuse("error.field.filing_step")
	case step == StepSave:
		return from, nil
	case step == StepAccept && from == FilingSubmitted:
		return FilingAccepted, nil
	case step == StepReturn && from == FilingSubmitted && comment == "":
		return from, apperr.FieldErrors{"filing_comment": "error.field.required"}.Err()
	case step == StepReturn && from == FilingSubmitted:
		return FilingReturned, nil
	}
	return refuse("error.field.filing_step")
}
