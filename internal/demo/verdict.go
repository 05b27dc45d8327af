package demo

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/credfetch/credfetch/internal/fetchspec"
)

// Verdict is what a browser concludes from one exchange the API origin saw:
// whether the response passes the CORS checks of the Fetch standard, and if
// not, the reason under the name Chromium gives it in DevTools and in CDP's
// Network.loadingFailed CorsErrorStatus. Page JavaScript never learns this
// reason (it only sees "TypeError: Failed to fetch"); the server can work it
// out, because it knows both the request and the response.
type Verdict struct {
	// CORS is false for requests without an Origin header and for
	// same-origin requests, which the browser does not check.
	CORS bool `json:"cors"`
	// Credentials is the credentials mode judged: "include", "same-origin"
	// or "omit".
	Credentials string `json:"credentials,omitempty"`
	// Assumed is true when the page did not say its credentials mode (the
	// cred query parameter) and the strictest, "include", was assumed.
	Assumed bool `json:"assumed,omitempty"`
	// OK reports whether the browser lets the page have the response (for a
	// preflight: whether the browser goes on to send the actual request).
	OK bool `json:"ok"`
	// CorsError is Chromium's name for the failure, such as
	// MissingAllowOriginHeader; empty when OK.
	CorsError string `json:"corsError,omitempty"`
	// FailedParameter is the value Chromium names with the error (the
	// offending header value, method or header name), as CDP reports it.
	FailedParameter string `json:"failedParameter,omitempty"`
	// Message explains the verdict in one or two sentences.
	Message string `json:"message"`
	// Console is the sentence Chrome prints to the DevTools console for the
	// refusal (ConsoleMessage), when the request said its transport (the
	// transport query parameter) and Chrome's wording is known: empty when
	// OK, and when several refused headers leave open which one Chrome names.
	Console string `json:"console,omitempty"`
	// Exposed lists the response headers page JavaScript can read, for an
	// OK actual response.
	Exposed []string `json:"exposed,omitempty"`
	// Hidden lists the response headers the browser hides from page
	// JavaScript, for an OK actual response.
	Hidden []string `json:"hidden,omitempty"`
	// Redirect is the URL the browser follows next, for an OK redirect.
	Redirect string `json:"redirect,omitempty"`
}

// Credentials modes of fetch().
const (
	credInclude    = "include"
	credSameOrigin = "same-origin"
	credOmit       = "omit"
)

// judged is the input of judge: one request and its response.
type judged struct {
	preflight  bool
	origin     string
	selfOrigin string // the API origin itself
	method     string // the actual method, or the preflight's Access-Control-Request-Method
	headers    []string
	cred       string // "" when the page did not say
	status     int
	response   http.Header
	requestURL *url.URL
}

