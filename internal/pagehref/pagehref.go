// Package pagehref carries the page's location and base URL from the JS
// API's loader to package fetch. The loader reads them for nothing and passes
// them with every request; without them, fetch reads them from the browser on
// every request, calls from Go into JavaScript that cost more than the rest
// of deciding the request.
package pagehref

import "sync/atomic"

// page is what Set recorded.
type page struct{ href, base string }

var current atomic.Pointer[page]

// Set records href as the page's location and base as its document base URL
// (document.baseURI, which a <base> element moves); an empty base means the
// location itself.
func Set(href, base string) {
	if base == "" {
		base = href
	}
	current.Store(&page{href, base})
}

// Get returns the location Set last recorded, and whether there is one.
func Get() (string, bool) {
	if p := current.Load(); p != nil {
		return p.href, true
	}
	return "", false
}

// Base returns the document base URL Set last recorded, and whether there is
// one.
func Base() (string, bool) {
	if p := current.Load(); p != nil {
		return p.base, true
	}
	return "", false
}
