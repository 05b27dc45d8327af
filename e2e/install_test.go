//go:build e2e

package e2e

import (
	"net"
	"testing"

	"github.com/stretchr/testify/require"
)

// openLibraryPage opens a page with credfetch loaded, logged in to the API
// origin as user through credfetch, and the library script (a file under
// /vendor/) loaded the way a page loads it.
func openLibraryPage(t *testing.T, library, user string) *page {
	t.Helper()
	p := openLoaded(t)
	eval[bool](p, `(async () => {
		credfetch.ajaxSetup({ trustedOrigins: [`+jsString(suite.server.APIURL())+`], credentials: 'include' });
		const res = await credfetch.ajax({ url: `+jsString(suite.server.APIURL()+"/api/login")+`, method: 'POST', data: { user: `+jsString(user)+` } });
		if (res.data.user !== `+jsString(user)+`) throw new Error('login answered ' + JSON.stringify(res.data));
		await new Promise((resolve, reject) => {
			const s = document.createElement('script');
			s.src = '/vendor/`+library+`';
			s.onload = resolve;
			s.onerror = () => reject(new Error('could not load /vendor/`+library+`'));
			document.head.append(s);
		});
		return true;
	})()`)
	return p
}

// whoami is the JS expression of the API's whoami URL.
func whoami() string { return jsString(suite.server.APIURL() + "/api/whoami") }

func TestJQueryUnderInstallSendsTheSessionCookie(t *testing.T) {
	p := openLibraryPage(t, "jquery.js", "grace")
	got := eval[map[string]any](p, `(async () => {
		const ask = () => new Promise((resolve) => $.ajax({ url: `+whoami()+`, dataType: 'json' })
			.done((data) => resolve('200 ' + data.user))
			.fail((xhr) => resolve(xhr.status + ' ' + (xhr.responseJSON ? xhr.responseJSON.error : ''))));
		const before = await ask();
		const uninstall = credfetch.install({ origins: [`+jsString(suite.server.APIURL())+`] });
		const during = await ask();
		uninstall();
		const after = await ask();
		return { jquery: $.fn.jquery, before, during, after };
	})()`)
	require.Equal(t, "4.0.0", got["jquery"])
	require.Contains(t, got["before"], "401", "plain $.ajax sends no cookie cross-origin")
	require.Equal(t, "200 grace", got["during"], "under install() the same $.ajax carries the session cookie")
	require.Contains(t, got["after"], "401", "uninstall restores the browser's behaviour")
}

func TestTheSeedsJQueryPrefilterSendsTheSessionCookie(t *testing.T) {
	p := openLibraryPage(t, "jquery.js", "linus")
	got := eval[string](p, `new Promise((resolve) => {
		// The seed's own code, as it stands.
		$.ajaxPrefilter(function(settings) {
			settings.xhrFields = {
				withCredentials: true
			};
		});
		$.ajax({ url: `+whoami()+`, dataType: 'json' })
			.done((data) => resolve('200 ' + data.user))
			.fail((xhr) => resolve(String(xhr.status)));
	})`)
	require.Equal(t, "200 linus", got)
}

func TestCredfetchPrefiltersRunForJQueryRequestsUnderInstall(t *testing.T) {
	p := openLibraryPage(t, "jquery.js", "ada")
	got := eval[map[string]any](p, `new Promise((resolve) => {
		credfetch.install({ origins: [`+jsString(suite.server.APIURL())+`] });
		credfetch.ajaxPrefilter((s) => { s.headers['X-Demo'] = 'from-prefilter'; });
		$.ajax({ url: `+jsString(suite.server.APIURL()+"/api/echo")+`, method: 'PUT', data: 'x', dataType: 'json' })
			.done((echo) => resolve({ method: echo.method, demo: (echo.headers['X-Demo'] || [])[0], cookies: echo.cookies }))
			.fail((xhr) => resolve({ status: xhr.status }));
	})`)
	require.Equal(t, "PUT", got["method"])
	require.Equal(t, "from-prefilter", got["demo"])
	require.Equal(t, []any{"credfetch_session"}, got["cookies"])
}

func TestAxiosUnderInstallSendsTheSessionCookie(t *testing.T) {
	p := openLibraryPage(t, "axios.js", "joan")
	got := eval[map[string]any](p, `(async () => {
		const ask = (adapter) => axios.get(`+whoami()+`, { adapter }).then((r) => r.status + ' ' + r.data.user, (e) => String(e.response ? e.response.status : e.message));
		const before = await ask('xhr');
		const uninstall = credfetch.install({ origins: [`+jsString(suite.server.APIURL())+`] });
		const xhr = await ask('xhr');
		const viaFetch = await ask('fetch');
		uninstall();
		return { version: axios.VERSION, before, xhr, viaFetch };
	})()`)
	require.Regexp(t, `^1\.`, got["version"])
	require.Equal(t, "401", got["before"])
	require.Equal(t, "200 joan", got["xhr"], "axios's XHR adapter, patched")
	require.Equal(t, "200 joan", got["viaFetch"], "axios's fetch adapter, patched")
}