// judge decides as Chromium does. The order of the checks follows Chromium's:
// first the CORS check (Allow-Origin, then Allow-Credentials), then a
// preflight's status, methods and headers.
func judge(j judged) Verdict {
	if j.origin == "" {
		return Verdict{Message: "No Origin header: not a CORS request, so the browser checks nothing (a navigation, a same-origin GET, or a client that is not a browser)."}
	}
	if j.origin == j.selfOrigin {
		return Verdict{Message: "A same-origin request: the browser checks no CORS headers."}
	}
	v := Verdict{CORS: true, Credentials: j.cred}
	if v.Credentials == "" {
		v.Credentials, v.Assumed = credInclude, true
	}
	include := v.Credentials == credInclude
	pre := ""
	if j.preflight {
		pre = "Preflight"
	}
	fail := func(code, param, format string, args ...any) Verdict {
		v.CorsError, v.FailedParameter = pre+code, param
		v.Message = fmt.Sprintf(format, args...)
		return v
	}
	what := "response"
	if j.preflight {
		what = "preflight response"
	}

	acao := j.response.Values("Access-Control-Allow-Origin")
	allow := strings.Join(acao, ",")
	switch {
	case len(acao) == 0:
		return fail("MissingAllowOriginHeader", "", "The %s has no Access-Control-Allow-Origin header, so the browser refuses to share it with %s.", what, j.origin)
	case allow == "*" && include:
		return fail("WildcardOriginNotAllowed", "", "The %s allows any origin with Access-Control-Allow-Origin: *, but the request carries credentials (credentials mode include); with credentials the browser requires the exact origin %s.", what, j.origin)
	case allow == "*":
		// Any origin, without credentials: nothing more to check here.
	case allow != j.origin:
		if strings.ContainsAny(allow, " ,") {
			return fail("MultipleAllowOriginValues", allow, "The %s's Access-Control-Allow-Origin holds several values (%q); it must hold exactly one origin.", what, allow)
		}
		if u, err := url.Parse(allow); err != nil || u.Scheme == "" || u.Host == "" {
			return fail("InvalidAllowOriginValue", allow, "The %s's Access-Control-Allow-Origin %q is not an origin; it must be exactly %s.", what, allow, j.origin)
		}
		return fail("AllowOriginMismatch", allow, "The %s allows the origin %s, but the page's origin is %s; the browser compares the two exactly.", what, allow, j.origin)
	}
	if include && allow != "*" {
		if acac := strings.Join(j.response.Values("Access-Control-Allow-Credentials"), ","); acac != "true" {
			return fail("InvalidAllowCredentials", acac, "The request carries credentials, but the %s does not say Access-Control-Allow-Credentials: true (it says %q), so the browser keeps the response from the page.", what, acac)
		}
	}

	if j.preflight {
		if j.status < 200 || j.status > 299 {
			return fail("InvalidStatus", "", "The preflight response has status %d; a preflight must succeed with a 2xx status (204 is usual) before the browser sends the actual request.", j.status)
		}
		pre = ""
		methods, ok := tokenList(j.response.Values("Access-Control-Allow-Methods"))
		if !ok {
			return fail("InvalidAllowMethodsPreflightResponse", "", "The preflight's Access-Control-Allow-Methods is not a comma-separated list of method names.")
		}
		if !methodAllowed(j.method, methods, include) {
			return fail("MethodDisallowedByPreflightResponse", j.method, "The preflight answer does not list the method %s in Access-Control-Allow-Methods (it lists %q), so the browser does not send the actual request.", j.method, strings.Join(methods, ", "))
		}
		allowed, ok := tokenList(j.response.Values("Access-Control-Allow-Headers"))
		if !ok {
			return fail("InvalidAllowHeadersPreflightResponse", "", "The preflight's Access-Control-Allow-Headers is not a comma-separated list of header names.")
		}
		var refused []string
		for _, h := range j.headers {
			if !headerAllowed(h, allowed, include) {
				refused = append(refused, h)
			}
		}
		switch {
		case len(refused) == 1:
			return fail("HeaderDisallowedByPreflightResponse", refused[0], "The preflight answer does not list the request header %s in Access-Control-Allow-Headers (it lists %q), so the browser does not send the actual request.", refused[0], strings.Join(allowed, ", "))
		case len(refused) > 1:
			// Which one Chrome names depends on its own ordering (measured:
			// x-zeta of x-alpha and x-zeta, and x-demo or x-other by
			// transport), so the lab names them all rather than guess.
			names := strings.Join(refused, ", ")
			return fail("HeaderDisallowedByPreflightResponse", names, "The preflight answer lists none of the request headers %s in Access-Control-Allow-Headers (it lists %q), so the browser does not send the actual request; Chrome's console names one of them.", names, strings.Join(allowed, ", "))
		}
		v.OK = true
		v.Message = "The preflight passes: the browser now sends the actual request."
		if age := j.response.Get("Access-Control-Max-Age"); age != "" {
			v.Message += fmt.Sprintf(" It may reuse this answer for %s seconds (Chromium caps it at 7200) without asking again.", age)
		}
		return v
	}

	if j.status >= 300 && j.status <= 399 && j.response.Get("Location") != "" {
		loc, err := j.requestURL.Parse(j.response.Get("Location"))
		if err == nil && loc.User != nil {
			return fail("RedirectContainsCredentials", loc.String(), "The redirect's Location holds a user name or password; the browser refuses to follow it in a CORS request.")
		}
		v.OK = true
		if err == nil {
			v.Redirect = loc.String()
		}
		v.Message = fmt.Sprintf("The redirect passes the CORS check (a redirect is checked like any response), so the browser follows it to %s.", v.Redirect)
		return v
	}
	v.OK = true
	v.Exposed, v.Hidden = exposure(j.response, include)
	v.Message = "The response passes the CORS check: the page can read it."
	var notable []string // the hidden headers a page might want, not the protocol's own
	for _, h := range v.Hidden {
		if !strings.HasPrefix(h, "Access-Control-") && h != "Vary" && h != "Date" && h != "Set-Cookie" {
			notable = append(notable, h)
		}
	}
	if len(notable) > 0 {
		v.Message += " Access-Control-Expose-Headers does not list " + strings.Join(notable, ", ") + ", so the browser hides them from the page."
	}
	return v
}

// tokenList splits header lines into their comma-separated elements
// (fetchspec.CutListElement), skipping empty ones as browsers do; ok is
// false when an element is not an HTTP token, and out then holds the
// elements before it. Beyond RFC 9110's optional whitespace (spaces and
// tabs) it also trims Unicode white space around an element
// (strings.TrimSpace), as it always has.
func tokenList(lines []string) (out []string, ok bool) {
	for _, line := range lines {
		for part, rest, more := fetchspec.CutListElement(line); more; part, rest, more = fetchspec.CutListElement(rest) {
			if part = strings.TrimSpace(part); part == "" {
				continue
			}
			if !fetchspec.IsToken(part) {
				return out, false
			}
			out = append(out, part)
		}
	}
	return out, true
}

// methodAllowed: safelisted methods always pass; otherwise the method must be
// listed (browsers also match the listed name in upper case), or "*" without
// credentials.
func methodAllowed(method string, listed []string, include bool) bool {
	if fetchspec.IsSafelistedMethod(method) {
		return true
	}
	for _, m := range listed {
		if m == method || strings.ToUpper(m) == method || (m == "*" && !include) {
			return true
		}
	}
	return false
}

// headerAllowed: the name must be listed (case-insensitively), or "*"
// without credentials, which never covers Authorization.
func headerAllowed(name string, listed []string, include bool) bool {
	for _, h := range listed {
		if strings.EqualFold(h, name) || (h == "*" && !include && !fetchspec.IsNonWildcardRequestHeaderName(name)) {
			return true
		}
	}
	return false
}

// exposure splits the response's header names into those page JavaScript
// can read and those the browser hides.
func exposure(h http.Header, include bool) (exposed, hidden []string) {
	listed, _ := tokenList(h.Values("Access-Control-Expose-Headers"))
	star := !include && slices.Contains(listed, "*")
	for name := range h {
		canon := http.CanonicalHeaderKey(name)
		switch {
		case fetchspec.IsForbiddenResponseHeaderName(canon):
			hidden = append(hidden, canon) // never readable
		case fetchspec.IsSafelistedResponseHeaderName(canon) || star || slices.ContainsFunc(listed, func(l string) bool { return strings.EqualFold(l, canon) }):
			exposed = append(exposed, canon)
		default:
			hidden = append(hidden, canon)
		}
	}
	slices.Sort(exposed)
	slices.Sort(hidden)
	return exposed, hidden
}
