//go:build e2e

package e2e

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The bounds of issue 5's bad-input campaign.
const (
	// badCalls is how many bad calls the campaign makes.
	badCalls = 10_000
	// maxBadInputWasmMemory bounds the wasm linear memory after them (3.5 MiB
	// once loaded, 10.5 MiB after the campaign, measured here).
	maxBadInputWasmMemory = 16 << 20
)

// badInputCases are the campaign's calls, one JavaScript object each:
//
//	call   a function making one bad call
//	throws true for the calls that must throw (ajaxSetup, ajaxPrefilter,
//	       install); ajax and fetch must instead return a Promise that
//	       rejects, as window.fetch does
//	code   the error's code: 'invalid' for bad arguments, 'abort' for
//	       aborted signals and canceling prefilters
//	says   a part of the message: the bad field, or the reason
//
// The page defines hello (a URL that answers), aborted (an aborted signal)
// and the prefilter that cancels requests to /campaign/... URLs.
var badInputCases = []string{
	// ajax: wrong types.
	`{ call: () => credfetch.ajax(), code: 'invalid', says: 'settings must be an object with at least a url' }`,
	`{ call: () => credfetch.ajax(null), code: 'invalid', says: 'got null' }`,
	`{ call: () => credfetch.ajax(42), code: 'invalid', says: 'settings must be an object' }`,
	`{ call: () => credfetch.ajax(true), code: 'invalid', says: 'settings must be an object' }`,
	`{ call: () => credfetch.ajax(Symbol('s')), code: 'invalid', says: 'settings must be an object' }`,
	`{ call: () => credfetch.ajax(10n), code: 'invalid', says: 'settings must not be a BigInt, got bigint 10n' }`,
	`{ call: () => credfetch.ajax([hello]), code: 'invalid', says: 'settings must be an object' }`,
	`{ call: () => credfetch.ajax(() => hello), code: 'invalid', says: 'settings must be an object' }`,
	`{ call: () => credfetch.ajax({}), code: 'invalid', says: 'settings.url is required' }`,
	`{ call: () => credfetch.ajax({ url: 42 }), code: 'invalid', says: 'settings.url must be a string or URL' }`,
	`{ call: () => credfetch.ajax({ url: {} }), code: 'invalid', says: 'settings.url' }`,
	`{ call: () => credfetch.ajax({ url: 10n }), code: 'invalid', says: 'settings.url' }`,
	`{ call: () => credfetch.ajax({ url: Symbol('u') }), code: 'invalid', says: 'settings.url' }`,
	`{ call: () => credfetch.ajax({ url: hello, method: 5 }), code: 'invalid', says: 'settings.method must be a string' }`,
	`{ call: () => credfetch.ajax({ url: hello, method: 'TRACE' }), code: 'invalid', says: 'TRACE' }`,
	`{ call: () => credfetch.ajax({ url: hello, method: 'GET POST' }), code: 'invalid', says: 'method' }`,
	`{ call: () => credfetch.ajax({ url: hello, headers: 5 }), code: 'invalid', says: 'settings.headers' }`,
	`{ call: () => credfetch.ajax({ url: hello, headers: { 'X-A': {} } }), code: 'invalid', says: 'header X-A must be a string' }`,
	`{ call: () => credfetch.ajax({ url: hello, headers: { 'X-A': 10n } }), code: 'invalid', says: 'X-A' }`,
	`{ call: () => credfetch.ajax({ url: hello, headers: [['X-A']] }), code: 'invalid', says: 'settings.headers' }`,
	`{ call: () => credfetch.ajax({ url: hello, headers: { 'bad name': 'x' } }), code: 'invalid', says: 'bad name' }`,
	`{ call: () => credfetch.ajax({ url: hello, headers: { 'X-A': 'a\nb' } }), code: 'invalid', says: 'X-A' }`,
	`{ call: () => credfetch.ajax({ url: hello, timeout: -1 }), code: 'invalid', says: 'settings.timeout' }`,
	`{ call: () => credfetch.ajax({ url: hello, timeout: NaN }), code: 'invalid', says: 'settings.timeout' }`,
	`{ call: () => credfetch.ajax({ url: hello, timeout: '5s' }), code: 'invalid', says: 'settings.timeout' }`,
	`{ call: () => credfetch.ajax({ url: hello, timeout: 10n }), code: 'invalid', says: 'settings.timeout' }`,
	`{ call: () => credfetch.ajax({ url: hello, retry: 'x' }), code: 'invalid', says: 'settings.retry' }`,
	`{ call: () => credfetch.ajax({ url: hello, retry: 11 }), code: 'invalid', says: 'settings.retry' }`,
	`{ call: () => credfetch.ajax({ url: hello, retry: { limit: 1.5 } }), code: 'invalid', says: 'settings.retry.limit' }`,
	`{ call: () => credfetch.ajax({ url: hello, retry: { methods: 'GET' } }), code: 'invalid', says: 'settings.retry.methods' }`,
	`{ call: () => credfetch.ajax({ url: hello, credentials: 'always' }), code: 'invalid', says: 'settings.credentials' }`,
	`{ call: () => credfetch.ajax({ url: hello, mode: 'navigate' }), code: 'invalid', says: 'settings.mode' }`,
	`{ call: () => credfetch.ajax({ url: hello, dataType: 'xml' }), code: 'invalid', says: 'settings.dataType' }`,
	`{ call: () => credfetch.ajax({ url: hello, transport: 'ws' }), code: 'invalid', says: 'settings.transport' }`,
	`{ call: () => credfetch.ajax({ url: hello, signal: 'stop' }), code: 'invalid', says: 'settings.signal' }`,
	`{ call: () => credfetch.ajax({ url: hello, signal: {} }), code: 'invalid', says: 'settings.signal' }`,
	`{ call: () => credfetch.ajax({ url: hello, onUploadProgress: 1 }), code: 'invalid', says: 'settings.onUploadProgress' }`,
	`{ call: () => credfetch.ajax({ url: hello, validateStatus: 1 }), code: 'invalid', says: 'settings.validateStatus' }`,
	`{ call: () => credfetch.ajax({ url: hello, xhrFields: 1 }), code: 'invalid', says: 'xhrFields' }`,
	`{ call: () => credfetch.ajax({ url: hello, xhrFields: { withCredentials: 'yes' } }), code: 'invalid', says: 'withCredentials' }`,
	`{ call: () => credfetch.ajax({ url: hello, method: 'POST', body: 42 }), code: 'invalid', says: 'settings.body' }`,
	`{ call: () => credfetch.ajax({ url: hello, method: 'POST', body: {} }), code: 'invalid', says: 'settings.body' }`,
	`{ call: () => credfetch.ajax({ url: hello, data: 5 }), code: 'invalid', says: 'settings.data' }`,
	`{ call: () => credfetch.ajax({ url: hello, body: 'x' }), code: 'invalid', says: 'cannot have a body' }`,
	`{ call: () => credfetch.ajax({ url: hello, Credentials: 'include' }), code: 'invalid', says: 'settings.Credentials is not a setting' }`,
	`{ call: () => credfetch.ajax({ get url() { throw new Error('getter boom'); } }), code: 'invalid', says: 'getter boom' }`,
	`{ call: () => credfetch.ajax(new Proxy({}, { ownKeys() { throw new Error('ownKeys boom'); } })), code: 'invalid', says: 'ownKeys boom' }`,
	`{ call: () => { const p = Proxy.revocable({}, {}); p.revoke(); return credfetch.ajax(p.proxy); }, code: 'invalid', says: 'settings' }`,
	`{ call: () => { const data = {}; data.self = data; return credfetch.ajax({ url: hello, method: 'POST', data }); }, code: 'invalid', says: 'settings.data' }`,
	`{ call: () => credfetch.ajax(new Proxy({ url: hello }, { get() { throw new Error('trap boom'); } })), code: 'invalid', says: 'trap boom' }`,
	`{ call: () => credfetch.ajax({ url: hello, credentials: { toString() { throw new Error('toString boom'); } } }), code: 'invalid', says: 'settings.credentials' }`,
	`{ call: () => credfetch.ajax({ url: { toString() { throw new Error('toString boom'); } } }), code: 'invalid', says: 'settings.url' }`,
	`{ call: () => credfetch.ajax({ url: hello, headers: [['X-A', { toString() { throw new Error('toString boom'); } }]] }), code: 'invalid', says: 'X-A' }`,
	`{ call: () => credfetch.ajax({ url: hello, headers: new Proxy({}, { ownKeys() { return ['X-A']; }, getOwnPropertyDescriptor() { return { enumerable: true, configurable: true }; }, get() { throw new Error('trap boom'); } }) }), code: 'invalid', says: 'trap boom' }`,
	`{ call: () => credfetch.ajax({ url: hello, retry: { statusCodes: new Proxy([500], { get() { throw new Error('trap boom'); } }) } }), code: 'invalid', says: 'statusCodes' }`,
	// ajax: invalid URLs.
	`{ call: () => credfetch.ajax('http://['), code: 'invalid', says: 'does not parse' }`,
	`{ call: () => credfetch.ajax('ftp://files.example.com/x'), code: 'invalid', says: 'scheme "ftp"' }`,
	`{ call: () => credfetch.ajax('javascript:alert(1)'), code: 'invalid', says: 'scheme "javascript"' }`,
	`{ call: () => credfetch.ajax('data:text/plain,x'), code: 'invalid', says: 'scheme "data"' }`,
	`{ call: () => credfetch.ajax(' ' + hello), code: 'invalid', says: 'surrounding spaces' }`,
	`{ call: () => credfetch.ajax(hello + '\n'), code: 'invalid', says: 'control characters' }`,
	`{ call: () => credfetch.ajax('http://'), code: 'invalid', says: 'http://' }`,
	`{ call: () => credfetch.ajax(hello.replace('://', '://user:pass@')), code: 'invalid', says: 'includes credentials' }`,
	`{ call: () => credfetch.ajax({ url: 'http://%zz' }), code: 'invalid', says: '%zz' }`,
	// ajax: aborted signals.
	`{ call: () => credfetch.ajax({ url: hello, signal: aborted() }), code: 'abort' }`,
	`{ call: () => credfetch.ajax({ url: hello, signal: AbortSignal.abort() }), code: 'abort' }`,
	`{ call: () => credfetch.ajax({ url: hello, signal: aborted(new Error('reason one')) }), code: 'abort', says: 'reason one' }`,
	`{ call: () => credfetch.ajax({ url: hello, signal: aborted('reason two') }), code: 'abort', says: 'reason two' }`,
	`{ call: () => credfetch.ajax({ url: hello, signal: aborted(10n) }), code: 'abort' }`,
	`{ call: () => credfetch.ajax({ url: hello, signal: aborted(Symbol('why')) }), code: 'abort' }`,
	`{ call: () => credfetch.ajax({ url: hello, signal: aborted(null) }), code: 'abort' }`,
	`{ call: () => credfetch.ajax({ url: hello, transport: 'xhr', signal: aborted() }), code: 'abort' }`,
	`{ call: () => credfetch.ajax({ url: hello, signal: aborted({ get message() { throw new Error('getter boom'); } }) }), code: 'abort' }`,
	`{ call: () => credfetch.ajax({ url: hello, signal: aborted(new Proxy({}, { get() { throw new Error('trap boom'); } })) }), code: 'abort' }`,
	// ajax: prefilters that cancel their request.
	`{ call: () => credfetch.ajax('/campaign/throw'), code: 'abort', says: 'refused by the campaign' }`,
	`{ call: () => credfetch.ajax('/campaign/throw-string'), code: 'abort', says: 'a thrown string' }`,
	`{ call: () => credfetch.ajax('/campaign/throw-bigint'), code: 'abort' }`,
	`{ call: () => credfetch.ajax('/campaign/throw-undefined'), code: 'abort' }`,
	`{ call: () => credfetch.ajax('/campaign/reject'), code: 'abort', says: 'rejected by the campaign' }`,
	`{ call: () => credfetch.ajax('/campaign/reject-bigint'), code: 'abort', says: '10n' }`,
	`{ call: () => credfetch.ajax('/campaign/throw-getter'), code: 'abort' }`,
	`{ call: () => credfetch.ajax('/campaign/reject-proxy'), code: 'abort' }`,
	`{ call: () => credfetch.ajax('/campaign/false'), code: 'abort', says: 'returned false' }`,
	`{ call: () => credfetch.ajax('/campaign/bad-url'), code: 'abort', says: 'url' }`,
	`{ call: () => credfetch.ajax('/campaign/bad-bigint'), code: 'abort' }`,
	`{ call: () => credfetch.ajax('/campaign/trace'), code: 'invalid', says: 'TRACE' }`,
	`{ call: () => credfetch.ajax({ url: '/campaign/throw', transport: 'xhr' }), code: 'abort', says: 'refused by the campaign' }`,
	// fetch: wrong types, invalid URLs, aborted signals, canceling prefilters.
	`{ call: () => credfetch.fetch(), code: 'invalid', says: 'input must be' }`,
	`{ call: () => credfetch.fetch(42), code: 'invalid', says: 'input must be' }`,
	`{ call: () => credfetch.fetch(null), code: 'invalid', says: 'input must be' }`,
	`{ call: () => credfetch.fetch({}), code: 'invalid', says: 'input must be' }`,
	`{ call: () => credfetch.fetch(10n), code: 'invalid', says: 'input must not be a BigInt' }`,
	`{ call: () => credfetch.fetch(Symbol('i')), code: 'invalid', says: 'input must be' }`,
	`{ call: () => credfetch.fetch(hello, 5), code: 'invalid', says: 'init must be an object' }`,
	`{ call: () => credfetch.fetch(hello, 10n), code: 'invalid', says: 'init must not be a BigInt' }`,
	`{ call: () => credfetch.fetch(hello, { method: 5 }), code: 'invalid', says: 'init.method' }`,
	`{ call: () => credfetch.fetch(hello, { method: 'CONNECT' }), code: 'invalid', says: 'CONNECT' }`,
	`{ call: () => credfetch.fetch(hello, { signal: 'stop' }), code: 'invalid', says: 'init.signal' }`,
	`{ call: () => credfetch.fetch(hello, { headers: 5 }), code: 'invalid', says: 'init.headers' }`,
	`{ call: () => credfetch.fetch(hello, { method: 'POST', body: {} }), code: 'invalid', says: 'init.body' }`,
	`{ call: () => credfetch.fetch(hello, { body: 'x' }), code: 'invalid', says: 'cannot have a body' }`,
	`{ call: () => credfetch.fetch(hello, { credentials: 'always' }), code: 'invalid', says: 'init.credentials' }`,
	`{ call: () => credfetch.fetch(hello, { cache: 'sometimes' }), code: 'invalid', says: 'init.cache' }`,
	`{ call: () => credfetch.fetch(hello, { get method() { throw new Error('getter boom'); } }), code: 'invalid', says: 'getter boom' }`,
	`{ call: () => credfetch.fetch('http://['), code: 'invalid', says: 'does not parse' }`,
	`{ call: () => credfetch.fetch('ftp://files.example.com/x'), code: 'invalid', says: 'scheme "ftp"' }`,
	`{ call: () => credfetch.fetch(new URL('javascript:void 0')), code: 'invalid', says: 'scheme "javascript"' }`,
	`{ call: () => credfetch.fetch(hello, { signal: aborted() }), code: 'abort' }`,
	`{ call: () => credfetch.fetch(hello, { signal: aborted(10n) }), code: 'abort' }`,
	`{ call: () => credfetch.fetch(new Request(hello, { signal: aborted('in the Request') })), code: 'abort', says: 'in the Request' }`,
	`{ call: () => credfetch.fetch('/campaign/throw'), code: 'abort', says: 'refused by the campaign' }`,
	`{ call: () => credfetch.fetch(new Request('/campaign/reject')), code: 'abort', says: 'rejected by the campaign' }`,
	// ajaxSetup: bad settings throw and change nothing.
	`{ call: () => credfetch.ajaxSetup(5), throws: true, code: 'invalid', says: 'settings must be an object' }`,
	`{ call: () => credfetch.ajaxSetup('x'), throws: true, code: 'invalid', says: 'settings must be an object' }`,
	`{ call: () => credfetch.ajaxSetup([1]), throws: true, code: 'invalid', says: 'got array' }`,
	`{ call: () => credfetch.ajaxSetup(10n), throws: true, code: 'invalid', says: 'settings must not be a BigInt' }`,
	`{ call: () => credfetch.ajaxSetup(Symbol('s')), throws: true, code: 'invalid', says: 'settings must be an object' }`,
	`{ call: () => credfetch.ajaxSetup({ credentials: 'always' }), throws: true, code: 'invalid', says: 'settings.credentials' }`,
	`{ call: () => credfetch.ajaxSetup({ trustedOrigins: ['*'] }), throws: true, code: 'invalid', says: 'TrustedOrigins[0]' }`,
	`{ call: () => credfetch.ajaxSetup({ trustedOrigins: ['null'] }), throws: true, code: 'invalid', says: 'TrustedOrigins[0]' }`,
	`{ call: () => credfetch.ajaxSetup({ trustedOrigins: 'https://a.test' }), throws: true, code: 'invalid', says: 'settings.trustedOrigins' }`,
	`{ call: () => credfetch.ajaxSetup({ trustedOrigins: [5] }), throws: true, code: 'invalid', says: 'trustedOrigins[0]' }`,
	`{ call: () => credfetch.ajaxSetup({ trustedOrigins: ['https://*.com'] }), throws: true, code: 'invalid', says: 'TrustedOrigins[0]' }`,
	`{ call: () => credfetch.ajaxSetup({ baseURL: 'ftp://a.test/' }), throws: true, code: 'invalid', says: 'BaseURL' }`,
	`{ call: () => credfetch.ajaxSetup({ baseURL: 5 }), throws: true, code: 'invalid', says: 'settings.baseURL' }`,
	`{ call: () => credfetch.ajaxSetup({ timeout: -5 }), throws: true, code: 'invalid', says: 'settings.timeout' }`,
	`{ call: () => credfetch.ajaxSetup({ retry: 99 }), throws: true, code: 'invalid', says: 'settings.retry' }`,
	`{ call: () => credfetch.ajaxSetup({ xsrfCookieName: 'XSRF' }), throws: true, code: 'invalid', says: 'XSRFHeaderName' }`,
	`{ call: () => credfetch.ajaxSetup({ headers: { 'X-A': 10n } }), throws: true, code: 'invalid', says: 'X-A' }`,
	`{ call: () => credfetch.ajaxSetup({ headers: { Cookie: 'a=1' } }), throws: true, code: 'invalid', says: 'Cookie' }`,
	`{ call: () => credfetch.ajaxSetup({ transport: 'pigeon' }), throws: true, code: 'invalid', says: 'settings.transport' }`,
	`{ call: () => credfetch.ajaxSetup({ timeOut: 5 }), throws: true, code: 'invalid', says: 'settings.timeOut is not a setting' }`,
	`{ call: () => credfetch.ajaxSetup({ get credentials() { throw new Error('getter boom'); } }), throws: true, code: 'invalid', says: 'getter boom' }`,
	`{ call: () => credfetch.ajaxSetup({ trustedOrigins: new Proxy([], { get() { throw new Error('trap boom'); } }) }), throws: true, code: 'invalid', says: 'trustedOrigins' }`,
	// ajaxPrefilter: not a function.
	`{ call: () => credfetch.ajaxPrefilter(), throws: true, code: 'invalid', says: 'fn must be a function' }`,
	`{ call: () => credfetch.ajaxPrefilter(5), throws: true, code: 'invalid', says: 'fn must be a function' }`,
	`{ call: () => credfetch.ajaxPrefilter('nope'), throws: true, code: 'invalid', says: 'fn must be a function' }`,
	`{ call: () => credfetch.ajaxPrefilter({}), throws: true, code: 'invalid', says: 'fn must be a function' }`,
	`{ call: () => credfetch.ajaxPrefilter(null), throws: true, code: 'invalid', says: 'fn must be a function' }`,
	`{ call: () => credfetch.ajaxPrefilter(10n), throws: true, code: 'invalid', says: 'fn must not be a BigInt' }`,
	`{ call: () => credfetch.ajaxPrefilter(Symbol('f')), throws: true, code: 'invalid', says: 'fn must be a function' }`,
	// install: bad options throw and patch nothing.
	`{ call: () => credfetch.install(), throws: true, code: 'invalid', says: 'options.origins is required' }`,
	`{ call: () => credfetch.install(5), throws: true, code: 'invalid', says: 'options must be an object' }`,
	`{ call: () => credfetch.install(10n), throws: true, code: 'invalid', says: 'options must not be a BigInt' }`,
	`{ call: () => credfetch.install({}), throws: true, code: 'invalid', says: 'options.origins is required' }`,
	`{ call: () => credfetch.install({ origins: [] }), throws: true, code: 'invalid', says: 'options.origins is empty' }`,
	`{ call: () => credfetch.install({ origins: 'https://a.test' }), throws: true, code: 'invalid', says: 'options.origins' }`,
	`{ call: () => credfetch.install({ origins: [5] }), throws: true, code: 'invalid', says: 'origins[0]' }`,
	`{ call: () => credfetch.install({ origins: [10n] }), throws: true, code: 'invalid', says: 'origins[0]' }`,
	`{ call: () => credfetch.install({ origins: ['*'] }), throws: true, code: 'invalid', says: 'origins[0]' }`,
	`{ call: () => credfetch.install({ origins: ['https://a.test/'] }), throws: true, code: 'invalid', says: 'not an origin as browsers write it' }`,
	`{ call: () => credfetch.install({ origins: [location.origin], also: 1 }), throws: true, code: 'invalid', says: 'options.also is not a setting' }`,
	`{ call: () => credfetch.install({ origins: new Proxy([location.origin], { get() { throw new Error('trap boom'); } }) }), throws: true, code: 'invalid', says: 'options.origins' }`,
	`{ call: () => credfetch.install({ get origins() { throw new Error('getter boom'); } }), throws: true, code: 'invalid', says: 'getter boom' }`,
}

