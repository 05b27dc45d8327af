package main

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/hack-pad/safejs"
)

// reader reads the fields of a settings object passed by page code and
// collects one error per bad field, each naming the call, the field, what it
// wants and what it got.
type reader struct {
	call string // "credfetch.ajax"
	path string // "settings"
	obj  safejs.Value
	keys []string
	errs []error
}

// newReader reads obj, which must be a plain object (or undefined or null,
// read as empty). Keys outside known are errors, so a misspelt field never
// goes unnoticed.
func newReader(call, path string, obj safejs.Value, known []string) *reader {
	r := &reader{call: call, path: path, obj: obj}
	switch {
	case obj.IsUndefined() || obj.IsNull():
		return r
	case jsutil.IsBigInt(obj) || obj.Type() != safejs.TypeObject || jsutil.IsArray(obj):
		r.errs = append(r.errs, fmt.Errorf("%s: %s must be an object, got %s", call, path, jsutil.TypeName(obj)))
		r.obj = safejs.Undefined()
		return r
	}
	keys, err := jsutil.Keys(obj)
	if err != nil {
		r.errs = append(r.errs, fmt.Errorf("%s: %s: cannot list its fields: %w", call, path, err))
		return r
	}
	r.keys = keys
	for _, k := range keys {
		if !slices.Contains(known, k) {
			r.errs = append(r.errs, fmt.Errorf("%s: %s.%s is not a setting%s; known settings: %s", call, path, k, suggest(k, known), strings.Join(known, ", ")))
		}
	}
	return r
}

// suggest returns ` (did you mean "x"?)` for a key that differs from a known
// one only in case or by a trailing s.
func suggest(k string, known []string) string {
	for _, n := range known {
		if strings.EqualFold(n, k) || strings.EqualFold(n, k+"s") || strings.EqualFold(n+"s", k) {
			return fmt.Sprintf(" (did you mean %q?)", n)
		}
	}
	return ""
}

// err returns the collected errors, or nil.
func (r *reader) err() error { return errors.Join(r.errs...) }

// fail records a bad field.
func (r *reader) fail(name, want string, got safejs.Value) {
	r.errs = append(r.errs, fmt.Errorf("%s: %s.%s must be %s, got %s", r.call, r.path, name, want, describe(got)))
}

// describe shows a value in an error message: its type, and its text when
// short.
func describe(v safejs.Value) string {
	t := jsutil.TypeName(v)
	if t == "bigint" {
		s, _ := jsutil.ToString(v)
		return t + " " + s + "n"
	}
	switch v.Type() {
	case safejs.TypeString:
		s, _ := v.String()
		if len(s) > 60 {
			s = s[:60] + "…"
		}
		return fmt.Sprintf("%s %q", t, s)
	case safejs.TypeNumber, safejs.TypeBoolean:
		return t + " " + scalarString(v)
	}
	return t
}

// get returns the field's value and whether it is present and not undefined.
// A getter or Proxy trap that throws, and a BigInt (which syscall/js cannot
// handle), are errors of the field.
func (r *reader) get(name string) (safejs.Value, bool) {
	if !slices.Contains(r.keys, name) {
		return safejs.Undefined(), false
	}
	v, err := jsutil.Get(r.obj, name)
	if err != nil {
		r.errs = append(r.errs, fmt.Errorf("%s: %s.%s: reading it threw %w", r.call, r.path, name, err))
		return safejs.Undefined(), false
	}
	if jsutil.IsBigInt(v) {
		r.fail(name, "something other than a BigInt", v)
		return safejs.Undefined(), false
	}
	return v, !v.IsUndefined()
}

// str reads a string field.
func (r *reader) str(name string) (string, bool) {
	v, ok := r.get(name)
	if !ok {
		return "", false
	}
	if v.Type() != safejs.TypeString {
		r.fail(name, "a string", v)
		return "", false
	}
	s, _ := v.String()
	return s, true
}

// url reads a string or URL object field as a string.
func (r *reader) url(name string) (string, bool) {
	v, ok := r.get(name)
	if !ok {
		return "", false
	}
	if v.Type() == safejs.TypeString || jsutil.InstanceOf(v, "URL") {
		s, err := jsutil.ToString(v)
		return s, err == nil
	}
	r.fail(name, "a string or URL", v)
	return "", false
}

// oneOf reads a string field that must be one of allowed.
func (r *reader) oneOf(name string, allowed ...string) (string, bool) {
	v, ok := r.get(name)
	if !ok {
		return "", false
	}
	if v.Type() != safejs.TypeString {
		r.fail(name, "one of '"+strings.Join(allowed, "', '")+"'", v)
		return "", false
	}
	s, err := v.String()
	if err != nil || !slices.Contains(allowed, s) {
		r.fail(name, "one of '"+strings.Join(allowed, "', '")+"'", v)
		return "", false
	}
	return s, true
}

// millis reads a duration in milliseconds: a finite number >= 0. With
// allowZeroOff, 0 means none and is returned as a negative duration.
func (r *reader) millis(name string) (time.Duration, bool) {
	v, ok := r.get(name)
	if !ok {
		return 0, false
	}
	f, err := v.Float()
	if v.Type() != safejs.TypeNumber || err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 || f > 24*3600*1000 {
		r.fail(name, "milliseconds (a number from 0 to 86400000)", v)
		return 0, false
	}
	return time.Duration(f * float64(time.Millisecond)), true
}

