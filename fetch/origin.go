package fetch

import (
	"errors"
	"fmt"
	"strings"
)

// trustList holds the origins that get the configured credentials.
type trustList struct {
	exact    map[string]bool
	suffixes []trustedSuffix // from scheme://*.domain patterns
}

// trustedSuffix is a subdomain pattern: a host ending in "."+domain, under the
// pattern's scheme and port; never the domain itself.
type trustedSuffix struct {
	scheme, dotDomain, port string
}

// Origins is a set of origins and subdomain patterns, in the form
// Settings.TrustedOrigins takes. Its matching is the one the client uses to
// decide which requests get credentials.
type Origins struct{ list trustList }

// ParseOrigins checks list as Settings.TrustedOrigins is checked and returns
// the set, or one error per bad entry naming it and the fix.
func ParseOrigins(list []string) (*Origins, error) {
	t, err := parseTrusted("origins", list)
	if err != nil {
		return nil, err
	}
	return &Origins{t}, nil
}

// Match reports whether the origin of the absolute http(s) URL rawURL is in
// the set; it is false for anything else.
func (o *Origins) Match(rawURL string) bool {
	u, err := parseURL(rawURL, "")
	return err == nil && o.list.trusts(u)
}

// parseTrusted checks Settings.TrustedOrigins. Each entry is an origin written
// exactly as browsers serialize it (scheme://host[:port], lower-case, no
// default port, nothing after it) or a subdomain pattern scheme://*.domain[:port].
func parseTrusted(field string, origins []string) (trustList, error) {
	t := trustList{exact: make(map[string]bool, len(origins))}
	var errs []error
	for i, o := range origins {
		field := fmt.Sprintf("%s[%d]", field, i)
		if o == "*" || o == "null" {
			errs = append(errs, fmt.Errorf("%s %q: trusting %s would send credentials with requests to any site; list the origins that should get them, e.g. https://api.example.com", field, o, o))
			continue
		}
		raw, pattern := o, strings.Contains(o, "://*.")
		if pattern {
			scheme, host, _ := strings.Cut(o, "://*.")
			raw = scheme + "://" + host
		}
		u, err := parseURL(raw, "")
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname == "" {
			errs = append(errs, fmt.Errorf("%s %q is not an http(s) origin: write scheme://host[:port], e.g. https://api.example.com", field, o))
			continue
		}
		if u.Origin != raw {
			want := u.Origin
			if pattern {
				scheme, host, _ := strings.Cut(want, "://")
				want = scheme + "://*." + host
			}
			errs = append(errs, fmt.Errorf("%s %q is not an origin as browsers write it: use %q (lower-case, no default port, no path, query or fragment)", field, o, want))
			continue
		}
		if !pattern {
			t.exact[u.Origin] = true
			continue
		}
		if !strings.Contains(u.Hostname, ".") {
			errs = append(errs, fmt.Errorf("%s %q matches every host under a top-level name: name a domain you control, e.g. https://*.example.com", field, o))
			continue
		}
		t.suffixes = append(t.suffixes, trustedSuffix{scheme: u.Scheme, dotDomain: "." + u.Hostname, port: u.Port})
	}
	if len(errs) > 0 {
		return trustList{}, errors.Join(errs...)
	}
	return t, nil
}

// trusts reports whether the origin of u is trusted.
func (t trustList) trusts(u urlParts) bool {
	if t.exact[u.Origin] {
		return true
	}
	for _, s := range t.suffixes {
		if s.scheme == u.Scheme && s.port == u.Port && len(u.Hostname) > len(s.dotDomain) && strings.HasSuffix(u.Hostname, s.dotDomain) {
			return true
		}
	}
	return false
}
