package demo

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/credfetch/credfetch/cors"
)

// The lab's "custom" scenario answers as the visitor wrote: each
// Access-Control-* header of the answer comes from a query parameter of the
// request (so the preflight, which goes to the same URL, carries the same
// answer), and a link to the lab can hold the whole case.
const (
	// AnswerOriginParam is Access-Control-Allow-Origin; the value "origin"
	// echoes the request's Origin, any other value is sent as written.
	AnswerOriginParam = "acao"
	// AnswerCredentialsParam is Access-Control-Allow-Credentials.
	AnswerCredentialsParam = "acac"
	// AnswerMethodsParam is Access-Control-Allow-Methods (preflight only).
	AnswerMethodsParam = "acam"
	// AnswerHeadersParam is Access-Control-Allow-Headers (preflight only).
	AnswerHeadersParam = "acah"
	// AnswerExposeParam is Access-Control-Expose-Headers (actual only).
	AnswerExposeParam = "aceh"
	// AnswerMaxAgeParam is Access-Control-Max-Age (preflight only).
	AnswerMaxAgeParam = "acma"
	// AnswerStatusParam is the status of the answer to a preflight, 200 to
	// 599; 204 when absent.
	AnswerStatusParam = "pstatus"
	// FixConfigParam carries, on /lab/fixed, the policy file (JSON) that
	// the cors package answers with.
	FixConfigParam = "config"
)

// EchoOrigin is the value of AnswerOriginParam that sends the request's own
// Origin back.
const EchoOrigin = "origin"

// maxAnswerValue bounds one header value of a custom answer, and
// maxFixConfig the policy file of /lab/fixed.
const (
	maxAnswerValue = 256
	maxFixConfig   = 4096
)

// answerHeaders maps each header parameter of a custom answer to its header,
// in the order the lab shows them.
var answerHeaders = []struct{ param, header string }{
	{AnswerOriginParam, "Access-Control-Allow-Origin"},
	{AnswerCredentialsParam, "Access-Control-Allow-Credentials"},
	{AnswerMethodsParam, "Access-Control-Allow-Methods"},
	{AnswerHeadersParam, "Access-Control-Allow-Headers"},
	{AnswerExposeParam, "Access-Control-Expose-Headers"},
	{AnswerMaxAgeParam, "Access-Control-Max-Age"},
}

// customAnswer is a visitor's answer, checked: the headers to send (absent
// parameters send none) and the preflight's status.
type customAnswer struct {
	header http.Header
	status int
}

// parseAnswer reads a custom answer from a request's query. Every value is
// bounded and must be printable ASCII, as header values on the wire are; a
// bad one is named with the way to fix it.
func parseAnswer(q url.Values) (customAnswer, error) {
	a := customAnswer{header: http.Header{}, status: http.StatusNoContent}
	for _, p := range answerHeaders {
		vs, ok := q[p.param]
		if !ok {
			continue
		}
		if len(vs) != 1 {
			return a, fmt.Errorf("%s (%s) is given %d times: give it once", p.param, p.header, len(vs))
		}
		v := vs[0]
		if len(v) > maxAnswerValue {
			return a, fmt.Errorf("%s (%s) is %d bytes: the lab takes at most %d", p.param, p.header, len(v), maxAnswerValue)
		}
		if i := strings.IndexFunc(v, func(c rune) bool { return c < ' ' && c != '\t' || c > '~' }); i >= 0 {
			return a, fmt.Errorf("%s (%s) holds %q at byte %d: a header value the lab sends is printable ASCII, spaces and tabs", p.param, p.header, v[i:i+1], i)
		}
		a.header[p.header] = []string{v}
	}
	if vs, ok := q[AnswerStatusParam]; ok {
		n, err := strconv.Atoi(strings.Join(vs, ","))
		if err != nil || n < 200 || n > 599 {
			return a, fmt.Errorf("%s=%q is not a status the lab answers a preflight with: give a number from 200 to 599 (204 when left out)", AnswerStatusParam, strings.Join(vs, ","))
		}
		a.status = n
	}
	return a, nil
}