// integer reads a whole number in [lo, hi].
func (r *reader) integer(name string, lo, hi int) (int, bool) {
	v, ok := r.get(name)
	if !ok {
		return 0, false
	}
	f, err := v.Float()
	if v.Type() != safejs.TypeNumber || err != nil || f != math.Trunc(f) || f < float64(lo) || f > float64(hi) {
		r.fail(name, fmt.Sprintf("a whole number from %d to %d", lo, hi), v)
		return 0, false
	}
	return int(f), true
}

// boolean reads a boolean field.
func (r *reader) boolean(name string) (bool, bool) {
	v, ok := r.get(name)
	if !ok {
		return false, false
	}
	if v.Type() != safejs.TypeBoolean {
		r.fail(name, "true or false", v)
		return false, false
	}
	b, _ := v.Bool()
	return b, true
}

// function reads a function field.
func (r *reader) function(name string) (safejs.Value, bool) {
	v, ok := r.get(name)
	if !ok {
		return v, false
	}
	if v.Type() != safejs.TypeFunction {
		r.fail(name, "a function", v)
		return safejs.Undefined(), false
	}
	return v, true
}

// strings reads an array of strings.
func (r *reader) strings(name string) ([]string, bool) {
	v, ok := r.get(name)
	if !ok {
		return nil, false
	}
	n, err := jsutil.Length(v)
	if !jsutil.IsArray(v) || err != nil {
		r.fail(name, "an array of strings", v)
		return nil, false
	}
	out := make([]string, 0, n)
	for i := range n {
		e, err := jsutil.Get(v, i)
		if err != nil || jsutil.IsBigInt(e) || e.Type() != safejs.TypeString {
			r.fail(fmt.Sprintf("%s[%d]", name, i), "a string", e)
			return nil, false
		}
		s, _ := e.String()
		out = append(out, s)
	}
	return out, true
}

// ints reads an array of whole numbers.
func (r *reader) ints(name string) ([]int, bool) {
	v, ok := r.get(name)
	if !ok {
		return nil, false
	}
	n, err := jsutil.Length(v)
	if !jsutil.IsArray(v) || err != nil {
		r.fail(name, "an array of numbers", v)
		return nil, false
	}
	out := make([]int, 0, n)
	for i := range n {
		e, err := jsutil.Get(v, i)
		f := math.NaN()
		if err == nil && !jsutil.IsBigInt(e) && e.Type() == safejs.TypeNumber {
			f, _ = e.Float()
		}
		if f != math.Trunc(f) { // NaN too
			r.fail(fmt.Sprintf("%s[%d]", name, i), "a whole number", e)
			return nil, false
		}
		out = append(out, int(f))
	}
	return out, true
}

// headers reads a header collection: a plain object of strings, a Headers
// instance, or an array of [name, value] pairs.
func (r *reader) headers(name string) (fetch.Header, bool) {
	v, ok := r.get(name)
	if !ok {
		return nil, false
	}
	h, err := readHeaders(v)
	if err != nil {
		r.errs = append(r.errs, fmt.Errorf("%s: %s.%s: %w", r.call, r.path, name, err))
		return nil, false
	}
	return h, true
}

// readHeaders converts a HeadersInit value to a fetch.Header.
func readHeaders(v safejs.Value) (fetch.Header, error) {
	h := fetch.Header{}
	if jsutil.InstanceOf(v, "Headers") || jsutil.IsArray(v) {
		// Both iterate as [name, value] pairs.
		pairs, err := arrayFrom(v)
		if err != nil {
			return nil, err
		}
		n, _ := pairs.Length()
		for i := range n {
			p, _ := pairs.Index(i)
			k, kerr := jsutil.Get(p, 0)
			val, verr := jsutil.Get(p, 1)
			size, lerr := jsutil.Length(p)
			if !jsutil.IsArray(p) || size != 2 || lerr != nil || kerr != nil || verr != nil || jsutil.IsBigInt(k) || k.Type() != safejs.TypeString {
				return nil, fmt.Errorf("entry %d must be a [name, value] pair of strings, got %s", i, describe(p))
			}
			ks, _ := k.String()
			vs, err := jsutil.ToString(val)
			if err != nil {
				return nil, fmt.Errorf("entry %d (%s): the value is not a string", i, ks)
			}
			h.Add(ks, vs)
		}
		return h, nil
	}
	if v.Type() != safejs.TypeObject || v.IsNull() {
		return nil, fmt.Errorf("must be an object of header names to strings, a Headers, or [name, value] pairs, got %s", describe(v))
	}
	keys, err := jsutil.Keys(v)
	if err != nil {
		return nil, err
	}
	for _, k := range keys {
		val, err := jsutil.Get(v, k)
		if err != nil {
			return nil, err
		}
		t := safejs.TypeObject // a BigInt, refused below
		if !jsutil.IsBigInt(val) {
			t = val.Type()
		}
		switch t {
		case safejs.TypeString, safejs.TypeNumber, safejs.TypeBoolean:
			h.Add(k, scalarString(val))
		case safejs.TypeUndefined:
		default:
			return nil, fmt.Errorf("header %s must be a string, got %s", k, describe(val))
		}
	}
	return h, nil
}

// scalarString is String(v) for a string, number or boolean.
func scalarString(v safejs.Value) string {
	switch v.Type() {
	case safejs.TypeNumber:
		f, _ := v.Float()
		return strconv.FormatFloat(f, 'g', -1, 64)
	case safejs.TypeBoolean:
		b, _ := v.Bool()
		return strconv.FormatBool(b)
	}
	s, _ := v.String()
	return s
}

// arrayFrom calls Array.from(v).
func arrayFrom(v safejs.Value) (safejs.Value, error) {
	array, err := safejs.Global().Get("Array")
	if err != nil {
		return safejs.Undefined(), err
	}
	return array.Call("from", v)
}
