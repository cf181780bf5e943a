package gen

import (
	"encoding/json"
	"fmt"
	"io"
)

// Commune is a commune of an official unit list, as the register
// generator places organisations in it.
type Commune struct {
	Code     string // five digits
	Name     string // full name: "Xã Tân Hòa"
	District string // the district, before the 2025 reform; "" after
	Province string // full name: "Tỉnh Đồng Tháp"
	PCode    string // the province's two-digit code
	Old      bool   // from the list before 1/7/2025
}

// unitFile covers both shapes of the official lists: after the reform a
// province holds its Wards directly; before it, a province holds Districts
// that hold Wards.
type unitFile []struct {
	Code     string
	FullName string
	Wards    []struct{ Code, FullName string }
	District []struct {
		FullName string
		Ward     []struct{ Code, FullName string }
	}
}

// LoadCommunes reads a unit list (units-2025-07-01.json or
// units-pre-2025.json) and returns its communes in file order.
func LoadCommunes(r io.Reader) ([]Commune, error) {
	var f unitFile
	if err := json.NewDecoder(r).Decode(&f); err != nil {
		return nil, fmt.Errorf("gen: units: %w", err)
	}
	var out []Commune
	for _, p := range f {
		for _, w := range p.Wards {
			out = append(out, Commune{Code: w.Code, Name: w.FullName, Province: p.FullName, PCode: p.Code})
		}
		for _, d := range p.District {
			for _, w := range d.Ward {
				out = append(out, Commune{Code: w.Code, Name: w.FullName, District: d.FullName, Province: p.FullName, PCode: p.Code, Old: true})
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("gen: units: no communes in the file")
	}
	return out, nil
}

// successorFile is mapping-old-to-new.json: each old province with its
// communes, each with the new communes it went into.
type successorFile struct {
	Data []struct {
		Level3s []struct {
			Level3ID string `json:"level3_id"`
			Splits   []struct {
				NewID string `json:"new_id"`
			} `json:"splits"`
		} `json:"level3s"`
	} `json:"data"`
}

// LoadSuccessors reads mapping-old-to-new.json: each old commune's code
// with the codes of the new communes it went into (several when it was
// split).
func LoadSuccessors(r io.Reader) (map[string][]string, error) {
	var f successorFile
	if err := json.NewDecoder(r).Decode(&f); err != nil {
		return nil, fmt.Errorf("gen: mapping: %w", err)
	}
	out := map[string][]string{}
	for _, p := range f.Data {
		for _, c := range p.Level3s {
			for _, s := range c.Splits {
				out[c.Level3ID] = append(out[c.Level3ID], s.NewID)
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("gen: mapping: no communes in the file")
	}
	return out, nil
}
