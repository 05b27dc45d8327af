package demo

import "strings"

// Transports a page sends with, as the lab names them; they change the
// wording of Chrome's console message.
const (
	transportFetch = "fetch"
	transportXHR   = "xhr"
)

// Hints Chrome appends to some of its console messages (Chromium 156: the
// older "set the request's mode to 'no-cors'" advice is gone).
const (
	// consoleValidValue follows the Access-Control-Allow-Origin value
	// errors of fetch().
	consoleValidValue = " Have the server send the header with a valid value."
	// consoleWithCredentials follows the credentials errors of
	// XMLHttpRequest.
	consoleWithCredentials = " The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute."
)

// ConsoleMessage returns the sentence Chrome prints to the DevTools console
// when it refuses a cross-origin request for the reason corsError (Chromium's
// CorsError name, as in Verdict.CorsError and CDP's CorsErrorStatus) with
// failedParameter: the request to url, sent from a page at pageOrigin with
// transport "fetch" or "xhr" (XMLHttpRequest). Chrome leads a preflight's
// failure in with "Response to preflight request doesn't pass access control
// check" by the error's name alone (the Preflight… names; not the
// *PreflightResponse ones, measured in Chromium 156), so no separate flag is
// needed. It returns
// "" for an empty corsError, an unknown transport, or a reason Chrome's
// wording is not known here for.
func ConsoleMessage(corsError, failedParameter, pageOrigin, url, transport string) string {
	var initiator string
	switch transport {
	case transportFetch:
		initiator = "fetch"
	case transportXHR:
		initiator = "XMLHttpRequest"
	default:
		return ""
	}
	reason := consoleReason(corsError, failedParameter, transport)
	if reason == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString("Access to " + initiator + " at '" + url + "' from origin '" + pageOrigin + "' has been blocked by CORS policy: ")
	if preflightError(corsError) {
		b.WriteString("Response to preflight request doesn't pass access control check: ")
	}
	b.WriteString(reason)
	return b.String()
}

// preflightError reports whether Chrome words corsError as a failure of the
// preflight's CORS check.
func preflightError(corsError string) bool {
	return strings.HasPrefix(corsError, "Preflight")
}

// consoleReason is the part of Chrome's message after "has been blocked by
// CORS policy: " (and the preflight's lead-in), with its transport's hint.
func consoleReason(corsError, param, transport string) string {
	fetch, xhr := transport == transportFetch, transport == transportXHR
	hint := func(ok bool, s string) string {
		if ok {
			return s
		}
		return ""
	}
	switch strings.TrimPrefix(corsError, "Preflight") {
	case "WildcardOriginNotAllowed":
		return "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'." + hint(xhr, consoleWithCredentials)
	case "MissingAllowOriginHeader":
		return "No 'Access-Control-Allow-Origin' header is present on the requested resource."
	case "MultipleAllowOriginValues":
		return "The 'Access-Control-Allow-Origin' header contains multiple values '" + param + "', but only one is allowed." + hint(fetch, consoleValidValue)
	case "InvalidAllowOriginValue":
		return "The 'Access-Control-Allow-Origin' header contains the invalid value '" + param + "'." + hint(fetch, consoleValidValue)
	case "AllowOriginMismatch":
		return "The 'Access-Control-Allow-Origin' header has a value '" + param + "' that is not equal to the supplied origin." + hint(fetch, consoleValidValue)
	case "InvalidAllowCredentials":
		return "The value of the 'Access-Control-Allow-Credentials' header in the response is '" + param + "' which must be 'true' when the request's credentials mode is 'include'." + hint(xhr, consoleWithCredentials)
	case "InvalidStatus":
		return "It does not have HTTP ok status."
	case "DisallowedRedirect":
		return "Redirect is not allowed for a preflight request."
	case "InvalidAllowMethodsPreflightResponse":
		return "Cannot parse Access-Control-Allow-Methods response header field in preflight response."
	case "InvalidAllowHeadersPreflightResponse":
		return "Cannot parse Access-Control-Allow-Headers response header field in preflight response."
	case "MethodDisallowedByPreflightResponse":
		return "Method " + param + " is not allowed by Access-Control-Allow-Methods in preflight response."
	case "HeaderDisallowedByPreflightResponse":
		return "Request header field " + param + " is not allowed by Access-Control-Allow-Headers in preflight response."
	case "RedirectContainsCredentials":
		return "Redirect location '" + param + "' contains a username and password, which is disallowed for cross-origin requests."
	}
	return ""
}

// consoleFor is Chrome's console message for a refusal the verdict v
// describes, or "" (see Verdict.Console).
func consoleFor(v Verdict, origin, url, transport string) string {
	if v.OK || !v.CORS || (v.CorsError == "HeaderDisallowedByPreflightResponse" && strings.Contains(v.FailedParameter, ", ")) {
		return ""
	}
	return ConsoleMessage(v.CorsError, v.FailedParameter, origin, url, transport)
}
