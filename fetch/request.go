package fetch

import (
	"time"
)

// Request is one request. Its zero fields inherit the policy's Settings;
// after the merge, the prefilters and the transport see the complete
// request, with an absolute URL and the credentials mode that will be used.
type Request struct {
	// Method is the HTTP method; empty means GET. The standard methods are
	// upper-cased (PATCH too, which browsers leave as written); CONNECT, TRACE
	// and TRACK are refused, as browsers refuse them.
	Method string
	// URL is absolute, or relative to Settings.BaseURL, or else to Page's
	// base URL (document.baseURI), as in the browser's fetch().
	URL string
	// Header holds the request headers; they override Settings.Headers of the
	// same name. Headers browsers forbid scripts to set (Cookie, Host, ...) are
	// refused.
	Header Header
	// Body is nil, []byte, string, io.Reader (read once, before sending) or,
	// in the browser, a JavaScript body value (a safejs.Value holding a string,
	// Blob, ArrayBuffer, typed array, FormData, URLSearchParams or
	// ReadableStream). GET and HEAD requests take no body.
	Body any
	// Credentials overrides the mode the client would choose; see
	// Settings.Credentials for how that choice is made.
	Credentials Credentials
	// Mode, Redirect, Cache and ReferrerPolicy pass to the browser; empty
	// inherits Settings and then the browser's default.
	Mode           Mode
	Redirect       Redirect
	Cache          Cache
	ReferrerPolicy ReferrerPolicy
	// Timeout overrides Settings.Timeout; a negative value means none.
	Timeout time.Duration
	// Retry overrides Settings.Retry; a non-nil policy with Limit 0 turns
	// retries off for this request.
	Retry *RetryPolicy
	// ValidateStatus overrides Settings.ValidateStatus.
	ValidateStatus func(status int) bool
	// OnUploadProgress and OnDownloadProgress receive progress events. The
	// XHR transport reports both; the fetch transport reports download progress
	// only (fetch has no upload progress). They run on the transport's
	// goroutine: keep them short.
	OnUploadProgress   func(Progress)
	OnDownloadProgress func(Progress)
	// Read says how the transport reads the response body; the zero value reads
	// it into Response.Body.
	Read ReadMode
	// Init is, in the browser, a JavaScript RequestInit object (as a
	// safejs.Value) whose other fields (integrity, keepalive, priority,
	// referrer, ...) the fetch transport sends as they are, under the fields
	// above: a Go program in a page can pass one it got from JavaScript. Nil
	// means none.
	Init any
	// Signal is, in the browser, a JavaScript AbortSignal (as a safejs.Value)
	// that aborts the exchange, body included, besides ctx: a Go program in a
	// page can pass one it got from JavaScript. Nil means none.
	Signal any
	// Page is the document the request is made from: its location's origin
	// is the page's own (see Settings.Credentials), relative URLs resolve
	// against its base URL, and the XSRF header comes from its cookies. For
	// a Policy the zero value is no page; the Go client fills the fields a
	// request leaves empty from the document its program runs in (see
	// Page). The JS API sets it to the page its loader names.
	Page Page
}

// ReadMode says how a transport reads the response body.
type ReadMode uint8

const (
	// ReadBody reads the whole body into Response.Body before the client's
	// Do returns, so that the timeout and the context cover it.
	ReadBody ReadMode = iota
	// ReadNone leaves the body unread for the caller (who may hand the
	// browser's own Response on, see Response.Native) and Response.Body stays
	// nil. The
	// timeout and the context then cover the exchange up to the response
	// headers; Signal covers the body too.
	ReadNone
)

// Progress reports how much of a body has been transferred.
type Progress struct {
	// Loaded is the number of bytes transferred so far.
	Loaded int64
	// Total is the size of the body, when known (LengthComputable).
	Total int64
	// LengthComputable says whether Total is known.
	LengthComputable bool
}

// clone returns a copy of r whose Header can be changed without touching r's.
func (r *Request) clone() *Request {
	c := *r
	c.Header = r.Header.Clone()
	return &c
}
