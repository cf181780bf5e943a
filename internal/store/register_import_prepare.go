package store

import (
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/vntext"
)

// orgText is what storing an organisation derives from its text: the
// folded name, the folded search text and the Vietnamese sort key, with
// the fields they were derived from. Folding and collating are a tenth
// of a register import's CPU; the importer's reader derives them
// (RegisterRow.Prepare) while the transaction stores earlier rows, and
// the writer uses them only if the organisation's text is still the same.
type orgText struct {
	name, shortName, code, address string
	nameFold, search               string
	key                            []byte
}

// textOf derives o's text.
func textOf(o *coop.Organisation) *orgText {
	return &orgText{name: o.Name, shortName: o.ShortName, code: o.Code, address: o.Address,
		nameFold: vntext.Fold(o.Name), search: orgSearch(o), key: vntext.Key(o.Name)}
}

// of returns x when it was derived from o's present text, else derives
// it again.
func (x *orgText) of(o *coop.Organisation) *orgText {
	if x != nil && x.name == o.Name && x.shortName == o.ShortName && x.code == o.Code && x.address == o.Address {
		return x
	}
	return textOf(o)
}

// Prepare derives ahead what storing the row's organisation derives from
// its text, so that a reader can do it beside the writing transaction.
// Call it once the organisation is normalised; a row not prepared, or
// changed after, is derived when stored.
func (row *RegisterRow) Prepare() { row.text = textOf(row.Org) }
