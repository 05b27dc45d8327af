package demo

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/credfetch/credfetch/cors"
	"github.com/stretchr/testify/require"
)

// labRun is what a browser-like client saw running one scenario.
type labRun struct {
	exchanges []Exchange // of this run, oldest first
	final     Verdict    // the verdict that ended the run
}

// runLikeABrowser plays the browser's part for one lab run: a preflight when
// the settings need one, the actual request, and the redirects the verdicts
// allow. It reads each step's verdict from the live log, as the lab page does.
func runLikeABrowser(t *testing.T, srv *Server, sc *Scenario, s LabSettings, tab string) labRun {
	t.Helper()
	q := url.Values{CredParam: {s.Credentials}, TabParam: {tab}}
	for k, v := range s.Answer {
		q.Set(k, v)
	}
	target := srv.APIURL() + sc.Path + "?" + q.Encode()
	var names []string
	for name := range s.Headers {
		names = append(names, strings.ToLower(name))
	}
	slices.Sort(names)
	simple := s.Method == "GET" || s.Method == "HEAD" || s.Method == "POST"
	origin := srv.PageURL()
	if sc.Sandboxed {
		origin = nullOrigin // the lab runs it from a sandboxed iframe
	}
	var run labRun
	step := func(method, u string, hdr ...string) Verdict {
		call(t, nil, method, u, "", append([]string{"Origin", origin}, hdr...)...)
		all := snapshot(t, srv, "tab="+tab)
		e := all[len(all)-1]
		run.exchanges = append(run.exchanges, e)
		return e.Browser
	}
	if !simple || len(names) > 0 {
		pre := []string{"Access-Control-Request-Method", s.Method}
		if len(names) > 0 {
			pre = append(pre, "Access-Control-Request-Headers", strings.Join(names, ","))
		}
		if v := step("OPTIONS", target, pre...); !v.OK {
			run.final = v
			return run
		}
	}
	var hdr []string
	for name, value := range s.Headers {
		hdr = append(hdr, name, value)
	}
	for range 5 {
		v := step(s.Method, target, hdr...)
		if !v.OK || v.Redirect == "" {
			run.final = v
			return run
		}
		target = v.Redirect
	}
	t.Fatalf("%s: too many redirects", sc.Name)
	return run
}

func TestEveryScenarioFailsAsDocumented(t *testing.T) {
	srv := startWith(t, Options{})
	for i, sc := range Scenarios() {
		t.Run(sc.Name, func(t *testing.T) {
			run := runLikeABrowser(t, srv, sc, sc.Defaults, fmt.Sprintf("t%d", i))
			require.Equal(t, sc.Expect, run.final.CorsError, run.final.Message)
			require.Equal(t, sc.Expect == "", run.final.OK)
			require.Equal(t, credInclude, run.final.Credentials)
			require.False(t, run.final.Assumed, "the lab says its credentials mode")
			for _, e := range run.exchanges {
				require.Equal(t, fmt.Sprintf("t%d", i), e.Tab)
				require.NotNil(t, e.Fix, "every CORS exchange carries a fix")
				if sc.Sandboxed {
					require.Equal(t, nullOrigin, e.Origin)
					require.False(t, e.Fix.Allowed, "no policy allows null")
					require.Contains(t, e.Fix.Note, "never allows it")
					continue
				}
				require.True(t, e.Fix.Allowed, "the fix allows the request: %s", e.Fix.Config)
				require.Contains(t, e.Fix.Config, `Origins:     []string{"`+srv.PageURL()+`"}`)
				require.Contains(t, e.Fix.Config, "Credentials: true")
				if sc.Path != "/api/echo" {
					require.Equal(t, sc.Name, e.Scenario)
					require.False(t, e.Policy.Applied, "the scenario answered by hand")
				} else {
					require.True(t, e.Policy.Applied)
				}
			}
			for _, text := range []string{sc.Title, sc.Server, sc.Browser, sc.Why} {
				require.NotEmpty(t, text)
			}
		})
	}
}

