package demo

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/credfetch/credfetch/cors"
	"github.com/stretchr/testify/require"
)

func TestDefaultPolicyAnswersThePagesPreflight(t *testing.T) {
	srv := startWith(t, Options{})
	res, body := call(t, nil, "OPTIONS", srv.APIURL()+"/api/items/1", "",
		"Origin", srv.PageURL(),
		"Access-Control-Request-Method", "PUT",
		"Access-Control-Request-Headers", "content-type,x-demo,x-xsrf-token,x-requested-with")
	require.Equal(t, http.StatusNoContent, res.StatusCode, body)
	require.Equal(t, srv.PageURL(), res.Header.Get("Access-Control-Allow-Origin"))
	require.Equal(t, "true", res.Header.Get("Access-Control-Allow-Credentials"))
	require.Contains(t, res.Header.Get("Access-Control-Allow-Methods"), "PUT")
	require.Equal(t, "content-type,x-demo,x-xsrf-token,x-requested-with", strings.ReplaceAll(res.Header.Get("Access-Control-Allow-Headers"), " ", ""))
	require.Empty(t, res.Header.Get("Access-Control-Max-Age"), "MaxAge 0: every preflight shows in the log")
	require.NotEmpty(t, res.Header.Get(RequestIDHeader), "preflights are numbered too")

	for _, tc := range [][]string{
		{"Origin", "http://localhost:1", "Access-Control-Request-Method", "PUT"},
		{"Origin", srv.PageURL(), "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-other"},
		{"Origin", srv.PageURL(), "Access-Control-Request-Method", "PURGE"},
	} {
		res, _ := call(t, nil, "OPTIONS", srv.APIURL()+"/api/items/1", "", tc...)
		require.Equal(t, http.StatusForbidden, res.StatusCode, tc)
		require.Empty(t, res.Header.Get("Access-Control-Allow-Origin"), tc)
	}
}

