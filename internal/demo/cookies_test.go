package demo

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// cookieReport is GET /api/cookies's answer.
type cookieReport struct {
	FetchSite string          `json:"fetchSite"`
	CrossSite bool            `json:"crossSite"`
	Cookies   []CookieVerdict `json:"cookies"`
}

// readReport asks origin which of the lab's cookies arrived, as a browser
// page on pageOrigin would with fetchSite as Sec-Fetch-Site.
func readReport(t *testing.T, c *http.Client, origin, pageOrigin, fetchSite string) map[string]CookieVerdict {
	t.Helper()
	res, body := call(t, c, "GET", origin+"/api/cookies", "", "Origin", pageOrigin, "Sec-Fetch-Site", fetchSite)
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	require.Equal(t, pageOrigin, res.Header.Get("Access-Control-Allow-Origin"))
	require.Equal(t, "true", res.Header.Get("Access-Control-Allow-Credentials"))
	var rep cookieReport
	require.NoError(t, json.Unmarshal([]byte(body), &rep))
	require.Equal(t, fetchSite, rep.FetchSite)
	require.Equal(t, fetchSite == "cross-site", rep.CrossSite)
	out := map[string]CookieVerdict{}
	for _, v := range rep.Cookies {
		out[v.Kind] = v
	}
	require.Len(t, out, 3, body)
	return out
}

func TestOtherSiteOriginSetsEachCookieKind(t *testing.T) {
	srv := startWith(t, Options{})
	require.True(t, strings.HasPrefix(srv.SiteURL(), "http://127.0.0.1:"), "another site than the localhost page: %s", srv.SiteURL())
	res, body := call(t, nil, "GET", srv.PageURL()+"/demo-config.json", "")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Equal(t, srv.SiteURL(), decode(t, body)["siteOrigin"], "the pages learn the other-site origin")

	for _, origin := range []string{srv.SiteURL(), srv.APIURL()} {
		for kind, want := range map[string]string{
			"lax":         "lab_lax=lab; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax",
			"none":        "lab_none=lab; Path=/; Max-Age=3600; HttpOnly; SameSite=None; Secure",
			"partitioned": "lab_partitioned=lab; Path=/; Max-Age=3600; HttpOnly; SameSite=None; Secure; Partitioned",
		} {
			// A credentialed POST from the trusted page origin passes the
			// write protection.
			res, body := call(t, nil, "POST", origin+"/api/cookies/"+kind, "", "Origin", srv.PageURL(), "Sec-Fetch-Site", "cross-site")
			require.Equal(t, http.StatusOK, res.StatusCode, body)
			require.Equal(t, []string{want}, res.Header.Values("Set-Cookie"), origin)
			require.Equal(t, srv.PageURL(), res.Header.Get("Access-Control-Allow-Origin"))
			got := decode(t, body)
			require.Equal(t, want, got["setCookie"], "the API says what it set")
			require.Equal(t, "cross-site", got["fetchSite"])
		}
	}
}

