//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/credfetch/credfetch/internal/demo"
	"github.com/stretchr/testify/require"
)

// openFreshLab opens the lab of srv in a tab with a cookie jar of its own,
// as a first-time visitor, and waits until it can run.
func openFreshLab(t *testing.T, srv *demo.Server, query url.Values) *page {
	t.Helper()
	p := newTabWith(t, chromedp.WithNewBrowserContext())
	p.navigate(srv.PageURL() + "/lab.html?" + query.Encode())
	p.waitUntil(`!document.getElementById('run').disabled`, "the lab to load credfetch", 20*time.Second)
	return p
}

// serverSawActual returns srv's record of the first actual request the lab
// shows in its result (after a refusal credfetch's probe follows it), read
// from the server's log.
func serverSawActual(p *page, srv *demo.Server) demo.Exchange {
	p.t.Helper()
	seq := p.attrOf("#actual .exchange", "data-seq")
	require.NotEmpty(p.t, seq, "the lab shows the actual request")
	n, err := strconv.ParseUint(seq, 10, 64)
	require.NoError(p.t, err)
	res, err := http.Get(fmt.Sprintf("%s/log.json?since=%d", srv.PageURL(), n-1))
	require.NoError(p.t, err)
	defer res.Body.Close()
	var snap struct{ Exchanges []demo.Exchange }
	require.NoError(p.t, json.NewDecoder(res.Body).Decode(&snap))
	for _, e := range snap.Exchanges {
		if e.Seq == n {
			return e
		}
	}
	p.t.Fatalf("the server's log has no exchange #%d", n)
	return demo.Exchange{}
}

// logInOnThePanel logs in as user on the lab's Session panel.
func logInOnThePanel(p *page, user string) {
	p.t.Helper()
	eval[bool](p, `(() => { document.getElementById('session-name').value = `+jsQuote(user)+`; return true; })()`)
	p.clickCSS("#session-login")
	p.waitUntil(`document.getElementById('session-user').dataset.user === `+jsQuote(user), "the panel to show "+user, 10*time.Second)
}

func TestLabSessionPanelDecidesWhetherTheCookieGoes(t *testing.T) {
	p := openFreshLab(t, suite.server, url.Values{"scenario": {"policy"}})
	p.waitUntil(`document.getElementById('session-user').dataset.held !== 'unknown'`, "the panel's first answer", 10*time.Second)
	require.Equal(t, "none", p.attrOf("#session-user", "data-held"), "a first visit holds no session")
	require.Contains(t, p.text("#session-user"), "The API sees nobody")
	require.Equal(t, demo.SessionCookie, p.text("#session-cookie-name"))
	p.clickCSS("#session-cookie summary")
	attrs := p.text("#session-cookie-attrs")
	for _, want := range []string{"SameSite=Lax", "HttpOnly: page JavaScript cannot read its value", "Not Partitioned",
		"ports do not count: " + suite.server.PageURL() + " and " + suite.server.APIURL() + " are one site"} {
		require.Contains(t, attrs, want, "the panel names the origins this server runs on")
	}

	run := runLab(p, 1)
	require.Equal(t, "ok", run.outcome)
	require.Equal(t, "not-held", p.attrOf("#cookie-note", "data-cookie"))
	require.Contains(t, p.text("#cookie-note"), "No cookie went: this browser holds no session for the API origin — log in above")
	require.Equal(t, demo.CookieNone, serverSawActual(p, suite.server).Cookie, "the server got no cookie")

	eval[bool](p, `(() => { document.getElementById('session-name').value = 'grace hopper'; return true; })()`)
	p.clickCSS("#session-login")
	p.waitUntil(`!document.getElementById('session-error').hidden`, "the API's refusal", 10*time.Second)
	require.Contains(t, p.text("#session-error"), `The API refused: login: user "grace hopper" may only hold letters`)

	logInOnThePanel(p, "grace")
	require.True(t, eval[bool](p, `document.getElementById('session-error').hidden`), "the error goes with a good login")
	require.Contains(t, p.text("#session-user"), "The API sees you as grace")
	runLab(p, 2)
	require.Equal(t, "session", p.attrOf("#cookie-note", "data-cookie"))
	require.Contains(t, p.text("#cookie-note"), "the session cookie (credfetch_session) went with the request")
	require.Equal(t, demo.CookieSession, serverSawActual(p, suite.server).Cookie, "the server got the session cookie")
	require.Contains(t, eval[string](p, `document.querySelector('#actual .exchange .meta').textContent`), "cookie: session", "the exchange (folded) shows it too")
	p.readmeShot("lab-session", "#session", 900)

	// A blocked response: the request still went with the cookie.
	eval[bool](p, `(() => { const m = document.getElementById('scenario'); m.value = 'no-acac'; m.dispatchEvent(new Event('change')); return true; })()`)
	require.Equal(t, "blocked", runLab(p, 3).outcome)
	require.Equal(t, "session", p.attrOf("#cookie-note", "data-cookie"))
	require.Contains(t, p.text("#cookie-note"), "The server acted as the logged-in user, although the browser keeps its answer from the page")
	require.Equal(t, demo.CookieSession, serverSawActual(p, suite.server).Cookie)

	eval[bool](p, `(() => { const m = document.getElementById('credentials'); m.value = 'omit'; m.dispatchEvent(new Event('change')); return true; })()`)
	runLab(p, 4)
	require.Equal(t, "omit", p.attrOf("#cookie-note", "data-cookie"))
	require.Contains(t, p.text("#cookie-note"), "No cookie went: credentials 'omit'")
	require.Equal(t, demo.CookieNone, serverSawActual(p, suite.server).Cookie)

	p.clickCSS("#session-logout")
	p.waitUntil(`document.getElementById('session-user').dataset.held === 'none'`, "the panel to show the logout", 10*time.Second)
	eval[bool](p, `(() => { const m = document.getElementById('credentials'); m.value = 'include'; m.dispatchEvent(new Event('change')); return true; })()`)
	runLab(p, 5)
	require.Equal(t, "not-held", p.attrOf("#cookie-note", "data-cookie"))
	require.Equal(t, demo.CookieNone, serverSawActual(p, suite.server).Cookie, "no cookie after the logout")
}

