// Package pagehref carries the page's location from the JS API's loader to
// package fetch. The loader reads location.href for nothing and passes it
// with every request; without it, fetch reads it from the browser on every
// request, two calls from Go into JavaScript that cost more than the rest of
// deciding the request.
package pagehref

import "sync/atomic"

var current atomic.Pointer[string]

// Set records href as the page's location.
func Set(href string) { current.Store(&href) }

// Get returns the location Set last recorded, and whether there is one.
func Get() (string, bool) {
	if p := current.Load(); p != nil {
		return *p, true
	}
	return "", false
}
