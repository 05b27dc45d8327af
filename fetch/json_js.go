package fetch

import (
	"encoding"
	"encoding/base64"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeJSON decodes data into v as encoding/json's Unmarshal does, for
// Response.JSON in the browser, where encoding/json would add about 165 KB
// (gzip) to credfetch.wasm. It follows Unmarshal's rules for pointers,
// interfaces (map[string]any, []any, float64, string, bool, nil), structs (json
// tags, "-", case-insensitive names, embedded structs), maps with string or
// integer keys, slices and arrays (merging into what is there), []byte from
// base64, UnmarshalJSON and UnmarshalText methods. It checks the whole input
// before it changes v, and decodes as much as it can after a type mismatch,
// returning the first. It does not support json.Number, the ",string" tag
// option or DisallowUnknownFields; error messages are worded like
// encoding/json's but are not the same types.
func decodeJSON(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		if v == nil {
			return errors.New("json: Unmarshal(nil)")
		}
		if rv.Kind() != reflect.Pointer {
			return fmt.Errorf("json: Unmarshal(non-pointer %s)", rv.Type())
		}
		return fmt.Errorf("json: Unmarshal(nil %s)", rv.Type())
	}
	d := &jsonDecoder{data: data}
	if err := d.skip(0); err != nil {
		return err
	}
	d.space()
	if d.pos < len(d.data) {
		return d.syntax("after top-level value")
	}
	d.pos = 0
	d.value(rv)
	return d.typeErr
}

// jsonUnmarshaler is encoding/json's Unmarshaler, named here so that the
// package need not be linked.
type jsonUnmarshaler interface {
	UnmarshalJSON([]byte) error
}

// jsonMaxDepth bounds nesting, as encoding/json does.
const jsonMaxDepth = 10000

type jsonDecoder struct {
	data    []byte
	pos     int
	typeErr error  // the first type mismatch or method error
	field   string // "Type.Field" being decoded, for messages
}

func (d *jsonDecoder) space() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\r', '\n':
			d.pos++
		default:
			return
		}
	}
}

// syntax returns the error for the byte at d.pos, or for the end of input.
func (d *jsonDecoder) syntax(context string) error {
	if d.pos >= len(d.data) {
		return errors.New("unexpected end of JSON input")
	}
	return fmt.Errorf("invalid character %s %s (offset %d)", quoteChar(d.data[d.pos]), context, d.pos)
}

func quoteChar(c byte) string {
	switch c {
	case '\'':
		return `'\''`
	case '"':
		return `'"'`
	}
	s := strconv.Quote(string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}

// skip checks the value at d.pos and moves past it.
func (d *jsonDecoder) skip(depth int) error {
	if depth > jsonMaxDepth {
		return errors.New("exceeded max depth")
	}
	d.space()
	if d.pos >= len(d.data) {
		return d.syntax("")
	}
	switch c := d.data[d.pos]; {
	case c == '{':
		d.pos++
		d.space()
		if d.pos < len(d.data) && d.data[d.pos] == '}' {
			d.pos++
			return nil
		}
		for {
			d.space()
			if d.pos >= len(d.data) || d.data[d.pos] != '"' {
				return d.syntax("looking for beginning of object key string")
			}
			if err := d.skipString(); err != nil {
				return err
			}
			d.space()
			if d.pos >= len(d.data) || d.data[d.pos] != ':' {
				return d.syntax("after object key")
			}
			d.pos++
			if err := d.skip(depth + 1); err != nil {
				return err
			}
			d.space()
			if d.pos < len(d.data) && d.data[d.pos] == ',' {
				d.pos++
				continue
			}
			if d.pos < len(d.data) && d.data[d.pos] == '}' {
				d.pos++
				return nil
			}
			return d.syntax("after object key:value pair")
		}
	case c == '[':
		d.pos++
		d.space()
		if d.pos < len(d.data) && d.data[d.pos] == ']' {
			d.pos++
			return nil
		}
		for {
			if err := d.skip(depth + 1); err != nil {
				return err
			}
			d.space()
			if d.pos < len(d.data) && d.data[d.pos] == ',' {
				d.pos++
				continue
			}
			if d.pos < len(d.data) && d.data[d.pos] == ']' {
				d.pos++
				return nil
			}
			return d.syntax("after array element")
		}
	case c == '"':
		return d.skipString()
	case c == 't':
		return d.literal("true")
	case c == 'f':
		return d.literal("false")
	case c == 'n':
		return d.literal("null")
	case c == '-' || '0' <= c && c <= '9':
		return d.skipNumber()
	}
	return d.syntax("looking for beginning of value")
}

func (d *jsonDecoder) literal(word string) error {
	for i := 0; i < len(word); i++ {
		if d.pos >= len(d.data) || d.data[d.pos] != word[i] {
			return d.syntax("in literal " + word + " (expecting " + quoteChar(word[i]) + ")")
		}
		d.pos++
	}
	return nil
}

func (d *jsonDecoder) skipString() error {
	d.pos++ // the opening quote
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		switch {
		case c == '"':
			d.pos++
			return nil
		case c < 0x20:
			return d.syntax("in string literal")
		case c == '\\':
			d.pos++
			if d.pos >= len(d.data) {
				return d.syntax("")
			}
			switch d.data[d.pos] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				d.pos++
			case 'u':
				d.pos++
				for range 4 {
					if d.pos >= len(d.data) || !isHex(d.data[d.pos]) {
						return d.syntax(`in \u hexadecimal character escape`)
					}
					d.pos++
				}
			default:
				return d.syntax("in string escape code")
			}
		default:
			d.pos++
		}
	}
	return d.syntax("")
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

