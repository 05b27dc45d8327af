package demo

import (
	"net/http"
	"strings"
)

// The lab's cookie endpoints, served by the API origin and by the
// other-site origin alike, so that the lab shows side by side what a
// browser does with cookies on a same-site and on a cross-site request:
//
//	POST /api/cookies/{kind}  sets the cookie of that kind (lax, none or
//	                          partitioned); 200 {"kind", "name", "setCookie",
//	                          "fetchSite"}; 404 naming the kinds for another
//	GET  /api/cookies         200 {"fetchSite", "crossSite", "cookies":
//	                          [CookieVerdict...]}: which of the lab's cookies
//	                          arrived, and the reason a browser is expected
//	                          to have for each one that did not
//
// The page cannot see these cookies (they are HttpOnly and belong to
// another origin), so the API says what it set and what came back.

// Chrome's cookie-blocking reasons the lab expects (the names of CDP's
// Network.CookieBlockedReason and Network.SetCookieBlockedReason), and the
// lab's own code for a cookie the browser does not hold.
const (
	// CookieReasonSameSiteLax: a SameSite=Lax cookie is neither stored from
	// a cross-site response nor sent on a cross-site request. Chromium 156
	// reports the schemeful variant of SameSiteLax (sites include the
	// scheme), and only where third-party cookies are allowed; where they
	// are blocked it gives CookieReasonThirdParty for Lax cookies too. A
	// request from a sandboxed frame (an opaque origin) gets both.
	CookieReasonSameSiteLax = "SchemefulSameSiteLax"
	// CookieReasonThirdParty: the browser blocks third-party cookies, as a
	// fresh Chromium profile does (Chromium 156 reports UserPreferences,
	// the user's setting, when it refuses such a Set-Cookie).
	CookieReasonThirdParty = "UserPreferences"
	// CookieReasonNotSet is not Chrome's: the cookie did not arrive and
	// nothing in its attributes explains why (it was never set, or the
	// browser refused it for a reason the server cannot tell).
	CookieReasonNotSet = "NotSet"
)

// sandboxedReason is the reason Chrome gives for keeping cookie c off a
// request from a sandboxed frame, whose opaque origin is another site to
// every site, or "" when the cookie goes. The demo's session cookie is
// SameSite=Lax, or SameSite=None; Partitioned with -cross-site, which
// Chromium 156 sends from the frame.
func sandboxedReason(c *http.Cookie) string {
	switch c.SameSite {
	case http.SameSiteLaxMode, http.SameSiteDefaultMode:
		return CookieReasonSameSiteLax
	}
	return ""
}

// cookieKind is one of the cookies the lab sets.
type cookieKind struct {
	kind, name, attributes string
}

// cookieKinds are the lab's cookies, in the order the lab shows them.
var cookieKinds = []cookieKind{
	{"lax", "lab_lax", "SameSite=Lax"},
	{"none", "lab_none", "SameSite=None; Secure"},
	{"partitioned", "lab_partitioned", "SameSite=None; Secure; Partitioned"},
}

// setCookieLine is the Set-Cookie value of k. Secure cookies are accepted
// over plain http on loopback hosts, as the demo's origins are.
func (k cookieKind) setCookieLine() string {
	return k.name + "=lab; Path=/; Max-Age=3600; HttpOnly; " + k.attributes
}

// CookieVerdict is what the API tells the lab about one of its cookies on
// one request.
type CookieVerdict struct {
	// Kind is lax, none or partitioned.
	Kind string `json:"kind"`
	// Name is the cookie's name.
	Name string `json:"name"`
	// Attributes are the cookie's SameSite, Secure and Partitioned
	// attributes, as the API sets them.
	Attributes string `json:"attributes"`
	// Sent reports whether the request carried the cookie.
	Sent bool `json:"sent"`
	// Reason is empty when Sent; otherwise Chrome's blocking reason the
	// attributes lead one to expect (CookieReasonSameSiteLax,
	// CookieReasonThirdParty), or CookieReasonNotSet.
	Reason string `json:"reason"`
	// Why says Reason, or why the cookie went, in words.
	Why string `json:"why"`
}

