// credfetch.ajaxSetup and credfetch.ajaxPrefilter: the defaults of every
// request and the functions that run before each.
import { LIST, TRANSPORTS } from './protocol.gen.js';
import { bigintArg, invalid } from './errors.js';
import { SETTINGS_FIELDS, readModes, readRetry } from './fields.js';
import { headersObject } from './headers.js';
import { putPage } from './page.js';
import { Reader } from './reader.js';
import { describe } from './values.js';
import { WIRE_CHARS, Wire, parseReply, wireList } from './wire.js';

/** @typedef {import('./engine.js').Engine} Engine */

/**
 * ajaxSetup is credfetch.ajaxSetup: Go merges the settings, and every
 * remembered decision is forgotten.
 * @param {Engine} eng
 * @param {unknown} settings
 */
export function ajaxSetup(eng, settings) {
  const big = bigintArg('ajaxSetup', 'settings', settings);
  if (big) throw big;
  const call = 'credfetch.ajaxSetup';
  const r = new Reader(call, 'settings', settings, SETTINGS_FIELDS);
  const w = new Wire(call, 'settings');
  w.put('baseURL', r.url('baseURL'));
  readModes(r, w);
  const origins = r.strings('trustedOrigins');
  if (origins) {
    for (const o of origins) if (WIRE_CHARS.test(o)) r.fail('trustedOrigins', 'origins', o);
    w.raw('trustedOrigins', wireList(origins));
  }
  w.headers(r.headers('headers'));
  w.millis('timeout', r.millis('timeout'));
  w.raw('retry', readRetry(r));
  w.put('transport', r.oneOf('transport', TRANSPORTS));
  w.put('xsrfCookieName', r.str('xsrfCookieName'));
  w.put('xsrfHeaderName', r.str('xsrfHeaderName'));
  w.put('noCORSProbe', r.boolean('noCORSProbe'));
  const err = r.error();
  if (err) throw err;
  putPage(w.parts); // a relative baseURL resolves against the page's base URL
  const s = parseReply(eng.call('setup', w.toString()));
  eng.forget();
  eng.remember = s.xsrfHeaderName === undefined;
  const out = {
    baseURL: s.baseURL, credentials: s.credentials, trustedOrigins: s.trustedOrigins.split(LIST).slice(1),
    headers: headersObject(s.headers), timeout: Number(s.timeout), retry: Number(s.retry), transport: s.transport,
    noCORSProbe: s.noCORSProbe === 'true',
  };
  for (const k of ['mode', 'redirect', 'cache', 'referrerPolicy', 'xsrfCookieName', 'xsrfHeaderName']) {
    if (s[k] !== undefined) out[k] = s[k];
  }
  return out;
}

/**
 * ajaxPrefilter is credfetch.ajaxPrefilter: fn runs before every request,
 * after those added before it. It returns the function that removes it.
 * @param {Engine} eng
 * @param {unknown} fn
 */
export function ajaxPrefilter(eng, fn) {
  const big = bigintArg('ajaxPrefilter', 'fn', fn);
  if (big) throw big;
  if (typeof fn !== 'function') throw invalid(`credfetch.ajaxPrefilter: fn must be a function, got ${describe(fn)}`);
  const entry = { fn };
  eng.prefilters.push(entry);
  return function unregister() {
    const i = eng.prefilters.indexOf(entry);
    if (i >= 0) eng.prefilters.splice(i, 1);
  };
}
