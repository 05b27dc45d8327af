import test from 'node:test';
import assert from 'node:assert/strict';
import { SEP } from './protocol.gen.js';
import { Engine, MAX_DECISIONS } from './engine.js';

// fakeCore stands in for credfetch.wasm: it answers prepare messages with
// their URL and counts the calls.
function fakeCore() {
  const core = {
    calls: 0,
    prepare(msg) {
      core.calls++;
      const f = msg.split(SEP);
      return ['ok', 'url', f[f.indexOf('url') + 1], 'method', 'GET', 'credentials', 'include'].join(SEP);
    },
    message(msg) { return `credfetch: ${msg.split(SEP).join(' | ')}`; },
  };
  return core;
}

const msg = (url) => ['prepare', 'url', url].join(SEP);

test('a request is decided once, then answered from memory', () => {
  const core = fakeCore();
  const eng = new Engine(core);
  const a = eng.decide(msg('/a'));
  assert.equal(a.url, '/a');
  assert.equal(eng.decide(msg('/a')), a, 'the same plan, from memory');
  eng.decide(msg('/b'));
  assert.equal(core.calls, 2);
});

test('forget and remember=false (an XSRF header) keep nothing', () => {
  const core = fakeCore();
  const eng = new Engine(core);
  eng.decide(msg('/a'));
  eng.forget();
  eng.decide(msg('/a'));
  assert.equal(core.calls, 2, 'after forget, Go decides again');
  eng.remember = false;
  eng.decide(msg('/c'));
  eng.decide(msg('/c'));
  assert.equal(core.calls, 4, 'nothing is remembered while remember is false');
});

test('the memory is bounded: a full one starts over', () => {
  const core = fakeCore();
  const eng = new Engine(core);
  for (let i = 0; i < MAX_DECISIONS; i++) eng.decide(msg(`/${i}`));
  assert.equal(eng.decisions.size, MAX_DECISIONS);
  eng.decide(msg('/one-more'));
  assert.equal(eng.decisions.size, 1);
  eng.decide(msg('/0'));
  assert.equal(core.calls, MAX_DECISIONS + 2, 'the old decisions are gone');
});

test('a stopped Go program is one clear error', () => {
  const eng = new Engine({ prepare() { throw new Error('Go program has already exited'); } });
  assert.throws(() => eng.decide(msg('/a')), (e) => e.code === 'invalid' &&
    e.message === 'credfetch: the credfetch Go program has stopped (its last error is in the console); reload the page');
});

test('failures carry Go\'s text, the code, the response and the cause', () => {
  const eng = new Engine(fakeCore());
  const cause = new Error('offline');
  const e = eng.failure('network', { method: 'PUT', url: '/x' }, 'Failed to fetch', undefined, cause);
  assert.ok(e instanceof TypeError);
  assert.equal(e.name, 'NetworkError');
  assert.equal(e.message, 'credfetch: network | PUT | /x | Failed to fetch |  | ');
  assert.equal(e.cause, cause);
  const ctl = new AbortController();
  ctl.abort('user left');
  const ab = eng.aborted({ url: '/y' }, ctl.signal);
  assert.equal(ab.code, 'abort');
  assert.equal(ab.cause, 'user left');
  assert.match(ab.message, /GET \| \/y \| the AbortSignal fired: user left/);
});
