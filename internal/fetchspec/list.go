package fetchspec

import "strings"

// CutListElement returns the first element of s, a comma-separated header
// list (RFC 9110, section 5.6.1: elements separated by commas with optional
// whitespace around them, empty elements ignored), trimmed of optional
// whitespace (OWS: spaces and tabs, section 5.6.3), and rest, the part of s
// after that element's comma. ok is false, and elem and rest are empty, when
// s holds no element but commas and whitespace. It knows nothing of quoted
// strings, so it suits lists of tokens, not fields whose elements may quote
// a comma. The element is not checked: the caller checks it against the
// field's own grammar, such as
// IsToken for the header and method names of the Access-Control-* headers
// (Fetch standard, section 3.3.4, "HTTP new-header syntax":
// Access-Control-Request-Headers = 1#field-name). Several lines of one field
// make one list: cut each line in turn.
//
//	for elem, rest, ok := CutListElement(line); ok; elem, rest, ok = CutListElement(rest) {
//		// use elem
//	}
func CutListElement(s string) (elem, rest string, ok bool) {
	for s != "" {
		i := strings.IndexByte(s, ',')
		if i < 0 {
			elem, s = s, ""
		} else {
			elem, s = s[:i], s[i+1:]
		}
		if elem = TrimOWS(elem); elem != "" {
			return elem, s, true
		}
	}
	return "", "", false
}

// isOWS reports whether c is optional whitespace (RFC 9110, section 5.6.3:
// OWS = *( SP / HTAB )).
func isOWS(c byte) bool { return c == ' ' || c == '\t' }

// TrimOWS returns s without leading and trailing optional whitespace
// (RFC 9110, section 5.6.3: spaces and tabs).
func TrimOWS(s string) string {
	for s != "" && isOWS(s[0]) {
		s = s[1:]
	}
	for s != "" && isOWS(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}
