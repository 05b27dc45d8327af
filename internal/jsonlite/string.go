package jsonlite

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

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

// hex4 decodes the four hexadecimal digits of a \u escape at d.pos.
func (d *jsonDecoder) hex4() rune {
	n, _ := strconv.ParseUint(string(d.data[d.pos:d.pos+4]), 16, 32)
	d.pos += 4
	return rune(n)
}
