package demo

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func signature(key []byte, user string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(user))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// sessionCookie returns the response's credfetch_session cookie.
func sessionCookie(t *testing.T, res *http.Response) *http.Cookie {
	t.Helper()
	for _, c := range res.Cookies() {
		if c.Name == SessionCookie {
			return c
		}
	}
	t.Fatalf("no %s cookie in %v", SessionCookie, res.Header["Set-Cookie"])
	return nil
}

func TestLoginSetsASignedLaxHttpOnlyCookie(t *testing.T) {
	srv := startWith(t, Options{})
	res, body := call(t, nil, "POST", srv.APIURL()+"/api/login", "", "Origin", srv.PageURL())
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	require.JSONEq(t, `{"user":"ada"}`, body)

	c := sessionCookie(t, res)
	require.Equal(t, "ada."+signature(testKey, "ada"), c.Value)
	require.True(t, c.HttpOnly)
	require.Equal(t, "/", c.Path)
	require.Equal(t, http.SameSiteLaxMode, c.SameSite)
	require.False(t, c.Secure, "plain http on the same site needs no Secure")
	require.False(t, c.Partitioned)
	require.Zero(t, c.MaxAge, "a session cookie")

	require.Equal(t, srv.PageURL(), res.Header.Get("Access-Control-Allow-Origin"))
	require.Equal(t, "true", res.Header.Get("Access-Control-Allow-Credentials"))
}

func TestLoginNamesTheUserFromTheBody(t *testing.T) {
	srv := startWith(t, Options{})
	res, body := call(t, nil, "POST", srv.APIURL()+"/api/login", `{"user":"grace_h-2"}`, "Content-Type", "application/json")
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	require.JSONEq(t, `{"user":"grace_h-2"}`, body)
	require.Equal(t, "grace_h-2."+signature(testKey, "grace_h-2"), sessionCookie(t, res).Value)

	res, body = call(t, nil, "POST", srv.APIURL()+"/api/login", "  {}  ")
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	require.JSONEq(t, `{"user":"ada"}`, body, "an object without user logs in the default user")
}

func TestLoginRefusesBadBodiesAndNames(t *testing.T) {
	srv := startWith(t, Options{})
	for _, tc := range []struct{ body, want string }{
		{`{`, "the JSON ends in the middle of a value"},
		{`{"user":"ada",}`, "the JSON is invalid at byte"},
		{`{"user":""}`, `user "" must be 1 to 32 characters long`},
		{`{"user":"` + strings.Repeat("a", 33) + `"}`, "must be 1 to 32 characters long"},
		{`{"user":"a b"}`, `user "a b" may only hold letters A-Z and a-z, digits, _ and -`},
		{`{"user":"é"}`, "may only hold letters"},
		{`{"user":7}`, `field "user" is a number: it must be a string`},
		{`{"name":"ada"}`, `unknown field "name": the accepted fields are "user"`},
		{`["ada"]`, `the JSON is an array, not an object: send an object with the fields "user"`},
		{`{"user":"ada"} {}`, "the JSON holds more than one value"},
	} {
		res, body := call(t, nil, "POST", srv.APIURL()+"/api/login", tc.body)
		require.Equal(t, http.StatusBadRequest, res.StatusCode, tc.body)
		msg := errorOf(t, body)
		require.Contains(t, msg, tc.want, tc.body)
		require.True(t, strings.HasPrefix(msg, "login: "), msg)
		require.Empty(t, res.Cookies(), "a refused login sets no cookie")
	}
}

