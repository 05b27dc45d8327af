package fetch

import (
	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/hack-pad/safejs"
)

// isPlatformBody reports whether b is a safejs.Value holding a body fetch()
// accepts (jsutil.IsBody). It is tagged because only the browser can answer
// which JavaScript values those are; the check must agree with the
// transports', which ask the same function.
func isPlatformBody(b any) bool {
	v, ok := b.(safejs.Value)
	return ok && jsutil.IsBody(v)
}
