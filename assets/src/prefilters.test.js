import test from 'node:test';
import assert from 'node:assert/strict';
import { SEP } from './protocol.gen.js';
import { Engine } from './engine.js';
import { prepare } from './prefilters.js';
import { Wire } from './wire.js';

// goFake answers draft and finish messages by echoing their fields back,
// recording the messages, as credfetch.wasm answers with the request decided.
function goFake() {
  const core = {
    sent: [],
    prepare(msg) {
      core.sent.push(msg);
      const f = msg.split(SEP);
      return ['ok', ...f.slice(1), ...(f.includes('method') ? [] : ['method', 'GET']),
        ...(f.includes('credentials') ? [] : ['credentials', 'same-origin'])].join(SEP);
    },
    message(msg) { return msg.split(SEP).slice(3, 4).join(''); },
  };
  return core;
}

function request(url) {
  const w = new Wire('credfetch.ajax', 'settings', 'prepare');
  w.put('url', url);
  return { wire: w, url };
}

const fields = (msg) => {
  const f = msg.split(SEP);
  const o = { phase: f[0] };
  for (let i = 1; i + 1 < f.length; i += 2) o[f[i]] = f[i + 1];
  return o;
};

test('without prefilters a request is one prepare message', () => {
  const core = goFake();
  const plan = prepare(new Engine(core), request('/a'));
  assert.equal(plan.url, '/a');
  assert.deepEqual(core.sent.map((m) => fields(m).phase), ['prepare']);
});

test('prefilters run in the order they were added, each seeing what the last left', async () => {
  const core = goFake();
  const eng = new Engine(core);
  const seen = [];
  eng.prefilters.push({ fn: (s) => { seen.push(['first', s.url, s.headers['X-Order']]); s.headers['X-Order'] = '1'; } });
  eng.prefilters.push({ fn: async (s) => { seen.push(['second', s.url, s.headers['X-Order']]); s.url = '/moved'; s.headers['X-Order'] += ',2'; } });
  eng.prefilters.push({ fn: (s) => { seen.push(['third', s.url, s.headers['X-Order']]); } });
  const plan = await prepare(eng, request('/a'));
  assert.deepEqual(seen, [['first', '/a', undefined], ['second', '/a', '1'], ['third', '/moved', '1,2']]);
  assert.deepEqual(core.sent.map((m) => fields(m).phase), ['draft', 'finish']);
  const finish = fields(core.sent[1]);
  assert.equal(finish.url, '/moved');
  assert.equal(finish['h:X-Order'], '1,2');
  assert.equal(finish.credentials, '', 'a new URL has its credentials chosen again by Go');
  assert.equal(plan.url, '/moved');
});

test('a prefilter that throws, rejects or returns false cancels the request with its index', async () => {
  for (const [fn, why] of [
    [() => { throw new Error('no'); }, 'Error: no'],
    [() => Promise.reject(new RangeError('later')), 'RangeError: later'],
    [() => false, 'it returned false'],
    [(s) => { s.timeout = 'soon'; }, 'it left bad settings'],
  ]) {
    const eng = new Engine(goFake());
    let ran = false;
    eng.prefilters.push({ fn: () => {} });
    eng.prefilters.push({ fn });
    eng.prefilters.push({ fn: () => { ran = true; } });
    await assert.rejects(prepare(eng, request('/a')), (e) => e.code === 'abort' && e.message.startsWith(`prefilter 1 canceled the request: ${why}`));
    assert.equal(ran, false, 'the prefilters after it do not run');
  }
});

test('a synchronous request cannot wait for a prefilter\'s Promise', () => {
  const eng = new Engine(goFake());
  eng.prefilters.push({ fn: async () => {} });
  assert.throws(() => prepare(eng, request('/a'), true), /prefilter 0 canceled the request: it returned a Promise/);
});
