// Package cors is the server half of credentialed CORS: a policy that answers
// browsers' preflight requests and adds the Access-Control-* response headers
// (Allow-Origin, Allow-Credentials, Allow-Methods, Allow-Headers, Max-Age,
// Expose-Headers) and Vary to the responses of an http.Handler, following the
// CORS protocol of the Fetch standard.
//
// The policy is strict. New refuses configurations that browsers reject or
// that leak credentials: "*" with credentials, the "null" origin, origins not
// written as browsers serialize them, subdomain patterns over a public suffix,
// plain-http origins with credentials (loopback hosts excepted), forbidden
// methods and header names, and out-of-range Max-Age values. It reports every
// problem at once, each naming the field, the value and the fix.
//
// The policy is explainable. [Policy.Explain] tells, without writing
// anything, whether a request is a CORS request or a preflight, whether it is
// allowed, why (a stable [Reason] code and one sentence), and which headers
// [Policy.Wrap] would write for it. Wrap and Explain share one decision path.
// [Config.Observe] receives the decision Wrap makes on each request, the one
// Explain gives, so that a log, metrics or a handler refusing what the policy
// refuses need not decide again.
//
// # Two layers: reads and writes
//
// CORS decides what a page may read. It never stops a request from being
// sent: a form on any site, or a fetch with mode no-cors, still reaches the
// handler with the user's cookies, and a credentialed API acts on it. So a
// policy with Credentials also refuses cross-origin requests with unsafe
// methods (every method but GET, HEAD and OPTIONS) from origins it does not
// allow, with 403 before the handler runs, following net/http's
// CrossOriginProtection: the browser's Sec-Fetch-Site header first, the
// Origin header for browsers older than 2023, and requests with neither
// (programs such as curl) let through; unlike net/http, an Origin with
// userinfo, which no browser sends, never counts as the server's own host
// (golang/go#78563). It trusts the origins of
// Config.Origins, patterns included, so one list governs both layers;
// [Policy.CrossOriginProtection] hands the same origins to net/http's own.
// [Config.WriteProtection] turns it on without credentials, or off. Explain
// reports its verdict in [Decision.Write]. Handlers must still not change
// state on GET, HEAD or OPTIONS.
//
// # Public and credentialed tiers
//
// With [Config.Public], every origin may read without credentials
// (Access-Control-Allow-Origin: *) while the origins of Config.Origins keep
// their own answer with credentials. "*" never comes with
// Access-Control-Allow-Credentials, so the public tier cannot read a
// credentialed response.
//
// # Changing the policy while it serves
//
// [Policy.Reconfigure] replaces the configuration atomically, after
// checking it as New does; see there for how browsers' preflight caches
// delay a change to methods and headers.
//
// Responses vary on what they depend on: Vary: Origin is appended to every
// response that goes to the wrapped handler (when the policy allows some
// origin), and an allowed preflight's 204 varies on Origin,
// Access-Control-Request-Method and Access-Control-Request-Headers. A refused
// preflight is a bare 403: HTTP caches neither store answers to OPTIONS nor
// reuse a 403 heuristically, so it needs no Vary.
//
// The policy is fast. Everything that does not depend on the request is
// computed by New (or Reconfigure). Constant header values are prebuilt slices shared by all
// responses, and values that repeat the request (the origin, the requested
// method and header names) reuse the request's own header slices, so Wrap
// allocates nothing on its own. Handlers must therefore replace, never modify
// in place, the values of Access-Control-* and Vary headers that the policy
// set (http.Header's Set, Add and Del are fine; assigning to an element of a
// value slice is not).
//
// # Max-Age
//
// Browsers cap how long they cache a preflight result whatever
// Access-Control-Max-Age says: Chromium at 7200 seconds (2 hours), Firefox at
// 86400 seconds (24 hours). New refuses values over 24 hours; values over 2
// hours only help Firefox users. Without Max-Age browsers cache a preflight
// for 5 seconds.
//
// # Hostile requests
//
// Access-Control-Request-Headers is parsed without allocating, by the list
// syntax of HTTP (commas, optional whitespace, case-insensitive names,
// repeated header lines). A preflight whose Access-Control-Request-Headers
// exceeds [MaxRequestHeadersBytes] bytes in total or [MaxRequestHeadersLines]
// header lines is refused before any of it is parsed, so a huge value costs
// constant time and no memory.
package cors
