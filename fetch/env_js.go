package fetch

import (
	"errors"
	"time"

	"github.com/credfetch/credfetch/internal/jitter"
	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/hack-pad/safejs"
)

// platformEnv in the browser: the document's location, base URL and cookies,
// read when a request needs them and its Page does not say. Outside a page
// (Node.js, a worker without document) they are empty.
func platformEnv() environment {
	return environment{
		location: pageLocation,
		base:     pageBase,
		cookies:  pageCookies,
		now:      time.Now,
		random:   jitter.N,
	}
}

// pageLocation returns globalThis.location.href, or "".
func pageLocation() string {
	loc, err := safejs.Global().Get("location")
	if err != nil || loc.Type() != safejs.TypeObject {
		return ""
	}
	return jsutil.Prop(loc, "href")
}

// pageBase returns the document's base URL, document.baseURI, else the
// location.
func pageBase() string {
	if doc, err := safejs.Global().Get("document"); err == nil && doc.Type() == safejs.TypeObject {
		if base := jsutil.Prop(doc, "baseURI"); base != "" {
			return base
		}
	}
	return pageLocation()
}

// pageCookies returns document.cookie, or "" (no document, or a sandboxed
// document whose cookie getter throws).
func pageCookies() string {
	doc, err := safejs.Global().Get("document")
	if err != nil || doc.Type() != safejs.TypeObject {
		return ""
	}
	return jsutil.Prop(doc, "cookie")
}

// platformBodies are the JavaScript classes a body may be an instance of.
var platformBodies = []string{"ArrayBuffer", "Blob", "FormData", "URLSearchParams", "ReadableStream"}

// isPlatformBody reports whether b is a safejs.Value holding a body fetch()
// accepts: a string, an ArrayBuffer or a view of one (Uint8Array, DataView,
// ...), a Blob, FormData, URLSearchParams or ReadableStream.
func isPlatformBody(b any) bool {
	v, ok := b.(safejs.Value)
	if !ok {
		return false
	}
	switch v.Type() {
	case safejs.TypeString:
		return true
	case safejs.TypeObject:
	default:
		return false
	}
	if ab, err := jsutil.Global("ArrayBuffer"); err == nil {
		if view, err := ab.Call("isView", v); err == nil {
			if yes, _ := view.Truthy(); yes {
				return true
			}
		}
	}
	for _, class := range platformBodies {
		if jsutil.InstanceOf(v, class) {
			return true
		}
	}
	return false
}

// defaultTransport in the browser is fetch().
var defaultTransport Transport = fetchTransport{} // FetchAPI, written so that it needs no init code

// newObjectErr returns a new empty JavaScript object, or an error when the
// environment cannot make one.
func newObjectErr() (safejs.Value, error) {
	o := jsutil.NewObject()
	if o.IsUndefined() {
		return o, errors.New("cannot create a JavaScript object")
	}
	return o, nil
}
