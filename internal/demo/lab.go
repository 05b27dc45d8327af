package demo

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// Scenario is one case of the CORS lab: a path on the API origin whose
// server answers CORS requests in one deliberately broken or tricky way, with
// what the browser then does and why. The policy scenario is the control:
// the demo's own cors policy at /api/echo.
type Scenario struct {
	// Name identifies the scenario; the lab page's URL carries it.
	Name string `json:"name"`
	// Path is where the scenario answers on the API origin.
	Path string `json:"path"`
	// Title is a short heading.
	Title string `json:"title"`
	// Server says what the server answers.
	Server string `json:"server"`
	// Browser says what the browser does with that answer.
	Browser string `json:"browser"`
	// Why gives the rule behind it.
	Why string `json:"why"`
	// Try suggests a change of settings that turns the outcome around. The
	// lab puts the selected method in place of {method}.
	Try string `json:"try,omitempty"`
	// Defaults are the lab settings that show the scenario.
	Defaults LabSettings `json:"defaults"`
	// Expect is Chromium's CorsError name for a run with Defaults; empty
	// when the request succeeds.
	Expect string `json:"expect,omitempty"`
	// Expose lists the response headers a page of the scenario wants to
	// read; the fix exposes them.
	Expose []string `json:"expose,omitempty"`
	// MaxAge is the preflight cache time the fix keeps.
	MaxAge time.Duration `json:"-"`
	// Sandboxed makes the lab send the request from an iframe with
	// sandbox="allow-scripts" (no allow-same-origin): its origin is opaque,
	// so the browser sends Origin: null.
	Sandboxed bool `json:"sandboxed,omitempty"`

	preflight func(h http.Header, r *http.Request) int
	actual    func(w http.ResponseWriter, r *http.Request)
}

// LabSettings are the settings of one lab run.
type LabSettings struct {
	// Method is the request method.
	Method string `json:"method"`
	// Headers are request headers the page sets.
	Headers map[string]string `json:"headers,omitempty"`
	// Credentials is the fetch credentials mode.
	Credentials string `json:"credentials"`
	// Body is "", "json" or "text".
	Body string `json:"body,omitempty"`
	// Answer is the custom scenario's answer: query parameters (acao, acac,
	// acam, acah, aceh, acma, pstatus) and their values.
	Answer map[string]string `json:"answer,omitempty"`
}

// Scenarios returns the lab's scenarios in the order the lab page lists
// them. The caller may change the returned slice but not the scenarios.
func Scenarios() []*Scenario { return slices.Clone(scenarios) }

// scenarioAt returns the scenario a request path belongs to, or nil.
func scenarioAt(path string) *Scenario {
	rest, ok := strings.CutPrefix(path, "/lab/")
	if !ok {
		return nil
	}
	name, _, _ := strings.Cut(rest, "/")
	for _, sc := range scenarios {
		if sc.Name == name && sc.actual != nil {
			return sc
		}
	}
	return nil
}

// Helpers that write the usual correct headers, so that each scenario
// differs from a correct server in one way only.
func allowOrigin(h http.Header, r *http.Request) {
	h.Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
	h.Add("Vary", "Origin")
}

func allowCredentials(h http.Header) { h.Set("Access-Control-Allow-Credentials", "true") }

// allowAsked grants a preflight's requested method and headers.
func allowAsked(h http.Header, r *http.Request) {
	h.Set("Access-Control-Allow-Methods", r.Header.Get("Access-Control-Request-Method"))
	if asked := r.Header.Get("Access-Control-Request-Headers"); asked != "" {
		h.Set("Access-Control-Allow-Headers", asked)
	}
	h.Add("Vary", "Access-Control-Request-Method, Access-Control-Request-Headers")
}

// correctPreflight answers a preflight as a correct server would.
func correctPreflight(h http.Header, r *http.Request) int {
	allowOrigin(h, r)
	allowCredentials(h)
	allowAsked(h, r)
	return http.StatusNoContent
}

// labBody answers an actual request with what the scenario received.
func labBody(name string) func(w http.ResponseWriter, r *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{
			"scenario": name,
			"method":   r.Method,
			"origin":   r.Header.Get("Origin"),
			"cookies":  cookieNames(r),
		})
	}
}

