package unit

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/vntext"
)

// Kind is which of the four published files a file is, told by its shape.
type Kind string

const (
	KindOldList  Kind = "units-pre-2025"     // the units in force until 30/06/2025
	KindNewList  Kind = "units-2025-07-01"   // the units in force from 01/07/2025
	KindOldToNew Kind = "mapping-old-to-new" // each old unit with its successors
	KindNewToOld Kind = "mapping-new-to-old" // each new unit with its predecessors, full or partial
)

// Record is a unit as a list gives it; the list's kind says its era.
type Record struct {
	Level      Level
	Code       string
	Name       string // full name
	ShortName  string
	ParentCode string // "" for a province
}

// Mapping is one old unit → new unit link as a mapping gives it.
type Mapping struct {
	OldCode, OldName string
	NewCode, NewName string
	Share            Share
}

// File is what one file holds: units for a list, links for a mapping.
type File struct {
	Name  string
	Kind  Kind
	Units []Record
	Links []Mapping
	pairs map[[2]string]bool // links seen, to refuse one given twice
}

// IsList reports whether the file is a list of units (not a mapping).
func (f *File) IsList() bool { return f.Kind == KindOldList || f.Kind == KindNewList }

// Count returns how many units of level the file lists.
func (f *File) Count(l Level) int {
	n := 0
	for _, r := range f.Units {
		if r.Level == l {
			n++
		}
	}
	return n
}

// The shapes of the files, as far as hoptac reads them.
type (
	listUnit struct {
		Code     string     `json:"Code"`
		Name     string     `json:"Name"`
		FullName string     `json:"FullName"`
		District []listUnit `json:"District"` // old list: province > district
		Ward     []listUnit `json:"Ward"`     // old list: district > commune
		Wards    []listUnit `json:"Wards"`    // new list: province > commune
	}
	mapRef struct {
		NewID string `json:"new_id"`
		OldID string `json:"old_id"`
		Name  string `json:"name"`
		Type  string `json:"type"`
	}
	mapEntry struct {
		Level1ID string     `json:"level1_id"`
		Level2ID string     `json:"level2_id"`
		Level3ID string     `json:"level3_id"`
		Name     string     `json:"name"`
		Splits   []mapRef   `json:"splits"`
		Merges   []mapRef   `json:"merges"`
		Level2s  []mapEntry `json:"level2s"`
		Level3s  []mapEntry `json:"level3s"`
	}
)

// Parse reads one file, whichever of the four it is. A file of another
// shape, or with a bad code, a nameless unit or a repeated entry, is
// refused with a Vietnamese (or English) message naming the file and the
// entry; nothing of it is returned.
func Parse(name string, data []byte) (*File, error) {
	var probe any
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, i18n.Errorf(nil, "unit.file.json", name, jsonLine(data, err))
	}
	f := &File{Name: name}
	var err error
	switch v := probe.(type) {
	case []any:
		var list []listUnit
		if json.Unmarshal(data, &list) != nil || len(list) == 0 {
			return nil, i18n.Errorf(nil, "unit.file.shape", name)
		}
		err = f.readList(list)
	case map[string]any:
		var doc struct {
			Data []mapEntry `json:"data"`
		}
		if _, ok := v["data"]; !ok || json.Unmarshal(data, &doc) != nil || len(doc.Data) == 0 {
			return nil, i18n.Errorf(nil, "unit.file.shape", name)
		}
		err = f.readMapping(doc.Data)
	default:
		return nil, i18n.Errorf(nil, "unit.file.shape", name)
	}
	if err != nil {
		return nil, err
	}
	return f, nil
}

