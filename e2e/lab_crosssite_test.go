//go:build e2e

package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// cookieWatch keeps what Chrome says about the cookies of one tab's
// requests: the URL of each request, the cookies it carried or held back
// (Network.requestWillBeSentExtraInfo) and the Set-Cookie lines it refused
// to store (Network.responseReceivedExtraInfo).
type cookieWatch struct {
	mu      sync.Mutex
	urls    map[network.RequestID]string
	request map[network.RequestID][]*network.AssociatedCookie
	refused map[network.RequestID][]*network.BlockedSetCookieWithReason
}

// watchCookies starts recording the tab's cookie events until the test ends.
func watchCookies(p *page) *cookieWatch {
	p.t.Helper()
	w := &cookieWatch{
		urls:    map[network.RequestID]string{},
		request: map[network.RequestID][]*network.AssociatedCookie{},
		refused: map[network.RequestID][]*network.BlockedSetCookieWithReason{},
	}
	ctx, cancel := context.WithCancel(p.ctx)
	p.t.Cleanup(cancel)
	// Listen's callback runs on the tab's reading goroutine: it only stores.
	err := chromedp.Listen(ctx, func(ev any) {
		w.mu.Lock()
		defer w.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			if e.Request != nil {
				w.urls[e.RequestID] = e.Request.URL
			}
		case *network.EventRequestWillBeSentExtraInfo:
			w.request[e.RequestID] = e.AssociatedCookies
		case *network.EventResponseReceivedExtraInfo:
			w.refused[e.RequestID] = e.BlockedCookies
		}
	})
	require.NoError(p.t, err, "listen to the tab's network events")
	return w
}

// chromeCookie is Chrome's account of one cookie on one origin: whether the
// last request to readURL carried it, and the reasons it gave for not
// storing it (on the responses to setURL) or not sending it (on the request
// to readURL), in that order.
type chromeCookie struct {
	seen    bool // the request to readURL was reported
	sent    bool
	reasons []string
}

// verdict reads Chrome's account of cookie name for the requests to setURL
// and readURL.
func (w *cookieWatch) verdict(name, setURL, readURL string) chromeCookie {
	w.mu.Lock()
	defer w.mu.Unlock()
	var c chromeCookie
	for id, u := range w.urls {
		if u != setURL {
			continue
		}
		for _, b := range w.refused[id] {
			if strings.HasPrefix(b.CookieLine, name+"=") {
				for _, r := range b.BlockedReasons {
					c.reasons = append(c.reasons, string(r))
				}
			}
		}
	}
	for id, u := range w.urls {
		cookies, ok := w.request[id]
		if u != readURL || !ok {
			continue
		}
		c.seen = true
		for _, ac := range cookies {
			if ac.Cookie == nil || ac.Cookie.Name != name {
				continue
			}
			c.sent = c.sent || len(ac.BlockedReasons) == 0
			for _, r := range ac.BlockedReasons {
				c.reasons = append(c.reasons, string(r))
			}
		}
	}
	return c
}

// urlStarting returns the URL of a request the tab sent that starts with
// prefix, or "".
func (w *cookieWatch) urlStarting(prefix string) string {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, u := range w.urls {
		if strings.HasPrefix(u, prefix) {
			return u
		}
	}
	return ""
}

// waitVerdict waits until Chrome has reported the request to readURL (its
// extra-info events may come after the page's fetch resolved).
func (w *cookieWatch) waitVerdict(t *testing.T, name, setURL, readURL string) chromeCookie {
	t.Helper()
	var c chromeCookie
	require.Eventually(t, func() bool {
		c = w.verdict(name, setURL, readURL)
		return c.seen
	}, 5*time.Second, 50*time.Millisecond, "Chrome's cookie events for %s", readURL)
	return c
}

// cookieRow is what one row of the lab's cookie section should show for
// the other-site origin, as Chrome decides it.
type cookieRow struct {
	kind, name string
	sent       bool
	reason     string // Chrome's blocking reason; empty when sent
}

// tryCookieRow presses the row's "Set, then send" button and checks both
// cells against Chrome's own cookie events: on the same-site API origin
// every kind flows; on the other-site origin the page's verdict (sent, and
// the reason code in data-cookie-reason) is Chrome's.
func tryCookieRow(t *testing.T, p *page, w *cookieWatch, row cookieRow) {
	t.Helper()
	p.clickCSS("#cookie-try-" + row.kind)
	done := `document.querySelectorAll('tr[data-kind=` + row.kind + `] td[data-state=done]').length === 2`
	p.waitUntil(done, "both origins' answers for "+row.kind, 10*time.Second)
	for _, col := range []struct{ name, origin string }{{"api", suite.server.APIURL()}, {"site", suite.server.SiteURL()}} {
		cell := "#cookie-" + row.kind + "-" + col.name
		chrome := w.waitVerdict(t, row.name, col.origin+"/api/cookies/"+row.kind, col.origin+"/api/cookies")
		t.Logf("%s on the %s origin: Chrome sent=%v reasons=%v; the page: sent=%s reason=%q (%s)", row.name, col.name, chrome.sent, chrome.reasons,
			p.attrOf(cell, "data-cookie-sent"), p.attrOf(cell, "data-cookie-reason"), p.text(cell+" .cookie-why"))
		require.Equal(t, "yes", p.attrOf(cell, "data-cookie-set"), "the API answered the set request")
		want := row
		if col.name == "api" {
			// localhost:port to localhost:port is same-site: every kind flows.
			require.Equal(t, "same-site", p.attrOf(cell, "data-fetch-site"))
			want.sent, want.reason = true, ""
		} else {
			require.Equal(t, "cross-site", p.attrOf(cell, "data-fetch-site"))
		}
		require.Equal(t, want.sent, chrome.sent, "Chrome's own verdict on %s (%s origin)", row.name, col.name)
		if want.reason == "" {
			require.Empty(t, chrome.reasons)
		} else {
			require.Contains(t, chrome.reasons, want.reason, "Chrome's blocking reason for %s", row.name)
		}
		require.Equal(t, map[bool]string{true: "yes", false: "no"}[chrome.sent], p.attrOf(cell, "data-cookie-sent"), "the page's verdict is Chrome's")
		require.Equal(t, want.reason, p.attrOf(cell, "data-cookie-reason"), "the page's reason is Chrome's")
	}
}

