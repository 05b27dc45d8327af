// The fields the API's calls read, and the readers of the fields several
// calls share.
import { CACHES, CREDENTIALS, ITEM, MAX_RETRY_LIMIT, MODES, REDIRECTS } from './protocol.gen.js';
import { Reader } from './reader.js';
import { WIRE_CHARS, Wire, wireList } from './wire.js';

/** ajaxSetup's settings. */
export const SETTINGS_FIELDS = [
  'baseURL', 'credentials', 'trustedOrigins', 'headers', 'timeout', 'retry', 'transport',
  'mode', 'redirect', 'cache', 'referrerPolicy', 'xsrfCookieName', 'xsrfHeaderName', 'noCORSProbe',
];
/** ajax's settings. */
export const AJAX_FIELDS = [
  'url', 'method', 'type', 'headers', 'body', 'data', 'dataType', 'credentials', 'xhrFields',
  'mode', 'redirect', 'cache', 'referrerPolicy', 'timeout', 'retry', 'transport', 'signal',
  'onUploadProgress', 'onDownloadProgress', 'validateStatus',
];
/** The settings a prefilter gets and may change. */
export const PREFILTER_FIELDS = [
  'url', 'method', 'headers', 'body', 'credentials', 'xhrFields', 'mode', 'redirect',
  'cache', 'referrerPolicy', 'timeout',
];
/**
 * The RequestInit fields credfetch.fetch reads and checks; any other passes
 * to the browser's fetch() as it is.
 */
export const FETCH_INIT_FIELDS = ['method', 'headers', 'body', 'credentials', 'mode', 'redirect', 'cache', 'referrerPolicy', 'signal'];
/** A retry policy's fields. */
export const RETRY_FIELDS = ['limit', 'methods', 'statusCodes', 'delay', 'maxDelay'];
/** How ajax reads a response body. */
export const DATA_TYPES = ['json', 'text', 'arraybuffer', 'blob'];

/**
 * readRetry reads retry: a number (the limit) or an object, as a wire field.
 * @param {Reader} r
 * @returns {string | undefined}
 */
export function readRetry(r) {
  const v = r.get('retry');
  if (v === undefined) return undefined;
  if (typeof v === 'number') {
    const n = r.integer('retry', 0, MAX_RETRY_LIMIT);
    return n === undefined ? undefined : `${n}${ITEM}0${ITEM}0${ITEM}n${ITEM}n`;
  }
  const rr = new Reader(r.call, `${r.path}.retry`, v, RETRY_FIELDS);
  const limit = rr.integer('limit', 0, MAX_RETRY_LIMIT);
  const methods = rr.strings('methods');
  const codes = rr.list('statusCodes', 'whole number', (e) => Number.isSafeInteger(e));
  const delay = rr.millis('delay');
  const maxDelay = rr.millis('maxDelay');
  r.errs.push(...rr.errs);
  if (rr.errs.length) return undefined;
  for (const m of methods || []) {
    if (WIRE_CHARS.test(m)) { r.fail('retry.methods', 'method names', m); return undefined; }
  }
  return [limit ?? 0, Math.ceil(delay ?? 0), Math.ceil(maxDelay ?? 0),
    methods ? wireList(methods) : 'n', codes ? wireList(codes) : 'n'].join(ITEM);
}

/**
 * readModes reads the mode fields settings and requests share into w.
 * @param {Reader} r
 * @param {Wire} w
 */
export function readModes(r, w) {
  w.put('credentials', r.oneOf('credentials', CREDENTIALS));
  w.put('mode', r.oneOf('mode', MODES));
  w.put('redirect', r.oneOf('redirect', REDIRECTS));
  w.put('cache', r.oneOf('cache', CACHES));
  w.put('referrerPolicy', r.str('referrerPolicy'));
}

/**
 * readXHRFields reads jQuery's xhrFields: {withCredentials: true} asks for
 * credentials.
 * @param {Reader} r
 * @returns {'include' | 'same-origin' | undefined}
 */
export function readXHRFields(r) {
  const v = r.get('xhrFields');
  if (v === undefined) return undefined;
  const xr = new Reader(r.call, `${r.path}.xhrFields`, v, ['withCredentials']);
  const b = xr.boolean('withCredentials');
  r.errs.push(...xr.errs);
  if (b === undefined) return undefined;
  return b ? 'include' : 'same-origin';
}