// readList reads either list: the old one nests districts in provinces and
// communes in districts, the new one communes in provinces.
func (f *File) readList(list []listUnit) error {
	f.Kind = KindNewList
	for _, p := range list {
		if len(p.District) > 0 {
			f.Kind = KindOldList
		}
	}
	if f.Kind == KindNewList && len(list[0].Wards) == 0 {
		return i18n.Errorf(nil, "unit.file.shape", f.Name)
	}
	seen := map[string]string{}
	add := func(l Level, u listUnit, parent string) error {
		r := Record{Level: l, Code: u.Code, Name: vntext.Clean(u.FullName), ShortName: vntext.Clean(u.Name), ParentCode: parent}
		if r.Name == "" {
			r.Name = r.ShortName
		}
		if err := f.checkUnit(l, r.Code, r.Name, seen); err != nil {
			return err
		}
		f.Units = append(f.Units, r)
		return nil
	}
	for _, p := range list {
		if err := add(LevelProvince, p, ""); err != nil {
			return err
		}
		for _, w := range p.Wards {
			if err := add(LevelCommune, w, p.Code); err != nil {
				return err
			}
		}
		for _, d := range p.District {
			if err := add(LevelDistrict, d, p.Code); err != nil {
				return err
			}
			for _, w := range d.Ward {
				if err := add(LevelCommune, w, d.Code); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// checkUnit refuses a code of the wrong form, a unit without a name and a
// code listed twice at one level.
func (f *File) checkUnit(l Level, code, name string, seen map[string]string) error {
	if LevelOfCode(code) != l {
		return i18n.Errorf(nil, "unit.file.bad_code", f.Name, code, name, l.CodeLen())
	}
	if name == "" {
		return i18n.Errorf(nil, "unit.file.no_name", f.Name, code)
	}
	if other, ok := seen[string(l)+code]; ok {
		return i18n.Errorf(nil, "unit.file.duplicate", f.Name, code, other, name)
	}
	seen[string(l)+code] = name
	return nil
}

// readMapping reads either mapping. Old-to-new gives no share: an old unit
// with one successor went into it whole, one with several was split. (The
// new-to-old mapping, which marks shares, agrees on every link.)
func (f *File) readMapping(data []mapEntry) error {
	f.Kind = KindNewToOld
	if len(data[0].Level3s) > 0 || len(data[0].Splits) > 0 {
		f.Kind = KindOldToNew
	} else if len(data[0].Merges) == 0 {
		return i18n.Errorf(nil, "unit.file.shape", f.Name)
	}
	seen := map[string]string{}
	for _, p := range data {
		if f.Kind == KindOldToNew {
			entries := append([]mapEntry{{Level2ID: p.Level1ID, Name: p.Name, Splits: p.Splits}}, p.Level2s...)
			entries = append(entries, p.Level3s...)
			for _, e := range entries {
				code := e.Level2ID + e.Level3ID
				if err := f.checkUnit(LevelOfCode(code), code, e.Name, seen); err != nil {
					return err
				}
				share := ShareFull
				if len(e.Splits) > 1 {
					share = SharePartial
				}
				for _, s := range e.Splits {
					if err := f.addLink(Mapping{OldCode: code, OldName: e.Name, NewCode: s.NewID, NewName: s.Name, Share: share}); err != nil {
						return err
					}
				}
			}
			continue
		}
		entries := append([]mapEntry{{Level2ID: p.Level1ID, Name: p.Name, Merges: p.Merges}}, p.Level2s...)
		for _, e := range entries {
			if err := f.checkUnit(LevelOfCode(e.Level2ID), e.Level2ID, e.Name, seen); err != nil {
				return err
			}
			for _, m := range e.Merges {
				if err := f.addLink(Mapping{OldCode: m.OldID, OldName: m.Name, NewCode: e.Level2ID, NewName: e.Name, Share: Share(m.Type)}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// addLink checks one link's codes and share before keeping it.
func (f *File) addLink(m Mapping) error {
	m.OldName, m.NewName = vntext.Clean(m.OldName), vntext.Clean(m.NewName)
	for _, c := range [][2]string{{m.OldCode, m.OldName}, {m.NewCode, m.NewName}} {
		if LevelOfCode(c[0]) == "" {
			return i18n.Errorf(nil, "unit.file.bad_link_code", f.Name, c[0], c[1])
		}
	}
	if !m.Share.Valid() {
		return i18n.Errorf(nil, "unit.file.bad_share", f.Name, m.OldName, m.NewName, string(m.Share))
	}
	if f.pairs == nil {
		f.pairs = map[[2]string]bool{}
	}
	if pair := [2]string{m.OldCode, m.NewCode}; f.pairs[pair] {
		return i18n.Errorf(nil, "unit.file.duplicate_link", f.Name, m.OldName, m.NewName)
	} else {
		f.pairs[pair] = true
	}
	f.Links = append(f.Links, m)
	return nil
}

// jsonLine is the line of a JSON syntax error, for the message.
func jsonLine(data []byte, err error) int {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := int64(len(data))
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	return bytes.Count(data[:min(int(off), len(data))], []byte("\n")) + 1
}
