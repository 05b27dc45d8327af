//go:build !js

package fetch

// isPlatformBody reports whether b is a JavaScript body value; outside
// js/wasm there are none.
func isPlatformBody(any) bool { return false }
