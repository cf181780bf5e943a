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
	"strings"
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
func Of(v any) string {
	var b strings.Builder
	write(&b, reflect.ValueOf(v))
	return b.String()
}

func write(b *strings.Builder, v reflect.Value) {
	if !v.IsValid() {
		b.WriteString("nil")
		return
	}
	if v.Type() == timeType {
		writeTime(b, v)
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		b.WriteString(strconv.FormatFloat(v.Float(), 'g', -1, 64))
	case reflect.String:
		// Quoting keeps separators inside values from running two fields
		// together ("a","b" and "a\x00b" differ).
		b.WriteString(strconv.Quote(v.String()))
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		if v.Kind() == reflect.Interface {
			b.WriteString(v.Elem().Type().String())
		}
		b.WriteByte('&')
		write(b, v.Elem())
	case reflect.Slice, reflect.Array:
		b.WriteByte('[')
		for i := range v.Len() {
			if i > 0 {
				b.WriteByte(',')
			}
			write(b, v.Index(i))
		}
		b.WriteByte(']')
	case reflect.Struct:
		t := v.Type()
		b.WriteString(t.String())
		b.WriteByte('{')
		for i := range v.NumField() {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(t.Field(i).Name)
			b.WriteByte(':')
			write(b, v.Field(i))
		}
		b.WriteByte('}')
	default:
		panic(fmt.Sprintf("cachekey: cannot key a %s", v.Type()))
	}
}

// writeTime encodes a time by its instant and offset.
func writeTime(b *strings.Builder, v reflect.Value) {
	if !v.CanInterface() {
		panic("cachekey: a time.Time in an unexported field cannot be keyed; export the field")
	}
	t := v.Interface().(time.Time)
	_, off := t.Zone()
	fmt.Fprintf(b, "%d.%09d@%d", t.Unix(), t.Nanosecond(), off)
}
