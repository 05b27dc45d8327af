//go:build e2e

package e2e

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// openLoaded opens the blank test page and loads credfetch into it, as a
// page's own module script would.
func openLoaded(t *testing.T) *page {
	t.Helper()
	p := openPage(t, "/blank.html")
	eval[bool](p, `import('/credfetch.js').then((m) => m.load()).then(() => true)`)
	return p
}

// jsError is how the tests read a rejected call: the Error's fields.
type jsError struct {
	Class   string `json:"class"`
	Name    string `json:"name"`
	Code    string `json:"code"`
	Message string `json:"message"`
	Status  int    `json:"status"`
}

// catch runs a JS expression that should throw or reject and returns the
// error it gave.
func catch(t *testing.T, p *page, expr string) jsError {
	t.Helper()
	return eval[jsError](p, `(async () => {
		try { await (`+expr+`); } catch (e) {
			return { class: e.constructor.name, name: e.name, code: e.code, message: e.message, status: e.response ? e.response.status : 0 };
		}
		return { class: 'none', message: 'it did not fail' };
	})()`)
}

func TestAjaxReadsJSONAsItsContentTypeSays(t *testing.T) {
	p := openLoaded(t)
	got := eval[map[string]any](p, `credfetch.ajax('/demo-config.json').then((r) => ({
		status: r.status, apiOrigin: r.data.apiOrigin, type: r.headers['content-type'], url: r.url }))`)
	require.Equal(t, float64(200), got["status"])
	require.Equal(t, suite.server.APIURL(), got["apiOrigin"])
	require.Equal(t, "application/json; charset=utf-8", got["type"])
	require.Equal(t, suite.server.PageURL()+"/demo-config.json", got["url"])
}

func TestAjaxDataTypes(t *testing.T) {
	p := openLoaded(t)
	got := eval[map[string]any](p, `(async () => {
		const text = await credfetch.ajax({ url: '/demo-config.json', dataType: 'text' });
		const buf = await credfetch.ajax({ url: '/demo-config.json', dataType: 'arraybuffer' });
		const blob = await credfetch.ajax({ url: '/demo-config.json', dataType: 'blob' });
		return { text: typeof text.data, buf: buf.data instanceof ArrayBuffer, bytes: buf.data.byteLength,
			blob: blob.data instanceof Blob, blobSize: blob.data.size, textLen: text.data.length };
	})()`)
	require.Equal(t, "string", got["text"])
	require.Equal(t, true, got["buf"])
	require.Equal(t, true, got["blob"])
	require.Equal(t, got["textLen"], got["bytes"])
	require.Equal(t, got["textLen"], got["blobSize"])
}

func TestAjaxRejectsAnHTTPErrorKeepingTheResponse(t *testing.T) {
	p := openLoaded(t)
	e := catch(t, p, `credfetch.ajax('/no-such-page')`)
	require.Equal(t, "Error", e.Class)
	require.Equal(t, "HTTPError", e.Name)
	require.Equal(t, "http", e.Code)
	require.Equal(t, 404, e.Status)
	require.Contains(t, e.Message, "HTTP 404")

	status := eval[int](p, `credfetch.ajax({ url: '/no-such-page', validateStatus: null }).then((r) => r.status)`)
	require.Equal(t, 404, status, "validateStatus: null accepts every status")
}