func TestWhoamiNeedsAValidCookie(t *testing.T) {
	srv := startWith(t, Options{})
	url := srv.APIURL() + "/api/whoami"

	res, body := call(t, nil, "GET", url, "", "Origin", srv.PageURL())
	require.Equal(t, http.StatusUnauthorized, res.StatusCode)
	require.Contains(t, errorOf(t, body), "no session cookie: the request carried no credfetch_session cookie")
	require.Contains(t, errorOf(t, body), "credentials: 'include'")
	require.Equal(t, srv.PageURL(), res.Header.Get("Access-Control-Allow-Origin"), "the page can read the 401")

	res, body = call(t, nil, "GET", url, "", "Cookie", "other=1; "+SessionCookie+"=ada."+signature(testKey, "ada"))
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	require.JSONEq(t, `{"user":"ada"}`, body)

	for _, forged := range []string{
		"root." + signature(testKey, "ada"),                    // another user's signature
		"ada." + signature([]byte("another key, 16+b"), "ada"), // another key
		"ada",                              // no signature
		"ada.!!!",                          // not base64url
		"a b." + signature(testKey, "a b"), // a name login refuses
	} {
		res, body = call(t, nil, "GET", url, "", "Cookie", SessionCookie+"="+forged)
		require.Equal(t, http.StatusUnauthorized, res.StatusCode, forged)
		require.Contains(t, errorOf(t, body), "no session cookie: the credfetch_session cookie that came is forged", forged)
	}
}

func TestLoginThenWhoamiThenLogoutWithACookieJar(t *testing.T) {
	srv := startWith(t, Options{})
	jar := newJar(t)
	c := &http.Client{Jar: jar, Timeout: 5 * time.Second}

	res, body := call(t, c, "POST", srv.APIURL()+"/api/login", `{"user":"lin"}`)
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	res, body = call(t, c, "GET", srv.APIURL()+"/api/whoami", "")
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	require.JSONEq(t, `{"user":"lin"}`, body)

	res, body = call(t, c, "POST", srv.APIURL()+"/api/logout", "")
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	require.JSONEq(t, `{"user":null}`, body)
	cleared := sessionCookie(t, res)
	require.Empty(t, cleared.Value)
	require.Equal(t, -1, cleared.MaxAge, "Max-Age=0 deletes the cookie")
	require.Contains(t, res.Header.Get("Set-Cookie"), "Max-Age=0")

	res, _ = call(t, c, "GET", srv.APIURL()+"/api/whoami", "")
	require.Equal(t, http.StatusUnauthorized, res.StatusCode, "logged out")
}

func TestCrossSiteModeIssuesAPartitionedCookie(t *testing.T) {
	srv := startWith(t, Options{CrossSite: true, APIAddr: "127.0.0.1:0"})
	require.True(t, strings.HasPrefix(srv.APIURL(), "http://127.0.0.1:"), srv.APIURL())
	res, body := call(t, nil, "POST", srv.APIURL()+"/api/login", "", "Origin", srv.PageURL())
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	c := sessionCookie(t, res)
	require.Equal(t, http.SameSiteNoneMode, c.SameSite)
	require.True(t, c.Secure)
	require.True(t, c.Partitioned)
	require.True(t, c.HttpOnly)
	require.Equal(t, srv.PageURL(), res.Header.Get("Access-Control-Allow-Origin"), "the page on localhost is still allowed")

	res, _ = call(t, nil, "POST", srv.APIURL()+"/api/logout", "")
	require.Contains(t, res.Header.Get("Set-Cookie"), "Partitioned", "deleting a partitioned cookie must name the partition")

	_, body = call(t, nil, "GET", srv.PageURL()+"/demo-config.json", "")
	cfg := decode(t, body)
	require.Equal(t, "cross-site", cfg["mode"])
	require.Contains(t, cfg["cookie"], "SameSite=None")
}

