package cors

import "net/http"

// addVary appends the single value of v to the Vary header of h, keeping
// the values already there. When h has no Vary yet, it stores v itself,
// whose capacity equals its length, so nothing is allocated and a later
// append by a handler copies v instead of changing it.
func addVary(h http.Header, v []string) {
	if len(h) == 0 { // nothing to keep: skip looking Vary up
		h[hdrVary] = v
		return
	}
	if old := h[hdrVary]; len(old) > 0 {
		h[hdrVary] = append(old, v[0])
		return
	}
	h[hdrVary] = v
}
