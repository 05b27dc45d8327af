import test from 'node:test';
import assert from 'node:assert/strict';
import { FIELD_KEYS, HEADER_KEY, ITEM, LIST, SEP } from './protocol.gen.js';
import { WIRE_CHARS, Wire, parseReply, wireList } from './wire.js';

test('a message is its fields as key, value pairs joined by SEP', () => {
  const w = new Wire('credfetch.ajax', 'settings', 'prepare');
  w.put('url', '/api/whoami');
  w.put('method', undefined); // absent fields are left out
  w.millis('timeout', 1.2); // whole milliseconds, rounded up
  w.headers([['X-Demo', 'a'], ['X-Demo', 'b']]);
  assert.equal(w.toString(), ['prepare', 'url', '/api/whoami', 'timeout', '2', 'h:X-Demo', 'a', 'h:X-Demo', 'b'].join(SEP));
});

test('strings that hold a separator are refused, naming the field', () => {
  for (const bad of [SEP, ITEM, LIST]) {
    const w = new Wire('credfetch.ajax', 'settings');
    assert.throws(() => w.put('url', `/x${bad}y`), (e) => e.code === 'invalid' && e instanceof TypeError &&
      e.message === 'credfetch.ajax: settings.url holds a NUL, \\x01 or \\x02 character, which no URL, header or setting may hold');
    assert.throws(() => w.headers([[`X${bad}`, 'v']]), /the header name .* holds a NUL/);
    assert.ok(WIRE_CHARS.test(`a${bad}`));
  }
  assert.ok(!WIRE_CHARS.test('plain ✓'));
});

test('lists and replies read as the Go half writes them', () => {
  assert.equal(wireList([]), 'l');
  assert.equal(wireList(['a', 'b']), `l${LIST}a${LIST}b`);
  const reply = ['ok', 'url', 'https://api.example.com/me', HEADER_KEY + 'X-A', '1', 'credentials', 'include', HEADER_KEY + 'X-A', '2'].join(SEP);
  assert.deepEqual(parseReply(reply), {
    url: 'https://api.example.com/me', credentials: 'include', headers: [['X-A', '1'], ['X-A', '2']],
  });
});

test('an error reply throws its message with the code asked for', () => {
  assert.throws(() => parseReply(`err${SEP}credfetch: bad URL`), (e) => e.code === 'invalid' && e.message === 'credfetch: bad URL');
  assert.throws(() => parseReply(`err${SEP}gone`, 'network'), (e) => e.code === 'network' && e.name === 'NetworkError');
  assert.throws(() => parseReply('??'), /malformed reply/);
});

test('every key the JavaScript half writes is one the Go half reads', async () => {
  // The keys are written as literals in calls like w.put('url', ...): each
  // must be one of the Go half's field keys (protocol.gen.js), or Go would
  // refuse the message. (Keys taken from a list, as in
  // for (const k of ['mode', ...]) w.put(k, ...), are the fields' own names.)
  const { readdir, readFile } = await import('node:fs/promises');
  const dir = new URL('.', import.meta.url);
  const used = new Set();
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.js') || name.endsWith('.test.js') || name.endsWith('.gen.js')) continue;
    const text = await readFile(new URL(name, dir), 'utf8');
    // Wires are named w, or reached as req.wire.
    for (const m of text.matchAll(/(?:\bw|\.wire)\.(?:put|raw|millis)\('([^']+)'/g)) used.add(m[1]);
  }
  for (const key of used) {
    assert.ok(FIELD_KEYS.includes(key), `the JavaScript half writes the field ${key}, which the Go half does not know`);
  }
  assert.ok(used.has('url') && used.has('trustedOrigins'), 'the scan found the writes');
});

test('every error code Go has is named, and every phase the JavaScript sends is Go\'s', async () => {
  const { ERROR_CODES, PHASES } = await import('./protocol.gen.js');
  const { ERROR_NAMES } = await import('./errors.js');
  assert.deepEqual(Object.keys(ERROR_NAMES).sort(), [...ERROR_CODES].sort());
  const { readdir, readFile } = await import('node:fs/promises');
  const dir = new URL('.', import.meta.url);
  const phases = new Set();
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.js') || name.endsWith('.test.js')) continue;
    const text = await readFile(new URL(name, dir), 'utf8');
    for (const m of text.matchAll(/new Wire\([^,]+, '[^']+', '([a-z]+)'\)/g)) phases.add(m[1]);
    for (const m of text.matchAll(/call\('prepare', '([a-z]+)' \+ SEP/g)) phases.add(m[1]);
  }
  assert.ok(phases.has('prepare') && phases.has('finish') && phases.has('draft'), [...phases].join(', '));
  for (const p of phases) assert.ok(PHASES.includes(p), `the JavaScript half sends the phase ${p}, which the Go half does not know`);
});