func TestBadArgumentsAreRejectedNamingTheField(t *testing.T) {
	p := openLoaded(t)
	for expr, want := range map[string]string{
		`credfetch.ajax({ url: 42 })`:                           "settings.url must be a string or URL, got number 42",
		`credfetch.ajax({ url: '/x', timeout: '5s' })`:          `settings.timeout must be milliseconds (a number from 0 to 86400000), got string "5s"`,
		`credfetch.ajax({ url: '/x', Credentials: 'include' })`: `settings.Credentials is not a setting (did you mean "credentials"?)`,
		`credfetch.ajax({ url: '/x', method: 'TRACE' })`:        `method "TRACE" is forbidden`,
		`credfetch.ajax({ url: 'ftp://x.test/' })`:              `scheme "ftp"`,
		`credfetch.ajax(null)`:                                  "settings must be an object with at least a url, got null",
		`credfetch.fetch(12)`:                                   "input must be a URL string, a URL or a Request, got number 12",
		`credfetch.fetch('/x', { signal: 'stop' })`:             `init.signal must be an AbortSignal, got string "stop"`,
	} {
		e := catch(t, p, expr)
		require.Equal(t, "invalid", e.Code, expr)
		require.Equal(t, "TypeError", e.Class, expr)
		require.Contains(t, e.Message, want, expr)
	}
	for expr, want := range map[string]string{
		`credfetch.ajaxSetup({ credentials: 'always' })`:      `settings.credentials must be one of 'omit', 'same-origin', 'include', got string "always"`,
		`credfetch.ajaxSetup({ trustedOrigins: ['*'] })`:      `Settings.TrustedOrigins[0] "*": trusting * would send credentials`,
		`credfetch.ajaxSetup([1])`:                            "settings must be an object, got array",
		`credfetch.ajaxPrefilter('nope')`:                     `fn must be a function, got string "nope"`,
		`credfetch.install({})`:                               "options.origins is required",
		`credfetch.install({ origins: ['https://a.test/'] })`: `origins[0] "https://a.test/" is not an origin as browsers write it`,
	} {
		e := catch(t, p, `(() => `+expr+`)()`)
		require.Equal(t, "invalid", e.Code, expr)
		require.Contains(t, e.Message, want, expr)
	}
}

func TestAjaxSetupMergesAndReturnsTheSettings(t *testing.T) {
	p := openLoaded(t)
	got := eval[map[string]any](p, `(() => {
		credfetch.ajaxSetup({ headers: { 'X-One': '1' }, timeout: 5000 });
		const s = credfetch.ajaxSetup({ headers: { 'X-Two': '2' }, credentials: 'include' });
		return { one: s.headers['X-One'], two: s.headers['X-Two'], timeout: s.timeout, credentials: s.credentials, transport: s.transport };
	})()`)
	require.Equal(t, map[string]any{"one": "1", "two": "2", "timeout": float64(5000), "credentials": "include", "transport": "fetch"}, got)
}

func TestPrefiltersChangeRequestsAndCanBeRemoved(t *testing.T) {
	p := openLoaded(t)
	got := eval[map[string]any](p, `(async () => {
		const seen = [];
		const off = credfetch.ajaxPrefilter(async (s) => {
			seen.push(s.method + ' ' + s.url);
			if (s.url.endsWith('/moved')) s.url = '/demo-config.json';
		});
		const moved = await credfetch.ajax('/moved');
		off();
		const after = await credfetch.ajax({ url: '/moved', validateStatus: null });
		return { seen, moved: moved.status, after: after.status };
	})()`)
	require.Equal(t, float64(200), got["moved"], "the prefilter moved the request")
	require.Equal(t, float64(404), got["after"], "the removed prefilter no longer runs")
	require.Equal(t, []any{"GET " + suite.server.PageURL() + "/moved"}, got["seen"])
}

func TestAThrowingPrefilterFailsOnlyItsRequest(t *testing.T) {
	p := openLoaded(t)
	e := catch(t, p, `(() => {
		credfetch.ajaxPrefilter((s) => { if (s.url.includes('bad')) throw new Error('refused by policy'); });
		return credfetch.ajax('/bad');
	})()`)
	require.Equal(t, "abort", e.Code)
	require.Contains(t, e.Message, "refused by policy")
	require.Equal(t, 200, eval[int](p, `credfetch.ajax('/demo-config.json').then((r) => r.status)`))
}

func TestFetchReturnsARealResponse(t *testing.T) {
	p := openLoaded(t)
	got := eval[map[string]any](p, `credfetch.fetch('/demo-config.json', { headers: { Accept: 'application/json' } }).then(async (r) => ({
		isResponse: r instanceof Response, ok: r.ok, api: (await r.json()).apiOrigin }))`)
	require.Equal(t, true, got["isResponse"])
	require.Equal(t, true, got["ok"])
	require.Equal(t, suite.server.APIURL(), got["api"])

	status := eval[int](p, `credfetch.fetch(new Request('/no-such-page')).then((r) => r.status)`)
	require.Equal(t, 404, status, "fetch() never checks the status")
}

func TestAnAbortedSignalRejectsWithAbort(t *testing.T) {
	p := openLoaded(t)
	e := catch(t, p, `(() => { const c = new AbortController(); c.abort(); return credfetch.ajax({ url: '/demo-config.json', signal: c.signal }); })()`)
	require.Equal(t, "abort", e.Code)
	require.Equal(t, "AbortError", e.Name)
	e = catch(t, p, `(() => { const c = new AbortController(); c.abort(); return credfetch.fetch('/demo-config.json', { signal: c.signal }); })()`)
	require.Equal(t, "abort", e.Code)
}

