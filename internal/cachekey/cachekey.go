// Package cachekey derives a cache key from the very value a cached answer
// is computed from. Keys used to be joined from fields listed by hand, and a
// field left out of such a list (a plan's ID, a page number, the day) made
// two different answers share one entry: a plan page showed another plan.
// Of walks every field by reflection instead, so a field added to a filter
// is part of the key without anyone remembering to add it.
//
// Keys are meant for in-memory caches of one process: they name Go types
// and are not stable across versions of hoptac.
package cachekey

import (
	"fmt"
	"reflect"
	"strconv"
	"time"
)

var timeType = reflect.TypeFor[time.Time]()

// Of returns a key that differs whenever any field of v differs, at any
// depth: struct fields (exported or not) by name, pointers by what they
// point to, slices and arrays element by element, interfaces by their
// dynamic type and value. Times compare by instant and zone offset. It
// panics on maps, funcs and channels, which have no stable encoding, and on
// a time.Time in an unexported field: a key type holding one is a
// programming error that every test of its cache meets.
//
// It is on the path of every page the caches answer, and of every row of a
// task table, so it appends to one buffer and allocates little.
func Of(v any) string {
	return string(write(make([]byte, 0, 256), reflect.ValueOf(v)))
}

func write(b []byte, v reflect.Value) []byte {
	if !v.IsValid() {
		return append(b, "nil"...)
	}
	if v.Type() == timeType {
		return writeTime(b, v)
	}
	switch v.Kind() {
	case reflect.Bool:
		return strconv.AppendBool(b, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(b, v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.AppendUint(b, v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return strconv.AppendFloat(b, v.Float(), 'g', -1, 64)
	case reflect.String:
		// The length first keeps separators inside values from running two
		// fields together ("a","b" and "a\",\"b" differ), without the cost
		// of quoting every rune of a long Vietnamese text.
		s := v.String()
		b = append(strconv.AppendInt(b, int64(len(s)), 10), '"')
		return append(append(b, s...), '"')
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return append(b, "nil"...)
		}
		if v.Kind() == reflect.Interface {
			b = append(b, v.Elem().Type().String()...)
		}
		return write(append(b, '&'), v.Elem())
	case reflect.Slice, reflect.Array:
		b = append(b, '[')
		for i := range v.Len() {
			if i > 0 {
				b = append(b, ',')
			}
			b = write(b, v.Index(i))
		}
		return append(b, ']')
	case reflect.Struct:
		t := v.Type()
		b = append(append(b, t.String()...), '{')
		for i := range v.NumField() {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(append(b, t.Field(i).Name...), ':')
			b = write(b, v.Field(i))
		}
		return append(b, '}')
	}
	panic(fmt.Sprintf("cachekey: cannot key a %s", v.Type()))
}

// writeTime encodes a time by its instant and offset.
func writeTime(b []byte, v reflect.Value) []byte {
	if !v.CanInterface() {
		panic("cachekey: a time.Time in an unexported field cannot be keyed; export the field")
	}
	t := v.Interface().(time.Time)
	_, off := t.Zone()
	b = strconv.AppendInt(b, t.Unix(), 10)
	b = append(b, '.')
	b = strconv.AppendInt(b, int64(t.Nanosecond()), 10)
	b = append(b, '@')
	return strconv.AppendInt(b, int64(off), 10)
}
