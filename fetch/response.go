package fetch

import (
	"fmt"

	"github.com/credfetch/credfetch/internal/jsonlite"
)

// Response is the browser's response to a request.
type Response struct {
	// Status is the HTTP status code, and StatusText its reason phrase.
	Status     int
	StatusText string
	// URL is the final URL, after any redirects.
	URL string
	// Redirected says whether the browser followed a redirect.
	Redirected bool
	// Header holds the response headers the browser exposes to scripts: for a
	// cross-origin response, only the CORS-safelisted ones (Cache-Control,
	// Content-Language, Content-Length, Content-Type, Expires, Last-Modified,
	// Pragma) and those the server lists in Access-Control-Expose-Headers.
	Header Header
	// Body is the response body, read in full (nil with ReadNone).
	Body []byte
	// Request is the request as it was sent, after the prefilters.
	Request *Request
	// Attempts is how many times the request was sent (more than 1 after
	// retries).
	Attempts int

	// native holds the transport's own response object (the browser's
	// Response or XMLHttpRequest); see Native.
	native any
}

// OK reports whether the status is in the range 200-299.
func (r *Response) OK() bool { return r.Status >= 200 && r.Status <= 299 }

// Text returns the body as a string.
func (r *Response) Text() string { return string(r.Body) }

// JSON decodes the body as JSON into v, as encoding/json's Unmarshal does.
// In js/wasm a small decoder (internal/jsonlite) stands in for encoding/json,
// which would add about 165 KB (gzip) to a module; see jsonlite.Unmarshal for
// what it leaves out.
func (r *Response) JSON(v any) error {
	if err := jsonlite.Decode(r.Body, v); err != nil {
		return fmt.Errorf("credfetch: decode the JSON body of %s (Content-Type %q): %w", r.URL, r.Header.Get("Content-Type"), err)
	}
	return nil
}

// Native returns the transport's own response object: in the browser, the
// JavaScript Response (fetch transport) or XMLHttpRequest (XHR transport) as a
// safejs.Value; nil for transports that have none.
func (r *Response) Native() any { return r.native }

// NewResponse makes a Response for a Transport to return. native is the
// transport's own response object (see Response.Native), or nil.
func NewResponse(status int, statusText, url string, redirected bool, header Header, body []byte, native any) *Response {
	if header == nil {
		header = Header{}
	}
	return &Response{Status: status, StatusText: statusText, URL: url, Redirected: redirected, Header: header, Body: body, native: native}
}