func TestTLSServesBothOriginsWithAGeneratedCertificate(t *testing.T) {
	srv := startWith(t, Options{TLS: true})
	require.True(t, strings.HasPrefix(srv.PageURL(), "https://localhost:"), srv.PageURL())
	require.True(t, strings.HasPrefix(srv.APIURL(), "https://localhost:"), srv.APIURL())
	cert := srv.Certificate()
	require.NotNil(t, cert)
	require.Contains(t, cert.DNSNames, "localhost")
	require.Less(t, time.Until(cert.NotAfter), 25*time.Hour)

	roots := x509.NewCertPool()
	roots.AddCert(cert)
	c := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}}}
	res, body := call(t, c, "POST", srv.APIURL()+"/api/login", "", "Origin", srv.PageURL())
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	ck := sessionCookie(t, res)
	require.True(t, ck.Secure, "https origins issue Secure cookies")
	require.Equal(t, http.SameSiteLaxMode, ck.SameSite)
	require.Equal(t, srv.PageURL(), res.Header.Get("Access-Control-Allow-Origin"), "the default policy names the https page origin")

	res, _ = call(t, c, "GET", srv.PageURL()+"/", "")
	require.Equal(t, http.StatusOK, res.StatusCode)

	_, err := http.Get(srv.APIURL() + "/api/hello")
	require.ErrorContains(t, err, "certificate", "an untrusting client refuses the self-signed certificate")
	require.Nil(t, startWith(t, Options{}).Certificate(), "no certificate without TLS")
}

func TestSessionKeyMustBeLongEnough(t *testing.T) {
	_, err := Listen(Options{PageAddr: "localhost:0", APIAddr: "localhost:0", SessionKey: []byte("short")})
	require.EqualError(t, err, "-session-key is 5 bytes long: use at least 16, for example -session-key $(openssl rand -hex 32)")
}

func TestRandomSessionKeysDifferBetweenServers(t *testing.T) {
	a := startWith(t, Options{SessionKey: []byte{}})
	require.Len(t, a.sessions.key, 32)
	b := startWith(t, Options{SessionKey: []byte{}})
	require.NotEqual(t, a.sessions.key, b.sessions.key)

	res, _ := call(t, nil, "POST", a.APIURL()+"/api/login", "")
	cookie := sessionCookie(t, res)
	res, body := call(t, nil, "GET", b.APIURL()+"/api/whoami", "", "Cookie", cookie.String())
	require.Equal(t, http.StatusUnauthorized, res.StatusCode)
	require.Contains(t, errorOf(t, body), "forged")
}

func TestStateChangesFromForeignOriginsAreRefusedBeforeTheyAct(t *testing.T) {
	srv := startWith(t, Options{})
	res, body := call(t, nil, "POST", srv.APIURL()+"/api/login", "", "Origin", "https://evil.example")
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	require.Empty(t, res.Cookies(), "no session for a cross-site form post")
	require.Contains(t, body, `Origin "https://evil.example" is neither this server's host`)
	require.Empty(t, res.Header.Get("Access-Control-Allow-Origin"))

	res, _ = call(t, nil, "POST", srv.APIURL()+"/api/items", `{"name":"x"}`, "Origin", "null")
	require.Equal(t, http.StatusForbidden, res.StatusCode)

	// A browser marks a cross-site form post with Sec-Fetch-Site even when
	// it sends no Origin: the demo's own guard looked at Origin alone and
	// let these act (201, 200).
	res, body = call(t, nil, "POST", srv.APIURL()+"/api/items", `{"name":"x"}`, "Sec-Fetch-Site", "cross-site")
	require.Equal(t, http.StatusForbidden, res.StatusCode, body)
	require.Contains(t, body, `Sec-Fetch-Site: "cross-site"`)
	res, _ = call(t, nil, "POST", srv.APIURL()+"/api/login", `{"user":"mallory"}`, "Sec-Fetch-Site", "same-site")
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	require.Empty(t, res.Cookies())
	res, body = call(t, nil, "GET", srv.APIURL()+"/api/items", "")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.NotContains(t, body, `"x"`, "no item was added")
	res, _ = call(t, nil, "GET", srv.APIURL()+"/api/items", "", "Origin", "https://evil.example")
	require.Equal(t, http.StatusOK, res.StatusCode, "reads are left to the browser's CORS check")
}
