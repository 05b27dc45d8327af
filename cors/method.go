package cors

import (
	"fmt"
	"strings"

	"github.com/credfetch/credfetch/internal/fetchspec"
)

// methodSet is the compiled Config.Methods.
type methodSet struct {
	any   bool     // "*": every method but the forbidden ones
	names []string // configured methods beyond GET, HEAD and POST, normalized
}

// compile builds the set from Config.Methods, recording each refused entry.
// It normalizes each name as browsers do (fetchspec.NormalizeMethod), so
// "put" is stored as "PUT"; other names must be upper case ("patch" is
// refused with the fix "PATCH"), since browsers send them as the page wrote
// them and compare them case-sensitively.
func (s *methodSet) compile(methods []string, errs *configErrors) {
	for i, m := range methods {
		switch {
		case m == "*":
			s.any = true
		case !fetchspec.IsToken(m):
			errs.add("Methods", i, m, "is not a valid method name (an HTTP token)",
				"write a method name such as \"PUT\"")
		case fetchspec.IsForbiddenMethod(m):
			errs.add("Methods", i, m, "is a forbidden method that browsers never send",
				"remove it")
		default:
			n := fetchspec.NormalizeMethod(m)
			if fetchspec.IsSafelistedMethod(n) {
				continue // always allowed
			}
			if upper := fetchspec.UpperASCII(n); upper != n {
				errs.add("Methods", i, m, "is not in upper case, and browsers send every method but DELETE, GET, HEAD, OPTIONS, POST and PUT exactly as the page wrote it, so it would only allow pages that write it in this case",
					fmt.Sprintf("write %q, and have your pages send %q", upper, upper))
				continue
			}
			s.names = append(s.names, n)
		}
	}
}

// allows reports whether a preflight may ask for method m (the value of
// Access-Control-Request-Method), compared case-sensitively as browsers do.
func (s *methodSet) allows(m string) bool {
	if fetchspec.IsSafelistedMethod(m) {
		return true
	}
	for _, n := range s.names {
		if n == m {
			return true
		}
	}
	return s.any && fetchspec.IsToken(m) && !fetchspec.IsForbiddenMethod(m)
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
