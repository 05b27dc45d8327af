package fetch

import (
	"fmt"
	"strings"
)

// Header holds HTTP header fields, keyed by canonical name (Content-Type,
// X-Requested-With), like net/http's Header. It is its own type so that
// credfetch.wasm does not link net/http, which would double its size.
type Header map[string][]string

// Get returns the first value of the named header, or "".
func (h Header) Get(name string) string {
	if v := h[CanonicalHeaderKey(name)]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Values returns all values of the named header.
func (h Header) Values(name string) []string { return h[CanonicalHeaderKey(name)] }

// Set replaces the named header's values with value.
func (h Header) Set(name, value string) { h[CanonicalHeaderKey(name)] = []string{value} }

// Add appends value to the named header's values.
func (h Header) Add(name, value string) {
	k := CanonicalHeaderKey(name)
	h[k] = append(h[k], value)
}

// Del removes the named header.
func (h Header) Del(name string) { delete(h, CanonicalHeaderKey(name)) }

// Clone returns a deep copy of h; the clone of nil is nil.
func (h Header) Clone() Header {
	if h == nil {
		return nil
	}
	c := make(Header, len(h))
	for k, v := range h {
		c[k] = append([]string(nil), v...)
	}
	return c
}

// CanonicalHeaderKey returns name with the first letter and each letter after
// a hyphen upper-cased and the rest lower-cased, as net/http does. A name that
// is not an HTTP token is returned unchanged.
func CanonicalHeaderKey(name string) string {
	if !isToken(name) {
		return name
	}
	canonical := true
	upper := true
	for i := 0; i < len(name); i++ {
		c := name[i]
		if upper && 'a' <= c && c <= 'z' || !upper && 'A' <= c && c <= 'Z' {
			canonical = false
			break
		}
		upper = c == '-'
	}
	if canonical {
		return name
	}
	b := []byte(name)
	upper = true
	for i, c := range b {
		if upper && 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		} else if !upper && 'A' <= c && c <= 'Z' {
			b[i] = c - 'A' + 'a'
		}
		upper = c == '-'
	}
	return string(b)
}

// standardMethods are upper-cased whatever case they are written in. The
// Fetch standard normalizes all but PATCH; we normalize PATCH too, since a
// lower-case "patch" is almost always a mistake that servers reject.
var standardMethods = map[string]string{
	"delete": "DELETE", "get": "GET", "head": "HEAD", "options": "OPTIONS",
	"post": "POST", "put": "PUT", "patch": "PATCH",
}

// normalizeMethod returns the method to send, or an error naming what is wrong.
func normalizeMethod(m string) (string, error) {
	if m == "" {
		return "GET", nil
	}
	if n, ok := standardMethods[strings.ToLower(m)]; ok {
		return n, nil
	}
	if !isToken(m) {
		return "", fmt.Errorf("method %q is not an HTTP token: use letters, digits and !#$%%&'*+-.^_`|~ only", m)
	}
	switch strings.ToUpper(m) {
	case "CONNECT", "TRACE", "TRACK":
		return "", fmt.Errorf("method %q is forbidden: browsers refuse to send it from scripts", m)
	}
	return m, nil
}

// forbiddenHeaders are the request headers browsers do not let scripts set
// (the Fetch standard's forbidden request-header names), lower-cased.
var forbiddenHeaders = map[string]bool{
	"accept-charset": true, "accept-encoding": true, "access-control-request-headers": true,
	"access-control-request-method": true, "connection": true, "content-length": true,
	"cookie": true, "cookie2": true, "date": true, "dnt": true, "expect": true, "host": true,
	"keep-alive": true, "origin": true, "referer": true, "set-cookie": true, "te": true,
	"trailer": true, "transfer-encoding": true, "upgrade": true, "via": true,
}

// checkHeader returns an error naming a header the browser would refuse or
// silently drop.
func checkHeader(name string, values []string) error {
	if !isToken(name) {
		return fmt.Errorf("header name %q is not an HTTP token", name)
	}
	lower := strings.ToLower(name)
	if forbiddenHeaders[lower] || strings.HasPrefix(lower, "proxy-") || strings.HasPrefix(lower, "sec-") {
		hint := "the browser sets it itself"
		if lower == "cookie" || lower == "cookie2" {
			hint = "the browser sends cookies itself when the request's credentials mode allows"
		}
		return fmt.Errorf("header %s is forbidden to scripts: %s", name, hint)
	}
	for _, v := range values {
		if strings.ContainsAny(v, "\x00\r\n") {
			return fmt.Errorf("header %s value %q holds a NUL, CR or LF", name, v)
		}
	}
	return nil
}

// isToken reports whether s is a non-empty HTTP token (RFC 9110, section 5.6.2).
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			continue
		}
		if !strings.ContainsRune("!#$%&'*+-.^_`|~", rune(c)) {
			return false
		}
	}
	return true
}
