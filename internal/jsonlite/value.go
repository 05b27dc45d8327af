package jsonlite

import (
	"encoding"
	"encoding/base64"
	"fmt"
	"reflect"
	"strconv"
)

// The decoding pass (this file, object.go and string.go) runs
// on input that skip (scan.go) has checked, so it reads without
// checking syntax again.

// value decodes the value at d.pos into v; an invalid v discards it.
func (d *jsonDecoder) value(v reflect.Value) {
	d.space()
	if !v.IsValid() {
		_ = d.skip(0)
		return
	}
	start := d.pos
	c := d.data[d.pos]
	u, tu, v := jsonIndirect(v, c == 'n')
	if u != nil {
		_ = d.skip(0)
		if err := u.UnmarshalJSON(d.data[start:d.pos]); err != nil {
			d.saveErr(err)
		}
		return
	}
	switch {
	case c == '{':
		d.object(v, tu)
	case c == '[':
		d.array(v, tu)
	case c == '"':
		d.stringValue(v, tu)
	case c == 'n':
		d.pos += 4
		switch v.Kind() {
		case reflect.Interface, reflect.Pointer, reflect.Map, reflect.Slice:
			v.SetZero()
		}
	case c == 't' || c == 'f':
		b := c == 't'
		d.pos += 4
		if !b {
			d.pos++
		}
		if tu != nil {
			d.mismatch("bool", v.Type())
			return
		}
		switch {
		case v.Kind() == reflect.Bool:
			v.SetBool(b)
		case v.Kind() == reflect.Interface && v.NumMethod() == 0:
			v.Set(reflect.ValueOf(b))
		default:
			d.mismatch("bool", v.Type())
		}
	default:
		_ = d.skipNumber()
		d.number(string(d.data[start:d.pos]), v, tu)
	}
}

// jsonIndirect follows pointers (allocating them) and interfaces holding
// pointers down to the value to set, stopping at an UnmarshalJSON or
// UnmarshalText method; it is encoding/json's indirect.
func jsonIndirect(v reflect.Value, decodingNull bool) (jsonUnmarshaler, encoding.TextUnmarshaler, reflect.Value) {
	v0 := v
	haveAddr := false
	if v.Kind() != reflect.Pointer && v.Type().Name() != "" && v.CanAddr() {
		haveAddr = true
		v = v.Addr()
	}
	for {
		if v.Kind() == reflect.Interface && !v.IsNil() {
			e := v.Elem()
			if e.Kind() == reflect.Pointer && !e.IsNil() && (!decodingNull || e.Elem().Kind() == reflect.Pointer) {
				haveAddr = false
				v = e
				continue
			}
		}
		if v.Kind() != reflect.Pointer {
			break
		}
		if decodingNull && v.CanSet() {
			break
		}
		if v.Elem().Kind() == reflect.Interface && v.Elem().Elem().Equal(v) {
			v = v.Elem()
			break
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		if v.Type().NumMethod() > 0 && v.CanInterface() {
			if u, ok := v.Interface().(jsonUnmarshaler); ok {
				return u, nil, reflect.Value{}
			}
			if !decodingNull {
				if u, ok := v.Interface().(encoding.TextUnmarshaler); ok {
					return nil, u, reflect.Value{}
				}
			}
		}
		if haveAddr {
			v = v0
			haveAddr = false
		} else {
			v = v.Elem()
		}
	}
	return nil, nil, v
}

// array decodes the array at d.pos into a slice, an array (zeroing the
// elements past the input's) or an empty interface (as []any).
func (d *jsonDecoder) array(v reflect.Value, tu encoding.TextUnmarshaler) {
	if tu != nil {
		d.mismatch("array", reflect.TypeOf(tu))
		_ = d.skip(0)
		return
	}
	switch v.Kind() {
	case reflect.Interface:
		if v.NumMethod() == 0 {
			v.Set(reflect.ValueOf(d.anyValue()))
			return
		}
		fallthrough
	default:
		d.mismatch("array", v.Type())
		_ = d.skip(0)
		return
	case reflect.Array, reflect.Slice:
	}
	d.pos++ // [
	i := 0
	for {
		d.space()
		if d.data[d.pos] == ']' {
			d.pos++
			break
		}
		if d.data[d.pos] == ',' {
			d.pos++
		}
		if v.Kind() == reflect.Slice {
			if i >= v.Cap() {
				v.Grow(1)
			}
			if i >= v.Len() {
				v.SetLen(i + 1)
			}
		}
		if i < v.Len() {
			d.value(v.Index(i))
		} else {
			d.value(reflect.Value{})
		}
		i++
	}
	if i < v.Len() {
		if v.Kind() == reflect.Array {
			for ; i < v.Len(); i++ {
				v.Index(i).SetZero()
			}
		} else {
			v.SetLen(i)
		}
	}
	if i == 0 && v.Kind() == reflect.Slice {
		v.Set(reflect.MakeSlice(v.Type(), 0, 0))
	}
}

// stringValue decodes the string at d.pos into v: a string, []byte (base64),
// an empty interface or a TextUnmarshaler.
func (d *jsonDecoder) stringValue(v reflect.Value, tu encoding.TextUnmarshaler) {
	s := d.str()
	if tu != nil {
		if err := tu.UnmarshalText([]byte(s)); err != nil {
			d.saveErr(err)
		}
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
		return
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			b, err := base64.StdEncoding.DecodeString(s)
			if err != nil {
				d.saveErr(fmt.Errorf("json: decode base64 into %s: %w", v.Type(), err))
				return
			}
			v.SetBytes(b)
			return
		}
	case reflect.Interface:
		if v.NumMethod() == 0 {
			v.Set(reflect.ValueOf(s))
			return
		}
	}
	d.mismatch("string", v.Type())
}