func TestCookieReportSaysWhatArrivedAndTheExpectedReason(t *testing.T) {
	srv := startWith(t, Options{})
	page := srv.PageURL()

	// Nothing arrives on a cross-site request: the attributes say why.
	got := readReport(t, nil, srv.SiteURL(), page, "cross-site")
	require.Equal(t, CookieVerdict{Kind: "lax", Name: "lab_lax", Attributes: "SameSite=Lax", Reason: CookieReasonThirdParty,
		Why: "third-party cookies are blocked in this browser; where they are allowed, SameSite=Lax still keeps this cookie off cross-site requests (Chrome's reason there: SchemefulSameSiteLax)"}, got["lax"],
		"with no sign that third-party cookies are allowed, Chromium's default: they are blocked")
	require.Equal(t, CookieReasonThirdParty, got["none"].Reason)
	require.Equal(t, "third-party cookies are blocked in this browser", got["none"].Why)
	require.Equal(t, CookieReasonNotSet, got["partitioned"].Reason, "nothing in its attributes explains a missing CHIPS cookie")
	require.False(t, got["partitioned"].Sent)

	// Cookies that arrive are reported sent, with no reason.
	cookie := "lab_partitioned=lab; lab_none=lab"
	res, body := call(t, nil, "GET", srv.SiteURL()+"/api/cookies", "", "Origin", page, "Sec-Fetch-Site", "cross-site", "Cookie", cookie)
	require.Equal(t, http.StatusOK, res.StatusCode)
	var rep cookieReport
	require.NoError(t, json.Unmarshal([]byte(body), &rep))
	byKind := map[string]CookieVerdict{}
	for _, v := range rep.Cookies {
		byKind[v.Kind] = v
	}
	require.True(t, byKind["partitioned"].Sent)
	require.Empty(t, byKind["partitioned"].Reason)
	require.Equal(t, "sent: partitioned to this top-level site", byKind["partitioned"].Why)
	require.Equal(t, "sent: this browser allows third-party cookies", byKind["none"].Why)
	require.Equal(t, CookieVerdict{Kind: "lax", Name: "lab_lax", Attributes: "SameSite=Lax", Reason: CookieReasonSameSiteLax,
		Why: "SameSite=Lax: not sent on a cross-site request (nor stored from a cross-site response)"}, byKind["lax"],
		"lab_none arrived cross-site, so third-party cookies are allowed: SameSite=Lax is what keeps lab_lax away")
	require.NotContains(t, body, "=lab", "cookie values are never echoed")

	// On a same-site request a missing cookie was simply not set.
	got = readReport(t, nil, srv.APIURL(), page, "same-site")
	for _, kind := range []string{"lax", "none", "partitioned"} {
		require.Equal(t, CookieReasonNotSet, got[kind].Reason, kind)
	}
	res, body = call(t, nil, "GET", srv.APIURL()+"/api/cookies", "", "Origin", page, "Sec-Fetch-Site", "same-site", "Cookie", "lab_lax=lab")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, `"why":"sent: a same-site request carries SameSite=Lax and SameSite=None cookies alike"`)
}

func TestCookieEndpointsRefuseBadInput(t *testing.T) {
	srv := startWith(t, Options{})
	for _, origin := range []string{srv.SiteURL(), srv.APIURL()} {
		res, body := call(t, nil, "POST", origin+"/api/cookies/strict", "", "Origin", srv.PageURL())
		require.Equal(t, http.StatusNotFound, res.StatusCode)
		require.Equal(t, `no cookie kind "strict": the kinds are lax, none, partitioned, for example POST /api/cookies/lax`, errorOf(t, body))
		require.Empty(t, res.Header.Values("Set-Cookie"))

		res, body = call(t, nil, "GET", origin+"/api/cookies/lax", "", "Origin", srv.PageURL())
		require.Equal(t, http.StatusMethodNotAllowed, res.StatusCode)
		require.Contains(t, errorOf(t, body), "/api/cookies/{kind} does not take GET: use OPTIONS, POST")
	}
	// The other-site origin serves only the cookie endpoints, and refuses
	// writes from origins its policy does not trust.
	res, body := call(t, nil, "GET", srv.SiteURL()+"/api/items", "")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	require.Contains(t, errorOf(t, body), "the rest of the API is on "+srv.APIURL())
	res, body = call(t, nil, "GET", srv.SiteURL()+"/lab.html", "")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	require.Contains(t, errorOf(t, body), "the pages are on the page origin "+srv.PageURL())
	res, _ = call(t, nil, "POST", srv.SiteURL()+"/api/cookies/lax", "", "Origin", "http://evil.example", "Sec-Fetch-Site", "cross-site")
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	require.Empty(t, res.Header.Values("Set-Cookie"), "a refused write sets nothing")
}

func TestSiteAddrDefaultsToAnotherSiteThanThePage(t *testing.T) {
	srv := startWith(t, Options{PageAddr: "127.0.0.1:0"})
	require.True(t, strings.HasPrefix(srv.SiteURL(), "http://localhost:"), srv.SiteURL())
	_, err := Listen(Options{PageAddr: "localhost:0", APIAddr: "localhost:0", SiteAddr: "no-port"})
	require.ErrorContains(t, err, `-site-addr "no-port": want host:port`)
}

// TestSandboxedFrameReasonFollowsTheSessionCookie: the lab names
// SchemefulSameSiteLax for the same-site Lax session cookie a sandboxed
// frame's request goes without, and no reason for -cross-site's
// SameSite=None; Partitioned one, which Chromium sends from the frame.
func TestSandboxedFrameReasonFollowsTheSessionCookie(t *testing.T) {
	require.Equal(t, CookieReasonSameSiteLax, sandboxedReason((&sessions{}).cookie("", 0)))
	require.Empty(t, sandboxedReason((&sessions{crossSite: true}).cookie("", 0)))
}
