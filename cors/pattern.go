package cors

import (
	"fmt"
	"strings"
)

// originSet is the compiled Config.Origins: how New's entries match the
// Origin header of a request.
type originSet struct {
	any        bool                // "*": every origin
	few        []string            // exact origins when there are few of them
	exact      map[string]struct{} // exact origins when there are many
	subdomains []subdomainPattern
	anyPorts   []anyPortPattern
	empty      bool // no entry at all: nothing is allowed, nothing varies
	onlyFew    bool // no entry but the few exact origins
}

// subdomainPattern matches scheme://LABELS.base[:port] for one or more
// labels.
type subdomainPattern struct {
	prefix string // "https://"
	suffix string // ".example.com" or ".example.com:8443"
}

// anyPortPattern matches scheme://host and scheme://host:PORT for any
// non-default port.
type anyPortPattern struct {
	prefix      string // "http://localhost"
	defaultPort string // "80" or "443", which browsers never write
}

// compile builds the set from Config.Origins, recording each refused entry.
func (s *originSet) compile(origins []string, credentials bool, errs *configErrors) {
	s.empty = len(origins) == 0
	seen := make(map[string]int, len(origins))
	for i, o := range origins {
		e, p := parseOriginEntry(o, credentials)
		if p != nil {
			errs.add("Origins", i, o, p.problem, p.fix)
			continue
		}
		if j, dup := seen[o]; dup {
			errs.add("Origins", i, o, fmt.Sprintf("repeats Config.Origins[%d]", j), "remove one of them")
			continue
		}
		seen[o] = i
		switch e.kind {
		case originAny:
			s.any = true
		case originExact:
			s.few = append(s.few, o)
		case originSubdomains:
			suffix := "." + e.host
			if e.port != "" {
				suffix += ":" + e.port
			}
			s.subdomains = append(s.subdomains, subdomainPattern{prefix: e.scheme + "://", suffix: suffix})
		case originAnyPort:
			s.anyPorts = append(s.anyPorts, anyPortPattern{prefix: e.scheme + "://" + e.host, defaultPort: defaultPort(e.scheme)})
		}
	}
	if len(s.few) > fewOrigins {
		s.exact = make(map[string]struct{}, len(s.few))
		for _, o := range s.few {
			s.exact[o] = struct{}{}
		}
		s.few = nil
	}
	s.onlyFew = !s.any && s.exact == nil && len(s.subdomains) == 0 && len(s.anyPorts) == 0
}

// isFew reports whether o is one of the few exact origins.
func (s *originSet) isFew(o string) bool {
	for _, e := range s.few {
		if e == o {
			return true
		}
	}
	return false
}

// fewOrigins is the number of exact origins up to which comparing them one
// by one beats hashing the request's origin for a map lookup.
const fewOrigins = 4

// allowsOther reports whether the request origin o is allowed by an entry
// other than the few exact origins, which judge compares itself. It
// neither allocates nor reads o more than a few times over.
func (s *originSet) allowsOther(o string) bool {
	return s.any || s.listsOther(o)
}

// listsOther reports whether o is allowed by an entry other than "*" and
// the few exact origins: the many exact origins and the patterns, which the
// write protection trusts as it trusts the few.
func (s *originSet) listsOther(o string) bool {
	if s.exact != nil {
		if _, ok := s.exact[o]; ok {
			return true
		}
	}
	for i := range s.subdomains {
		if s.subdomains[i].match(o) {
			return true
		}
	}
	for i := range s.anyPorts {
		if s.anyPorts[i].match(o) {
			return true
		}
	}
	return false
}

// match reports whether o is a subdomain origin of the pattern.
func (p *subdomainPattern) match(o string) bool {
	if len(o) <= len(p.prefix)+len(p.suffix) || !strings.HasPrefix(o, p.prefix) || !strings.HasSuffix(o, p.suffix) {
		return false
	}
	return validLabels(o[len(p.prefix) : len(o)-len(p.suffix)])
}

// match reports whether o is the pattern's host with any port or none.
func (p *anyPortPattern) match(o string) bool {
	if !strings.HasPrefix(o, p.prefix) {
		return false
	}
	rest := o[len(p.prefix):]
	if rest == "" {
		return true
	}
	return rest[0] == ':' && validPort(rest[1:]) && rest[1:] != p.defaultPort
}

// validLabels reports whether s is one or more dot-separated host labels as
// browsers serialize them: non-empty, at most 63 bytes, lower-case letters,
// digits, hyphens and underscores.
func validLabels(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '.' {
			if n == 0 {
				return false
			}
			n = 0
			continue
		}
		if !hostChar(c) {
			return false
		}
		n++
		if n > 63 {
			return false
		}
	}
	return n > 0
}

// validPort reports whether s is a port as browsers serialize it: decimal,
// from 1 to 65535, without leading zeros.
func validPort(s string) bool {
	if s == "" || len(s) > 5 || s[0] == '0' {
		return false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return false
		}
		n = n*10 + int(c-'0')
	}
	return n <= 65535
}
