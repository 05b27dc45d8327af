package fetch

import (
	"errors"
	"strconv"
	"time"

	"github.com/credfetch/credfetch/internal/errs"
)

// The kinds of failure. Every error a Policy or the client's Do returns is an
// *Error whose Kind is one of these, so errors.Is(err, ErrTimeout) and its
// siblings tell failures apart.
var (
	// ErrTimeout: the request's Timeout ran out before the exchange, body
	// included, was complete. Such an error also matches
	// context.DeadlineExceeded.
	ErrTimeout = errors.New("timeout")
	// ErrAborted: the caller's context was canceled (in the JS API, the
	// AbortSignal fired). Such an error also matches context.Canceled when the
	// context was canceled.
	ErrAborted = errors.New("aborted")
	// ErrNetwork: the browser gave no response. Browsers report a CORS refusal,
	// an unreachable server and being offline the same way, and hide the reason
	// from scripts; the error message lists the usual causes. After a
	// cross-origin failure the senders ask the server once more, without
	// CORS (see Policy.ProbesCORS): when it answers, the error is ErrCORS
	// instead.
	ErrNetwork = errors.New("network error")
	// ErrCORS: the browser refused a cross-origin response under CORS. The
	// request failed as a network error would, but a probe (see
	// Policy.ProbesCORS) showed that the server answers, so the server's CORS
	// headers, not the network, are the likely cause. Never retried.
	ErrCORS = errors.New("CORS refusal")
	// ErrStatus: the response's status failed the request's status check (see
	// Settings.ValidateStatus). The *Error holds the Response.
	ErrStatus = errors.New("HTTP status")
	// ErrInvalid: the request was refused before it was sent: a bad URL,
	// method, header or body, or a prefilter that canceled it.
	ErrInvalid = errors.New("invalid request")
)

// Error is the error of a failed request.
type Error struct {
	// Kind is ErrTimeout, ErrAborted, ErrNetwork, ErrCORS, ErrStatus or
	// ErrInvalid.
	Kind error
	// Method and URL identify the request, as far as it was known.
	Method, URL string
	// Response is the response that failed the status check (Kind ErrStatus),
	// nil otherwise.
	Response *Response
	// Err is the underlying cause, when there is one: the browser's error, the
	// context's error, or what was wrong with the request.
	Err error
}

// Code is the short name of the error's kind, as the JS API reports it in
// error.code: "timeout", "abort", "network", "cors", "http" or "invalid".
func (e *Error) Code() string {
	switch e.Kind {
	case ErrTimeout:
		return "timeout"
	case ErrAborted:
		return "abort"
	case ErrNetwork:
		return "network"
	case ErrCORS:
		return "cors"
	case ErrStatus:
		return "http"
	default:
		return "invalid"
	}
}

// Error says what failed, for which request, and why.
func (e *Error) Error() string {
	msg := "credfetch: "
	if e.Method != "" || e.URL != "" {
		msg += e.Method + " " + e.URL + ": "
	}
	switch e.Kind {
	case ErrStatus:
		msg += "HTTP " + strconv.Itoa(e.Response.Status)
		if e.Response.StatusText != "" {
			msg += " " + e.Response.StatusText
		}
		return msg
	case ErrNetwork:
		msg += "network error"
		if e.Err != nil {
			msg += " (" + e.Err.Error() + ")"
		}
		return msg + networkHint
	case ErrCORS:
		msg += "the browser refused the response under CORS"
		if e.Err != nil {
			msg += " (" + e.Err.Error() + ")"
		}
		return msg + corsHint
	}
	msg += e.Kind.Error()
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// networkHint lists what a browser's "Failed to fetch" usually means for a
// credentialed cross-origin request; the browser console names the real cause.
const networkHint = ". The browser gives scripts no reason: the server may be down or unreachable, or the browser refused the response under CORS " +
	"(for a credentialed request: Access-Control-Allow-Credentials: true missing, Access-Control-Allow-Origin: * instead of the page's origin, " +
	"or a preflight that did not allow the method or headers); a third-party cookie the browser blocked sends no session. The browser console shows the cause"

// corsHint says what to check after a CORS refusal: the server answered a
// probe, so its CORS headers are the likely cause.
const corsHint = ": the server answered a probe without CORS, so it is reachable and its CORS headers do not allow this request. " +
	"Check what it answers for this page's origin and credentials mode: Access-Control-Allow-Origin must be the page's origin " +
	"(not * when credentials are included), Access-Control-Allow-Credentials: true when they are, and a preflight's " +
	"Access-Control-Allow-Methods and Access-Control-Allow-Headers must list this method and these headers. " +
	"The browser console (DevTools) or credfetch-doctor shows Chrome's exact reason"

// AsError finds the first *Error in err's chain, as errors.As would. It
// walks the chain without reflection, which keeps internal/reflectlite out of
// js/wasm programs that use it instead of errors.As.
func AsError(err error) (*Error, bool) { return errs.As[*Error](err) }

// Unwrap returns the kind and the cause, so errors.Is matches both.
func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

// TimeoutError is the cause (Error.Err) of an ErrTimeout: the request's
// Timeout ran out before the exchange, body included, was complete.
// errors.As reads the Timeout from an error the client's Do returned.
type TimeoutError struct {
	// Timeout is the duration that ran out.
	Timeout time.Duration
}

// Error says which timeout ran out.
func (t TimeoutError) Error() string {
	return "no complete response within the " + t.Timeout.String() + " timeout"
}
