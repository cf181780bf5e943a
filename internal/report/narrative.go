package report

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/vntext"
)

// Narrative is what the coordinator writes into the consolidated report of
// a period before it goes out: the parts no agency report gives. An empty
// field takes the generated default when the report is built.
type Narrative struct {
	PlanID          int64      `json:"plan_id"`
	Period          string     `json:"period"`
	Number          string     `json:"number"` // "15/BC-STC"
	Place           string     `json:"place"`  // "Hải Phòng"
	IssuedOn        *time.Time `json:"issued_on"`
	Subject         string     `json:"subject"` // what follows "BÁO CÁO"
	Summary         string     `json:"summary"`
	Assessment      string     `json:"assessment"`
	Proposals       string     `json:"proposals"`
	Recipients      []string   `json:"recipients"` // "Nơi nhận", one per line
	SignerAuthority string     `json:"signer_authority"`
	SignerTitle     string     `json:"signer_title"`
	SignerName      string     `json:"signer_name"`
	UpdatedAt       time.Time  `json:"updated_at"`
}

// MaxShortLen bounds the one-line fields of a narrative.
const MaxShortLen = 500

// Normalize cleans every field: one-line fields lose inner line breaks,
// narratives keep them, recipients drop empty lines.
func (n *Narrative) Normalize() {
	for _, f := range []*string{&n.Number, &n.Place, &n.Subject, &n.SignerAuthority, &n.SignerTitle, &n.SignerName} {
		*f = vntext.Clean(*f)
	}
	for _, f := range []*string{&n.Summary, &n.Assessment, &n.Proposals} {
		*f = strings.TrimSpace(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(vntext.Normalize(*f)))
	}
	var rs []string
	for _, r := range n.Recipients {
		if r = vntext.Clean(r); r != "" {
			rs = append(rs, r)
		}
	}
	n.Recipients = rs
}

// Validate names every field that is too long or carries characters a
// document cannot hold.
func (n *Narrative) Validate() error {
	fe := apperr.FieldErrors{}
	short := map[string]string{"number": n.Number, "place": n.Place, "subject": n.Subject,
		"signer_authority": n.SignerAuthority, "signer_title": n.SignerTitle, "signer_name": n.SignerName}
	for field, v := range short {
		if utf8.RuneCountInString(v) > MaxShortLen {
			fe.Add(field, "error.field.too_long")
		} else if vntext.Check(v) != nil {
			fe.Add(field, "error.field.forbidden_chars")
		}
	}
	long := map[string]string{"summary": n.Summary, "assessment": n.Assessment, "proposals": n.Proposals}
	for field, v := range long {
		if utf8.RuneCountInString(v) > MaxTextLen {
			fe.Add(field, "error.field.too_long")
		} else if vntext.Check(strings.ReplaceAll(v, "\n", " ")) != nil {
			fe.Add(field, "error.field.forbidden_chars")
		}
	}
	if len(n.Recipients) > 50 {
		fe.Add("recipients", "error.field.too_long")
	}
	for _, r := range n.Recipients {
		if utf8.RuneCountInString(r) > MaxShortLen || vntext.Check(r) != nil {
			fe.Add("recipients", "error.field.forbidden_chars")
			break
		}
	}
	return fe.Err()
}