// badInputFailure is one case that misbehaved, with how often and one
// example of what it did.
type badInputFailure struct {
	Case    string `json:"case"`
	Count   int    `json:"count"`
	Example string `json:"example"`
}

// badInputReport is what the page reports after the campaign.
type badInputReport struct {
	Calls      int               `json:"calls"`
	Failures   []badInputFailure `json:"failures"`
	Before     memorySample      `json:"before"`
	After      memorySample      `json:"after"`
	SameSetup  bool              `json:"sameSetup"`
	Installed  bool              `json:"installed"`
	Afterwards string            `json:"afterwards"`
}

// TestBadInputCampaign is issue 5's bad-input campaign: 10,000 calls with
// wrong types (BigInts, Symbols, Proxies whose traps throw, throwing getters
// and toString methods among them),
// invalid URLs, aborted signals (with every kind of reason) and prefilters
// that throw, reject, return false or leave bad settings, across ajax,
// fetch, ajaxSetup, ajaxPrefilter and install. Every call must fail the
// documented way (ajax and fetch reject, the others throw) with an Error
// whose code and message say what was wrong, within 5 s; afterwards the
// module still answers a request, ajaxSetup's settings are unchanged, nothing
// was installed, the callbacks and goroutines are back to their idle counts
// and the wasm memory stayed under its bound.
func TestBadInputCampaign(t *testing.T) {
	p := openLoaded(t)
	report := eval[badInputReport](p, `(async () => {
		const hello = `+jsString(suite.server.APIURL()+"/api/hello")+`;
		const aborted = (...reason) => { const c = new AbortController(); c.abort(...reason); return c.signal; };
		credfetch.ajaxSetup({ trustedOrigins: [`+jsString(suite.server.APIURL())+`], credentials: 'include' });
		const setup = JSON.stringify(credfetch.ajaxSetup({}));
		const before = credfetch.diagnostics();
		const unprefilter = credfetch.ajaxPrefilter((s) => {
			const what = s.url.split('/campaign/')[1];
			switch (what) {
			case undefined: return;
			case 'throw': throw new Error('refused by the campaign');
			case 'throw-string': throw 'a thrown string';
			case 'throw-bigint': throw 10n;
			case 'throw-undefined': throw undefined;
			case 'reject': return Promise.reject(new Error('rejected by the campaign'));
			case 'reject-bigint': return Promise.reject(10n);
			case 'throw-getter': throw { get message() { throw new Error('getter boom'); } };
			case 'reject-proxy': return Promise.reject(new Proxy({}, { get() { throw new Error('trap boom'); } }));
			case 'false': return false;
			case 'bad-url': s.url = 42; return;
			case 'bad-bigint': s.timeout = 10n; return;
			case 'trace': s.method = 'TRACE'; return;
			}
		});
		const cases = [`+strings.Join(badInputCases, ",\n")+`];
		const failures = new Map();
		const fail = (i, example) => {
			const f = failures.get(i) || { case: cases[i].call.toString().replace(/\s+/g, ' '), count: 0, example };
			f.count++;
			failures.set(i, f);
		};
		const describe = (e) => { try { return e instanceof Error ? e.constructor.name + ' ' + e.name + ' code=' + e.code + ': ' + e.message : typeof e + ' ' + String(e); } catch { return typeof e; } };
		const hang = Symbol('hang');
		for (let n = 0; n < `+fmt.Sprint(badCalls)+`; n++) {
			const i = n % cases.length, c = cases[i];
			let result, thrown, err;
			try { result = c.call(); } catch (e) { thrown = true; err = e; }
			if (!thrown) {
				if (c.throws) { fail(i, 'returned ' + describe(result) + ' instead of throwing'); continue; }
				if (!result || typeof result.then !== 'function') { fail(i, 'returned ' + describe(result) + ', not a Promise'); continue; }
				let timer;
				const settled = await Promise.race([
					result.then(() => 'fulfilled', (e) => { err = e; return 'rejected'; }),
					new Promise((resolve) => { timer = setTimeout(() => resolve(hang), 5000); }),
				]);
				clearTimeout(timer);
				if (settled === hang) { fail(i, 'neither fulfilled nor rejected within 5 s'); continue; }
				if (settled === 'fulfilled') { fail(i, 'fulfilled'); continue; }
			} else if (!c.throws) { fail(i, 'threw ' + describe(err) + ' instead of returning a rejected Promise'); continue; }
			if (!(err instanceof Error)) { fail(i, 'failed with ' + describe(err) + ', not an Error'); continue; }
			if (err.code !== c.code) { fail(i, 'code ' + err.code + ', want ' + c.code + ': ' + describe(err)); continue; }
			if (c.says && !err.message.includes(c.says)) { fail(i, 'the message does not say ' + JSON.stringify(c.says) + ': ' + describe(err)); continue; }
		}
		unprefilter();
		await new Promise((resolve) => setTimeout(resolve, 100));
		const after = credfetch.diagnostics();
		const answer = await credfetch.ajax(hello);
		return {
			calls: `+fmt.Sprint(badCalls)+`, failures: [...failures.values()], before, after,
			sameSetup: JSON.stringify(credfetch.ajaxSetup({})) === setup,
			installed: typeof window.fetch !== 'function' || !/\[native code\]/.test(Function.prototype.toString.call(window.fetch)),
			afterwards: answer.status + ' ' + answer.data.message,
		};
	})()`)
	sort.Slice(report.Failures, func(i, j int) bool { return report.Failures[i].Case < report.Failures[j].Case })
	for _, f := range report.Failures {
		t.Errorf("%d× %s\n\t%s", f.Count, f.Case, f.Example)
	}
	t.Logf("%d bad calls (%d cases); before: %+v; after: %+v", report.Calls, len(badInputCases), report.Before, report.After)
	require.Equal(t, "200 "+apiHello, report.Afterwards, "the module still answers")
	require.True(t, report.SameSetup, "no bad ajaxSetup call changed the settings")
	require.False(t, report.Installed, "no bad install call patched window.fetch")
	require.Equal(t, report.Before.LiveCallbacks, report.After.LiveCallbacks, "every callback was released")
	require.LessOrEqual(t, report.After.Goroutines, report.Before.Goroutines, "no goroutine was left behind")
	require.LessOrEqual(t, report.After.WasmMemoryBytes, float64(maxBadInputWasmMemory), "wasm linear memory after the campaign")
}
