package cors

import (
	"strings"

	"github.com/credfetch/credfetch/internal/fetchspec"
)

// compileExpose checks Config.Expose and returns the value of
// Access-Control-Expose-Headers, or "" when nothing is exposed.
func compileExpose(expose []string, credentials bool, errs *configErrors) string {
	var names []string
	for i, h := range expose {
		switch {
		case h == "*" && credentials:
			errs.add("Expose", i, h, "is a literal header name on credentialed responses, not a wildcard, so it exposes nothing",
				"list the header names to expose")
		case h == "*":
			names = append(names, h)
		case !fetchspec.IsToken(h):
			errs.add("Expose", i, h, "is not a valid header name (an HTTP token)",
				"write a header name such as \"X-Request-Id\"")
		case fetchspec.IsForbiddenResponseHeaderName(h):
			errs.add("Expose", i, h, "is never exposed to scripts by browsers",
				"remove it")
		default:
			names = append(names, h)
		}
	}
	return strings.Join(names, ", ")
}
