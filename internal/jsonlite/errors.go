package jsonlite

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
)

// syntax returns the error for the byte at d.pos, or for the end of input.
func (d *jsonDecoder) syntax(context string) error {
	if d.pos >= len(d.data) {
		return errors.New("unexpected end of JSON input")
	}
	return fmt.Errorf("invalid character %s %s (offset %d)", quoteChar(d.data[d.pos]), context, d.pos)
}

// quoteChar quotes c for a syntax error, as encoding/json does.
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

// saveErr records err (from a method or base64), keeping the first error.
func (d *jsonDecoder) saveErr(err error) {
	if d.typeErr == nil {
		d.typeErr = err
	}
}