// write sets the answer's headers that belong to a preflight (preflight
// true) or to an actual response on h, echoing origin where asked.
func (a customAnswer) write(h http.Header, origin string, preflight bool) {
	for _, p := range answerHeaders {
		v, ok := a.header[p.header]
		if !ok {
			continue
		}
		switch p.param {
		case AnswerMethodsParam, AnswerHeadersParam, AnswerMaxAgeParam:
			if !preflight {
				continue
			}
		case AnswerExposeParam:
			if preflight {
				continue
			}
		case AnswerOriginParam:
			if v[0] == EchoOrigin {
				v = []string{origin}
				h.Add("Vary", "Origin")
			}
		}
		h[p.header] = v
	}
}

// customScenario answers with the visitor's own headers.
var customScenario = &Scenario{
	Name:    "custom",
	Path:    "/lab/custom",
	Title:   "Your own server answer",
	Server:  "The server answers with the Access-Control-* headers and the preflight status you write below; a header left empty is not sent.",
	Browser: "The browser checks your answer exactly as it checks any server's: the reason below is the one Chrome gives.",
	Why:     "Change one header at a time and watch which check fails first: the origin, then credentials, then (for a preflight) the status, the method and the headers.",
	Try:     "Clear Access-Control-Allow-Credentials, or set Access-Control-Allow-Origin to *, and run again.",
	Defaults: LabSettings{Method: "PUT", Headers: map[string]string{"X-Demo": "1"}, Credentials: credInclude, Answer: map[string]string{
		AnswerOriginParam:      EchoOrigin,
		AnswerCredentialsParam: "true",
		AnswerMethodsParam:     "PUT",
		AnswerHeadersParam:     "X-Demo",
	}},
	preflight: func(h http.Header, r *http.Request) int {
		a, err := parseAnswer(r.URL.Query())
		if err != nil { // the actual request reports it; a preflight has no body to read
			return http.StatusBadRequest
		}
		a.write(h, r.Header.Get("Origin"), true)
		return a.status
	},
	actual: func(w http.ResponseWriter, r *http.Request) {
		a, err := parseAnswer(r.URL.Query())
		if err != nil {
			allowOrigin(w.Header(), r) // so that the page can read what is wrong
			allowCredentials(w.Header())
			writeError(w, http.StatusBadRequest, "custom answer: %v", err)
			return
		}
		a.write(w.Header(), r.Header.Get("Origin"), false)
		labBody("custom")(w, r)
	},
}

// fixedPath answers with the cors package configured by the policy file in
// its config parameter: the lab's "apply the fix and run again".
const fixedPath = "/lab/fixed"

// serveFixed answers r with a cors policy built from its config parameter,
// around the lab's plain body. A missing, oversized or invalid policy is a
// 400 that names the problem (with CORS headers, so that the page can read
// it).
func serveFixed(w http.ResponseWriter, r *http.Request) {
	raw := r.URL.Query().Get(FixConfigParam)
	p, err := fixedPolicy(raw)
	if err != nil {
		allowOrigin(w.Header(), r)
		allowCredentials(w.Header())
		writeError(w, http.StatusBadRequest, "%s: %v", fixedPath, err)
		return
	}
	p.Wrap(http.HandlerFunc(labBody("fixed"))).ServeHTTP(w, r)
}

// fixedPolicy builds the policy of /lab/fixed from a policy file's JSON.
func fixedPolicy(raw string) (*cors.Policy, error) {
	switch {
	case raw == "":
		return nil, fmt.Errorf("no %s parameter: give the policy as the JSON of a -config file, such as {\"origins\":[\"http://localhost:8080\"],\"credentials\":true}", FixConfigParam)
	case len(raw) > maxFixConfig:
		return nil, fmt.Errorf("the %s parameter is %d bytes: the lab takes policies up to %d", FixConfigParam, len(raw), maxFixConfig)
	}
	cfg, err := ParsePolicy([]byte(raw))
	if err != nil {
		return nil, fmt.Errorf("the %s parameter: %w", FixConfigParam, err)
	}
	p, err := cors.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("the %s parameter: %w", FixConfigParam, err)
	}
	return p, nil
}
