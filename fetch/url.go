package fetch

import (
	"fmt"
	"strings"
)

// urlParts is an absolute URL as the WHATWG URL standard (the browser's URL
// class) splits it. In the browser the browser itself parses (url_js.go), so
// origins compare exactly as the browser serializes them; elsewhere net/url
// stands in (url_other.go).
type urlParts struct {
	Href     string // the serialized URL, without the fragment
	Origin   string // scheme://host[:port], the port only when not the default
	Scheme   string // "http" or "https", lower-case
	Hostname string // lower-case; IPv6 in brackets
	Port     string // "" for the scheme's default port
	Path     string // the path, "/" at least
	Search   string // "?query" or ""
	HasUser  bool   // userinfo present
}

// resolveURL makes raw absolute. A URL with a scheme stands as it is; any
// other is joined to base when there is one (base "https://api.test/v1" and
// "/users" give "https://api.test/v1/users": the path is appended, not
// replaced, as axios and ky do), and is otherwise resolved against the
// page's base URL, docBase ("" for no page), as the browser would. Only http
// and https URLs are accepted.
func resolveURL(raw, base, docBase string) (urlParts, error) {
	if strings.TrimSpace(raw) != raw || strings.ContainsAny(raw, "\x00\r\n\t") {
		return urlParts{}, fmt.Errorf("URL %q has surrounding spaces or control characters", raw)
	}
	ref := raw
	against := ""
	if base != "" && !hasScheme(raw) && !strings.HasPrefix(raw, "//") {
		ref = joinPath(base, raw)
	} else if !hasScheme(raw) {
		against = docBase
	}
	if against == "" && !hasScheme(ref) {
		return urlParts{}, fmt.Errorf("URL %q is relative and there is no page location to resolve it against: use an absolute URL, set Settings.BaseURL or name the page in Request.Page", raw)
	}
	u, err := parseURL(ref, against)
	if err != nil {
		return urlParts{}, fmt.Errorf("URL %q does not parse: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return urlParts{}, fmt.Errorf("URL %q has scheme %q: credfetch sends only http and https requests", raw, u.Scheme)
	}
	if u.Hostname == "" {
		return urlParts{}, fmt.Errorf("URL %q has no host", raw)
	}
	if u.HasUser {
		// fetch() refuses such a URL with a TypeError, which would read as a
		// network error.
		return urlParts{}, fmt.Errorf("URL %q includes credentials (user:password@), which fetch() refuses: send them in an Authorization header instead", raw)
	}
	return u, nil
}

// hasScheme reports whether s starts with a URL scheme and a colon.
func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// joinPath appends ref to base with exactly one slash between them.
func joinPath(base, ref string) string {
	if ref == "" {
		return base
	}
	if ref[0] == '?' {
		return base + ref
	}
	return strings.TrimRight(base, "/") + "/" + strings.TrimLeft(ref, "/")
}

// parseBase checks Settings.BaseURL: empty, or an http(s) URL, absolute or
// resolved against the page's base URL, docBase ("" for no page); it returns
// the absolute form.
func parseBase(raw, docBase string) (string, error) {
	if raw == "" {
		return "", nil
	}
	against := ""
	if !hasScheme(raw) {
		if against = docBase; against == "" {
			return "", fmt.Errorf("Settings.BaseURL %q is relative and there is no page location: write an absolute URL such as https://api.example.com/v1, or name the page it resolves against (ConfigureFor)", raw)
		}
	}
	u, err := parseURL(raw, against)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname == "" {
		return "", fmt.Errorf("Settings.BaseURL %q is not an http or https URL: write one such as https://api.example.com/v1", raw)
	}
	if u.Search != "" || strings.Contains(raw, "#") {
		return "", fmt.Errorf("Settings.BaseURL %q has a query or fragment: keep them in request URLs", raw)
	}
	return u.Href, nil
}
