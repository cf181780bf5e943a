package cachekey

import (
	"fmt"
	"reflect"
	"time"
)

// Mutations returns, for each exported leaf field of the struct v (at any
// depth of nested structs), a copy of v with only that field changed, keyed
// by the field's path. Tests use it to prove that every field of a cache
// key's struct changes the key, so a key cannot silently ignore a filter.
func Mutations(v any) map[string]any {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Struct {
		panic(fmt.Sprintf("cachekey: Mutations needs a struct, not %s", rv.Type()))
	}
	out := map[string]any{}
	for path, index := range leaves(rv.Type(), "", nil) {
		c := reflect.New(rv.Type()).Elem()
		c.Set(rv)
		changeLeaf(c.FieldByIndex(index))
		out[path] = c.Interface()
	}
	return out
}

// leaves maps the path of every exported leaf field of t to its index.
func leaves(t reflect.Type, prefix string, base []int) map[string][]int {
	out := map[string][]int{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		index := append(append([]int{}, base...), i)
		if f.Type.Kind() == reflect.Struct && f.Type != timeType {
			for p, ix := range leaves(f.Type, prefix+f.Name+".", index) {
				out[p] = ix
			}
			continue
		}
		out[prefix+f.Name] = index
	}
	return out
}

// changeLeaf sets a leaf to a value different from the one it holds.
func changeLeaf(v reflect.Value) {
	if v.Type() == timeType {
		v.Set(reflect.ValueOf(v.Interface().(time.Time).Add(24 * time.Hour)))
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(v.Uint() + 1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(v.Float() + 1)
	case reflect.String:
		v.SetString(v.String() + "x")
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		} else {
			v.Set(reflect.Zero(v.Type()))
		}
	case reflect.Interface:
		if v.IsNil() {
			v.Set(reflect.ValueOf(true))
		} else {
			v.Set(reflect.Zero(v.Type()))
		}
	case reflect.Slice:
		v.Set(reflect.Append(v, reflect.Zero(v.Type().Elem())))
	default:
		panic(fmt.Sprintf("cachekey: cannot change a %s", v.Type()))
	}
}