// correctly wraps an actual handler with correct CORS headers.
func correctly(name string) func(w http.ResponseWriter, r *http.Request) {
	body := labBody(name)
	return func(w http.ResponseWriter, r *http.Request) {
		allowOrigin(w.Header(), r)
		allowCredentials(w.Header())
		body(w, r)
	}
}

// nullOrigin is the Origin a sandboxed iframe, a data: URL, a file: page or
// a redirect across origins sends.
const nullOrigin = "null"

// trustNull answers as a server whose allow-list holds "null": that origin
// gets Access-Control-Allow-Origin: null with credentials, any other none.
func trustNull(h http.Header, r *http.Request) bool {
	h.Add("Vary", "Origin")
	if r.Header.Get("Origin") != nullOrigin {
		return false
	}
	h.Set("Access-Control-Allow-Origin", nullOrigin)
	allowCredentials(h)
	return true
}

var scenarios = []*Scenario{
	{
		Name:     "policy",
		Path:     "/api/echo",
		Title:    "The demo's own policy (control)",
		Server:   "The cors package answers: the preflight with 204 and exactly the Access-Control-* headers this request needs, the actual request with the page origin in Access-Control-Allow-Origin and Access-Control-Allow-Credentials: true.",
		Browser:  "The browser sends a preflight (the X-Demo header is not safelisted), accepts its answer, sends the request (with the session cookie when this browser holds one: log in on the Session panel), and gives the page the response.",
		Why:      "Every check passes: the origin is named exactly, credentials are allowed, and the method and header are listed.",
		Try:      "Add a header the policy does not list, such as X-Other: 1: the policy refuses the preflight with a bare 403.",
		Defaults: LabSettings{Method: "GET", Headers: map[string]string{"X-Demo": "1"}, Credentials: credInclude},
	},
	{
		Name:     "no-acao",
		Path:     "/lab/no-acao",
		Title:    "No Access-Control-Allow-Origin",
		Server:   "The server handles the request and answers 200 with a JSON body, but sends no Access-Control-Allow-Origin header (a server that knows nothing of CORS).",
		Browser:  "The request reaches the server and runs; the browser then withholds the response and the page gets a network error (TypeError: Failed to fetch).",
		Why:      "A cross-origin response is shared with a page only when the server names the page's origin (or *) in Access-Control-Allow-Origin. Without it the browser assumes the server never agreed.",
		Try:      "Use PUT: now a preflight goes first, fails the same way (PreflightMissingAllowOriginHeader), and the actual request never leaves the browser.",
		Defaults: LabSettings{Method: "GET", Credentials: credInclude},
		Expect:   "MissingAllowOriginHeader",
		preflight: func(h http.Header, r *http.Request) int {
			allowCredentials(h)
			allowAsked(h, r)
			return http.StatusNoContent
		},
		actual: func(w http.ResponseWriter, r *http.Request) {
			allowCredentials(w.Header())
			labBody("no-acao")(w, r)
		},
	},
	{
		Name:     "wildcard-credentials",
		Path:     "/lab/wildcard-credentials",
		Title:    "Access-Control-Allow-Origin: * with credentials",
		Server:   "The server answers Access-Control-Allow-Origin: * and Access-Control-Allow-Credentials: true, hoping to allow everyone with cookies.",
		Browser:  "With credentials: 'include' the browser refuses the response. With credentials: 'omit' the same answer works, because * is then allowed.",
		Why:      "* means \"any page may read this, as long as no credentials are involved\". A credentialed response must name the one origin that may read it, so that a server never leaks a user's data to every site by accident.",
		Try:      "Set credentials to omit: the request succeeds, without the cookie.",
		Defaults: LabSettings{Method: "GET", Credentials: credInclude},
		Expect:   "WildcardOriginNotAllowed",
		preflight: func(h http.Header, r *http.Request) int {
			h.Set("Access-Control-Allow-Origin", "*")
			allowCredentials(h)
			allowAsked(h, r)
			return http.StatusNoContent
		},
		actual: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Access-Control-Allow-Origin", "*")
			allowCredentials(w.Header())
			labBody("wildcard-credentials")(w, r)
		},
	},
	{
		Name:     "other-origin",
		Path:     "/lab/other-origin",
		Title:    "Access-Control-Allow-Origin names another origin",
		Server:   "The server always answers Access-Control-Allow-Origin: https://app.example.com, the one origin it was configured for, whoever asks.",
		Browser:  "The browser compares that value with the page's origin, finds they differ, and withholds the response.",
		Why:      "The value must equal the page's origin exactly: scheme, host and port. A server serving several origins must pick the request's Origin from its allow-list and echo it (and send Vary: Origin), not send a fixed one.",
		Defaults: LabSettings{Method: "GET", Credentials: credInclude},
		Expect:   "AllowOriginMismatch",
		preflight: func(h http.Header, r *http.Request) int {
			h.Set("Access-Control-Allow-Origin", "https://app.example.com")
			allowCredentials(h)
			allowAsked(h, r)
			return http.StatusNoContent
		},
		actual: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Access-Control-Allow-Origin", "https://app.example.com")
			allowCredentials(w.Header())
			labBody("other-origin")(w, r)
		},
	},
	{
		Name:     "no-acac",
		Path:     "/lab/no-acac",
		Title:    "No Access-Control-Allow-Credentials",
		Server:   "The server names the page's origin in Access-Control-Allow-Origin but sends no Access-Control-Allow-Credentials.",
		Browser:  "The request goes out (with the session cookie, when this browser holds one) and the server acts on it, but the browser withholds the response from the page.",
		Why:      "For a credentialed request the server must opt in twice: the exact origin, and Access-Control-Allow-Credentials: true (the literal, lower-case word). Without the second the browser treats the credentialed answer as not meant for the page.",
		Try:      "Set credentials to omit: the same answer is enough for a request without cookies.",
		Defaults: LabSettings{Method: "GET", Credentials: credInclude},
		Expect:   "InvalidAllowCredentials",
		preflight: func(h http.Header, r *http.Request) int {
			allowOrigin(h, r)
			allowAsked(h, r)
			return http.StatusNoContent
		},
		actual: func(w http.ResponseWriter, r *http.Request) {
			allowOrigin(w.Header(), r)
			labBody("no-acac")(w, r)
		},
	},
	{
		Name:     "preflight-method",
		Path:     "/lab/preflight-method",
		Title:    "Preflight answer without the requested method",
		Server:   "The preflight answer allows the origin and credentials but lists only Access-Control-Allow-Methods: GET, POST.",
		Browser:  "For PUT, PATCH or DELETE the browser stops after the preflight: the actual request is never sent, so the server never acts on it.",
		Why:      "A method other than GET, HEAD and POST needs the server's permission first. The preflight asks with Access-Control-Request-Method; the answer must list that method (or *, which counts only without credentials).",
		Try:      "Switch the method to POST: it is safelisted, so no preflight is needed and the request succeeds.",
		Defaults: LabSettings{Method: "PUT", Credentials: credInclude},
		Expect:   "MethodDisallowedByPreflightResponse",
		preflight: func(h http.Header, r *http.Request) int {
			allowOrigin(h, r)
			allowCredentials(h)
			allowAsked(h, r)
			h.Set("Access-Control-Allow-Methods", "GET, POST")
			return http.StatusNoContent
		},
		actual: correctly("preflight-method"),
	},
	{
		Name:     "preflight-header",
		Path:     "/lab/preflight-header",
		Title:    "Preflight answer without the requested header",
		Server:   "The preflight answer allows the origin, credentials and method, but lists only Access-Control-Allow-Headers: content-type.",
		Browser:  "The page sets X-Demo, so the browser asks for it in Access-Control-Request-Headers; the answer does not list it, and the browser stops before the actual request.",
		Why:      "Any request header outside the safelist (Accept, Accept-Language, Content-Language, and Content-Type with a form or text/plain value) must be allowed by name. * allows any name, but only without credentials, and never Authorization.",
		Try:      "Remove the X-Demo header: the {method} then asks for no header the answer leaves out, and succeeds (as a GET, HEAD or POST without a JSON body, with no preflight at all).",
		Defaults: LabSettings{Method: "GET", Headers: map[string]string{"X-Demo": "1"}, Credentials: credInclude},
		Expect:   "HeaderDisallowedByPreflightResponse",
		preflight: func(h http.Header, r *http.Request) int {
			allowOrigin(h, r)
			allowCredentials(h)
			allowAsked(h, r)
			h.Set("Access-Control-Allow-Headers", "content-type")
			return http.StatusNoContent
		},
		actual: correctly("preflight-header"),
	},
	{
		Name:     "preflight-status",
		Path:     "/lab/preflight-status",
		Title:    "Preflight answered 405",
		Server:   "The server routes OPTIONS like any method and answers 405 Method Not Allowed, although a middleware added correct Access-Control-* headers.",
		Browser:  "The browser needs a 2xx answer to the preflight; it stops there and never sends the actual request.",
		Why:      "Headers alone are not enough: a preflight must succeed. Routers that know no OPTIONS route, or authentication that rejects the cookie-less preflight with 401, break every non-simple request.",
		Defaults: LabSettings{Method: "DELETE", Credentials: credInclude},
		Expect:   "PreflightInvalidStatus",
		preflight: func(h http.Header, r *http.Request) int {
			correctPreflight(h, r)
			h.Set("Allow", "GET, POST, DELETE")
			return http.StatusMethodNotAllowed
		},
		actual: correctly("preflight-status"),
	},
	{
		Name:     "expose",
		Path:     "/lab/expose",
		Title:    "An exposed and an unexposed response header",
		Server:   "A correct answer with two extra headers, X-Demo-Visible and X-Demo-Hidden, and Access-Control-Expose-Headers: X-Demo-Visible.",
		Browser:  "The request succeeds. The page can read X-Demo-Visible; X-Demo-Hidden reads as null although it came over the wire (DevTools shows it).",
		Why:      "Beyond a few safelisted headers (Cache-Control, Content-Language, Content-Length, Content-Type, Expires, Last-Modified, Pragma), a page reads only the response headers the server lists in Access-Control-Expose-Headers. With credentials, * there is a header name, not a wildcard.",
		Defaults: LabSettings{Method: "GET", Credentials: credInclude},
		Expose:   []string{"X-Demo-Visible", "X-Demo-Hidden"},
		preflight: func(h http.Header, r *http.Request) int {
			return correctPreflight(h, r)
		},
		actual: func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			h.Set("X-Demo-Visible", "you can read me")
			h.Set("X-Demo-Hidden", "the page cannot read me")
			h.Set("Access-Control-Expose-Headers", "X-Demo-Visible")
			correctly("expose")(w, r)
		},
	},
	{
		Name:     "max-age",
		Path:     "/lab/max-age",
		Title:    "Max-Age: a preflight skipped",
		Server:   "A correct preflight answer with Access-Control-Max-Age: 600.",
		Browser:  "The first run sends a preflight and the PUT; a second run within 10 minutes (with the same settings) sends only the PUT, as the browser reuses the cached answer.",
		Why:      "Max-Age lets the browser cache a preflight answer per origin, URL and credentials mode. Chromium keeps it at most 2 hours, Firefox 24 hours, and without Max-Age only 5 seconds.",
		Try:      "Run it twice: the second run shows no preflight in the log.",
		Defaults: LabSettings{Method: "PUT", Credentials: credInclude},
		MaxAge:   600 * time.Second,
		preflight: func(h http.Header, r *http.Request) int {
			h.Set("Access-Control-Max-Age", "600")
			return correctPreflight(h, r)
		},
		actual: correctly("max-age"),
	},
	{
		Name:     "redirect",
		Path:     "/lab/redirect",
		Title:    "A redirect during a CORS request",
		Server:   "The server answers 307 Temporary Redirect to /lab/redirect/target on the same origin, with correct CORS headers on the redirect too; the target answers correctly.",
		Browser:  "The browser checks the redirect like any response, follows it, and the page gets the target's response (redirected: true, url: the target).",
		Why:      "Redirects are followed inside the CORS request: each response on the way must pass the CORS check, a 307 or 308 keeps the method and body, and a redirect to another origin sets the Origin of the next request to null, which a careful policy does not allow.",
		Defaults: LabSettings{Method: "GET", Credentials: credInclude},
		preflight: func(h http.Header, r *http.Request) int {
			return correctPreflight(h, r)
		},
		actual: func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/target") {
				correctly("redirect")(w, r)
				return
			}
			allowOrigin(w.Header(), r)
			allowCredentials(w.Header())
			redirectToTarget(w, r)
		},
	},
	{
		Name:     "redirect-no-cors",
		Path:     "/lab/redirect-no-cors",
		Title:    "A redirect without CORS headers",
		Server:   "The server answers 307 to /lab/redirect-no-cors/target, but the redirect itself carries no Access-Control-* headers (a proxy or a login redirect that knows nothing of CORS).",
		Browser:  "The browser checks the redirect response, finds no Access-Control-Allow-Origin, and stops there: the target is never requested.",
		Why:      "A redirect is a response like any other: in a CORS request it must pass the CORS check before the browser follows it.",
		Defaults: LabSettings{Method: "GET", Credentials: credInclude},
		Expect:   "MissingAllowOriginHeader",
		preflight: func(h http.Header, r *http.Request) int {
			return correctPreflight(h, r)
		},
		actual: func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/target") {
				correctly("redirect-no-cors")(w, r)
				return
			}
			redirectToTarget(w, r)
		},
	},
	{
		Name:      "null-origin",
		Path:      "/lab/null-origin",
		Title:     "Trusting Origin: null (a sandboxed iframe)",
		Server:    "The server's allow-list holds the string \"null\" (added so that a sandboxed widget or a file: test page could call it): to Origin: null it answers Access-Control-Allow-Origin: null and Access-Control-Allow-Credentials: true.",
		Browser:   "The lab sends this request from an iframe with sandbox=\"allow-scripts\" and no allow-same-origin. Its origin is opaque, so the browser sends Origin: null, finds null allowed, and gives the framed page the response. Whether the session cookie goes with it is the browser's cookie decision (the result below says what happened): Chromium keeps the default SameSite=Lax cookie home, since a request from an opaque origin counts as cross-site, but sends -cross-site mode's SameSite=None; Partitioned cookie, as the frame sits in the same top-level site's partition.",
		Why:       "null is not one origin: every sandboxed iframe, data: URL, file: page and some cross-origin redirects send it, on any site. An attacker's page needs only <iframe sandbox=\"allow-scripts\" srcdoc=...> to send Origin: null, so trusting null trusts everyone, with the user's cookies wherever the browser still sends them. The fix: never allow null; name the real origins. The cors package refuses \"null\" in Config.Origins (cors.New fails: it \"is the opaque origin of sandboxed iframes, file: pages and some redirects, which any site can make a browser send\"; remove it), and it decides null-origin, with no CORS headers, when a request sends it.",
		Try:       "Set credentials to omit: the framed page still reads the answer, now without any cookie.",
		Defaults:  LabSettings{Method: "GET", Credentials: credInclude},
		Sandboxed: true,
		preflight: func(h http.Header, r *http.Request) int {
			if trustNull(h, r) {
				allowAsked(h, r)
			}
			return http.StatusNoContent
		},
		actual: func(w http.ResponseWriter, r *http.Request) {
			trustNull(w.Header(), r)
			labBody("null-origin")(w, r)
		},
	},
	customScenario,
}

