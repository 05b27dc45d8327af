//go:build e2e

package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/security"
	"github.com/chromedp/chromedp"
	"github.com/credfetch/credfetch/internal/demo"
	"github.com/stretchr/testify/require"
)

// sessionScript logs out, then in, through credfetch and asks who the user is
// with each credentials mode and transport. Each answer is "STATUS USER" or
// "STATUS error text" for a readable failure, or "network CODE" when the
// browser withheld the response.
const sessionScript = `(async () => {
	await credfetch.ready;
	const api = (await (await fetch('/demo-config.json')).json()).apiOrigin;
	const ask = (path, opts) => credfetch.ajax({ url: api + path, dataType: 'json', ...opts }).then(
		(r) => r.status + ' ' + (r.data ? r.data.user : '(no body)'),
		(e) => e.response ? e.response.status + ' ' + (e.response.data && e.response.data.error) : 'network ' + e.code);
	const out = {};
	out.logout = await ask('/api/logout', { method: 'POST', credentials: 'include' });
	out.before = await ask('/api/whoami', { credentials: 'include' });
	out.login = await ask('/api/login', { method: 'POST', data: { user: 'ada' }, credentials: 'include' });
	out.include = await ask('/api/whoami', { credentials: 'include' });
	out.xhr = await ask('/api/whoami', { xhrFields: { withCredentials: true }, transport: 'xhr' });
	out.omit = await ask('/api/whoami', { credentials: 'omit' });
	out.sameOrigin = await ask('/api/whoami', { credentials: 'same-origin' });
	out.untrusted = await ask('/api/whoami', {});
	credfetch.ajaxSetup({ credentials: 'include', trustedOrigins: [api] });
	out.setup = await ask('/api/whoami', {});
	out.documentCookie = document.cookie;
	return out;
})()`

func TestLoginThroughCredfetchThenWhoamiWithAndWithoutCredentials(t *testing.T) {
	p := openPage(t, "/")
	got := eval[map[string]string](p, sessionScript)
	require.Equal(t, "200 null", got["logout"])
	require.Regexp(t, `^401 no session cookie: the request carried no credfetch_session cookie`, got["before"], "logged out")
	require.Equal(t, "200 ada", got["login"])
	require.Equal(t, "200 ada", got["include"], "credentials: 'include' sends the SameSite=Lax cookie to the same-site API")
	require.Equal(t, "200 ada", got["xhr"], "jQuery's xhrFields.withCredentials over XMLHttpRequest")
	require.Regexp(t, `^401 no session cookie: the request carried no`, got["omit"], "without credentials no cookie goes")
	require.Regexp(t, `^401 no session cookie: the request carried no`, got["sameOrigin"], "same-origin sends none across origins")
	require.Regexp(t, `^401 `, got["untrusted"], "credfetch sends none to an origin the page does not trust")
	require.Equal(t, "200 ada", got["setup"], "ajaxSetup with trustedOrigins sends it to every request there")
	require.NotContains(t, got["documentCookie"], demo.SessionCookie, "the session cookie is HttpOnly")
}

func TestCrossSiteModeSendsThePartitionedCookie(t *testing.T) {
	srv := startDemo(t, demo.Options{APIAddr: "127.0.0.1:0", CrossSite: true})
	require.True(t, strings.HasPrefix(srv.APIURL(), "http://127.0.0.1:"), "another site than localhost")
	p := openAt(t, srv.PageURL()+"/")
	for _, attr := range []string{"HttpOnly", "Secure", "SameSite=None", "Partitioned"} {
		require.Contains(t, p.text("#cookie"), attr)
	}
	got := eval[map[string]string](p, sessionScript)
	require.Equal(t, "200 ada", got["login"])
	require.Equal(t, "200 ada", got["include"], "a CHIPS cookie flows although the profile blocks third-party cookies")
	require.Equal(t, "200 ada", got["xhr"])
	require.Regexp(t, `^401 no session cookie: the request carried no`, got["omit"])
	require.Equal(t, "200 ada", got["setup"])
}

