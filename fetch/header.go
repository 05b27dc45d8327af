package fetch

import (
	"fmt"
	"strings"

	"github.com/credfetch/credfetch/internal/fetchspec"
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
	if !fetchspec.IsToken(name) {
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

// normalizeMethod returns the method to send, or an error naming what is
// wrong. It normalizes as browsers do (fetchspec.NormalizeMethod: DELETE,
// GET, HEAD, OPTIONS, POST and PUT in any case are upper-cased) and, going
// beyond the Fetch standard, upper-cases PATCH too: browsers send "patch" as
// written, which servers that allow "PATCH" refuse, so a lower-case "patch"
// is almost always a mistake. The empty method is GET.
func normalizeMethod(m string) (string, error) {
	if m == "" {
		return "GET", nil
	}
	if !fetchspec.IsToken(m) {
		return "", fmt.Errorf("method %q is not an HTTP token: use letters, digits and %s only", m, fetchspec.TokenSymbols)
	}
	if fetchspec.IsForbiddenMethod(m) {
		return "", fmt.Errorf("method %q is forbidden: browsers refuse to send it from scripts", m)
	}
	if fetchspec.EqualFoldLower(m, "patch") {
		return "PATCH", nil // our convenience, not the standard's
	}
	return fetchspec.NormalizeMethod(m), nil
}

// checkHeader returns an error naming a header the browser would refuse or
// silently drop.
func checkHeader(name string, values []string) error {
	if !fetchspec.IsToken(name) {
		return fmt.Errorf("header name %q is not an HTTP token", name)
	}
	if fetchspec.IsForbiddenRequestHeaderName(name) {
		hint := "the browser sets it itself"
		if fetchspec.EqualFoldLower(name, "cookie") || fetchspec.EqualFoldLower(name, "cookie2") {
			hint = "the browser sends cookies itself when the request's credentials mode allows"
		}
		return fmt.Errorf("header %s is forbidden to scripts: %s", name, hint)
	}
	for _, v := range values {
		if strings.ContainsAny(v, "\x00\r\n") {
			return fmt.Errorf("header %s value %q holds a NUL, CR or LF, which browsers refuse (fetch() and XMLHttpRequest throw): remove them", name, v)
		}
		for _, r := range v {
			if r > 0xFF { // invalid UTF-8 too: it reaches the browser as U+FFFD
				return fmt.Errorf("header %s value %q holds %q, which is not Latin-1 (ISO-8859-1): browsers send header values as bytes and refuse it (fetch() and XMLHttpRequest throw); percent-encode the value (encodeURIComponent in JavaScript, url.QueryEscape in Go) or send it in the body", name, v, r)
			}
		}
	}
	return nil
}
