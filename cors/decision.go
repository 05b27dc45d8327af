package cors

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// Reason is a stable code for why a policy decided as it did. Its values
// are part of the API: they do not change between versions, so programs and
// tests may match on them.
type Reason string

// The reasons a Decision can carry.
const (
	// ReasonNoOrigin: the request has no Origin header, so it is not a CORS
	// request; it goes to the handler untouched, apart from Vary.
	ReasonNoOrigin Reason = "no-origin"

	// ReasonAllowed: an actual (non-preflight) CORS request from an allowed
	// origin; the CORS headers are added and the handler runs.
	ReasonAllowed Reason = "allowed"

	// ReasonOriginNotAllowed: the origin is not in Config.Origins. An actual
	// request still reaches the handler, without CORS headers; a preflight
	// is refused.
	ReasonOriginNotAllowed Reason = "origin-not-allowed"

	// ReasonNullOrigin: the origin is "null", which is never allowed by a
	// policy without "*".
	ReasonNullOrigin Reason = "null-origin"

	// ReasonInvalidOrigin: the Origin header is empty or repeated, which no
	// browser sends.
	ReasonInvalidOrigin Reason = "invalid-origin"

	// ReasonPreflightAllowed: a preflight whose origin, method and headers
	// are all allowed; it is answered 204 with the CORS headers.
	ReasonPreflightAllowed Reason = "preflight-allowed"

	// ReasonMethodNotAllowed: a preflight asks for a method that
	// Config.Methods does not allow, or carries no single
	// Access-Control-Request-Method; it is refused.
	ReasonMethodNotAllowed Reason = "method-not-allowed"

	// ReasonHeaderNotAllowed: a preflight asks for a request header that
	// Config.Headers does not allow, or Access-Control-Request-Headers holds
	// something that is not a header name; it is refused.
	ReasonHeaderNotAllowed Reason = "header-not-allowed"

	// ReasonRequestHeadersTooLong: a preflight's Access-Control-Request-Headers
	// exceeds MaxRequestHeadersBytes or MaxRequestHeadersLines; it is refused
	// without being parsed.
	ReasonRequestHeadersTooLong Reason = "request-headers-too-long"

	// ReasonPublic: an actual request from an origin not in Config.Origins
	// under Config.Public; it gets Access-Control-Allow-Origin: * without
	// credentials and the handler runs.
	ReasonPublic Reason = "public"

	// ReasonPreflightPublic: a preflight from an origin not in
	// Config.Origins under Config.Public whose method and headers are
	// allowed; it is answered 204 with Access-Control-Allow-Origin: * and
	// without credentials.
	ReasonPreflightPublic Reason = "preflight-public"
)

// reasonCode is a Reason in the compact form that the decision path
// passes around; reasons maps it to its Reason.
type reasonCode uint8

const (
	codeNoOrigin reasonCode = iota
	codeAllowed
	codeOriginNotAllowed
	codeNullOrigin
	codeInvalidOrigin
	codePreflightAllowed
	codeMethodNotAllowed
	codeHeaderNotAllowed
	codeRequestHeadersTooLong
	codePublic
	codePreflightPublic
)

// reasons maps each reasonCode to its Reason.
var reasons = [...]Reason{
	codeNoOrigin:              ReasonNoOrigin,
	codeAllowed:               ReasonAllowed,
	codeOriginNotAllowed:      ReasonOriginNotAllowed,
	codeNullOrigin:            ReasonNullOrigin,
	codeInvalidOrigin:         ReasonInvalidOrigin,
	codePreflightAllowed:      ReasonPreflightAllowed,
	codeMethodNotAllowed:      ReasonMethodNotAllowed,
	codeHeaderNotAllowed:      ReasonHeaderNotAllowed,
	codeRequestHeadersTooLong: ReasonRequestHeadersTooLong,
	codePublic:                ReasonPublic,
	codePreflightPublic:       ReasonPreflightPublic,
}

