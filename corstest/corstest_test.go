package corstest_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/credfetch/credfetch/cors"
	"github.com/credfetch/credfetch/corstest"
	"github.com/stretchr/testify/require"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func TestCheckAndTheAssertionsAgreeWithChrome(t *testing.T) {
	api := newAPI(cors.Config{Origins: []string{"https://app.example.com"}})
	defer api.Close()

	ok := corstest.Check(t, corstest.Request{From: "https://app.example.com", URL: api.URL, AllowLocalNetwork: true})
	require.True(t, corstest.AssertAllowed(t, ok))
	rec := &recorder{TB: t}
	require.False(t, corstest.AssertRefused(rec, ok, ""))
	require.Contains(t, rec.errors[0], "Chrome allowed GET "+api.URL)

	refused := corstest.Check(t, corstest.Request{From: "https://app.example.com", URL: api.URL, Credentials: "include", AllowLocalNetwork: true})
	require.True(t, corstest.AssertRefused(t, refused, "InvalidAllowCredentials"))
	rec = &recorder{TB: t}
	require.False(t, corstest.AssertRefused(rec, refused, "MissingAllowOriginHeader"))
	require.Contains(t, rec.errors[0], "with InvalidAllowCredentials")
	require.Contains(t, rec.errors[0], "want GET "+api.URL+" from https://app.example.com refused with MissingAllowOriginHeader")
	require.False(t, corstest.AssertAllowed(rec, refused))
	require.Contains(t, rec.errors[1], "has been blocked by CORS policy", "Chrome's console wording")
	require.Contains(t, rec.errors[1], "Credentials: true", "the fix")
}

func TestEachCheckHasItsOwnCookieJar(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
		w.Header().Set("Access-Control-Allow-Credentials", "true")
	}))
	defer api.Close()
	first := corstest.Check(t, corstest.Request{From: "http://localhost:1", URL: api.URL, Credentials: "include", Cookies: []corstest.Header{{Name: "sid", Value: "1"}}, AllowLocalNetwork: true})
	corstest.AssertAllowed(t, first)
	second := corstest.Check(t, corstest.Request{From: "http://localhost:1", URL: api.URL, Credentials: "include", AllowLocalNetwork: true})
	corstest.AssertAllowed(t, second)
	require.Empty(t, second.SentCookies, "the first check's cookie is gone")
	require.Empty(t, second.BlockedCookies)
	require.NotEmpty(t, first.BlockedCookies, "a cross-site cookie, stored without attributes, is blocked: %+v", first)
}

func TestABadRequestFailsBeforeAnyBrowser(t *testing.T) {
	_, err := corstest.Run(t.Context(), corstest.Request{URL: "https://api.example.com"})
	require.ErrorContains(t, err, `page origin "": want scheme://host[:port]`)
}

// TestItemsTakeACredentialedPUT is the README's corstest example.
func TestItemsTakeACredentialedPUT(t *testing.T) {
	items := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("saved")) })
	policy, err := cors.New(cors.Config{
		Origins:     []string{"https://app.example.com"},
		Credentials: true,
		Methods:     []string{"PUT"},
		Headers:     []string{"authorization"},
	})
	require.NoError(t, err)
	api := httptest.NewServer(policy.Wrap(items))
	defer api.Close()

	res := corstest.Check(t, corstest.Request{
		From:              "https://app.example.com",
		URL:               api.URL + "/items",
		Method:            "PUT",
		Headers:           []corstest.Header{{Name: "Authorization", Value: "Bearer x"}},
		Credentials:       "include",
		AllowLocalNetwork: true, // a public page calling httptest's loopback address
	})
	corstest.AssertAllowed(t, res)
	require.Equal(t, 204, res.Preflight.Status, "the preflight went out and passed")
}
