package demo

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/credfetch/credfetch/cors"
)

// Query parameters the lab page adds to its requests. The server reads them
// only to explain: they change no answer.
const (
	// CredParam tells the server the credentials mode the page used
	// ("include", "same-origin" or "omit"), which requests do not carry.
	CredParam = "cred"
	// TabParam ties the exchanges to the page that caused them.
	TabParam = "tab"
	// TransportParam tells the server how the page sent the request
	// ("fetch" or "xhr"), which words Chrome's console message differently.
	TransportParam = "transport"
)

// exchange builds the live log's record of one request and its response.
func (s *Server) exchange(r *http.Request, reqHeader http.Header, d cors.Decision, rec *recorder, id uint64, start time.Time) *Exchange {
	q := r.URL.Query()
	cred := q.Get(CredParam)
	switch cred {
	case credInclude, credSameOrigin, credOmit:
	default:
		cred = ""
	}
	tab := q.Get(TabParam)
	if !validTab(tab) {
		tab = ""
	}
	sc := scenarioAt(r.URL.Path)
	reqHeader.Set("Host", r.Host)
	e := &Exchange{
		RequestID:  id,
		Time:       start,
		DurationMS: float64(time.Since(start).Microseconds()) / 1000,
		Kind:       "plain",
		Method:     r.Method,
		URL:        s.apiURL + r.URL.RequestURI(),
		Path:       r.URL.Path,
		Tab:        tab,
		Origin:     strings.Join(r.Header.Values("Origin"), ", "),
		Cookie:     cookieCarried(r),
		Request:    Message{Header: reqHeader, BodyBytes: r.ContentLength},
		Response:   Message{Status: rec.status, Header: rec.header.Clone(), BodyBytes: rec.bytes},
		Policy: PolicyView{
			Applied: strings.HasPrefix(r.URL.Path, "/api/"),
			Allowed: d.Allowed,
			Reason:  d.Reason,
			Message: d.Message,
			Status:  d.Status,
			Header:  d.Header,
			Text:    d.String(),
		},
	}
	if sc != nil {
		e.Scenario = sc.Name
	}
	j := judged{
		preflight:  d.Preflight,
		origin:     e.Origin,
		selfOrigin: s.apiURL,
		method:     r.Method,
		cred:       cred,
		status:     rec.status,
		response:   rec.header,
		requestURL: r.URL,
	}
	if abs, err := url.Parse(e.URL); err == nil {
		j.requestURL = abs // a server's r.URL has no scheme or host
	}
	if d.Preflight {
		j.method = d.RequestMethod
		names, _ := tokenList(r.Header.Values("Access-Control-Request-Headers"))
		for i := range names {
			names[i] = strings.ToLower(names[i])
		}
		j.headers = names
	}
	e.Browser = judge(j)
	e.Browser.Console = consoleFor(e.Browser, e.Origin, e.URL, q.Get(TransportParam))
	redacted(e.Request.Header)
	redacted(e.Response.Header)
	if isProbe(r) {
		e.Kind = "probe"
	}
	if e.Browser.CORS {
		e.Kind = "cors"
		if d.Preflight {
			e.Kind = "preflight"
		}
		if d.Reason != cors.ReasonRequestHeadersTooLong { // no policy allows it: no fix to build
			e.Fix = fixFor(r, d, e.Browser.Credentials, sc)
		}
	}
	return e
}

// What Exchange.Cookie says a request carried.
const (
	// CookieSession: the session cookie (SessionCookie) came.
	CookieSession = "session"
	// CookieOther: cookies came, but not the session cookie.
	CookieOther = "other"
	// CookieNone: no cookie came.
	CookieNone = "none"
)

// cookieCarried says which cookies r carried, from their names only.
func cookieCarried(r *http.Request) string {
	switch {
	case len(r.CookiesNamed(SessionCookie)) > 0:
		return CookieSession
	case len(r.Cookies()) > 0:
		return CookieOther
	}
	return CookieNone
}

// validTab accepts 1 to 64 of [A-Za-z0-9_-].
func validTab(tab string) bool {
	return tab != "" && len(tab) <= 64 && nameChars(tab)
}

// isProbe recognises credfetch's CORS probe (fetch.ProbeInit): after a
// cross-origin request fails, credfetch asks the same URL once more with a
// HEAD in no-cors mode, to learn whether the server answers at all. Chrome
// sends such a request with Sec-Fetch-Mode: no-cors and, for a HEAD, no
// Origin; Sec-Fetch-Site says it came from a page on another origin.
func isProbe(r *http.Request) bool {
	site := r.Header.Get("Sec-Fetch-Site")
	return r.Method == http.MethodHead && r.Header.Get("Origin") == "" &&
		r.Header.Get("Sec-Fetch-Mode") == "no-cors" && (site == "same-site" || site == "cross-site")
}
