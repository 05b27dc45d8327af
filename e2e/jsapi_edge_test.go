//go:build e2e

package e2e

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRetriesStopWhereTheyShould: an opaque response is never retried, an
// abort during the wait between attempts is an abort, and a 5xx whose body
// is not JSON is retried before anything parses it.
func TestRetriesStopWhereTheyShould(t *testing.T) {
	fx := startFetchFixtures(t, nil)
	p := openLoaded(t)
	got := eval[map[string]any](p, `(async () => {
		const api = `+jsString(fx.trusted)+`;
		const calls = (key) => fetch(api + '/flaky?key=' + key, { cache: 'no-store' }).then((r) => r.json()).then((d) => d.calls - 1);
		const out = {};
		const opaque = await credfetch.ajax({ url: api + '/flaky?key=opaque&fail=5', mode: 'no-cors', retry: 3, validateStatus: null });
		out.opaque = opaque.status + ' after ' + (await calls('opaque')) + ' request';
		const c = new AbortController();
		const p = credfetch.ajax({ url: api + '/flaky?key=wait&fail=5&status=503', retry: { limit: 3, delay: 2000 }, signal: c.signal, validateStatus: null });
		setTimeout(() => c.abort(new Error('enough')), 300);
		try { await p; out.wait = 'resolved'; } catch (e) { out.wait = e.code + ': ' + e.message.includes('enough'); }
		const html = await credfetch.ajax({ url: api + '/flaky?key=html&fail=2&html=1', dataType: 'json', retry: { limit: 2, delay: 1 } });
		out.html = html.data.calls;
		return out;
	})()`)
	require.Equal(t, map[string]any{"opaque": "0 after 1 request", "wait": "abort: true", "html": float64(3)}, got)
}

func TestEdgeInputsAreRefusedOrSentRight(t *testing.T) {
	fx := startFetchFixtures(t, nil)
	p := openLoaded(t)
	got := eval[map[string]any](p, `(async () => {
		const api = `+jsString(fx.trusted)+`;
		credfetch.ajaxSetup({ trustedOrigins: [api], credentials: 'include' });
		const out = {};
		const fails = async (name, f) => { try { await f(); out[name] = 'no error'; } catch (e) { out[name] = e.code + ' ' + e.message; } };
		await fails('nulName', () => credfetch.ajax({ url: api + '/echo', headers: { ['X-A\u0000url']: 'https://elsewhere.test/' } }));
		await fails('xhrStream', () => credfetch.ajax({ url: api + '/upload', method: 'POST', transport: 'xhr', body: new ReadableStream() }));
		await fails('misspelt', () => credfetch.ajax({ url: api + '/echo', credentials: 'include', xhrFields: { withCredentails: true } }));
		await fails('fakeURL', () => credfetch.ajax({ url: Object.create(URL.prototype) }));
		await fails('fakeRequest', () => credfetch.fetch(Object.create(Request.prototype)));
		await fails('hugeCode', () => credfetch.ajax({ url: api + '/echo', retry: { statusCodes: [1e21] } }));
		const stream = new ReadableStream({ start(c) { c.enqueue(new Uint8Array(1000)); c.close(); } });
		try {
			out.stream = (await credfetch.ajax({ url: api + '/upload', method: 'POST', body: stream })).data.received;
		} catch (e) {
			out.stream = e.code; // Chromium sends a stream only over HTTP/2: a network error here, never a TypeError about duplex
		}
		const cause = new Error('my reason');
		const off = credfetch.ajaxPrefilter(() => { throw cause; });
		try { await credfetch.ajax(api + '/echo'); } catch (e) { out.cause = e.cause === cause; }
		off();
		return out;
	})()`)
	require.Contains(t, got["nulName"], "invalid credfetch.ajax: settings.headers: the header name")
	require.Contains(t, got["xhrStream"], "invalid credfetch.ajax: settings.body is a ReadableStream, which XMLHttpRequest cannot send")
	require.Contains(t, got["misspelt"], "settings.xhrFields.withCredentails is not a setting")
	require.Contains(t, got["fakeURL"], "invalid credfetch.ajax: settings.url must be a string or URL")
	require.Contains(t, got["fakeRequest"], "invalid credfetch.fetch: input: reading the Request threw")
	require.Contains(t, got["hugeCode"], "invalid credfetch.ajax: settings.retry.statusCodes[0] must be a whole number")
	require.Equal(t, "network", got["stream"])
	require.Equal(t, true, got["cause"])
}

// TestInstallSendsPageXHRsAsThePrefiltersLeaveThem: a header a prefilter
// changes replaces the page's, a synchronous XMLHttpRequest goes through the
// prefilters too, and one the page aborts while an async prefilter runs is
// never sent.
func TestInstallSendsPageXHRsAsThePrefiltersLeaveThem(t *testing.T) {
	fx := startFetchFixtures(t, nil)
	p := openLoaded(t)
	got := eval[map[string]any](p, `(async () => {
		const api = `+jsString(fx.trusted)+`;
		const off = credfetch.install({ origins: [api] });
		const out = {};
		const unfilter = credfetch.ajaxPrefilter((s) => { s.headers['X-Demo'] = 'new'; s.headers['X-Sync'] = 'seen'; });
		const x = new XMLHttpRequest();
		x.open('GET', api + '/echo');
		x.setRequestHeader('X-Demo', 'old');
		await new Promise((resolve) => { x.onloadend = resolve; x.send(); });
		out.replaced = JSON.parse(x.responseText).headers['X-Demo'];
		unfilter();

		const syncFilter = credfetch.ajaxPrefilter((s) => { s.headers['X-Sync'] = 'seen'; });
		const y = new XMLHttpRequest();
		y.open('GET', api + '/echo', false);
		y.send();
		out.sync = JSON.parse(y.responseText).headers['X-Sync'];
		syncFilter();

		const slow = credfetch.ajaxPrefilter(() => new Promise((r) => setTimeout(r, 300)));
		const z = new XMLHttpRequest();
		const events = [];
		z.open('GET', api + '/flaky?key=aborted');
		for (const type of ['abort', 'loadend', 'load', 'error']) z.addEventListener(type, () => events.push(type));
		z.send();
		z.abort();
		await new Promise((r) => setTimeout(r, 600));
		slow();
		off();
		out.events = events.join(' ');
		out.calls = (await (await fetch(api + '/flaky?key=aborted')).json()).calls;
		return out;
	})()`)
	require.Equal(t, map[string]any{"replaced": []any{"new"}, "sync": []any{"seen"}, "events": "abort loadend", "calls": float64(1)}, got)
}
