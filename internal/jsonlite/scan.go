package jsonlite

import "errors"

// space moves past JSON whitespace.
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

// literal checks that word (true, false or null) is at d.pos and moves past it.
func (d *jsonDecoder) literal(word string) error {
	for i := 0; i < len(word); i++ {
		if d.pos >= len(d.data) || d.data[d.pos] != word[i] {
			return d.syntax("in literal " + word + " (expecting " + quoteChar(word[i]) + ")")
		}
		d.pos++
	}
	return nil
}

// skipString checks the string literal at d.pos and moves past it.
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

// isHex reports whether c is a hexadecimal digit.
func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// digits moves past decimal digits and returns how many there were.
func (d *jsonDecoder) digits() int {
	start := d.pos
	for d.pos < len(d.data) && '0' <= d.data[d.pos] && d.data[d.pos] <= '9' {
		d.pos++
	}
	return d.pos - start
}

// skipNumber checks the number literal at d.pos and moves past it.
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
