// Package jsonlite is a small JSON decoder that stands in for encoding/json
// where that package costs too much: in js/wasm, encoding/json adds about
// 165 KB (gzip) to a module. Decode is what fetch.Response.JSON calls: this
// package's Unmarshal in js/wasm, encoding/json's elsewhere. Unmarshal itself
// needs no JavaScript, so its tests compare it with encoding/json natively.
package jsonlite

import (
	"errors"
	"fmt"
	"reflect"
)

// Unmarshal decodes data into v as encoding/json's Unmarshal does, for
// fetch.Response.JSON in js/wasm (see Decode). It follows Unmarshal's rules for pointers,
// interfaces (map[string]any, []any, float64, string, bool, nil), structs (json
// tags, "-", case-insensitive names, embedded structs), maps with string or
// integer keys, slices and arrays (merging into what is there), []byte from
// base64, UnmarshalJSON and UnmarshalText methods. It checks the whole input
// before it changes v, and decodes as much as it can after a type mismatch,
// returning the first. It does not support json.Number, the ",string" tag
// option or DisallowUnknownFields; error messages are worded like
// encoding/json's but are not the same types.
func Unmarshal(data []byte, v any) error {
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

// jsonDecoder decodes one JSON document: skip checks its syntax and value
// decodes it into Go values, both reading data from pos.
type jsonDecoder struct {
	data    []byte
	pos     int
	typeErr error  // the first type mismatch or method error
	field   string // "Type.Field" being decoded, for messages
}
