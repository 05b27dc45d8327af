import test from 'node:test';
import assert from 'node:assert/strict';
import { ITEM, LIST, MAX_MILLIS, MAX_RETRY_LIMIT } from './protocol.gen.js';
import { AJAX_FIELDS, readModes, readRetry, readXHRFields } from './fields.js';
import { Reader, readHeaders } from './reader.js';
import { Wire } from './wire.js';

const read = (obj) => new Reader('credfetch.ajax', 'settings', obj, AJAX_FIELDS);

test('each bad field is one error naming the call, the field, what it wants and what it got', () => {
  const r = read({ url: 5, timeout: '5s', credentials: 'always' });
  assert.equal(r.url('url'), undefined);
  assert.equal(r.millis('timeout'), undefined);
  assert.equal(r.oneOf('credentials', ['omit', 'same-origin', 'include']), undefined);
  assert.deepEqual(r.errs, [
    'credfetch.ajax: settings.url must be a string or URL, got number 5',
    `credfetch.ajax: settings.timeout must be milliseconds (a number from 0 to ${MAX_MILLIS}), got string "5s"`,
    "credfetch.ajax: settings.credentials must be one of 'omit', 'same-origin', 'include', got string \"always\"",
  ]);
  const err = r.error();
  assert.ok(err instanceof TypeError);
  assert.equal(err.code, 'invalid');
});

test('an unknown field is an error with a suggestion', () => {
  const r = read({ url: '/x', header: {} });
  assert.equal(r.errs.length, 1);
  assert.match(r.errs[0], /settings\.header is not a setting \(did you mean "headers"\?\)/);
  const lax = new Reader('credfetch.fetch', 'init', { priority: 'high', method: 'PUT' }, ['method'], false);
  assert.equal(lax.str('method'), 'PUT');
  assert.deepEqual(lax.errs, [], 'fetch()\'s init passes other fields to the browser');
});

test('page objects that throw or hold BigInts are errors, never exceptions', () => {
  const trap = new Proxy({}, { ownKeys() { throw new Error('no keys'); } });
  assert.deepEqual(read(trap).errs, ['credfetch.ajax: settings: cannot list its fields: Error: no keys']);
  const getter = { get url() { throw new RangeError('boom'); } };
  const r = read(getter);
  assert.equal(r.url('url'), undefined);
  assert.deepEqual(r.errs, ['credfetch.ajax: settings.url: reading it threw RangeError: boom']);
  const big = read({ timeout: 5n });
  assert.equal(big.millis('timeout'), undefined);
  assert.match(big.errs[0], /settings\.timeout must be something other than a BigInt, got bigint 5n/);
  assert.deepEqual(read([]).errs, ['credfetch.ajax: settings must be an object, got array']);
});

test('headers read from objects, pairs and Headers', () => {
  assert.deepEqual(readHeaders({ 'X-A': '1', 'X-N': 2, 'X-Skip': undefined }), [['X-A', '1'], ['X-N', '2']]);
  assert.deepEqual(readHeaders([['X-A', '1'], ['X-A', '2']]), [['X-A', '1'], ['X-A', '2']]);
  assert.deepEqual(readHeaders(new Headers({ 'x-b': 'v' })), [['x-b', 'v']]);
  assert.throws(() => readHeaders([['X-A']]), /entry 0 must be a \[name, value\] pair of strings/);
  assert.throws(() => readHeaders({ 'X-O': {} }), /header X-O must be a string, got object/);
  assert.throws(() => readHeaders('X-A: 1'), /must be an object of header names to strings/);
});

test('retry reads as a number or a policy, in the wire format Go reads', () => {
  assert.equal(readRetry(read({ retry: 2 })), ['2', '0', '0', 'n', 'n'].join(ITEM));
  const policy = read({ retry: { limit: 3, methods: ['GET'], statusCodes: [503], delay: 10.5, maxDelay: 100 } });
  assert.equal(readRetry(policy), ['3', '11', '100', `l${LIST}GET`, `l${LIST}503`].join(ITEM));
  const over = read({ retry: MAX_RETRY_LIMIT + 1 });
  assert.equal(readRetry(over), undefined);
  assert.match(over.errs[0], new RegExp(`settings.retry must be a whole number from 0 to ${MAX_RETRY_LIMIT}`));
  const bad = read({ retry: { Limit: 1 } });
  assert.equal(readRetry(bad), undefined);
  assert.match(bad.errs[0], /settings\.retry\.Limit is not a setting \(did you mean "limit"\?\); known settings: limit, methods/);
});

test('modes go to the wire; xhrFields.withCredentials asks for credentials', () => {
  const w = new Wire('credfetch.ajax', 'settings');
  readModes(read({ credentials: 'include', mode: 'cors', cache: 'no-store' }), w);
  assert.deepEqual(w.parts, ['credentials', 'include', 'mode', 'cors', 'cache', 'no-store']);
  assert.equal(readXHRFields(read({ xhrFields: { withCredentials: true } })), 'include');
  assert.equal(readXHRFields(read({ xhrFields: { withCredentials: false } })), 'same-origin');
  const typo = read({ xhrFields: { withCredential: true } });
  assert.equal(readXHRFields(typo), undefined);
  assert.match(typo.errs[0], /settings\.xhrFields\.withCredential is not a setting/);
});