// redirectToTarget answers 307 to the scenario's /target, keeping the query.
func redirectToTarget(w http.ResponseWriter, r *http.Request) {
	target := strings.TrimSuffix(r.URL.Path, "/") + "/target"
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	w.Header().Set("Location", target)
	w.WriteHeader(http.StatusTemporaryRedirect)
}

// labHandler serves the scenarios under /lab/ and their index at /lab/.
func labHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/lab" || r.URL.Path == "/lab/" {
			w.Header().Set("Access-Control-Allow-Origin", "*")
			writeJSON(w, http.StatusOK, map[string]any{"scenarios": scenarios})
			return
		}
		if r.URL.Path == fixedPath {
			serveFixed(w, r)
			return
		}
		sc := scenarioAt(r.URL.Path)
		rest := strings.TrimPrefix(r.URL.Path, "/lab/")
		if sc == nil || (rest != sc.Name && rest != sc.Name+"/target") {
			w.Header().Set("Access-Control-Allow-Origin", "*")
			writeError(w, http.StatusNotFound, "no lab scenario at %s: GET /lab/ lists them (%s)", r.URL.Path, strings.Join(scenarioNames(), ", "))
			return
		}
		if r.Method == http.MethodOptions && r.Header.Get("Origin") != "" && r.Header.Get("Access-Control-Request-Method") != "" {
			w.WriteHeader(sc.preflight(w.Header(), r))
			return
		}
		sc.actual(w, r)
	})
}

// scenarioNames lists the names of the lab-path scenarios.
func scenarioNames() []string {
	var names []string
	for _, sc := range scenarios {
		if sc.actual != nil {
			names = append(names, sc.Name)
		}
	}
	return names
}