func TestScenarioDetails(t *testing.T) {
	srv := startWith(t, Options{})
	byName := map[string]*Scenario{}
	for _, sc := range Scenarios() {
		byName[sc.Name] = sc
	}

	run := runLikeABrowser(t, srv, byName["policy"], byName["policy"].Defaults, "p")
	require.Len(t, run.exchanges, 2, "a preflight, then the actual request")
	require.Equal(t, "preflight", run.exchanges[0].Kind)
	require.Equal(t, "cors", run.exchanges[1].Kind)
	require.Equal(t, "OPTIONS", run.exchanges[0].Method)
	require.Equal(t, []string{"x-demo"}, run.exchanges[0].Request.Header["Access-Control-Request-Headers"])
	require.Equal(t, []string{"1"}, run.exchanges[1].Request.Header["X-Demo"])

	run = runLikeABrowser(t, srv, byName["expose"], byName["expose"].Defaults, "e")
	require.Contains(t, run.final.Exposed, "X-Demo-Visible")
	require.Contains(t, run.final.Hidden, "X-Demo-Hidden")
	require.Contains(t, run.exchanges[0].Fix.Config, `Expose:      []string{"X-Demo-Visible", "X-Demo-Hidden"}`)

	run = runLikeABrowser(t, srv, byName["max-age"], byName["max-age"].Defaults, "m")
	require.Equal(t, []string{"600"}, run.exchanges[0].Response.Header["Access-Control-Max-Age"])
	require.Contains(t, run.exchanges[0].Browser.Message, "reuse this answer for 600 seconds")
	require.Contains(t, run.exchanges[0].Fix.Config, "MaxAge:      10 * time.Minute")

	run = runLikeABrowser(t, srv, byName["redirect"], byName["redirect"].Defaults, "r")
	require.Len(t, run.exchanges, 2)
	require.Equal(t, http.StatusTemporaryRedirect, run.exchanges[0].Response.Status)
	require.Equal(t, "/lab/redirect/target", run.exchanges[1].Path)
	require.True(t, run.final.OK)

	// The variations each scenario suggests turn the outcome around.
	wc := byName["wildcard-credentials"]
	omit := wc.Defaults
	omit.Credentials = credOmit
	require.True(t, runLikeABrowser(t, srv, wc, omit, "w").final.OK)
	pm := byName["preflight-method"]
	post := pm.Defaults
	post.Method = "POST"
	require.True(t, runLikeABrowser(t, srv, pm, post, "pm").final.OK)
	na := byName["no-acao"]
	put := na.Defaults
	put.Method = "PUT"
	require.Equal(t, "PreflightMissingAllowOriginHeader", runLikeABrowser(t, srv, na, put, "na").final.CorsError)
	pol := byName["policy"]
	other := LabSettings{Method: "GET", Headers: map[string]string{"X-Other": "1"}, Credentials: credInclude}
	run = runLikeABrowser(t, srv, pol, other, "po")
	require.Equal(t, "PreflightMissingAllowOriginHeader", run.final.CorsError, "the policy's bare 403 has no CORS headers")
	require.Equal(t, "header-not-allowed", string(run.exchanges[0].Policy.Reason))
	require.Contains(t, run.exchanges[0].Fix.Config, `Headers:     []string{"x-other"}`)
}

func TestLabIndexAndUnknownScenarios(t *testing.T) {
	srv := startWith(t, Options{})
	res, body := call(t, nil, "GET", srv.APIURL()+"/lab/", "")
	require.Equal(t, http.StatusOK, res.StatusCode)
	var index struct{ Scenarios []Scenario }
	require.NoError(t, json.Unmarshal([]byte(body), &index))
	require.Len(t, index.Scenarios, len(scenarios))

	res, body = call(t, nil, "GET", srv.APIURL()+"/lab/nope", "")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	require.Contains(t, errorOf(t, body), "no lab scenario at /lab/nope: GET /lab/ lists them (no-acao, wildcard-credentials")
	res, _ = call(t, nil, "GET", srv.APIURL()+"/lab/no-acao/elsewhere", "")
	require.Equal(t, http.StatusNotFound, res.StatusCode)

	_, body = call(t, nil, "GET", srv.PageURL()+"/scenarios.json", "")
	require.NoError(t, json.Unmarshal([]byte(body), &index))
	names := map[string]bool{}
	for _, sc := range index.Scenarios {
		require.False(t, names[sc.Name], "unique names")
		names[sc.Name] = true
		require.NotEmpty(t, sc.Defaults.Method, sc.Name)
	}
	for _, want := range []string{"no-acao", "wildcard-credentials", "other-origin", "no-acac", "preflight-method", "preflight-header", "expose", "max-age", "redirect"} {
		require.True(t, names[want], "the issue's scenario %s", want)
	}
}

func TestNullOriginScenarioTrustsOnlyNull(t *testing.T) {
	srv := startWith(t, Options{})
	var sc *Scenario
	for _, s := range Scenarios() {
		if s.Sandboxed {
			sc = s
		}
	}
	require.NotNil(t, sc, "a scenario runs from a sandboxed iframe")
	res, _ := call(t, nil, "GET", srv.APIURL()+sc.Path, "", "Origin", "null")
	require.Equal(t, "null", res.Header.Get("Access-Control-Allow-Origin"))
	require.Equal(t, "true", res.Header.Get("Access-Control-Allow-Credentials"))
	res, _ = call(t, nil, "GET", srv.APIURL()+sc.Path, "", "Origin", srv.PageURL())
	require.Empty(t, res.Header.Get("Access-Control-Allow-Origin"), "only null is trusted")

	// What the scenario says of the cors package holds.
	_, err := cors.New(cors.Config{Origins: []string{"null"}, Credentials: true})
	require.Error(t, err)
	require.Contains(t, err.Error(), "is the opaque origin of sandboxed iframes, file: pages and some redirects, which any site can make a browser send")
	require.Contains(t, sc.Why, "is the opaque origin of sandboxed iframes, file: pages and some redirects, which any site can make a browser send")
}

func TestExchangesSayWhichCookieCame(t *testing.T) {
	srv := startWith(t, Options{})
	for _, tc := range []struct{ cookie, want string }{
		{"", CookieNone},
		{"theme=dark", CookieOther},
		{"theme=dark; " + SessionCookie + "=secret-value", CookieSession},
	} {
		var hdr []string
		if tc.cookie != "" {
			hdr = []string{"Cookie", tc.cookie}
		}
		call(t, nil, "GET", srv.APIURL()+"/api/hello?tab=ck", "", append(hdr, "Origin", srv.PageURL())...)
		all := snapshot(t, srv, "tab=ck")
		e := all[len(all)-1]
		require.Equal(t, tc.want, e.Cookie, tc.cookie)
		require.NotContains(t, fmt.Sprint(e.Request.Header), "secret-value", "the log never holds a cookie's value")
	}
}
