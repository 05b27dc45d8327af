package cors

import (
	"fmt"
	"strings"
)

// methodSet is the compiled Config.Methods.
type methodSet struct {
	any   bool     // "*": every method but the forbidden ones
	names []string // configured methods beyond GET, HEAD and POST, normalized
}

// normalizedMethods are the method names that browsers upper-case whatever
// case a page writes them in (the Fetch standard's "normalize").
var normalizedMethods = [...]string{"DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"}

// normalizeMethod upper-cases the names that browsers normalize and leaves
// the others as they are.
func normalizeMethod(m string) string {
	for _, n := range normalizedMethods {
		if strings.EqualFold(m, n) {
			return n
		}
	}
	return m
}

// isForbiddenMethod reports whether browsers refuse to send method m.
func isForbiddenMethod(m string) bool {
	return strings.EqualFold(m, "CONNECT") || strings.EqualFold(m, "TRACE") || strings.EqualFold(m, "TRACK")
}

// compile builds the set from Config.Methods, recording each refused entry.
func (s *methodSet) compile(methods []string, errs *configErrors) {
	for i, m := range methods {
		switch {
		case m == "*":
			s.any = true
		case !isToken(m):
			errs.add("Methods", i, m, "is not a valid method name (an HTTP token)",
				"write a method name such as \"PUT\"")
		case isForbiddenMethod(m):
			errs.add("Methods", i, m, "is a forbidden method that browsers never send",
				"remove it")
		default:
			n := normalizeMethod(m)
			if n == "GET" || n == "HEAD" || n == "POST" {
				continue // always allowed
			}
			s.names = append(s.names, n)
		}
	}
}

// allows reports whether a preflight may ask for method m (the value of
// Access-Control-Request-Method), compared case-sensitively as browsers do.
func (s *methodSet) allows(m string) bool {
	switch m {
	case "GET", "HEAD", "POST":
		return true
	}
	for _, n := range s.names {
		if n == m {
			return true
		}
	}
	return s.any && isToken(m) && !isForbiddenMethod(m)
}

// describe names the allowed methods for messages.
func (s *methodSet) describe() string {
	if s.any {
		return "every method"
	}
	return fmt.Sprintf("GET, HEAD, POST%s", prefixJoin(", ", s.names))
}

// prefixJoin joins names, each preceded by sep.
func prefixJoin(sep string, names []string) string {
	var b strings.Builder
	for _, n := range names {
		b.WriteString(sep)
		b.WriteString(n)
	}
	return b.String()
}
