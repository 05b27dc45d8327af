package fetchspec

// forbiddenRequestHeaderNames are the names of the Fetch standard's
// forbidden request-headers (section 2.2.2), byte-lowercased.
var forbiddenRequestHeaderNames = [...]string{
	"accept-charset", "accept-encoding", "access-control-request-headers",
	"access-control-request-method", "connection", "content-length", "cookie",
	"cookie2", "date", "dnt", "expect", "host", "keep-alive", "origin",
	"referer", "set-cookie", "te", "trailer", "transfer-encoding", "upgrade",
	"via",
}

// IsForbiddenRequestHeaderName reports whether browsers never let a page set
// a request header named name, whatever its value (Fetch standard, section
// 2.2.2, "forbidden request-header", steps 1 and 2): a byte-case-insensitive
// match for Accept-Charset, Accept-Encoding, Access-Control-Request-Headers,
// Access-Control-Request-Method, Connection, Content-Length, Cookie,
// Cookie2, Date, DNT, Expect, Host, Keep-Alive, Origin, Referer, Set-Cookie,
// TE, Trailer, Transfer-Encoding, Upgrade or Via, or a name starting with
// "Proxy-" or "Sec-" in any case. Step 3 of the standard, which also forbids
// X-HTTP-Method, X-HTTP-Method-Override and X-Method-Override when their
// value names a forbidden method, depends on the value and is not checked
// here.
func IsForbiddenRequestHeaderName(name string) bool {
	if hasPrefixFoldLower(name, "proxy-") || hasPrefixFoldLower(name, "sec-") {
		return true
	}
	for _, f := range forbiddenRequestHeaderNames {
		if EqualFoldLower(name, f) {
			return true
		}
	}
	return false
}

// IsNonWildcardRequestHeaderName reports whether name is a CORS non-wildcard
// request-header name (Fetch standard, section 2.2.2): a byte-case-insensitive
// match for Authorization, the one request header that "*" in
// Access-Control-Allow-Headers does not cover.
func IsNonWildcardRequestHeaderName(name string) bool {
	return EqualFoldLower(name, "authorization")
}

// maxSafelistedValue is the longest value, in bytes, that a CORS-safelisted
// request-header may have (Fetch standard, section 2.2.2, step 1).
const maxSafelistedValue = 128

// IsSafelistedRequestHeader reports whether the request header (name,
// value) is a CORS-safelisted request-header (Fetch standard, section
// 2.2.2): one a page may send cross-origin without a preflight. It is when
// value, as browsers hold it (normalized: no leading or trailing HTTP
// whitespace), is at most 128 bytes and name, in any case, is one of
//   - Accept, whose value holds no CORS-unsafe request-header byte;
//   - Accept-Language or Content-Language, whose value holds only ASCII
//     letters, digits, space and * , - . ; =;
//   - Content-Type, whose value holds no CORS-unsafe request-header byte and
//     parses as a MIME type (MIME Sniffing standard, "parse a MIME type")
//     whose essence IsSafelistedContentTypeEssence accepts;
//   - Range, whose value is a single byte range with a first position
//     ("bytes=0-", "bytes=10-20"; not "bytes=-500").
func IsSafelistedRequestHeader(name, value string) bool {
	if len(value) > maxSafelistedValue {
		return false
	}
	switch {
	case EqualFoldLower(name, "accept"):
		return !hasCORSUnsafeByte(value)
	case EqualFoldLower(name, "accept-language"), EqualFoldLower(name, "content-language"):
		for i := 0; i < len(value); i++ {
			if !isLanguageByte(value[i]) {
				return false
			}
		}
		return true
	case EqualFoldLower(name, "content-type"):
		if hasCORSUnsafeByte(value) {
			return false
		}
		typ, sub, ok := parseMIMEEssence(value)
		return ok && isSafelistedEssence(typ, sub)
	case EqualFoldLower(name, "range"):
		return isSafelistedRange(value)
	}
	return false
}

// IsSafelistedContentTypeEssence reports whether essence, a MIME type's
// type and subtype joined by "/", is one of the three a CORS-safelisted
// Content-Type may have (Fetch standard, section 2.2.2, "CORS-safelisted
// request-header", content-type step 4): application/x-www-form-urlencoded,
// multipart/form-data or text/plain, in any ASCII case (parsing a MIME type
// lowers both parts).
func IsSafelistedContentTypeEssence(essence string) bool {
	for i := 0; i < len(essence); i++ {
		if essence[i] == '/' {
			return isSafelistedEssence(essence[:i], essence[i+1:])
		}
	}
	return false
}

// isSafelistedEssence reports whether the MIME type typ/sub is one of the
// three CORS-safelisted Content-Type essences, in any ASCII case.
func isSafelistedEssence(typ, sub string) bool {
	switch {
	case EqualFoldLower(typ, "application"):
		return EqualFoldLower(sub, "x-www-form-urlencoded")
	case EqualFoldLower(typ, "multipart"):
		return EqualFoldLower(sub, "form-data")
	case EqualFoldLower(typ, "text"):
		return EqualFoldLower(sub, "plain")
	}
	return false
}

// isCORSUnsafeByte reports whether c is a CORS-unsafe request-header byte
// (Fetch standard, section 2.2.2): a control byte other than HT, DEL, or one
// of " ( ) : < > ? @ [ \ ] { }.
func isCORSUnsafeByte(c byte) bool {
	if c < 0x20 {
		return c != '\t'
	}
	switch c {
	case '"', '(', ')', ':', '<', '>', '?', '@', '[', '\\', ']', '{', '}', 0x7f:
		return true
	}
	return false
}

