// Package jsapi is the Go half of credfetch's JS API: the decisions the
// loader (assets/credfetch.js) asks credfetch.wasm for. The loader reads the
// page's arguments, runs the page's prefilters and moves the bytes with the
// browser's own fetch() and XMLHttpRequest; this package holds the settings
// and decides what each request becomes, through package fetch: the merge
// with the settings, the URL, the credentials for its origin, the checks, the
// XSRF header, the retries and the error messages.
//
// Each call crosses the JavaScript/Go boundary as one string each way, which
// is the cheapest thing to cross: a message is a list of fields separated by
// NUL (Sep), and most are key-value pairs. A reply starts with "ok" or with
// "err" and a message for the page. The loader refuses strings holding the
// protocol's separators (NUL, \x01, \x02) before they get here.
package jsapi
