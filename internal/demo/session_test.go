package demo

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func signature(key []byte, payload string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// mint makes a session cookie value for user with the given session id
// and expiry, signed with key, as the server's sign does.
func mint(key []byte, user, id string, expiry time.Time) string {
	payload := user + "." + id + "." + strconv.FormatInt(expiry.Unix(), 10)
	return payload + "." + signature(key, payload)
}

// valid is a session cookie value for user that the test server accepts.
func valid(user string) string {
	return mint(testKey, user, "AAAAAAAAAAAAAAAAAAAAAA", time.Now().Add(time.Hour))
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
	parts := strings.Split(c.Value, ".")
	require.Len(t, parts, 4, "USER.ID.EXPIRY.SIGNATURE: %s", c.Value)
	require.Equal(t, "ada", parts[0])
	require.Equal(t, signature(testKey, strings.Join(parts[:3], ".")), parts[3])
	expiry, err := strconv.ParseInt(parts[2], 10, 64)
	require.NoError(t, err)
	require.InDelta(t, time.Now().Add(SessionLifetime).Unix(), expiry, 5, "the session ends after SessionLifetime")
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
	require.True(t, strings.HasPrefix(sessionCookie(t, res).Value, "grace_h-2."))

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

	res, body = call(t, nil, "GET", url, "", "Cookie", "other=1; "+SessionCookie+"="+valid("ada"))
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	require.JSONEq(t, `{"user":"ada"}`, body)

	good := valid("ada")
	i := strings.LastIndexByte(good, '.')
	later := time.Now().Add(time.Hour)
	for _, forged := range []string{
		"root" + strings.TrimPrefix(good, "ada"),                                                 // another user's signature
		mint([]byte("another key, 32 bytes long......"), "ada", "AAAAAAAAAAAAAAAAAAAAAA", later), // another key
		"ada",              // no signature
		good[:i+1] + "!!!", // not base64url
		mint(testKey, "a b", "AAAAAAAAAAAAAAAAAAAAAA", later), // a name login refuses
		"ada." + signature(testKey, "ada"),                    // the old USER.SIGNATURE form
		good + "=",                                            // padding
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
	require.EqualError(t, err, "the session key is 5 bytes long: use at least 32, for example openssl rand -hex 32 > session.key, then -session-key-file session.key")
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

// TestLogoutEndsTheSessionOnTheServer replays a copied cookie after logout:
// the server ended the session, so the copy no longer answers. Before,
// logout only deleted the browser's cookie and the copy still said 200.
func TestLogoutEndsTheSessionOnTheServer(t *testing.T) {
	srv := startWith(t, Options{})
	res, _ := call(t, nil, "POST", srv.APIURL()+"/api/login", `{"user":"ada"}`)
	copied := SessionCookie + "=" + sessionCookie(t, res).Value
	res, _ = call(t, nil, "GET", srv.APIURL()+"/api/whoami", "", "Cookie", copied)
	require.Equal(t, http.StatusOK, res.StatusCode)

	res, _ = call(t, nil, "POST", srv.APIURL()+"/api/logout", "", "Cookie", copied)
	require.Equal(t, http.StatusOK, res.StatusCode)
	res, body := call(t, nil, "GET", srv.APIURL()+"/api/whoami", "", "Cookie", copied)
	require.Equal(t, http.StatusUnauthorized, res.StatusCode, body)
	require.Contains(t, errorOf(t, body), "belongs to a session that was logged out")

	res, _ = call(t, nil, "POST", srv.APIURL()+"/api/login", `{"user":"ada"}`)
	res, _ = call(t, nil, "GET", srv.APIURL()+"/api/whoami", "", "Cookie", SessionCookie+"="+sessionCookie(t, res).Value)
	require.Equal(t, http.StatusOK, res.StatusCode, "a new login is a new session")
}

// TestExpiredSessionsAreRefused checks that a session ends after its
// expiry, although its signature is valid.
func TestExpiredSessionsAreRefused(t *testing.T) {
	srv := startWith(t, Options{})
	old := mint(testKey, "ada", "AAAAAAAAAAAAAAAAAAAAAA", time.Now().Add(-time.Second))
	res, body := call(t, nil, "GET", srv.APIURL()+"/api/whoami", "", "Cookie", SessionCookie+"="+old)
	require.Equal(t, http.StatusUnauthorized, res.StatusCode, body)
	require.Contains(t, errorOf(t, body), "has expired")
}

// TestMalleatedSignaturesAreRefused changes the last base64 character of a
// valid signature to every other character that decodes to the same bytes
// under lenient decoding (the low bits of the last character are padding):
// each is refused. Before, three of them were accepted.
func TestMalleatedSignaturesAreRefused(t *testing.T) {
	srv := startWith(t, Options{})
	good := valid("ada")
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	last := strings.IndexByte(alphabet, good[len(good)-1])
	tried := 0
	for i := range len(alphabet) {
		if i == last || i>>2 != last>>2 { // a 32-byte MAC leaves 2 padding bits in the last character
			continue
		}
		tried++
		bad := good[:len(good)-1] + alphabet[i:i+1]
		res, body := call(t, nil, "GET", srv.APIURL()+"/api/whoami", "", "Cookie", SessionCookie+"="+bad)
		require.Equal(t, http.StatusUnauthorized, res.StatusCode, "%s: %s", bad, body)
	}
	require.Equal(t, 3, tried, "three other encodings of the same bytes")
	res, _ := call(t, nil, "GET", srv.APIURL()+"/api/whoami", "", "Cookie", SessionCookie+"="+good)
	require.Equal(t, http.StatusOK, res.StatusCode)
}

// TestRevocationStaysBounded fills the list of ended sessions: every
// session so far then ends at once, no logout is forgotten, and new logins
// work.
func TestRevocationStaysBounded(t *testing.T) {
	s := newSessions(testKey, false, false)
	now := time.Now()
	s.now = func() time.Time { return now }
	first, err := s.verify(s.sign("ada"))
	require.NoError(t, err)
	s.revoke(first)
	for i := range maxRevoked + 10 {
		now = now.Add(time.Millisecond * time.Duration(i%2)) // later sessions expire later
		tk, err := s.verify(s.sign("ada"))
		require.NoError(t, err)
		s.revoke(tk)
		_, err = s.verify(mint(testKey, tk.user, tk.id, time.Unix(tk.expiry, 0)))
		require.ErrorIs(t, err, errEnded, "session %d stays ended", i)
	}
	require.LessOrEqual(t, len(s.revoked), maxRevoked)
	_, err = s.verify(mint(testKey, "ada", first.id, time.Unix(first.expiry, 0)))
	require.ErrorIs(t, err, errEnded, "the first logout is not forgotten")
	fresh, err := s.verify(s.sign("ada"))
	require.NoError(t, err, "a session begun after the purge works")
	require.NotEmpty(t, fresh.id)
}