// Decision is what a policy decides on one request, as returned by
// [Policy.Explain]: the same decision that [Policy.Wrap] acts on.
type Decision struct {
	// CORS reports whether the request is a CORS request (it has an Origin
	// header).
	CORS bool
	// Preflight reports whether the request is a CORS preflight (OPTIONS
	// with Origin and Access-Control-Request-Method). Preflights are
	// answered by the policy and never reach the wrapped handler.
	Preflight bool
	// Allowed reports whether the policy grants the cross-origin access
	// asked for; it is false when CORS is false.
	Allowed bool
	// Reason is the stable code for the decision.
	Reason Reason
	// Message is one sentence explaining the decision, naming the
	// offending value when something is refused.
	Message string
	// Origin is the request's Origin header ("" when absent; repeated
	// headers joined by ", ").
	Origin string
	// RequestMethod is the preflight's Access-Control-Request-Method.
	RequestMethod string
	// RequestHeaders is the preflight's Access-Control-Request-Headers
	// (repeated header lines joined by ", ").
	RequestHeaders string
	// Status is the status code of the policy's own answer: 204 or 403 to
	// a preflight, 403 to a write the write protection refuses; 0 when the
	// request goes to the wrapped handler.
	Status int
	// Header holds the headers the policy adds to the response, Vary
	// included (appended to whatever the response already has).
	Header http.Header
	// Write is the write protection's verdict on the request (see
	// Config.WriteProtection), given for every request.
	Write WriteVerdict
}

// decision builds the Decision for the outcome of decide.
func (p *rules) decision(code reasonCode, preflight bool, origin, acrm, acrh []string, h http.Header) Decision {
	d := Decision{
		CORS:           code != codeNoOrigin,
		Preflight:      preflight,
		Allowed:        code == codeAllowed || code == codePublic || preflightAllowed(code),
		Reason:         reasons[code],
		Origin:         strings.Join(origin, ", "),
		RequestMethod:  strings.Join(acrm, ", "),
		RequestHeaders: strings.Join(acrh, ", "),
		Header:         h,
	}
	if preflight {
		d.Status = preflightStatus(code)
	}
	d.Message = p.message(code, preflight, origin, acrm, acrh, &d)
	return d
}