func TestLabLinkWithRunOneRunsTheCase(t *testing.T) {
	p := openFreshLab(t, suite.server, url.Values{"scenario": {"no-acac"}, "credentials": {"omit"}, "run": {"1"}})
	p.waitUntil(`document.getElementById('result').dataset.runs === '1'`, "the case to run by itself", 20*time.Second)
	require.Equal(t, "ok", p.attrOf("#outcome", "data-outcome"), "no-acac passes without credentials")
	saw := serverSawActual(p, suite.server)
	require.Equal(t, "no-acac", saw.Scenario, "the server saw the request")
	require.Equal(t, "omit", saw.Browser.Credentials)

	require.NotContains(t, eval[string](p, `location.search`), "run=", "a reload does not run it again")
	share, err := url.Parse(p.attrOf("#share", "href"))
	require.NoError(t, err)
	require.False(t, share.Query().Has("run"), "Link to this case does not run it")
	runLink, err := url.Parse(p.attrOf("#share-run", "href"))
	require.NoError(t, err)
	require.Equal(t, "1", runLink.Query().Get("run"))
	require.Equal(t, "no-acac", runLink.Query().Get("scenario"))
}

// TestLabNullOriginFromASandboxedFrameIsAllowed runs the null-origin case
// after logging in, with the same-site SameSite=Lax cookie and with
// -cross-site's SameSite=None; Secure; Partitioned one, and checks that the
// page says what the server saw of the cookie, and why, as Chrome decided
// it. Chromium runs sandboxed frames in a process of their own, whose
// network events do not reach the tab's DevTools session, so this test's
// browser keeps them in the page's process (IsolateSandboxedIframes off):
// the frame's origin, and so Origin: null and its cookie decisions, stay
// the same.
func TestLabNullOriginFromASandboxedFrameIsAllowed(t *testing.T) {
	for _, tc := range []struct {
		name   string
		srv    func(t *testing.T) *demo.Server
		cookie string // what the API origin saw, measured in Chromium 156
		reason string // Chrome's reason for withholding the session cookie
	}{
		{"same-site Lax cookie", func(*testing.T) *demo.Server { return suite.server }, demo.CookieNone, "SchemefulSameSiteLax"},
		{"cross-site partitioned cookie", func(t *testing.T) *demo.Server {
			return startDemo(t, demo.Options{APIAddr: "127.0.0.1:0", CrossSite: true})
		}, demo.CookieSession, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := tc.srv(t)
			p := ownBrowserTab(t, t.TempDir(), chromedp.Flag("disable-features", "IsolateSandboxedIframes"))
			p.navigate(srv.PageURL() + "/lab.html?" + url.Values{"scenario": {"null-origin"}}.Encode())
			p.waitUntil(`!document.getElementById('run').disabled`, "the lab to load credfetch", 20*time.Second)
			cookies := watchCookies(p)
			require.Contains(t, p.text("#scenario-why"), "trusting null trusts everyone")
			logInOnThePanel(p, "ada")

			run := runLab(p, 1)
			require.Equal(t, "ok", run.outcome, "the sandboxed frame read the answer")
			require.Contains(t, p.text("#reason"), "Every CORS check passed")
			saw := serverSawActual(p, srv)
			require.Equal(t, "null", saw.Origin, "the browser sent Origin: null from the sandboxed frame")
			require.Equal(t, "null-origin", saw.Scenario)
			require.Equal(t, []string{"null"}, saw.Response.Header["Access-Control-Allow-Origin"])
			require.True(t, saw.Browser.OK)

			warning := p.text("#null-warning")
			require.Contains(t, warning, "saw Origin: null and allowed it")
			require.Contains(t, warning, "Never allow null")
			require.Contains(t, p.text("#fix-note"), "never allows it")

			require.Equal(t, tc.cookie, saw.Cookie, "what Chromium sends from an opaque origin")
			want := map[string]string{demo.CookieSession: "session", demo.CookieNone: "withheld"}[saw.Cookie]
			require.Equal(t, want, p.attrOf("#cookie-note", "data-cookie"), "the page says what the server saw")

			frameURL := cookies.urlStarting(srv.APIURL() + "/lab/null-origin?")
			require.NotEmpty(t, frameURL, "Chrome reported the sandboxed frame's request to the tab")
			chrome := cookies.waitVerdict(t, demo.SessionCookie, "", frameURL)
			t.Logf("Chrome: sent=%v reasons=%v; the page: %s", chrome.sent, chrome.reasons, p.text("#cookie-note"))
			require.Equal(t, saw.Cookie == demo.CookieSession, chrome.sent, "Chrome's own account of the frame's request")
			if tc.reason == "" {
				require.Empty(t, chrome.reasons)
				require.Empty(t, p.attrOf("#cookie-note", "data-cookie-reason"))
			} else {
				require.Contains(t, chrome.reasons, tc.reason, "Chrome's reason for keeping the cookie from the frame")
				require.Equal(t, tc.reason, p.attrOf("#cookie-note", "data-cookie-reason"), "the page names Chrome's reason")
				require.Contains(t, p.text("#cookie-note"), "Chrome's reason: "+tc.reason)
			}
		})
	}
}