// hasCORSUnsafeByte reports whether v holds a CORS-unsafe request-header
// byte.
func hasCORSUnsafeByte(v string) bool {
	for i := 0; i < len(v); i++ {
		if isCORSUnsafeByte(v[i]) {
			return true
		}
	}
	return false
}

// isLanguageByte reports whether c may appear in a CORS-safelisted
// Accept-Language or Content-Language value (Fetch standard, section
// 2.2.2): an ASCII letter or digit, space, or one of * , - . ; =.
func isLanguageByte(c byte) bool {
	switch {
	case '0' <= c && c <= '9', 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z':
		return true
	}
	switch c {
	case ' ', '*', ',', '-', '.', ';', '=':
		return true
	}
	return false
}

// isHTTPWhitespace reports whether c is HTTP whitespace (Fetch standard,
// section 2.2: LF, CR, HT or space).
func isHTTPWhitespace(c byte) bool { return c == '\n' || c == '\r' || c == '\t' || c == ' ' }

// parseMIMEEssence parses v as the MIME Sniffing standard's "parse a MIME
// type" (section 4.4) does, as far as the essence: v trimmed of HTTP
// whitespace must hold a token, "/", and a token ended by ";" or by the end
// of v, where the subtype loses trailing HTTP whitespace. Parameters never
// make parsing fail and are not read. typ and sub are v's bytes, not
// lowered.
func parseMIMEEssence(v string) (typ, sub string, ok bool) {
	for v != "" && isHTTPWhitespace(v[0]) {
		v = v[1:]
	}
	for v != "" && isHTTPWhitespace(v[len(v)-1]) {
		v = v[:len(v)-1]
	}
	slash := -1
	for i := 0; i < len(v); i++ {
		if v[i] == '/' {
			slash = i
			break
		}
	}
	if slash < 0 {
		return "", "", false
	}
	typ, sub = v[:slash], v[slash+1:]
	for i := 0; i < len(sub); i++ {
		if sub[i] == ';' {
			sub = sub[:i]
			break
		}
	}
	for sub != "" && isHTTPWhitespace(sub[len(sub)-1]) {
		sub = sub[:len(sub)-1]
	}
	if !IsToken(typ) || !IsToken(sub) {
		return "", "", false
	}
	return typ, sub, true
}

// isSafelistedRange reports whether v is a Range value that the Fetch
// standard safelists (section 2.2.2): "parse a single range header value"
// with allowWhitespace false succeeds on it, and its first position is
// present. That is "bytes=" (in lower case), optional ASCII digits, "-",
// optional ASCII digits and nothing more, with at least the first number,
// and a first number no greater than the last.
func isSafelistedRange(v string) bool {
	const prefix = "bytes="
	if len(v) < len(prefix) || v[:len(prefix)] != prefix {
		return false
	}
	v = v[len(prefix):]
	start := digits(v)
	if start == "" || len(start) == len(v) || v[len(start)] != '-' {
		return false // no first position (suffix ranges are not safelisted), or no "-"
	}
	rest := v[len(start)+1:]
	end := digits(rest)
	if len(end) != len(rest) {
		return false // bytes after the last position
	}
	return end == "" || !decimalGreater(start, end)
}

// digits returns the leading ASCII digits of s.
func digits(s string) string {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// decimalGreater reports whether the decimal number a is greater than b;
// both are non-empty strings of ASCII digits, of any length.
func decimalGreater(a, b string) bool {
	for len(a) > 1 && a[0] == '0' {
		a = a[1:]
	}
	for len(b) > 1 && b[0] == '0' {
		b = b[1:]
	}
	if len(a) != len(b) {
		return len(a) > len(b)
	}
	return a > b
}

// safelistedResponseHeaderNames are the names of the Fetch standard's
// CORS-safelisted response-header names that need no listing (section
// 2.2.2), byte-lowercased.
var safelistedResponseHeaderNames = [...]string{
	"cache-control", "content-language", "content-length", "content-type",
	"expires", "last-modified", "pragma",
}

// IsSafelistedResponseHeaderName reports whether page JavaScript can read a
// cross-origin response's header named name without the server listing it
// in Access-Control-Expose-Headers (Fetch standard, section 2.2.2,
// "CORS-safelisted response-header name"): a byte-case-insensitive match for
// Cache-Control, Content-Language, Content-Length, Content-Type, Expires,
// Last-Modified or Pragma. The standard's definition also takes in the names
// the response exposes, except forbidden response-header names; checking
// those is the caller's part (IsForbiddenResponseHeaderName).
func IsSafelistedResponseHeaderName(name string) bool {
	for _, s := range safelistedResponseHeaderNames {
		if EqualFoldLower(name, s) {
			return true
		}
	}
	return false
}

// IsForbiddenResponseHeaderName reports whether name is a forbidden
// response-header name (Fetch standard, section 2.2.2): a
// byte-case-insensitive match for Set-Cookie or Set-Cookie2, which browsers
// never expose to scripts, whatever Access-Control-Expose-Headers says.
func IsForbiddenResponseHeaderName(name string) bool {
	return EqualFoldLower(name, "set-cookie") || EqualFoldLower(name, "set-cookie2")
}