func TestCrossSiteWithoutCHIPSLosesTheCookie(t *testing.T) {
	// Cross-site origins, but the cookie issued SameSite=Lax as in same-site
	// mode: the browser neither stores nor sends it across sites, which is
	// why -cross-site changes the cookie. The page is on 127.0.0.1 and the
	// API on localhost, so that the partitioned cookies other tests leave on
	// 127.0.0.1 (in localhost's partition) cannot answer for it.
	srv := startDemo(t, demo.Options{PageAddr: "127.0.0.1:0", APIAddr: "localhost:0"})
	p := openAt(t, srv.PageURL()+"/")
	got := eval[map[string]string](p, sessionScript)
	require.Equal(t, "200 ada", got["login"], "the login itself answers")
	require.Regexp(t, `^401 no session cookie: the request carried no credfetch_session cookie`, got["include"], "but no cookie comes back")
}

func TestLandingPageStepsRunLive(t *testing.T) {
	p := openPage(t, "/")
	p.waitUntil(`document.getElementById('version')`, "credfetch to load", 20*time.Second)
	require.Equal(t, suite.server.APIURL(), p.text("#api-origin"))
	require.Contains(t, p.text("#policy-config"), `Origins:     []string{"`+suite.server.PageURL()+`"}`)
	p.waitUntil(`document.getElementById('log')`, "the log", time.Second)

	for _, step := range []struct{ name, status, text string }{
		{"logout", "200", `{"user":null}`},
		{"whoami-omit", "401", "no session cookie"},
		{"login", "200", `{"user":"ada"}`},
		{"whoami-include", "200", `{"user":"ada"}`},
		{"setup", "200", `{"user":"ada"}`},
		{"put", "200", `"name":"renamed from the page"`},
		{"logout", "200", `{"user":null}`},
	} {
		p.clickCSS("#step-" + step.name)
		p.waitUntil(`document.getElementById('result-`+step.name+`').className !== 'pending' && document.getElementById('result-`+step.name+`').dataset.status`, "step "+step.name, 10*time.Second)
		require.Equal(t, step.status, p.attrOf("#result-"+step.name, "data-status"), step.name)
		require.Contains(t, p.text("#result-"+step.name), step.text, step.name)
	}
	require.Contains(t, p.text("#result-login"), "X-Request-Id", "the exposed header is readable")
	p.waitUntil(`document.querySelector('#log .exchange[data-kind=preflight]')`, "the PUT's preflight in the live log", 5*time.Second)
	p.waitUntil(`document.querySelectorAll('#log .exchange').length >= 8`, "every step in the live log", 5*time.Second)
	p.screenshot("landing")
	p.readmeShot("landing", "#steps", 1100) // the steps run, and the live log under them
}

func TestTLSModeServesBothOriginsOverHTTPS(t *testing.T) {
	srv := startDemo(t, demo.Options{TLS: true})
	require.True(t, strings.HasPrefix(srv.PageURL(), "https://localhost:"))
	p := newTab(t)
	// The certificate is made up at start: this tab accepts it, as a person
	// does by clicking through the warning.
	if _, err := chromedp.Call(p.ctx, security.SetIgnoreCertificateErrors, security.SetIgnoreCertificateErrorsParams{Ignore: true}); err != nil {
		t.Fatalf("accept the self-signed certificate: %v", err)
	}
	t.Cleanup(func() {
		_, _ = chromedp.Call(p.ctx, security.SetIgnoreCertificateErrors, security.SetIgnoreCertificateErrorsParams{Ignore: false})
	})
	p.navigate(srv.PageURL() + "/")
	require.Contains(t, p.text("#cookie"), "Secure")
	got := eval[map[string]string](p, sessionScript)
	require.Equal(t, "200 ada", got["login"])
	require.Equal(t, "200 ada", got["include"], "the Secure cookie flows over https")
	require.Regexp(t, `^401 `, got["omit"])
}