// verdict explains whether k arrived on a request that was cross-site or
// not (Sec-Fetch-Site), from its attributes and from whether the browser is
// known to allow third-party cookies (an unpartitioned SameSite=None cookie
// arrived on the same cross-site request). Without that sign the browser is
// taken to block them, as Chromium's fresh profiles do.
func (k cookieKind) verdict(crossSite, arrived, thirdPartyAllowed bool) CookieVerdict {
	v := CookieVerdict{Kind: k.kind, Name: k.name, Attributes: k.attributes, Sent: arrived}
	switch {
	case arrived && !crossSite:
		v.Why = "sent: a same-site request carries SameSite=Lax and SameSite=None cookies alike"
	case arrived && k.kind == "partitioned":
		v.Why = "sent: partitioned to this top-level site"
	case arrived && k.kind == "none":
		v.Why = "sent: this browser allows third-party cookies"
	case arrived:
		v.Why = "sent"
	case crossSite && k.kind == "lax" && thirdPartyAllowed:
		v.Reason, v.Why = CookieReasonSameSiteLax, "SameSite=Lax: not sent on a cross-site request (nor stored from a cross-site response)"
	case crossSite && k.kind == "lax":
		v.Reason, v.Why = CookieReasonThirdParty, "third-party cookies are blocked in this browser; where they are allowed, SameSite=Lax still keeps this cookie off cross-site requests (Chrome's reason there: SchemefulSameSiteLax)"
	case crossSite && k.kind == "none":
		v.Reason, v.Why = CookieReasonThirdParty, "third-party cookies are blocked in this browser"
	default:
		v.Reason, v.Why = CookieReasonNotSet, "not sent: the browser holds no such cookie; set it first"
	}
	return v
}

// isCrossSite reports whether the browser marked r as cross-site. A request
// without Sec-Fetch-Site (not from a browser) counts as same-site.
func isCrossSite(r *http.Request) bool {
	return r.Header.Get("Sec-Fetch-Site") == "cross-site"
}

// cookieKindNames lists the kinds for error messages.
func cookieKindNames() string {
	names := make([]string, len(cookieKinds))
	for i, k := range cookieKinds {
		names[i] = k.kind
	}
	return strings.Join(names, ", ")
}

// routeCookies adds the cookie endpoints to an origin's API mux.
func routeCookies(mux *http.ServeMux) {
	route(mux, "/api/cookies", methods{http.MethodGet: readCookies})
	route(mux, "/api/cookies/{kind}", methods{http.MethodPost: setCookie})
}

// setCookie handles POST /api/cookies/{kind}.
func setCookie(w http.ResponseWriter, r *http.Request) {
	raw := r.PathValue("kind")
	for _, k := range cookieKinds {
		if k.kind == raw {
			line := k.setCookieLine()
			w.Header().Add("Set-Cookie", line)
			writeJSON(w, http.StatusOK, map[string]string{
				"kind":      k.kind,
				"name":      k.name,
				"setCookie": line,
				"fetchSite": r.Header.Get("Sec-Fetch-Site"),
			})
			return
		}
	}
	writeError(w, http.StatusNotFound, "no cookie kind %q: the kinds are %s, for example POST /api/cookies/lax", truncate(raw, 20), cookieKindNames())
}

// readCookies handles GET /api/cookies.
func readCookies(w http.ResponseWriter, r *http.Request) {
	cross := isCrossSite(r)
	arrived := func(k cookieKind) bool {
		_, err := r.Cookie(k.name)
		return err == nil
	}
	thirdParty := cross && arrived(cookieKinds[1]) // lab_none: unpartitioned, SameSite=None
	out := make([]CookieVerdict, 0, len(cookieKinds))
	for _, k := range cookieKinds {
		out = append(out, k.verdict(cross, arrived(k), thirdParty))
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"fetchSite": r.Header.Get("Sec-Fetch-Site"),
		"crossSite": cross,
		"cookies":   out,
	})
}
