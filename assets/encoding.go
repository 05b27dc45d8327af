package assets

import (
	"strings"

	"github.com/credfetch/credfetch/internal/fetchspec"
)

// encoding is a content coding the handler can send.
type encoding int8

const (
	identity encoding = iota
	gzipEnc
	brEnc
	numEncodings

	// notAcceptable means the request refused every coding the handler has
	// for the file: the answer is 406.
	notAcceptable encoding = -1
)

// names of the encodings, as written in Content-Encoding and in file suffixes.
var encodingNames = [numEncodings]string{identity: "identity", gzipEnc: "gzip", brEnc: "br"}

// Weights are qvalues in thousandths, 0 to 1000; unlisted means the request
// did not name the coding.
const unlisted = -1

// weights holds what one Accept-Encoding request said about each coding.
type weights struct {
	br, gzip, identity, star int16
}

// chooseEncoding picks the representation to send for a request whose
// Accept-Encoding field lines are values (nil when the request has none),
// following RFC 9110 §12.5.3: br when the request accepts it and the file has
// it, else gzip when accepted (every file has gzip), else identity, unless the
// request refused identity too, which yields notAcceptable.
//
// A list element that does not parse (a bad qvalue, stray characters, a
// parameter other than q) accepts nothing, so a wholly malformed field means
// identity. Where a coding is listed twice, the lower weight wins: a refusal
// is never overridden.
func chooseEncoding(values []string, haveBr bool) encoding {
	if values == nil {
		return identity // no preference: RFC 9110 §12.5.3
	}
	w := weights{br: unlisted, gzip: unlisted, identity: unlisted, star: unlisted}
	for _, v := range values {
		w.parse(v)
	}
	if haveBr && w.accepts(w.br) {
		return brEnc
	}
	if w.accepts(w.gzip) {
		return gzipEnc
	}
	switch {
	case w.identity != unlisted:
		if w.identity > 0 {
			return identity
		}
	case w.star == 0:
		// "*;q=0" refuses identity too, unless identity is listed.
	default:
		return identity // acceptable by default, RFC 9110 §12.5.3
	}
	return notAcceptable
}

// accepts reports whether a coding with weight q is acceptable: listed with a
// nonzero weight, or unlisted and covered by a nonzero "*".
func (w *weights) accepts(q int16) bool {
	if q == unlisted {
		return w.star > 0
	}
	return q > 0
}

// parse records the weights of one Accept-Encoding field value, a
// comma-separated list. It does not allocate.
func (w *weights) parse(v string) {
	for elem, rest, more := fetchspec.CutListElement(v); more; elem, rest, more = fetchspec.CutListElement(rest) {
		coding, q, ok := parseElement(elem)
		if !ok {
			continue
		}
		var slot *int16
		switch {
		case strings.EqualFold(coding, "br"):
			slot = &w.br
		case strings.EqualFold(coding, "gzip"), strings.EqualFold(coding, "x-gzip"):
			slot = &w.gzip // x-gzip: RFC 9110 §8.4.1.3
		case strings.EqualFold(coding, "identity"):
			slot = &w.identity
		case coding == "*":
			slot = &w.star
		default:
			continue
		}
		if *slot == unlisted || q < *slot {
			*slot = q
		}
	}
}

// parseElement parses `coding [ OWS ";" OWS "q=" qvalue ]` surrounded by
// optional whitespace. ok is false for an empty or malformed element.
func parseElement(s string) (coding string, q int16, ok bool) {
	s = fetchspec.TrimOWS(s)
	n := 0
	for n < len(s) && fetchspec.IsTokenChar(s[n]) {
		n++
	}
	if n == 0 {
		return "", 0, false
	}
	coding, rest := s[:n], fetchspec.TrimOWS(s[n:])
	if rest == "" {
		return coding, 1000, true
	}
	if rest[0] != ';' {
		return "", 0, false
	}
	rest = fetchspec.TrimOWS(rest[1:])
	if len(rest) < 2 || (rest[0] != 'q' && rest[0] != 'Q') || rest[1] != '=' {
		return "", 0, false
	}
	q, ok = parseQValue(rest[2:])
	return coding, q, ok
}

// parseQValue parses an RFC 9110 §12.4.2 qvalue, "0" to "1" with at most three
// decimals, into thousandths.
func parseQValue(s string) (int16, bool) {
	if s == "" || (s[0] != '0' && s[0] != '1') {
		return 0, false
	}
	whole := s[0] == '1'
	frac := s[1:]
	if frac != "" {
		if frac[0] != '.' || len(frac) > 4 {
			return 0, false
		}
		frac = frac[1:]
	}
	q, scale := int16(0), int16(100)
	for i := 0; i < len(frac); i++ {
		c := frac[i]
		if c < '0' || c > '9' || (whole && c != '0') {
			return 0, false
		}
		q += int16(c-'0') * scale
		scale /= 10
	}
	if whole {
		return 1000, true
	}
	return q, true
}
