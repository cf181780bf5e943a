package coop

import (
	"unicode/utf8"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/vntext"
)

// Person is one of an organisation's managers: its chair, director,
// accountant or controller, with their training level (the plans count
// managers with college or university training).
type Person struct {
	Role     Role     `json:"role"`
	Name     string   `json:"name"`
	Training Training `json:"training"`
	Phone    string   `json:"phone"`
}

// Normalize passes the text fields through the input boundary.
func (p *Person) Normalize() {
	p.Name = line(p.Name)
	p.Phone = line(p.Phone)
}

// ValidatePeople checks an organisation's managers: each position at most
// once, each with a name and a known training level. Fields are named
// people_<role>_<field>, so a form marks the right box.
func ValidatePeople(people []Person) error {
	fe := apperr.FieldErrors{}
	seen := map[Role]bool{}
	for _, p := range people {
		prefix := "people_" + string(p.Role) + "_"
		if !p.Role.Valid() {
			fe.Add("people_role", "error.field.coop_role")
			continue
		}
		if seen[p.Role] {
			fe.Add(prefix+"role", "error.field.coop_role_twice")
		}
		seen[p.Role] = true
		switch {
		case vntext.Check(p.Name) != nil:
			fe.Add(prefix+"name", "error.field.forbidden_chars")
		case p.Name == "":
			fe.Add(prefix+"name", "error.field.required")
		case utf8.RuneCountInString(p.Name) > MaxContactLen:
			fe.Add(prefix+"name", "error.field.too_long")
		}
		if !p.Training.Valid() {
			fe.Add(prefix+"training", "error.field.coop_training")
		}
		if vntext.Check(p.Phone) != nil {
			fe.Add(prefix+"phone", "error.field.forbidden_chars")
		} else if utf8.RuneCountInString(p.Phone) > MaxContactLen {
			fe.Add(prefix+"phone", "error.field.too_long")
		}
	}
	return fe.Err()
}
