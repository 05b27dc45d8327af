import test from 'node:test';
import assert from 'node:assert/strict';
import { PROBE_INIT, SEP } from './protocol.gen.js';
import { ajax } from './ajax.js';
import { Engine } from './engine.js';
import { fetchAPI } from './fetchapi.js';
import { OWN, failureCode, markNetwork, probe } from './transport.js';

// fakeFetch replaces globalThis.fetch for one test: every request fails as
// the browser's fetch() does, and the probe (mode 'no-cors') resolves when
// the server answers. It records each init.
function fakeFetch(t, answers) {
  const calls = [];
  const saved = globalThis.fetch;
  globalThis.fetch = async (url, init) => {
    calls.push({ url, init });
    if (init && init.mode === 'no-cors' && answers) return { type: 'opaque', status: 0 };
    throw new TypeError('Failed to fetch');
  };
  t.after(() => { globalThis.fetch = saved; });
  return calls;
}

// goFake stands in for credfetch.wasm: it decides every request as probed
// (or not) with a retry policy, answers retry questions as
// fetch.RetryPolicy.Next does for these codes, and records them.
function goFake({ probed = true } = {}) {
  const core = {
    retries: [],
    prepare(msg) {
      const f = msg.split(SEP);
      return ['ok', 'url', f[f.indexOf('url') + 1], 'method', 'GET', 'credentials', 'same-origin', 'transport', 'fetch',
        'retry', '2', ...(probed ? ['probe', '1'] : [])].join(SEP);
    },
    retry(msg) {
      const f = msg.split(SEP);
      core.retries.push(f[3]);
      return f[3] === 'network' && Number(f[1]) <= 2 ? `ok${SEP}0` : 'no';
    },
    message(msg) { return msg.split(SEP).join(' | '); },
  };
  return core;
}

const api = 'https://api.example.test/data';

test('probe sends Go\'s PROBE_INIT and says whether the server answered', async (t) => {
  const calls = fakeFetch(t, true);
  const ctrl = new AbortController();
  assert.equal(await probe(api, ctrl.signal), true);
  assert.deepEqual({ ...calls[0].init, signal: undefined }, { ...PROBE_INIT, [OWN]: true, signal: undefined });
  assert.equal(calls[0].init.signal, ctrl.signal, 'the request\'s signal covers the probe');
  assert.equal(calls[0].init.method, 'HEAD');
  assert.equal(calls[0].init.credentials, 'omit');
  globalThis.fetch = async () => { throw new TypeError('Failed to fetch'); };
  assert.equal(await probe(api, undefined), false, 'a failed probe: no answer');
});

test('failureCode probes only network errors Go marked, and never after an abort', async (t) => {
  const calls = fakeFetch(t, true);
  const net = () => markNetwork(new TypeError('Failed to fetch'), api, { method: 'GET' });
  assert.equal(await failureCode({ url: api }, undefined, net()), 'network', 'no plan.probe: no probe');
  assert.equal(calls.length, 0);
  const ctrl = new AbortController();
  ctrl.abort();
  assert.equal(await failureCode({ url: api, probe: '1' }, ctrl.signal, net()), 'network', 'aborted: no probe');
  assert.equal(calls.length, 0);
  assert.equal(await failureCode({ url: api, probe: '1' }, undefined, net()), 'cors');
  assert.equal(calls.length, 1);
  // fetch() rejects arguments it cannot use with a TypeError too: a Request
  // of the same arguments throws, and the code is 'invalid', not probed.
  const refused = markNetwork(new TypeError('Failed to execute fetch'), api, { method: 'CONNECT' });
  assert.equal(await failureCode({ url: api, probe: '1' }, undefined, refused), 'invalid');
  assert.equal(await failureCode({ url: api, probe: '1' }, undefined, new TypeError('unmarked')), 'invalid');
  assert.equal(calls.length, 1, 'neither was probed');
  assert.equal(await failureCode({ url: api, probe: '1' }, undefined, net(), new ReadableStream()), 'network', 'a stream body: no probe');
  assert.equal(calls.length, 1);
});

test('ajax: a refusal whose server answers is code cors, asked of Go as cors, and sent once', async (t) => {
  const calls = fakeFetch(t, true);
  const core = goFake();
  const err = await ajax(new Engine(core), { url: api }).then(() => null, (e) => e);
  assert.equal(err.code, 'cors');
  assert.equal(err.name, 'CORSError');
  assert.ok(err instanceof TypeError, 'as fetch() rejects');
  assert.deepEqual(core.retries, ['cors'], 'Go decides the retry, with the code');
  assert.deepEqual(calls.map((c) => c.init.mode), [undefined, 'no-cors'], 'one request, one probe');
});

test('ajax: an unreachable server stays network and is retried', async (t) => {
  const calls = fakeFetch(t, false);
  const core = goFake();
  const err = await ajax(new Engine(core), { url: api }).then(() => null, (e) => e);
  assert.equal(err.code, 'network');
  assert.equal(err.name, 'NetworkError');
  assert.deepEqual(core.retries, ['network', 'network', 'network']);
  assert.equal(calls.filter((c) => c.init.mode !== 'no-cors').length, 3, 'the first attempt and two retries');
});

test('ajax and fetch: a request Go does not mark is never probed', async (t) => {
  const calls = fakeFetch(t, true);
  const eng = new Engine(goFake({ probed: false }));
  assert.equal((await ajax(eng, { url: api }).then(() => null, (e) => e)).code, 'network');
  assert.equal((await fetchAPI(eng, api, undefined).then(() => null, (e) => e)).code, 'network');
  assert.equal(calls.filter((c) => c.init.mode === 'no-cors').length, 0);
});

test('fetch: a refusal whose server answers is code cors', async (t) => {
  const calls = fakeFetch(t, true);
  const err = await fetchAPI(new Engine(goFake()), api, undefined).then(() => null, (e) => e);
  assert.equal(err.code, 'cors');
  assert.match(err.message, /^cors \| GET \| https:\/\/api\.example\.test\/data \| Failed to fetch/);
  assert.equal(calls.length, 2);
});

test('ajaxSetup sends noCORSProbe to Go and refuses what is not a boolean', async () => {
  const { ajaxSetup } = await import('./setup.js');
  const sent = [];
  const core = {
    setup(msg) {
      sent.push(msg);
      const f = msg.split(SEP);
      const v = f[f.indexOf('noCORSProbe') + 1];
      return ['ok', 'baseURL', '', 'credentials', 'same-origin', 'trustedOrigins', 'n', 'timeout', '0', 'retry', '0', 'transport', 'fetch',
        ...(v === 'true' ? ['noCORSProbe', 'true'] : [])].join(SEP);
    },
  };
  const eng = new Engine(core);
  assert.equal(ajaxSetup(eng, { noCORSProbe: true }).noCORSProbe, true);
  assert.deepEqual(sent[0].split(SEP).slice(0, 2), ['noCORSProbe', 'true']);
  assert.equal(ajaxSetup(eng, { noCORSProbe: false }).noCORSProbe, false);
  assert.throws(() => ajaxSetup(eng, { noCORSProbe: 'yes' }), { code: 'invalid', message: /settings\.noCORSProbe must be true or false/ });
  assert.equal(sent.length, 2, 'a bad setting never reaches Go');
});
