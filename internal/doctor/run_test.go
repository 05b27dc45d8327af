package doctor

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var testBrowser *Browser

func TestMain(m *testing.M) {
	path, err := FindChrome(os.Getenv("CHROME_PATH"), DefaultPaths)
	if err == nil {
		testBrowser, err = Start(path)
	}
	if err != nil {
		os.Stderr.WriteString("internal/doctor's tests need Chromium: " + err.Error() + "\n")
		os.Exit(1)
	}
	code := m.Run()
	testBrowser.Close()
	os.Exit(code)
}

// api answers /open with an ACAO echoing the Origin and /closed without CORS
// headers; both set a SameSite=Lax cookie.
func api(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "sid", Value: "1", SameSite: http.SameSiteLaxMode})
		if r.URL.Path == "/open" {
			w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
		}
		_, _ = w.Write([]byte("hi"))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestRunReadsChromesReasonAndConsoleWording(t *testing.T) {
	srv := api(t)
	for _, transport := range []string{"fetch", "xhr"} {
		res, err := testBrowser.Run(context.Background(), Case{From: "https://app.example.test", URL: srv.URL + "/closed", Transport: transport, AllowLocalNetwork: true})
		require.NoError(t, err)
		require.False(t, res.Allowed)
		require.Equal(t, "MissingAllowOriginHeader", res.CORSError)
		require.Contains(t, res.ConsoleMessage, "has been blocked by CORS policy")
		require.Contains(t, res.ConsoleMessage, "from origin 'https://app.example.test'")
		require.Equal(t, "granted", res.LocalNetwork)
		require.NotEmpty(t, res.LocalNetworkPermission)
		require.Nil(t, res.Preflight, "a simple GET sends no preflight")
		require.Equal(t, "https://app.example.test", res.Actual.RequestHeaders["Origin"], "the page origin is emulated")
		require.Equal(t, 200, res.Actual.Status)
	}
}

func TestRunSeesThePreflightAndAllowedResponses(t *testing.T) {
	srv := api(t)
	res, err := testBrowser.Run(context.Background(), Case{From: "https://app.example.test", URL: srv.URL + "/open", Method: "put", AllowLocalNetwork: true})
	require.NoError(t, err)
	require.False(t, res.Allowed, "the preflight lists no methods")
	require.Equal(t, "MethodDisallowedByPreflightResponse", res.CORSError)
	require.Equal(t, "PUT", res.FailedParameter)
	require.Equal(t, "PUT", res.Preflight.RequestHeaders["Access-Control-Request-Method"])

	res, err = testBrowser.Run(context.Background(), Case{From: "https://app.example.test", URL: srv.URL + "/open", AllowLocalNetwork: true})
	require.NoError(t, err)
	require.True(t, res.Allowed)
	require.Equal(t, 200, res.Status)
	require.Empty(t, res.CORSError)
	require.Nil(t, res.Fix)
}

func TestRunReportsLocalNetworkAccessWhenNotGranted(t *testing.T) {
	srv := api(t)
	res, err := testBrowser.Run(context.Background(), Case{From: "https://app.example.test", URL: srv.URL + "/open"})
	require.NoError(t, err)
	require.False(t, res.Allowed)
	require.Equal(t, "LocalNetworkAccessPermissionDenied", res.CORSError)
	require.Equal(t, "denied", res.LocalNetwork)
}

func TestRunReportsBlockedCookiesWithChromesReasons(t *testing.T) {
	srv := api(t)
	res, err := testBrowser.Run(context.Background(), Case{From: "https://app.example.test", URL: srv.URL + "/open", Credentials: "include",
		Cookies: []Header{{Name: "a", Value: "b"}}, AllowLocalNetwork: true})
	require.NoError(t, err)
	require.Equal(t, "InvalidAllowCredentials", res.CORSError)
	require.False(t, res.CookieSent)
	require.Len(t, res.BlockedCookies, 2)
	require.Equal(t, "a", res.BlockedCookies[0].Name)
	require.Equal(t, "request", res.BlockedCookies[0].On)
	require.NotEmpty(t, res.BlockedCookies[0].Reasons)
	require.Equal(t, "sid", res.BlockedCookies[1].Name)
	require.Equal(t, "set-cookie", res.BlockedCookies[1].On)
	require.Equal(t, "sid=1; SameSite=Lax", res.BlockedCookies[1].Line)
}

func TestFindChromeNamesTheFix(t *testing.T) {
	_, err := FindChrome("/nowhere/chrome", DefaultPaths)
	require.ErrorIs(t, err, ErrNoBrowser)
	require.ErrorContains(t, err, "CHROME_PATH=/nowhere/chrome")
	require.ErrorContains(t, err, "apt-get install -y chromium")
	_, err = FindChrome("", []string{"/nowhere/a"})
	require.ErrorContains(t, err, "CHROME_PATH is empty")
	require.ErrorContains(t, err, "apt-get install -y chromium")
	self, err := os.Executable()
	require.NoError(t, err)
	got, err := FindChrome("", []string{"/nowhere/a", self})
	require.NoError(t, err)
	require.Equal(t, self, got)
}

func TestRunGivesUpOnAServerThatNeverAnswers(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-release }))
	defer srv.Close()
	defer close(release)
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	saved := requestTimeout
	requestTimeout = time.Second
	defer func() { requestTimeout = saved }()
	_, err := testBrowser.Run(ctx, Case{From: "https://app.example.test", URL: srv.URL + "/slow", AllowLocalNetwork: true})
	require.ErrorContains(t, err, "no answer within 1s: is the server at "+srv.URL+"/slow answering?")
}

func TestRunContactsNothingButTheURL(t *testing.T) {
	var hits atomic.Int32
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		t.Errorf("the page origin's server got %s %s", r.Method, r.URL)
	}))
	defer page.Close()
	srv := api(t)
	res, err := testBrowser.Run(context.Background(), Case{From: page.URL, URL: srv.URL + "/open", AllowLocalNetwork: true})
	require.NoError(t, err)
	require.True(t, res.Allowed, "%s %s", res.CORSError, res.ConsoleMessage)
	require.Equal(t, page.URL, res.Actual.RequestHeaders["Origin"])
	require.Zero(t, hits.Load(), "the doctor answers the page and its favicon itself")
}
