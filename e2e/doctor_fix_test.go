//go:build e2e

package e2e

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/credfetch/credfetch/cors"
	"github.com/credfetch/credfetch/internal/corsconfig"
	"github.com/credfetch/credfetch/internal/doctor"
	"github.com/stretchr/testify/require"
)

// mistakesAPI is an API with three CORS and cookie mistakes, and the fixed
// header lines it sends once a fix is applied:
//   - PUT /items: the preflight answer does not list Authorization;
//   - GET /me: Access-Control-Allow-Origin without -Allow-Credentials;
//   - POST /login: a SameSite=Lax session cookie, for a cross-site page;
//     GET /profile is correct and shows whether the cookie comes back.
type mistakesAPI struct {
	mu    sync.Mutex
	fixes map[string]*doctor.Fix // by path
}

func (a *mistakesAPI) applyFix(path string, f *doctor.Fix) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.fixes[path] = f
}

func (a *mistakesAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	origin := r.Header.Get("Origin")
	preflight := r.Method == http.MethodOptions
	h.Set("Access-Control-Allow-Origin", origin)
	switch r.URL.Path {
	case "/items":
		h.Set("Access-Control-Allow-Credentials", "true")
		h.Set("Access-Control-Allow-Methods", "PUT")
	case "/me":
	case "/login":
		h.Set("Access-Control-Allow-Credentials", "true")
		h.Set("Access-Control-Allow-Headers", "content-type")
		if !preflight {
			h.Add("Set-Cookie", "sid=ada; Path=/; SameSite=Lax")
		}
	case "/profile":
		h.Set("Access-Control-Allow-Credentials", "true")
	}
	a.mu.Lock()
	fix := a.fixes[r.URL.Path]
	a.mu.Unlock()
	if fix != nil {
		lines := fix.Response
		if preflight {
			lines = fix.Preflight
		}
		for _, l := range lines {
			name, value, _ := strings.Cut(l, ": ")
			h.Set(name, value)
		}
		if len(fix.SetCookie) > 0 && !preflight {
			h.Del("Set-Cookie")
			for _, l := range fix.SetCookie {
				h.Add("Set-Cookie", strings.TrimPrefix(l, "Set-Cookie: "))
			}
		}
	}
	if preflight {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	_, _ = w.Write([]byte("ok"))
}

const doctorApp = "https://app.example.com"

// TestDoctorFindsThreeMistakesAndItsFixesMakeTheSecondRunPass checks a
// non-demo API: each mistake gets Chrome's reason (and the blocked cookie
// Chrome's cookie reason), and the server answering with the fix's header
// lines (or the fix's cors.Config) passes a second run.
func TestDoctorFindsThreeMistakesAndItsFixesMakeTheSecondRunPass(t *testing.T) {
	api := &mistakesAPI{fixes: map[string]*doctor.Fix{}}
	srv := httptest.NewServer(api)
	defer srv.Close()
	base := []string{"-from", doctorApp, "-credentials", "include", "-allow-local-network"}
	items := append(slices.Clone(base), "-method", "PUT", "-H", "Authorization: Bearer x", srv.URL+"/items")
	me := append(slices.Clone(base), srv.URL+"/me")
	login := append(slices.Clone(base), "-login", `POST `+srv.URL+`/login {"user":"ada"}`, srv.URL+"/profile")

	// 1. Authorization is not in Access-Control-Allow-Headers.
	res, code := runDoctor(t, items...)
	require.Equal(t, 1, code, "exit status 1: refused")
	require.False(t, res[0].Allowed)
	require.Equal(t, "HeaderDisallowedByPreflightResponse", res[0].CORSError)
	require.Equal(t, "authorization", res[0].FailedParameter)
	require.Contains(t, res[0].ConsoleMessage, "Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response")
	require.Contains(t, res[0].Fix.Preflight, "Access-Control-Allow-Headers: authorization")
	cfg := cors.Config{Origins: []string{doctorApp}, Credentials: true, Methods: []string{"PUT"}, Headers: []string{"authorization"}}
	require.Equal(t, corsconfig.Format(cfg), res[0].Fix.Config)
	api.applyFix("/items", res[0].Fix)

	// 2. Access-Control-Allow-Origin without -Allow-Credentials.
	res, _ = runDoctor(t, me...)
	require.False(t, res[0].Allowed)
	require.Equal(t, "InvalidAllowCredentials", res[0].CORSError)
	require.Contains(t, res[0].ConsoleMessage, "must be 'true' when the request's credentials mode is 'include'")
	require.Contains(t, res[0].Fix.Response, "Access-Control-Allow-Credentials: true")
	api.applyFix("/me", res[0].Fix)

	// 3. A SameSite=Lax session cookie on a cross-site API.
	res, code = runDoctor(t, login...)
	require.Equal(t, 0, code, "CORS is right: exit status 0")
	require.True(t, res[0].Allowed)
	require.False(t, res[0].CookieSent, "the login's cookie was not stored")
	require.Len(t, res[0].BlockedCookies, 1)
	blocked := res[0].BlockedCookies[0]
	require.Equal(t, "sid", blocked.Name)
	require.Equal(t, "set-cookie", blocked.On)
	require.Equal(t, "sid=ada; Path=/; SameSite=Lax", blocked.Line)
	require.NotEmpty(t, blocked.Reasons)
	for _, reason := range blocked.Reasons {
		require.Contains(t, []string{"UserPreferences", "ThirdPartyPhaseout", "SameSiteLax", "SchemefulSameSiteLax"}, reason, "a cross-site or third-party reason")
	}
	require.Equal(t, 200, res[0].Login.Status)
	require.Equal(t, []string{"Set-Cookie: sid=ada; Path=/; SameSite=None; Secure; Partitioned"}, res[0].Fix.SetCookie)
	api.applyFix("/login", res[0].Fix)

	// The second runs pass.
	for _, args := range [][]string{items, me, login} {
		res, code := runDoctor(t, args...)
		require.Equal(t, 0, code, "%v", args)
		require.True(t, res[0].Allowed, "%v: %s", args, res[0].CORSError)
		require.Empty(t, res[0].BlockedCookies, "%v", args)
		require.Nil(t, res[0].Fix)
	}
	res, _ = runDoctor(t, login...)
	require.True(t, res[0].CookieSent, "the fixed cookie comes back with the next request")
	require.Equal(t, []string{"sid"}, res[0].SentCookies)

	// The fix's cors.Config, wrapped around a handler, passes too.
	policy, err := cors.New(cfg)
	require.NoError(t, err)
	fixed := httptest.NewServer(policy.Wrap(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) })))
	defer fixed.Close()
	res, code = runDoctor(t, append(slices.Clone(items[:len(items)-1]), fixed.URL+"/items")...)
	require.Equal(t, 0, code)
	require.True(t, res[0].Allowed, res[0].CORSError)
}
