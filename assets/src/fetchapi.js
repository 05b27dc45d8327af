// credfetch.fetch: window.fetch's arguments read and checked, the request
// decided, the browser's fetch() called, with the timeout over the body too.
import { CACHES, CREDENTIALS, MODES, REDIRECTS } from './protocol.gen.js';
import { bigintArg, invalid } from './errors.js';
import { FETCH_INIT_FIELDS } from './fields.js';
import { prepare } from './prefilters.js';
import { Reader } from './reader.js';
import { abortReason, anySignal } from './signals.js';
import { failureCode, fetchInit, markNetwork } from './transport.js';
import { describe, errText, instanceOf, isBodyValue, reasonText } from './values.js';
import { Wire } from './wire.js';

/** @typedef {import('./engine.js').Engine} Engine */

/**
 * readFetch reads fetch()'s arguments into a request.
 * @param {any} input
 * @param {any} init
 * @returns {any}
 */
export function readFetch(input, init) {
  const call = 'credfetch.fetch';
  const w = new Wire(call, 'init', 'prepare');
  const req = { wire: w, input: undefined };
  let headers;
  let credentials;
  const modes = {};
  if (typeof input === 'string' || instanceOf(input, 'URL')) {
    req.url = String(input);
  } else if (instanceOf(input, 'Request')) {
    // A Request has every mode set: only a value other than a script-made
    // Request's default is a choice.
    try {
      req.url = String(input.url);
      req.method = String(input.method);
      headers = Array.from(input.headers, ([k, v]) => /** @type {[string, string]} */ ([String(k), String(v)]));
      if (input.credentials !== 'same-origin') credentials = String(input.credentials);
      if (input.mode !== 'cors') modes.mode = String(input.mode);
      if (input.cache !== 'default') modes.cache = String(input.cache);
      if (input.redirect !== 'follow') modes.redirect = String(input.redirect);
      if (input.referrerPolicy) modes.referrerPolicy = String(input.referrerPolicy);
      req.signal = input.signal;
    } catch (e) {
      throw invalid(`${call}: input: reading the Request threw ${errText(e)}; pass a Request made with new Request()`);
    }
    req.input = input;
  } else {
    throw invalid(`${call}: input must be a URL string, a URL or a Request, got ${describe(input)}`);
  }
  if (init !== undefined && init !== null) {
    if (typeof init !== 'object') throw invalid(`${call}: init must be an object, got ${describe(init)}`);
    // Only these fields are read and checked; any other passes to the
    // browser's fetch() as it is.
    const r = new Reader(call, 'init', init, FETCH_INIT_FIELDS, false);
    const method = r.str('method');
    if (method !== undefined) req.method = method;
    const h = r.headers('headers');
    if (h !== undefined) headers = h;
    const c = r.oneOf('credentials', CREDENTIALS);
    if (c !== undefined) credentials = c;
    for (const [k, allowed] of [['mode', MODES], ['redirect', REDIRECTS], ['cache', CACHES]]) {
      const v = r.oneOf(k, allowed);
      if (v !== undefined) modes[k] = v;
    }
    const rp = r.str('referrerPolicy');
    if (rp !== undefined) modes.referrerPolicy = rp;
    const body = r.get('body');
    if (body !== undefined && body !== null) {
      if (!isBodyValue(body)) r.fail('body', 'a string, Blob, ArrayBuffer, typed array, DataView, FormData, URLSearchParams or ReadableStream', body);
      req.body = body;
      req.input = undefined; // init's body replaces the Request's
    }
    const s = r.get('signal');
    if (s !== undefined && s !== null) {
      if (!instanceOf(s, 'AbortSignal')) r.fail('signal', 'an AbortSignal', s);
      req.signal = s;
    }
    const err = r.error();
    if (err) throw err;
    req.init = init;
  }
  req.credentials = credentials;
  w.put('url', req.url);
  w.put('method', req.method);
  w.put('credentials', credentials);
  for (const k of ['mode', 'redirect', 'cache', 'referrerPolicy']) w.put(k, modes[k]);
  w.headers(headers);
  return req;
}

/**
 * fetchAPI is credfetch.fetch: window.fetch's signature, with the settings
 * and the prefilters applied.
 * @param {Engine} eng
 * @param {unknown} input
 * @param {unknown} init
 * @returns {Promise<Response>}
 */
export async function fetchAPI(eng, input, init) {
  const big = bigintArg('fetch', 'input', input) || bigintArg('fetch', 'init', init);
  if (big) throw big;
  const req = readFetch(input, init);
  if (req.input && req.method !== 'GET' && req.method !== 'HEAD' && req.body === undefined) {
    // A Request's body is a stream, which Chromium sends only over HTTP/2:
    // read it once, in the browser, into a buffer.
    try {
      if (req.input.body) req.body = await req.input.arrayBuffer();
    } catch (e) {
      throw invalid(`credfetch.fetch: read the Request's body: ${errText(e)}`);
    }
  }
  if (req.body !== undefined) req.wire.put('body', '1');
  if (req.signal && req.signal.aborted) throw eng.aborted(req, req.signal);
  let plan = prepare(eng, req);
  if (typeof plan.then === 'function') plan = await plan;
  // The page reads the body after this resolves: the timeout covers it
  // through a controller a timer aborts, and so does the page's signal.
  let signal = req.signal;
  const timeout = plan.timeout === undefined ? 0 : Number(plan.timeout);
  let timer = 0;
  let timedOut = null;
  if (timeout > 0) {
    const ctrl = new AbortController();
    // The reason a page reading the body late sees: Go's text of the
    // timeout, asked for only when it happens.
    timer = setTimeout(() => {
      let text;
      try {
        text = eng.message('timeout', plan.method, plan.url, String(timeout));
      } catch (e) {
        text = reasonText(e); // the Go program stopped: still abort
      }
      timedOut = new DOMException(text, 'TimeoutError');
      ctrl.abort(timedOut);
    }, timeout);
    signal = signal ? anySignal(signal, ctrl) : ctrl.signal;
  }
  const own = fetchInit(plan, req.body, signal);
  let full = own;
  if (req.init) {
    try {
      full = Object.assign({}, req.init, own);
    } catch (e) {
      clearTimeout(timer);
      throw invalid(`credfetch.fetch: init: reading its fields threw ${errText(e)}`);
    }
  }
  if (plan.headers.length === 0) delete full.headers;
  try {
    return await globalThis.fetch(plan.url, full);
  } catch (e) {
    // A cross-origin failure is probed, under the timeout: 'cors' when the
    // server answers.
    const code = await failureCode(plan, signal, markNetwork(e, plan.url, full), full.body);
    clearTimeout(timer);
    if (signal && signal.aborted) {
      const reason = abortReason(signal);
      if (timedOut !== null && reason === timedOut) throw eng.failure('timeout', plan, String(timeout), undefined, reason);
      throw eng.aborted(plan, signal);
    }
    throw eng.failure(code, plan, reasonText(e), undefined, e);
  }
}
