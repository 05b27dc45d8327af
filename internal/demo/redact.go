package demo

import (
	"fmt"
	"net/http"
	"strings"
)

// maxLoggedValue is the longest header value the live log keeps whole, so
// that a hostile request cannot make the bounded log hold megabytes.
const maxLoggedValue = 1024

// secretNameParts are the parts of a header name that mark its value as a
// credential (X-XSRF-Token, X-CSRF-Token, X-Api-Key, X-Session-Id, ...).
var secretNameParts = []string{"token", "secret", "password", "passwd", "api-key", "apikey", "session", "csrf", "xsrf"}

// redacted prepares headers for the live log, in place: the log is readable
// by any page of the page origin, and credentials must stay out of page
// JavaScript. It replaces cookie values (Cookie, Set-Cookie), the
// credentials of Authorization and Proxy-Authorization (the scheme stays),
// the values of headers named like credentials, and any other value equal
// to a cookie's (a double-submit XSRF header), saying which rule hid it;
// and it cuts values over maxLoggedValue bytes short, saying how long they
// were.
func redacted(h http.Header) http.Header {
	cookieValues := cookieValuesOf(h["Cookie"])
	for name, values := range h {
		for i, v := range values {
			values[i] = redactValue(name, v, cookieValues)
		}
		h[name] = values
	}
	if cookies, ok := h["Cookie"]; ok {
		h["Cookie"] = redactCookies(cookies)
	}
	if sets, ok := h["Set-Cookie"]; ok {
		h["Set-Cookie"] = redactSetCookies(sets)
	}
	return h
}

// redactValue returns what the log shows of the value v of header name
// (cookies aside, which redactCookies and redactSetCookies handle).
func redactValue(name, v string, cookieValues map[string]string) string {
	lower := strings.ToLower(name)
	switch {
	case lower == "cookie" || lower == "set-cookie":
	case lower == "authorization" || lower == "proxy-authorization":
		if scheme, _, ok := strings.Cut(v, " "); ok {
			return scheme + " [redacted]"
		}
		return "[redacted]"
	case cookieValues[v] != "":
		return fmt.Sprintf("[redacted: the value of cookie %s]", cookieValues[v])
	case secretName(lower):
		return "[redacted]"
	}
	if len(v) > maxLoggedValue {
		return fmt.Sprintf("%s… [%d bytes, cut short in the log]", strings.ToValidUTF8(v[:maxLoggedValue], ""), len(v))
	}
	return v
}

// secretName reports whether a lower-case header name marks a credential.
func secretName(lower string) bool {
	for _, part := range secretNameParts {
		if strings.Contains(lower, part) {
			return true
		}
	}
	return false
}

// cookieValuesOf maps the values of the cookies in Cookie header lines to
// their names; empty values are left out.
func cookieValuesOf(lines []string) map[string]string {
	out := map[string]string{}
	for _, line := range lines {
		for _, part := range strings.Split(line, ";") {
			if name, value, ok := strings.Cut(strings.TrimSpace(part), "="); ok && value != "" {
				out[value] = name
			}
		}
	}
	return out
}

// redactCookies replaces every value in Cookie header lines.
func redactCookies(lines []string) []string {
	out := make([]string, len(lines))
	for i, line := range lines {
		parts := strings.Split(line, ";")
		for j, p := range parts {
			if name, _, ok := strings.Cut(p, "="); ok {
				parts[j] = name + "=[redacted]"
			}
		}
		out[i] = strings.Join(parts, ";")
	}
	return out
}

// redactSetCookies replaces the value of each Set-Cookie line, keeping its
// name and attributes.
func redactSetCookies(lines []string) []string {
	out := make([]string, len(lines))
	for i, line := range lines {
		pair, attrs, _ := strings.Cut(line, ";")
		if name, value, ok := strings.Cut(pair, "="); ok && value != "" {
			pair = name + "=[redacted]"
		}
		out[i] = pair
		if attrs != "" {
			out[i] += ";" + attrs
		}
	}
	return out
}