// message writes the one-sentence explanation of a decision.
func (p *rules) message(code reasonCode, preflight bool, origin, acrm, acrh []string, d *Decision) string {
	outcome := "no CORS headers are added; the handler still runs and the browser keeps the response from the page (a same-origin request needs no CORS headers)"
	if preflight {
		outcome = "the preflight is refused with 403 and no Access-Control-* header"
	}
	switch code {
	case codeNoOrigin:
		if p.origins.empty {
			return "The request has no Origin header, so it is not a CORS request and goes to the handler untouched."
		}
		return "The request has no Origin header, so it is not a CORS request and goes to the handler with only Vary: Origin added."
	case codeAllowed:
		if p.origins.any {
			return fmt.Sprintf("Origin %s is allowed because Config.Origins has \"*\", so the response gets Access-Control-Allow-Origin: * and the handler runs.", quote(d.Origin))
		}
		return fmt.Sprintf("Origin %s is allowed by Config.Origins, so the response gets the CORS headers and the handler runs.", quote(d.Origin))
	case codeOriginNotAllowed:
		return fmt.Sprintf("Origin %s is not allowed by Config.Origins, so %s.", quote(d.Origin), outcome)
	case codeNullOrigin:
		return fmt.Sprintf("Origin \"null\" (sent by sandboxed iframes, file: pages and some redirects) is never allowed, so %s.", outcome)
	case codeInvalidOrigin:
		if len(origin) != 1 {
			return fmt.Sprintf("The request has %d Origin headers where browsers send one, so %s.", len(origin), outcome)
		}
		return fmt.Sprintf("The Origin header is empty, so %s.", outcome)
	case codeMethodNotAllowed:
		if len(acrm) != 1 {
			return fmt.Sprintf("The preflight has %d Access-Control-Request-Method headers where browsers send one, so %s.", len(acrm), outcome)
		}
		return fmt.Sprintf("Method %s (Access-Control-Request-Method) is not allowed by Config.Methods (allowed: %s), so %s.",
			quote(d.RequestMethod), p.methods.describe(), outcome)
	case codeHeaderNotAllowed:
		res, bad := p.headers.scan(acrh) // the same check, again, for the offending name
		switch {
		case res == listInvalid:
			return fmt.Sprintf("Access-Control-Request-Headers holds %s, which is not a header name, so %s.", quote(bad), outcome)
		case p.headers.any:
			return fmt.Sprintf("Request header %s (Access-Control-Request-Headers) is not covered by \"*\" in Config.Headers and must be listed by name, so %s.", quote(bad), outcome)
		}
		return fmt.Sprintf("Request header %s (Access-Control-Request-Headers) is not allowed by Config.Headers, so %s.", quote(bad), outcome)
	case codeRequestHeadersTooLong:
		n := 0
		for _, l := range acrh {
			n += len(l)
		}
		lines := "lines"
		if len(acrh) == 1 {
			lines = "line"
		}
		return fmt.Sprintf("Access-Control-Request-Headers has %d bytes in %d %s, over the limit of %d bytes in %d lines, so %s.",
			n, len(acrh), lines, MaxRequestHeadersBytes, MaxRequestHeadersLines, outcome)
	case codePreflightAllowed, codePreflightPublic:
		headers := "no request headers"
		if requestsHeaders(acrh) {
			headers = "request headers " + quote(d.RequestHeaders)
		}
		if code == codePreflightPublic {
			return fmt.Sprintf("Origin %s is not in Config.Origins, but Config.Public lets every origin read without credentials: its preflight for method %s with %s is answered 204 with Access-Control-Allow-Origin: * and no Access-Control-Allow-Credentials, so only a request without credentials may follow.",
				quote(d.Origin), quote(d.RequestMethod), headers)
		}
		return fmt.Sprintf("Preflight from origin %s for method %s with %s is allowed, so it is answered 204 with the CORS headers and the handler does not run.",
			quote(d.Origin), quote(d.RequestMethod), headers)
	case codePublic:
		return fmt.Sprintf("Origin %s is not in Config.Origins, but Config.Public lets every origin read without credentials, so the response gets Access-Control-Allow-Origin: * and no Access-Control-Allow-Credentials (a page there can read it only if it sent no cookies) and the handler runs.", quote(d.Origin))
	}
	return "Unknown decision."
}

// quoteMax is the number of bytes of a request value that messages quote.
const quoteMax = 64

// quote quotes a request value for a message, cutting long values short.
func quote(s string) string {
	if len(s) <= quoteMax {
		return strconv.Quote(s)
	}
	return strconv.Quote(s[:quoteMax]) + fmt.Sprintf("... (%d bytes)", len(s))
}

// String renders the decision for people: a summary line with the reason
// code, the message, the preflight status, and the headers the policy adds,
// one per line in name order.
func (d Decision) String() string {
	var b strings.Builder
	kind := "CORS request"
	verdict := "refused"
	switch {
	case !d.CORS:
		kind, verdict = "not a CORS request", "passed through"
	case d.Preflight:
		kind = "CORS preflight"
	}
	if d.Allowed {
		verdict = "allowed"
	}
	fmt.Fprintf(&b, "%s, %s [%s]\n%s", kind, verdict, d.Reason, d.Message)
	if d.Write.Reason != "" && d.Write.Reason != ReasonSafeMethod {
		verdict := "passes"
		if d.Write.Refused {
			verdict = "refused"
		}
		fmt.Fprintf(&b, "\nWrite protection: %s [%s] %s", verdict, d.Write.Reason, d.Write.Message)
	}
	if d.Status != 0 {
		fmt.Fprintf(&b, "\nStatus: %d", d.Status)
	}
	keys := make([]string, 0, len(d.Header))
	for k := range d.Header {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		for _, v := range d.Header[k] {
			fmt.Fprintf(&b, "\n%s: %s", k, v)
		}
	}
	return b.String()
}
