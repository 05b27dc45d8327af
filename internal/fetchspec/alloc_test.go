package fetchspec

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestNoAllocations holds the package to its promise: package cors calls
// these on every preflight and is benchmarked at zero allocations.
func TestNoAllocations(t *testing.T) {
	var sink bool
	var names int
	cases := map[string]func(){
		"IsToken":        func() { sink = IsToken("x-requested-with") },
		"EqualFoldLower": func() { sink = EqualFoldLower("Content-Type", "content-type") },
		"LowerASCII, lower already": func() {
			sink = LowerASCII("content-type") == ""
		},
		"NormalizeMethod":              func() { sink = NormalizeMethod("delete") == "" },
		"IsSafelistedMethod":           func() { sink = IsSafelistedMethod("POST") },
		"IsForbiddenMethod":            func() { sink = IsForbiddenMethod("Trace") },
		"IsForbiddenRequestHeaderName": func() { sink = IsForbiddenRequestHeaderName("X-Requested-With") },
		"IsSafelistedRequestHeader": func() {
			sink = IsSafelistedRequestHeader("Content-Type", "text/plain; charset=utf-8") && IsSafelistedRequestHeader("Range", "bytes=0-10")
		},
		"IsSafelistedResponseHeaderName": func() { sink = IsSafelistedResponseHeaderName("Pragma") },
		"CutListElement": func() {
			for _, rest, ok := CutListElement(" content-type , x-requested-with,,"); ok; _, rest, ok = CutListElement(rest) {
				names++
			}
		},
	}
	for name, f := range cases {
		assert.Zero(t, testing.AllocsPerRun(100, f), name)
	}
	_, _ = sink, names
}