func TestInstallPatchesAndUninstallRestores(t *testing.T) {
	p := openLoaded(t)
	got := eval[map[string]any](p, `(() => {
		const origFetch = window.fetch, origSend = XMLHttpRequest.prototype.send;
		const off = credfetch.install({ origins: [location.origin] });
		const patched = window.fetch !== origFetch && XMLHttpRequest.prototype.send !== origSend;
		const again = credfetch.install({ origins: ['https://api.example.com'] });
		off();
		return { patched, same: again === off, restored: window.fetch === origFetch && XMLHttpRequest.prototype.send === origSend };
	})()`)
	require.Equal(t, map[string]any{"patched": true, "same": true, "restored": true}, got)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestAjaxOverXHRReadsEveryDataTypeAndReportsProgress(t *testing.T) {
	fx := startFetchFixtures(t, nil)
	p := openLoaded(t)
	got := eval[map[string]any](p, `(async () => {
		const api = `+jsString(fx.trusted)+`;
		const json = await credfetch.ajax({ url: api + '/echo?x=1', transport: 'xhr' });
		const text = await credfetch.ajax({ url: api + '/echo', transport: 'xhr', dataType: 'text' });
		const buf = await credfetch.ajax({ url: api + '/big?size=1000', transport: 'xhr', dataType: 'arraybuffer' });
		const blob = await credfetch.ajax({ url: api + '/big?size=1000', transport: 'xhr', dataType: 'blob' });
		const up = [], down = [];
		const upload = await credfetch.ajax({ url: api + '/upload', method: 'POST', transport: 'xhr', body: new Uint8Array(300000),
			onUploadProgress: (e) => up.push(e.loaded), onDownloadProgress: (e) => down.push(e.loaded) });
		const bytes = new Uint8Array(buf.data);
		return { query: json.data.query, text: typeof text.data, bufLen: bytes.length, byte300: bytes[300],
			blob: blob.data instanceof Blob && blob.data.size, received: upload.data.received,
			upDone: up.length > 0 && up[up.length - 1] === 300000, downSeen: down.length > 0 };
	})()`)
	require.Equal(t, map[string]any{"query": "x=1", "text": "string", "bufLen": float64(1000), "byte300": float64(300 % 251),
		"blob": float64(1000), "received": float64(300000), "upDone": true, "downSeen": true}, got)
}

func TestAjaxTimeoutCoversTheBody(t *testing.T) {
	fx := startFetchFixtures(t, nil)
	p := openLoaded(t)
	for _, transport := range []string{"fetch", "xhr"} {
		// One URL per transport: Chromium's HTTP cache makes a second request
		// for a URL wait while an earlier response to it is still being cached.
		e := catch(t, p, `credfetch.ajax({ url: `+jsString(fx.trusted+"/slow?for=4s&t="+transport)+`, transport: '`+transport+`', timeout: 1000, dataType: 'arraybuffer' })`)
		require.Equal(t, "timeout", e.Code, transport)
		require.Equal(t, "TimeoutError", e.Name, transport)
		require.Contains(t, e.Message, "1s timeout", transport)
	}
}

func TestAbortDuringTheBodyRejectsWithAbort(t *testing.T) {
	fx := startFetchFixtures(t, nil)
	p := openLoaded(t)
	for _, transport := range []string{"fetch", "xhr"} {
		e := catch(t, p, `(() => {
			const c = new AbortController();
			setTimeout(() => c.abort(), 600);
			return credfetch.ajax({ url: `+jsString(fx.trusted+"/slow?for=3s&t="+transport)+`, transport: '`+transport+`', signal: c.signal, dataType: 'text' });
		})()`)
		require.Equal(t, "abort", e.Code, transport)
	}
}

// TestRememberedDecisionsFollowTheirInputs checks the loader's memory of Go's
// decisions: a new setting, a new cookie for the XSRF header and a new page
// location each change what the same call sends.
func TestRememberedDecisionsFollowTheirInputs(t *testing.T) {
	p := openLoaded(t)
	api := jsString(suite.server.APIURL())
	got := eval[map[string]any](p, `(async () => {
		const api = `+api+`;
		const out = {};
		credfetch.ajaxSetup({ trustedOrigins: [api], credentials: 'include' });
		await credfetch.ajax({ url: api + '/api/login', method: 'POST', data: { user: 'decided' } });
		const who = () => credfetch.ajax({ url: api + '/api/whoami', validateStatus: null }).then((r) => r.status);
		out.first = await who();
		out.again = await who();
		credfetch.ajaxSetup({ credentials: 'omit' });
		out.afterSetup = await who();

		credfetch.ajaxSetup({ credentials: 'include', xsrfCookieName: 'XSRF-TOKEN', xsrfHeaderName: 'X-XSRF-Token' });
		const token = () => credfetch.ajax({ url: api + '/api/echo', method: 'POST', data: { x: 1 } })
			.then((r) => (r.data.headers['X-Xsrf-Token'] || [''])[0]);
		document.cookie = 'XSRF-TOKEN=one; path=/';
		out.token1 = await token();
		document.cookie = 'XSRF-TOKEN=two; path=/';
		out.token2 = await token();
		document.cookie = 'XSRF-TOKEN=; path=/; max-age=0';

		const status = () => credfetch.ajax({ url: 'demo-config.json', validateStatus: null }).then((r) => r.status + ' ' + r.url);
		out.here = await status();
		history.pushState(null, '', '/nested/page.html');
		out.moved = await status();
		history.back();
		return out;
	})()`)
	page := suite.server.PageURL()
	require.Equal(t, map[string]any{
		"first": float64(200), "again": float64(200), "afterSetup": float64(401),
		"token1": "one", "token2": "two",
		"here":  "200 " + page + "/demo-config.json",
		"moved": "404 " + page + "/nested/demo-config.json",
	}, got)
}

func TestAjaxRetriesWhatThePolicyAllows(t *testing.T) {
	fx := startFetchFixtures(t, nil)
	p := openLoaded(t)
	got := eval[map[string]any](p, `(async () => {
		const api = `+jsString(fx.trusted)+`;
		const out = {};
		const flaky = (key, fail, extra) => credfetch.ajax({ url: api + '/flaky?key=' + key + '&fail=' + fail, retry: { limit: 2, delay: 1 }, ...extra });
		out.recovered = (await flaky('get', 2)).data.calls;
		try { await flaky('limit', 5); } catch (e) { out.gaveUp = e.code + ' ' + e.response.status + ' ' + e.response.data.calls; }
		try { await flaky('post', 1, { method: 'POST', body: 'x' }); } catch (e) { out.post = e.code + ' ' + e.response.data.calls; }
		try { await flaky('404', 1, { url: api + '/flaky?key=404&fail=1&status=404' }); } catch (e) { out.notRetryable = e.code + ' ' + e.response.data.calls; }
		credfetch.ajaxSetup({ retry: 1 });
		out.fromSettings = (await credfetch.ajax(api + '/flaky?key=settings&fail=1')).data.calls;
		credfetch.ajaxSetup({ retry: 0 });
		return out;
	})()`)
	require.Equal(t, map[string]any{
		"recovered":    float64(3),
		"gaveUp":       "http 503 3",
		"post":         "http 1",
		"notRetryable": "http 1",
		"fromSettings": float64(2),
	}, got)
}

// TestRelativeURLsFollowTheDocumentBase checks that a <base> element moves
// the relative URLs of ajax() and fetch() as it moves the browser's own, and
// that relative URLs follow it when it goes.
func TestRelativeURLsFollowTheDocumentBase(t *testing.T) {
	p := openLoaded(t)
	got := eval[map[string]any](p, `(async () => {
		const where = async () => {
			const a = await credfetch.ajax({ url: 'demo-config.json', validateStatus: null });
			const f = await credfetch.fetch('demo-config.json');
			const b = await fetch('demo-config.json');
			return [a.status + ' ' + a.url, f.status + ' ' + f.url, b.status + ' ' + b.url];
		};
		const out = {};
		out.page = await where();
		const base = document.createElement('base');
		base.href = '/lab/';
		document.head.append(base);
		out.based = await where();
		base.remove();
		out.back = await where();
		return out;
	})()`)
	page := suite.server.PageURL()
	here := "200 " + page + "/demo-config.json"
	moved := "404 " + page + "/lab/demo-config.json"
	require.Equal(t, map[string]any{
		"page":  []any{here, here, here},
		"based": []any{moved, moved, moved},
		"back":  []any{here, here, here},
	}, got)
}
