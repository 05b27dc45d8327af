package fetchspec

// TokenSymbols are the characters besides ASCII letters and digits that an
// HTTP token may hold: the tchar rule of RFC 9110, section 5.6.2.
const TokenSymbols = "!#$%&'*+-.^_`|~"

// tchar marks the bytes allowed in an HTTP token (RFC 9110, section 5.6.2:
// tchar is "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" /
// "_" / "`" / "|" / "~" / DIGIT / ALPHA), the syntax of method names (the
// Fetch standard's "method", section 2.2.1) and of header names (its
// "header name", section 2.2.2).
var tchar = [256]bool{
	'!': true, '#': true, '$': true, '%': true, '&': true, '\'': true,
	'*': true, '+': true, '-': true, '.': true, '^': true, '_': true,
	'`': true, '|': true, '~': true,
	'0': true, '1': true, '2': true, '3': true, '4': true,
	'5': true, '6': true, '7': true, '8': true, '9': true,
	'A': true, 'B': true, 'C': true, 'D': true, 'E': true, 'F': true,
	'G': true, 'H': true, 'I': true, 'J': true, 'K': true, 'L': true,
	'M': true, 'N': true, 'O': true, 'P': true, 'Q': true, 'R': true,
	'S': true, 'T': true, 'U': true, 'V': true, 'W': true, 'X': true,
	'Y': true, 'Z': true,
	'a': true, 'b': true, 'c': true, 'd': true, 'e': true, 'f': true,
	'g': true, 'h': true, 'i': true, 'j': true, 'k': true, 'l': true,
	'm': true, 'n': true, 'o': true, 'p': true, 'q': true, 'r': true,
	's': true, 't': true, 'u': true, 'v': true, 'w': true, 'x': true,
	'y': true, 'z': true,
}

// IsTokenChar reports whether c may appear in an HTTP token (the tchar rule
// of RFC 9110, section 5.6.2).
func IsTokenChar(c byte) bool { return tchar[c] }

// IsToken reports whether s is an HTTP token (RFC 9110, section 5.6.2:
// token = 1*tchar): non-empty and made of tchar bytes only. Method names
// and header names are tokens (Fetch standard, sections 2.2.1 and 2.2.2).
func IsToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !tchar[s[i]] {
			return false
		}
	}
	return true
}
