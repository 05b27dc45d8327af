package cors

import "github.com/credfetch/credfetch/internal/fetchspec"

// MaxRequestHeadersBytes is the most bytes, over all its lines, of an
// Access-Control-Request-Headers that a preflight may carry. Browsers send
// the requested names in lower case, sorted and joined by commas, so 4096
// bytes hold about two hundred names. A longer value is refused unread.
const MaxRequestHeadersBytes = 4096

// MaxRequestHeadersLines is the most Access-Control-Request-Headers header
// lines a preflight may carry; browsers send one. More lines are refused
// unread.
const MaxRequestHeadersLines = 16

// listResult is the outcome of checking Access-Control-Request-Headers.
type listResult uint8

const (
	listOK         listResult = iota // every name allowed, at least one name
	listEmpty                        // no name at all (empty elements only)
	listTooLong                      // over MaxRequestHeadersBytes or MaxRequestHeadersLines
	listInvalid                      // an element that is not a header name
	listNotAllowed                   // a name that the policy does not allow
)

// scan checks the lines of Access-Control-Request-Headers by the HTTP list
// syntax (RFC 9110, section 5.6.1, as fetchspec.CutListElement splits it):
// names separated by commas with optional whitespace around them, empty
// elements ignored, names compared without regard to case, repeated header
// lines joined. It returns the first offending element, a substring of
// lines trimmed of optional whitespace, when the result is listInvalid or
// listNotAllowed. It does not allocate and reads each byte a few times at
// most.
func (s *headerSet) scan(lines []string) (res listResult, bad string) {
	if len(lines) > MaxRequestHeadersLines {
		return listTooLong, ""
	}
	total := 0
	for _, l := range lines {
		total += len(l)
	}
	if total > MaxRequestHeadersBytes {
		return listTooLong, ""
	}
	names := 0
	for _, l := range lines {
		for name, rest, ok := fetchspec.CutListElement(l); ok; name, rest, ok = fetchspec.CutListElement(rest) {
			// A name the policy lists is a token, so without "*" a match
			// needs no token check: only a refused name is checked, to say
			// whether it is a name at all.
			if s.any && !fetchspec.IsToken(name) {
				return listInvalid, name
			}
			if !s.allows(name) {
				if !fetchspec.IsToken(name) {
					return listInvalid, name
				}
				return listNotAllowed, name
			}
			names++
		}
	}
	if names == 0 {
		return listEmpty, ""
	}
	return listOK, ""
}