func (d *jsonDecoder) digits() int {
	start := d.pos
	for d.pos < len(d.data) && '0' <= d.data[d.pos] && d.data[d.pos] <= '9' {
		d.pos++
	}
	return d.pos - start
}

func (d *jsonDecoder) skipNumber() error {
	if d.data[d.pos] == '-' {
		d.pos++
	}
	switch {
	case d.pos < len(d.data) && d.data[d.pos] == '0':
		d.pos++
	case d.digits() == 0:
		return d.syntax("in numeric literal")
	}
	if d.pos < len(d.data) && d.data[d.pos] == '.' {
		d.pos++
		if d.digits() == 0 {
			return d.syntax("after decimal point in numeric literal")
		}
	}
	if d.pos < len(d.data) && (d.data[d.pos] == 'e' || d.data[d.pos] == 'E') {
		d.pos++
		if d.pos < len(d.data) && (d.data[d.pos] == '+' || d.data[d.pos] == '-') {
			d.pos++
		}
		if d.digits() == 0 {
			return d.syntax("in exponent of numeric literal")
		}
	}
	return nil
}

// The decoding pass below runs on input that skip has checked.

// mismatch records a type error, keeping the first.
func (d *jsonDecoder) mismatch(what string, t reflect.Type) {
	if d.typeErr != nil {
		return
	}
	if d.field != "" {
		d.typeErr = fmt.Errorf("json: cannot unmarshal %s into Go struct field %s of type %s", what, d.field, t)
	} else {
		d.typeErr = fmt.Errorf("json: cannot unmarshal %s into Go value of type %s", what, t)
	}
}

func (d *jsonDecoder) saveErr(err error) {
	if d.typeErr == nil {
		d.typeErr = err
	}
}

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
			if !reflect.PointerTo(v.Type().Key()).Implements(textUnmarshalerType) {
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

var textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()

// mapKey converts an object key to a map key of type t.
func (d *jsonDecoder) mapKey(key string, t reflect.Type) (reflect.Value, bool) {
	if reflect.PointerTo(t).Implements(textUnmarshalerType) {
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

// str decodes the (checked) string literal at d.pos. Invalid UTF-8 and lone
// surrogates become U+FFFD, as with encoding/json.
func (d *jsonDecoder) str() string {
	d.pos++ // "
	start := d.pos
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		if c == '"' {
			s := d.data[start:d.pos]
			d.pos++
			return validUTF8(s)
		}
		if c == '\\' {
			break
		}
		d.pos++
	}
	var b []byte
	b = append(b, d.data[start:d.pos]...)
	for {
		c := d.data[d.pos]
		switch {
		case c == '"':
			d.pos++
			return validUTF8(b)
		case c != '\\':
			b = append(b, c)
			d.pos++
			continue
		}
		d.pos++ // backslash
		e := d.data[d.pos]
		d.pos++
		switch e {
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r := d.hex4()
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if d.pos+6 <= len(d.data) && d.data[d.pos] == '\\' && d.data[d.pos+1] == 'u' {
					save := d.pos
					d.pos += 2
					r2 = d.hex4()
					if utf16.DecodeRune(r, r2) == utf8.RuneError {
						d.pos = save // not a pair: the next escape stands alone
						r2 = -1
					}
				}
				if r2 < 0 {
					r = utf8.RuneError
				} else {
					r = utf16.DecodeRune(r, r2)
				}
			}
			b = utf8.AppendRune(b, r)
		default: // " \ /
			b = append(b, e)
		}
	}
}

// validUTF8 returns b as a string with each byte that is not part of valid
// UTF-8 replaced by U+FFFD.
func validUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	out := make([]byte, 0, len(b)+8)
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		out = utf8.AppendRune(out, r) // RuneError for an invalid byte
		b = b[n:]
	}
	return string(out)
}