func TestLabCrossSiteCookiesMatchChromesReasons(t *testing.T) {
	require.True(t, strings.HasPrefix(suite.server.SiteURL(), "http://127.0.0.1:"), "the third origin is on another site than localhost: %s", suite.server.SiteURL())
	p := openPage(t, "/lab.html")
	cookies := watchCookies(p)
	p.waitUntil(`document.getElementById('cookie-try-partitioned')`, "the cookie section", 10*time.Second)
	require.Contains(t, p.text("#cookie-table thead"), suite.server.SiteURL(), "the page names the other-site origin from /demo-config.json")

	// The suite's fresh profile blocks third-party cookies: Chrome refuses
	// to store both unpartitioned cookies from the cross-site response, for
	// the user's setting (UserPreferences), before SameSite=Lax comes into
	// it; the partitioned one is stored and sent.
	tryCookieRow(t, p, cookies, cookieRow{"lax", "lab_lax", false, "UserPreferences"})
	tryCookieRow(t, p, cookies, cookieRow{"none", "lab_none", false, "UserPreferences"})
	tryCookieRow(t, p, cookies, cookieRow{"partitioned", "lab_partitioned", true, ""})
	require.Contains(t, p.text("#cookie-lax-site .cookie-why"), "third-party cookies are blocked in this browser; where they are allowed, SameSite=Lax still keeps this cookie off")
	require.Contains(t, p.text("#cookie-none-site .cookie-why"), "third-party cookies are blocked in this browser")
	require.Contains(t, p.text("#cookie-partitioned-site .cookie-why"), "Sent: partitioned to this top-level site")
	p.readmeShot("lab-cookies", "#cookies", 760)

	// On a 390 px phone the filled table still fits its section: it wraps
	// rather than scrolls.
	require.NoError(t, chromedp.Do(p.ctx, chromedp.EmulateViewport(390, 800)))
	fits := `(() => { const box = document.querySelector('#cookies .cookie-scroll');
		return box.scrollWidth <= box.clientWidth && document.getElementById('cookies').scrollWidth <= document.getElementById('cookies').clientWidth; })()`
	require.True(t, eval[bool](p, fits), "the cookie table overflows at 390 px")
}

func TestLabCrossSiteLaxCookieIsRefusedWhereThirdPartyCookiesAreAllowed(t *testing.T) {
	p := thirdPartyProfileTab(t)
	p.navigate(suite.server.PageURL() + "/lab.html")
	cookies := watchCookies(p)
	p.waitUntil(`document.getElementById('cookie-try-none')`, "the cookie section", 10*time.Second)

	// With third-party cookies allowed the None cookie flows, and the API,
	// seeing it arrive, knows that only SameSite=Lax keeps lab_lax away:
	// Chrome says so too, with the schemeful variant of SameSiteLax.
	tryCookieRow(t, p, cookies, cookieRow{"none", "lab_none", true, ""})
	require.Contains(t, p.text("#cookie-none-site .cookie-why"), "Sent: this browser allows third-party cookies")
	tryCookieRow(t, p, cookies, cookieRow{"lax", "lab_lax", false, "SchemefulSameSiteLax"})
	require.Contains(t, p.text("#cookie-lax-site .cookie-why"), "SameSite=Lax: not sent on a cross-site request")
	tryCookieRow(t, p, cookies, cookieRow{"partitioned", "lab_partitioned", true, ""})
}

// thirdPartyProfileTab starts a browser of its own for one test, whose
// profile allows third-party cookies (DESIGN.md: cookie_controls_mode 0 in
// the profile's Preferences, written before launch), and returns a tab of it.
func thirdPartyProfileTab(t *testing.T) *page {
	t.Helper()
	profile := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(profile, "Default"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(profile, "Default", "Preferences"), []byte(`{"profile":{"cookie_controls_mode":0}}`), 0o644))
	return ownBrowserTab(t, profile)
}

// ownBrowserTab starts a browser of its own for one test, on profile and
// with the suite's flags plus extra, and returns a tab of it.
func ownBrowserTab(t *testing.T, profile string, extra ...chromedp.ExecAllocatorOption) *page {
	t.Helper()
	chrome, err := chromePath()
	require.NoError(t, err)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(browserOptions(chrome, profile), extra...)...)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	ctx, cancel := context.WithTimeout(browser, 60*time.Second)
	t.Cleanup(func() {
		cancel()
		cancelBrowser()
		cancelAlloc() // waits for the browser to exit, before the profile is removed
	})
	return &page{t: t, ctx: ctx}
}