func TestDefaultPolicyOnActualRequests(t *testing.T) {
	srv := startWith(t, Options{})
	res, body := call(t, nil, "GET", srv.APIURL()+"/api/hello", "", "Origin", srv.PageURL())
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	require.Equal(t, srv.PageURL(), res.Header.Get("Access-Control-Allow-Origin"))
	require.Equal(t, "true", res.Header.Get("Access-Control-Allow-Credentials"))
	require.Equal(t, "x-request-id", res.Header.Get("Access-Control-Expose-Headers"))
	require.Contains(t, res.Header.Values("Vary"), "Origin")

	res, _ = call(t, nil, "GET", srv.APIURL()+"/api/hello", "", "Origin", "http://127.0.0.1:1")
	require.Equal(t, http.StatusOK, res.StatusCode, "the handler runs; the browser enforces")
	require.Empty(t, res.Header.Get("Access-Control-Allow-Origin"))

	cfg := srv.Policy()
	require.Equal(t, []string{srv.PageURL()}, cfg.Origins, "the page origin, port included, in place of \"page\"")
	require.True(t, cfg.Credentials)
	require.Equal(t, []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"}, cfg.Methods)
	require.Equal(t, []string{"content-type", "x-requested-with", "x-xsrf-token", "x-demo"}, cfg.Headers)
	require.Equal(t, []string{"x-request-id"}, cfg.Expose)
	require.Zero(t, cfg.MaxAge)
}

func TestCustomPolicyReplacesTheDefault(t *testing.T) {
	srv := startWith(t, Options{CORS: &cors.Config{
		Origins: []string{PageOrigin, "https://app.example.com"},
		Methods: []string{"PUT"},
		MaxAge:  90 * time.Second,
	}})
	for _, origin := range []string{srv.PageURL(), "https://app.example.com"} {
		res, _ := call(t, nil, "OPTIONS", srv.APIURL()+"/api/echo", "", "Origin", origin, "Access-Control-Request-Method", "PUT")
		require.Equal(t, http.StatusNoContent, res.StatusCode, origin)
		require.Equal(t, origin, res.Header.Get("Access-Control-Allow-Origin"))
		require.Empty(t, res.Header.Get("Access-Control-Allow-Credentials"), "no credentials in this policy")
		require.Equal(t, "90", res.Header.Get("Access-Control-Max-Age"))
	}
	_, body := call(t, nil, "GET", srv.PageURL()+"/policy.json", "")
	got := decode(t, body)
	require.Contains(t, got["config"], `Origins: []string{"`+srv.PageURL()+`", "https://app.example.com"}`)
	require.Contains(t, got["config"], "MaxAge:  90 * time.Second")
	require.Contains(t, got["flags"], "-max-age 1m30s")
}

func TestListenRefusesAnInsecurePolicyWithTheCorsError(t *testing.T) {
	_, err := Listen(Options{PageAddr: "localhost:0", APIAddr: "localhost:0", CORS: &cors.Config{Origins: []string{"*"}, Credentials: true}})
	require.Error(t, err)
	require.True(t, IsPolicyError(err))
	var ce *cors.ConfigError
	require.True(t, errors.As(err, &ce), "the cors package's own error is inside")
	require.Equal(t, "Config.Origins[0]", ce.Field)
	require.Contains(t, err.Error(), "the CORS policy of the API origin is refused")
	require.Contains(t, err.Error(), `cors: Config.Origins[0] "*"`)

	_, err = Listen(Options{PageAddr: "localhost:0", APIAddr: "localhost:0", CORS: &cors.Config{Origins: []string{"null", "http://example.com/"}}})
	require.True(t, IsPolicyError(err))
	require.Equal(t, 3, strings.Count(err.Error(), "\n  ")+1, "a header line and one line per problem:\n%v", err)
}

func TestEchoShowsWhatArrivedButNoCookieValues(t *testing.T) {
	srv := startWith(t, Options{})
	res, body := call(t, nil, "PATCH", srv.APIURL()+"/api/echo", "hello",
		"Origin", srv.PageURL(), "X-Demo", "1", "X-Demo", "2",
		"Cookie", "credfetch_session=secret-value; theme=dark")
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	got := decode(t, body)
	require.Equal(t, "PATCH", got["method"])
	require.Equal(t, srv.PageURL(), got["origin"])
	require.Equal(t, float64(5), got["bodySize"])
	require.Equal(t, []any{"credfetch_session", "theme"}, got["cookies"])
	headers := got["headers"].(map[string]any)
	require.Equal(t, []any{"1", "2"}, headers["X-Demo"])
	require.Equal(t, []any{strings.TrimPrefix(srv.APIURL(), "http://")}, headers["Host"])
	require.NotContains(t, headers, "Cookie")
	require.NotContains(t, body, "secret-value")
	require.NotContains(t, body, "dark")

	for _, m := range []string{"GET", "HEAD", "POST", "PUT", "DELETE", "QUERY"} {
		res, _ := call(t, nil, m, srv.APIURL()+"/api/echo", "")
		require.Equal(t, http.StatusOK, res.StatusCode, m)
	}
	_, body = call(t, nil, "GET", srv.APIURL()+"/api/echo", "")
	require.Equal(t, "", decode(t, body)["origin"])
	require.Equal(t, []any{}, decode(t, body)["cookies"], "an empty list, not null")
}

func TestRequestBodiesAreLimited(t *testing.T) {
	srv := startWith(t, Options{MaxBodyBytes: 10})
	res, body := call(t, nil, "POST", srv.APIURL()+"/api/echo", strings.Repeat("x", 11))
	require.Equal(t, http.StatusRequestEntityTooLarge, res.StatusCode)
	require.Equal(t, "the request body is over 10 bytes: send a smaller body", errorOf(t, body))
	res, _ = call(t, nil, "POST", srv.APIURL()+"/api/echo", strings.Repeat("x", 10))
	require.Equal(t, http.StatusOK, res.StatusCode)
	res, _ = call(t, nil, "POST", srv.APIURL()+"/api/login", `{"user":"ada"}  `)
	require.Equal(t, http.StatusRequestEntityTooLarge, res.StatusCode)
	res, _ = call(t, nil, "POST", srv.APIURL()+"/api/items", `{"name":"abcdefgh"}`)
	require.Equal(t, http.StatusRequestEntityTooLarge, res.StatusCode)
}

func TestUnknownPathsAndMethodsAnswerJSON(t *testing.T) {
	srv := startWith(t, Options{})
	res, body := call(t, nil, "GET", srv.APIURL()+"/api/nope", "", "Origin", srv.PageURL())
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	require.Contains(t, errorOf(t, body), "no endpoint /api/nope: the API has /api/hello, /api/login")
	require.Equal(t, srv.PageURL(), res.Header.Get("Access-Control-Allow-Origin"), "the page can read the 404")

	res, body = call(t, nil, "GET", srv.APIURL()+"/index.html", "")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	require.Contains(t, errorOf(t, body), "the pages are on the page origin "+srv.PageURL())

	res, body = call(t, nil, "DELETE", srv.APIURL()+"/api/whoami", "")
	require.Equal(t, http.StatusMethodNotAllowed, res.StatusCode)
	require.Equal(t, "GET, HEAD, OPTIONS", res.Header.Get("Allow"))
	require.Equal(t, "/api/whoami does not take DELETE: use GET, HEAD, OPTIONS", errorOf(t, body))

	res, _ = call(t, nil, "OPTIONS", srv.APIURL()+"/api/login", "")
	require.Equal(t, http.StatusNoContent, res.StatusCode, "an OPTIONS that is no preflight")
	require.Equal(t, "OPTIONS, POST", res.Header.Get("Allow"))

	res, _ = call(t, nil, "HEAD", srv.APIURL()+"/api/hello", "")
	require.Equal(t, http.StatusOK, res.StatusCode)
}

func TestRequestIDsNumberEveryResponse(t *testing.T) {
	srv := startWith(t, Options{})
	var ids []int
	for _, path := range []string{"/api/hello", "/api/nope", "/lab/no-acao", "/elsewhere"} {
		res, _ := call(t, nil, "GET", srv.APIURL()+path, "")
		id, err := strconv.Atoi(res.Header.Get(RequestIDHeader))
		require.NoError(t, err, path)
		ids = append(ids, id)
	}
	require.Equal(t, []int{1, 2, 3, 4}, ids)
	require.Equal(t, uint64(4), lastExchange(t, srv).RequestID, "the log shows the same number")
}

func TestDelayWaitsAndChecksItsInput(t *testing.T) {
	srv := startWith(t, Options{})
	start := time.Now()
	res, body := call(t, nil, "GET", srv.APIURL()+"/api/delay?ms=120", "")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.JSONEq(t, `{"waitedMs":120}`, body)
	require.GreaterOrEqual(t, time.Since(start), 120*time.Millisecond)

	for _, q := range []string{"", "ms=-1", "ms=abc", "ms=10001"} {
		res, body := call(t, nil, "GET", srv.APIURL()+"/api/delay?"+q, "")
		require.Equal(t, http.StatusBadRequest, res.StatusCode, q)
		require.Contains(t, errorOf(t, body), "give a whole number of milliseconds from 0 to 10000", q)
	}
}
