package cors

import "github.com/credfetch/credfetch/internal/fetchspec"

// headerSet is the compiled Config.Headers: the request header names a
// preflight may ask for.
type headerSet struct {
	any           bool                // "*": every name but authorization
	authorization bool                // authorization listed by name
	names         []string            // lower case
	index         map[string]struct{} // names, when there are many
	maxLen        int                 // length of the longest name
}

// linearMax is the number of names up to which a scan beats a map lookup.
const linearMax = 8

// lookupBuf is the size of the stack buffer used to lower-case a requested
// name for a map lookup; longer names fall back to a scan.
const lookupBuf = 64

// compile builds the set from Config.Headers, recording each refused entry.
func (s *headerSet) compile(headers []string, errs *configErrors) {
	for i, h := range headers {
		switch {
		case h == "*":
			s.any = true
		case !fetchspec.IsToken(h):
			errs.add("Headers", i, h, "is not a valid header name (an HTTP token)",
				"write a header name such as \"Content-Type\"")
		case fetchspec.IsForbiddenRequestHeaderName(h):
			errs.add("Headers", i, h, "is a forbidden request header that pages can never set, so no preflight asks for it",
				"remove it")
		default:
			l := fetchspec.LowerASCII(h)
			if fetchspec.IsNonWildcardRequestHeaderName(l) {
				s.authorization = true
			}
			s.names = append(s.names, l)
			s.maxLen = max(s.maxLen, len(l))
		}
	}
	if len(s.names) > linearMax {
		s.index = make(map[string]struct{}, len(s.names))
		for _, n := range s.names {
			s.index[n] = struct{}{}
		}
	}
}

// allows reports whether a preflight may ask for the header name, which is
// a token in any case when the set holds "*" (without "*", only a token
// can match a listed name). It does not allocate.
func (s *headerSet) allows(name string) bool {
	if s.any && (s.authorization || !fetchspec.IsNonWildcardRequestHeaderName(name)) {
		return true
	}
	if len(name) > s.maxLen {
		return false
	}
	if s.index != nil && len(name) <= lookupBuf {
		var buf [lookupBuf]byte
		for i := 0; i < len(name); i++ {
			c := name[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		_, ok := s.index[string(buf[:len(name)])]
		return ok
	}
	for _, n := range s.names {
		if len(n) == len(name) && (n == name || fetchspec.EqualFoldLower(name, n)) {
			return true
		}
	}
	return false
}