// number decodes the number literal s into v: an integer, a float, or an
// empty interface (as float64).
func (d *jsonDecoder) number(s string, v reflect.Value, tu encoding.TextUnmarshaler) {
	if tu != nil {
		d.mismatch("number", reflect.TypeOf(tu))
		return
	}
	switch v.Kind() {
	case reflect.Interface:
		if v.NumMethod() == 0 {
			f, err := strconv.ParseFloat(s, 64)
			if err != nil {
				d.mismatch("number "+s, v.Type())
				return
			}
			v.Set(reflect.ValueOf(f))
			return
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || v.OverflowInt(n) {
			d.mismatch("number "+s, v.Type())
			return
		}
		v.SetInt(n)
		return
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil || v.OverflowUint(n) {
			d.mismatch("number "+s, v.Type())
			return
		}
		v.SetUint(n)
		return
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(s, v.Type().Bits())
		if err != nil || v.OverflowFloat(f) {
			d.mismatch("number "+s, v.Type())
			return
		}
		v.SetFloat(f)
		return
	}
	d.mismatch("number", v.Type())
}

// anyValue decodes the value at d.pos as map[string]any, []any, float64,
// string, bool or nil.
func (d *jsonDecoder) anyValue() any {
	d.space()
	switch c := d.data[d.pos]; c {
	case '{':
		m := map[string]any{}
		d.pos++
		for {
			d.space()
			if d.data[d.pos] == '}' {
				d.pos++
				return m
			}
			if d.data[d.pos] == ',' {
				d.pos++
				d.space()
			}
			key := d.str()
			d.space()
			d.pos++ // :
			m[key] = d.anyValue()
		}
	case '[':
		a := []any{}
		d.pos++
		for {
			d.space()
			if d.data[d.pos] == ']' {
				d.pos++
				return a
			}
			if d.data[d.pos] == ',' {
				d.pos++
			}
			a = append(a, d.anyValue())
		}
	case '"':
		return d.str()
	case 't':
		d.pos += 4
		return true
	case 'f':
		d.pos += 5
		return false
	case 'n':
		d.pos += 4
		return nil
	}
	start := d.pos
	_ = d.skipNumber()
	f, err := strconv.ParseFloat(string(d.data[start:d.pos]), 64)
	if err != nil {
		d.mismatch("number "+string(d.data[start:d.pos]), reflect.TypeFor[float64]())
		return nil
	}
	return f
}
