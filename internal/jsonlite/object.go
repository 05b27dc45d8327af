package jsonlite

import (
	"encoding"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// object decodes the object at d.pos into a struct, a map, or an empty
// interface (as map[string]any).
func (d *jsonDecoder) object(v reflect.Value, tu encoding.TextUnmarshaler) {
	if tu != nil {
		d.mismatch("object", reflect.TypeOf(tu))
		_ = d.skip(0)
		return
	}
	if v.Kind() == reflect.Interface && v.NumMethod() == 0 {
		v.Set(reflect.ValueOf(d.anyValue()))
		return
	}
	var fields map[string]jsonField
	var folded []jsonField
	switch v.Kind() {
	case reflect.Map:
		switch v.Type().Key().Kind() {
		case reflect.String, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		default:
			if !reflect.PointerTo(v.Type().Key()).Implements(textUnmarshalerType()) {
				d.mismatch("object", v.Type())
				_ = d.skip(0)
				return
			}
		}
		if v.IsNil() {
			v.Set(reflect.MakeMap(v.Type()))
		}
	case reflect.Struct:
		fields, folded = cachedJSONFields(v.Type())
	default:
		d.mismatch("object", v.Type())
		_ = d.skip(0)
		return
	}
	d.pos++ // {
	for {
		d.space()
		if d.data[d.pos] == '}' {
			d.pos++
			return
		}
		if d.data[d.pos] == ',' {
			d.pos++
			d.space()
		}
		key := d.str()
		d.space()
		d.pos++ // :
		if v.Kind() == reflect.Map {
			elem := reflect.New(v.Type().Elem()).Elem()
			d.value(elem)
			if k, ok := d.mapKey(key, v.Type().Key()); ok {
				v.SetMapIndex(k, elem)
			}
			continue
		}
		f, ok := fields[key]
		if !ok {
			for _, g := range folded {
				if strings.EqualFold(g.name, key) {
					f, ok = g, true
					break
				}
			}
		}
		if !ok {
			_ = d.skip(0)
			continue
		}
		target, ok := fieldByIndex(v, f.index)
		if !ok {
			d.saveErr(fmt.Errorf("json: cannot set embedded pointer to unexported struct: %s", v.Type()))
			_ = d.skip(0)
			continue
		}
		outer := d.field
		d.field = v.Type().Name() + "." + f.name
		d.value(target)
		d.field = outer
	}
}

// textUnmarshalerType is encoding.TextUnmarshaler, for map key types; a
// function rather than a variable, which would need initialization code.
func textUnmarshalerType() reflect.Type { return reflect.TypeFor[encoding.TextUnmarshaler]() }

// mapKey converts an object key to a map key of type t.
func (d *jsonDecoder) mapKey(key string, t reflect.Type) (reflect.Value, bool) {
	if reflect.PointerTo(t).Implements(textUnmarshalerType()) {
		k := reflect.New(t)
		if err := k.Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(key)); err != nil {
			d.saveErr(err)
			return reflect.Value{}, false
		}
		return k.Elem(), true
	}
	k := reflect.New(t).Elem()
	switch t.Kind() {
	case reflect.String:
		k.SetString(key)
		return k, true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(key, 10, 64)
		if err != nil || k.OverflowInt(n) {
			d.mismatch("number "+key, t)
			return reflect.Value{}, false
		}
		k.SetInt(n)
		return k, true
	default:
		n, err := strconv.ParseUint(key, 10, 64)
		if err != nil || k.OverflowUint(n) {
			d.mismatch("number "+key, t)
			return reflect.Value{}, false
		}
		k.SetUint(n)
		return k, true
	}
}

// fieldByIndex walks to a (promoted) field, allocating nil embedded pointers.
func fieldByIndex(v reflect.Value, index []int) (reflect.Value, bool) {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				if !v.CanSet() {
					return reflect.Value{}, false
				}
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, true
}