func TestInstallLeavesOtherOriginsAlone(t *testing.T) {
	p := openLoaded(t)
	got := eval[map[string]any](p, `(async () => {
		const seen = [];
		const browserFetch = window.fetch;
		window.fetch = (...args) => { seen.push(args); return browserFetch(...args); };
		const uninstall = credfetch.install({ origins: [`+jsString(suite.server.APIURL())+`] });
		const init = { headers: { 'X-Mine': '1' } };
		const res = await fetch('/demo-config.json', init);
		const xhr = new XMLHttpRequest();
		xhr.open('GET', '/demo-config.json');
		await new Promise((resolve) => { xhr.onloadend = resolve; xhr.send(); });
		uninstall();
		window.fetch = browserFetch;
		return { status: res.status, passed: seen.length === 1 && seen[0][1] === init && !('credentials' in init),
			xhrStatus: xhr.status, xhrCredentials: xhr.withCredentials };
	})()`)
	require.Equal(t, map[string]any{"status": float64(200), "passed": true, "xhrStatus": float64(200), "xhrCredentials": false}, got)
}

// TestInstalledFetchFollowsWhatItsDecisionDependsOn repeats the same plain
// fetch(url) call under install(), which credfetch decides once and then
// sends from memory, around every change that must change what it sends:
// the settings, a prefilter, the installed origins, the page's location and
// base URL (a relative URL goes where the browser's fetch() sends it), a
// timeout, a failing network and an XSRF cookie.
func TestInstalledFetchFollowsWhatItsDecisionDependsOn(t *testing.T) {
	p := openLoaded(t)
	closed := jsString(closedOrigin(t))
	got := eval[map[string]any](p, `(async () => {
		const api = `+jsString(suite.server.APIURL())+`;
		const closed = `+closed+`;
		const out = {};
		credfetch.ajaxSetup({ trustedOrigins: [api], headers: { 'X-Demo': 'one' } });
		await credfetch.ajax({ url: api + '/api/login', method: 'POST', credentials: 'include', data: { user: 'remembered' } });
		const echo = () => fetch(api + '/api/echo').then((r) => r.json())
			.then((b) => (b.headers['X-Demo'] || ['none'])[0] + ' ' + b.cookies.join(','));

		const off = credfetch.install({ origins: [closed] });
		out.notInstalled = await echo();
		out.notInstalledAgain = await echo();
		credfetch.install({ origins: [api] });
		out.installed = await echo();
		out.installedAgain = await echo();
		credfetch.ajaxSetup({ headers: { 'X-Demo': 'two' } });
		out.afterSetup = await echo();
		const stop = credfetch.ajaxPrefilter((s) => { s.headers['X-Demo'] = 'prefiltered'; });
		out.prefiltered = await echo();
		stop();
		out.prefilterRemoved = await echo();

		credfetch.install({ origins: [location.origin] });
		const here = location.pathname;
		const where = () => fetch('demo-config.json').then((r) => r.status + ' ' + r.url);
		out.here = await where();
		history.pushState(null, '', '/nested/page.html');
		out.moved = await where();
		history.replaceState(null, '', here);
		const base = document.createElement('base');
		base.href = '/lab/';
		document.head.append(base);
		out.based = await where();
		out.basedWithInit = await fetch('demo-config.json', {}).then((r) => r.status + ' ' + r.url);
		base.remove();
		out.back = await where();

		const code = (p) => p.then(() => 'resolved', (e) => e.code + ' ' + e.name);
		out.refused = await code(fetch(closed + '/nothing'));
		out.refusedAgain = await code(fetch(closed + '/nothing'));
		credfetch.ajaxSetup({ timeout: 150 });
		out.slow = await code(fetch(api + '/api/delay?ms=3000'));
		out.slowAgain = await code(fetch(api + '/api/delay?ms=3000'));
		credfetch.ajaxSetup({ timeout: 0, xsrfCookieName: 'XSRF-TOKEN', xsrfHeaderName: 'X-XSRF-Token' });
		const token = () => fetch(api + '/api/echo').then((r) => r.json()).then((b) => (b.headers['X-Xsrf-Token'] || ['none'])[0]);
		document.cookie = 'XSRF-TOKEN=one; path=/';
		out.token = await token();
		document.cookie = 'XSRF-TOKEN=two; path=/';
		out.tokenAgain = await token();
		document.cookie = 'XSRF-TOKEN=; path=/; max-age=0';
		off();
		return out;
	})()`)
	page := suite.server.PageURL()
	require.Equal(t, map[string]any{
		"notInstalled": "none ", "notInstalledAgain": "none ",
		"installed": "one credfetch_session", "installedAgain": "one credfetch_session",
		"afterSetup":       "two credfetch_session",
		"prefiltered":      "prefiltered credfetch_session",
		"prefilterRemoved": "two credfetch_session",
		"here":             "200 " + page + "/demo-config.json",
		"moved":            "404 " + page + "/nested/demo-config.json",
		"based":            "404 " + page + "/lab/demo-config.json",
		"basedWithInit":    "404 " + page + "/lab/demo-config.json",
		"back":             "200 " + page + "/demo-config.json",
		"refused":          "network NetworkError", "refusedAgain": "network NetworkError",
		"slow": "timeout TimeoutError", "slowAgain": "timeout TimeoutError",
		"token": "one", "tokenAgain": "two",
	}, got)
}

// closedOrigin returns the origin of a localhost port that was free a moment
// ago and has no listener: connections to it are refused.
func closedOrigin(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		t.Fatalf("find a free port: %v", err)
	}
	origin := "http://" + ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatalf("close the port: %v", err)
	}
	return origin
}