func (d *jsonDecoder) hex4() rune {
	n, _ := strconv.ParseUint(string(d.data[d.pos:d.pos+4]), 16, 32)
	d.pos += 4
	return rune(n)
}

// jsonField is a struct field as JSON names it, with its index path.
type jsonField struct {
	name  string
	index []int
}

type jsonFieldSet struct {
	byName map[string]jsonField
	list   []jsonField
}

var (
	jsonFieldMu    sync.Mutex
	jsonFieldCache = map[reflect.Type]jsonFieldSet{}
)

// cachedJSONFields returns the fields of struct type t by name, and in order.
func cachedJSONFields(t reflect.Type) (map[string]jsonField, []jsonField) {
	jsonFieldMu.Lock()
	defer jsonFieldMu.Unlock()
	set, ok := jsonFieldCache[t]
	if !ok {
		list := jsonFields(t)
		set = jsonFieldSet{byName: make(map[string]jsonField, len(list)), list: list}
		for _, f := range list {
			set.byName[f.name] = f
		}
		jsonFieldCache[t] = set
	}
	return set.byName, set.list
}

// jsonFields lists the fields of struct type t that JSON fills, embedded
// structs' fields included, in struct order. As with encoding/json, a name at
// a shallower level hides deeper ones, and two at the same level hide each
// other unless exactly one is tagged.
func jsonFields(t reflect.Type) []jsonField {
	type candidate struct {
		jsonField
		tagged bool
	}
	type level struct {
		t     reflect.Type
		index []int
	}
	var out []jsonField
	seen := map[string]bool{}
	visited := map[reflect.Type]bool{}
	current := []level{{t: t}}
	for len(current) > 0 {
		var next []level
		found := map[string][]candidate{}
		var order []string
		for _, l := range current {
			if visited[l.t] {
				continue
			}
			visited[l.t] = true
			for i := 0; i < l.t.NumField(); i++ {
				f := l.t.Field(i)
				tag := f.Tag.Get("json")
				if tag == "-" {
					continue
				}
				name, _, _ := strings.Cut(tag, ",")
				index := append(append([]int(nil), l.index...), i)
				ft := f.Type
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if f.Anonymous {
					if !f.IsExported() && ft.Kind() != reflect.Struct {
						continue
					}
					if name == "" && ft.Kind() == reflect.Struct {
						next = append(next, level{t: ft, index: index})
						continue
					}
				} else if !f.IsExported() {
					continue
				}
				tagged := name != ""
				if !tagged {
					name = f.Name
				}
				if seen[name] {
					continue
				}
				if found[name] == nil {
					order = append(order, name)
				}
				found[name] = append(found[name], candidate{jsonField{name, index}, tagged})
			}
		}
		for _, name := range order {
			cs := found[name]
			seen[name] = true
			if len(cs) == 1 {
				out = append(out, cs[0].jsonField)
				continue
			}
			var tagged []candidate
			for _, c := range cs {
				if c.tagged {
					tagged = append(tagged, c)
				}
			}
			if len(tagged) == 1 {
				out = append(out, tagged[0].jsonField)
			}
		}
		current = next
	}
	// Case-insensitive matching picks the first field in struct order. An
	// insertion sort: few fields, and far smaller in wasm than package sort.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && indexBefore(out[j].index, out[j-1].index); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// indexBefore reports whether the field at index path a comes before b.
func indexBefore(a, b []int) bool {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return len(a) < len(b)
}
