package demo

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseAnswerRefusesWhatAHeaderCannotHold(t *testing.T) {
	for _, tc := range []struct {
		query string
		want  string // in the error
	}{
		{"acao=a&acao=b", "acao (Access-Control-Allow-Origin) is given 2 times"},
		{"acac=" + strings.Repeat("x", maxAnswerValue+1), "is 257 bytes: the lab takes at most 256"},
		{"acah=x%0D%0ASet-Cookie:%20a=b", `acah (Access-Control-Allow-Headers) holds "\r" at byte 1`},
		{"acam=GET%C3%A9", `holds "\xc3" at byte 3`},
		{"pstatus=abc", `pstatus="abc" is not a status`},
		{"pstatus=199", "from 200 to 599"},
		{"pstatus=600", "from 200 to 599"},
	} {
		q, err := url.ParseQuery(tc.query)
		require.NoError(t, err)
		_, err = parseAnswer(q)
		require.ErrorContains(t, err, tc.want, tc.query)
	}

	a, err := parseAnswer(url.Values{"acao": {EchoOrigin}, "acma": {"not a number"}, "pstatus": {"500"}, "aceh": {""}})
	require.NoError(t, err)
	require.Equal(t, 500, a.status)
	h := http.Header{}
	a.write(h, "http://page.test", true)
	require.Equal(t, http.Header{
		"Access-Control-Allow-Origin": {"http://page.test"},
		"Access-Control-Max-Age":      {"not a number"},
		"Vary":                        {"Origin"},
	}, h, "a preflight gets no Expose-Headers; a value the browser ignores is still sent")
	h = http.Header{}
	a.write(h, "http://page.test", false)
	require.Equal(t, []string{""}, h["Access-Control-Expose-Headers"], "an empty value given is sent empty")
	require.NotContains(t, h, "Access-Control-Max-Age", "an actual response gets no Max-Age")
}

// TestCustomAnswersFailAsChromeWould checks the server's reason for answers
// a visitor may write (e2e compares the same answers with Chrome's own).
func TestCustomAnswersFailAsChromeWould(t *testing.T) {
	srv := startWith(t, Options{})
	sc := customScenario
	for _, tc := range []struct {
		name   string
		change map[string]string // "" deletes the parameter
		cred   string
		want   string
	}{
		{"as given", nil, credInclude, ""},
		{"no origin", map[string]string{"acao": ""}, credInclude, "PreflightMissingAllowOriginHeader"},
		{"star with credentials", map[string]string{"acao": "*"}, credInclude, "PreflightWildcardOriginNotAllowed"},
		{"star without credentials", map[string]string{"acao": "*", "acac": ""}, credOmit, ""},
		{"no credentials", map[string]string{"acac": ""}, credInclude, "PreflightInvalidAllowCredentials"},
		{"another origin", map[string]string{"acao": "https://app.example.com"}, credInclude, "PreflightAllowOriginMismatch"},
		{"status 500", map[string]string{"pstatus": "500"}, credInclude, "PreflightInvalidStatus"},
		{"method not listed", map[string]string{"acam": "GET, POST"}, credInclude, "MethodDisallowedByPreflightResponse"},
		{"header not listed", map[string]string{"acah": "content-type"}, credInclude, "HeaderDisallowedByPreflightResponse"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := sc.Defaults
			s.Credentials = tc.cred
			s.Answer = map[string]string{}
			for k, v := range sc.Defaults.Answer {
				s.Answer[k] = v
			}
			for k, v := range tc.change {
				if v == "" {
					delete(s.Answer, k)
				} else {
					s.Answer[k] = v
				}
			}
			run := runLikeABrowser(t, srv, sc, s, "custom")
			require.Equal(t, tc.want, run.final.CorsError, run.final.Message)
			require.Equal(t, tc.want == "", run.final.OK)
		})
	}
}

// TestTheFixAppliedLetsTheRequestThrough takes the fix the server suggests
// for a failing custom answer and runs the same request against /lab/fixed
// with it: the cors package configured that way allows it.
func TestTheFixAppliedLetsTheRequestThrough(t *testing.T) {
	srv := startWith(t, Options{})
	s := customScenario.Defaults
	s.Answer = map[string]string{"acao": "*", "acac": "true"}
	failed := runLikeABrowser(t, srv, customScenario, s, "before")
	require.Equal(t, "PreflightWildcardOriginNotAllowed", failed.final.CorsError)
	fix := failed.exchanges[len(failed.exchanges)-1].Fix
	require.NotNil(t, fix)
	require.True(t, fix.Allowed)

	s.Answer = map[string]string{FixConfigParam: fix.JSON}
	fixed := &Scenario{Name: "fixed", Path: fixedPath}
	after := runLikeABrowser(t, srv, fixed, s, "after")
	require.True(t, after.final.OK, after.final.Message)
	require.Len(t, after.exchanges, 2, "a preflight, then the PUT")
	require.True(t, after.exchanges[1].Response.Status == http.StatusOK)
}

func TestTheFixedPathNamesABadPolicy(t *testing.T) {
	srv := startWith(t, Options{})
	for _, tc := range []struct{ config, want string }{
		{"", "no config parameter"},
		{strings.Repeat(" ", maxFixConfig+1), "is 4097 bytes"},
		{`{"origins": ["*"], "credentials": true}`, "the config parameter: "},
		{`{"origin": ["http://x.test"]}`, "the config parameter: "},
	} {
		q := url.Values{}
		if tc.config != "" {
			q.Set(FixConfigParam, tc.config)
		}
		res, body := call(t, nil, "GET", srv.APIURL()+fixedPath+"?"+q.Encode(), "", "Origin", srv.PageURL())
		require.Equal(t, http.StatusBadRequest, res.StatusCode, body)
		require.Equal(t, srv.PageURL(), res.Header.Get("Access-Control-Allow-Origin"), "the page can read why")
		var e errorBody
		require.NoError(t, json.Unmarshal([]byte(body), &e))
		require.Contains(t, e.Error, tc.want)
	}
}
