// credfetch.ajax: reading its settings, and the exchange with retries, the
// timeout and the page's signal.
import { CACHES, CREDENTIALS, MODES, REDIRECTS, TRANSPORTS } from './protocol.gen.js';
import { apiError, bigintArg, invalid } from './errors.js';
import { AJAX_FIELDS, DATA_TYPES, readRetry, readXHRFields } from './fields.js';
import { hasHeader } from './headers.js';
import { prepare } from './prefilters.js';
import { Reader } from './reader.js';
import { sleep } from './signals.js';
import { failureCode, sendFetch, sendXHR } from './transport.js';
import { errText, instanceOf, isBodyValue, reasonText, typeName } from './values.js';
import { SEP, WIRE_CHARS_ALL, Wire } from './wire.js';

/** @typedef {import('./engine.js').Engine} Engine */

/**
 * readAjax reads ajax's settings into a request: its wire message for Go
 * and what stays in JavaScript.
 * @param {unknown} settings
 * @returns {any}
 */
export function readAjax(settings) {
  const call = 'credfetch.ajax';
  if (typeof settings === 'string') { // ajax(url) as a shorthand
    const w = new Wire(call, 'settings', 'prepare');
    w.put('url', settings, 'url');
    return { wire: w, url: settings, method: 'GET' };
  }
  if (settings === undefined || settings === null) {
    throw invalid(`${call}: settings must be an object with at least a url, got ${typeName(settings)}`);
  }
  const r = new Reader(call, 'settings', settings, AJAX_FIELDS);
  const w = new Wire(call, 'settings', 'prepare');
  const req = { wire: w };
  req.url = r.url('url');
  if (req.url === undefined && !r.errs.length) r.errs.push(`${call}: settings.url is required`);
  req.method = r.str('method') ?? r.str('type');
  let headers = r.headers('headers');
  const xhrCredentials = readXHRFields(r); // read even when credentials wins, to check it
  req.credentials = r.oneOf('credentials', CREDENTIALS) ?? xhrCredentials;
  const modes = [r.oneOf('mode', MODES), r.oneOf('redirect', REDIRECTS), r.oneOf('cache', CACHES), r.str('referrerPolicy')];
  req.dataType = r.oneOf('dataType', DATA_TYPES);
  const timeout = r.millis('timeout');
  const retry = readRetry(r);
  const transport = r.oneOf('transport', TRANSPORTS);
  req.signal = r.signal('signal');
  req.onUpload = r.func('onUploadProgress');
  req.onDownload = r.func('onDownloadProgress');
  if (r.has('validateStatus')) {
    const vs = r.get('validateStatus');
    if (vs !== undefined && vs !== null && typeof vs !== 'function') r.fail('validateStatus', 'a function or null', vs);
    req.validateStatus = vs ?? null;
  }
  // body is sent as it is; data the jQuery way: an object becomes JSON, or
  // the query string of a GET or HEAD request.
  const body = r.get('body');
  if (body !== undefined && body !== null) {
    if (isBodyValue(body)) req.body = body;
    else r.fail('body', 'a string, Blob, ArrayBuffer, typed array, DataView, FormData, URLSearchParams or ReadableStream', body);
  } else {
    const data = r.get('data');
    if (data === undefined || data === null) {
      // no body
    } else if (isBodyValue(data)) {
      req.body = data;
    } else if (typeof data !== 'object') {
      r.fail('data', 'a string, a body value or a plain object', data);
    } else {
      const m = (req.method || 'GET').toUpperCase();
      if (m === 'GET' || m === 'HEAD') {
        let q = '';
        try { q = String(new URLSearchParams(data)); } catch { r.fail('data', 'an object of query parameters', data); }
        if (q && req.url !== undefined) req.url += (req.url.includes('?') ? '&' : '?') + q;
      } else {
        try {
          req.body = JSON.stringify(data);
        } catch (e) {
          r.errs.push(`${call}: settings.data cannot be sent as JSON: ${errText(e)}`);
        }
        headers = headers || [];
        if (!hasHeader(headers, 'Content-Type')) headers.push(['Content-Type', 'application/json']);
      }
    }
  }
  const err = r.error();
  if (err) throw err;
  w.put('url', req.url);
  w.put('method', req.method);
  w.put('credentials', req.credentials);
  w.put('mode', modes[0]);
  w.put('redirect', modes[1]);
  w.put('cache', modes[2]);
  w.put('referrerPolicy', modes[3]);
  w.millis('timeout', timeout);
  w.raw('retry', retry);
  w.put('transport', transport);
  if (req.body !== undefined) w.put('body', '1');
  w.headers(headers);
  return req;
}

// exchange sends a decided request with retries and the timeout, and
// resolves with ajax's result. The timeout and the page's signal cover the
// whole exchange, body included.
async function exchange(eng, plan, req) {
  const timeout = plan.timeout === undefined ? 0 : Number(plan.timeout);
  const page = req.signal;
  let ctrl = null;
  let timer = 0;
  let timedOut = false;
  const abort = () => ctrl.abort();
  if (timeout > 0 || page) {
    ctrl = new AbortController();
    if (timeout > 0) timer = setTimeout(() => { timedOut = true; ctrl.abort(); }, timeout);
    if (page) page.addEventListener('abort', abort);
  }
  const started = timeout > 0 ? Date.now() : 0;
  const fail = (code, detail, response, cause) => eng.failure(code, plan, detail, response, cause);
  // why says why an exchange ended early, or undefined.
  const why = () => {
    if (timedOut) return fail('timeout', String(timeout));
    if (page && page.aborted) return eng.aborted(plan, page);
    return undefined;
  };
  // again waits before another attempt when the policy (Go's, asked with
  // the failure's code) and the time left allow one; an abort or the
  // timeout during the wait ends the exchange.
  const again = async (attempt, code, status, retryAfter) => {
    if (!plan.retry) return false;
    const ok = await retryWait(eng, plan, attempt, [code, status, retryAfter], ctrl, started, timeout);
    const early = why();
    if (early) throw early;
    return ok;
  };
  try {
    if (page && page.aborted) throw why();
    if (plan.transport === 'xhr' && instanceOf(req.body, 'ReadableStream')) {
      throw invalid('credfetch.ajax: settings.body is a ReadableStream, which XMLHttpRequest cannot send: use the fetch transport');
    }
    for (let attempt = 1; ; attempt++) {
      const send = plan.transport === 'xhr' ? sendXHR : sendFetch;
      let sent;
      try {
        sent = await send(plan, req, ctrl && ctrl.signal);
      } catch (e) {
        const early = why();
        if (early) throw early;
        // A cross-origin failure is probed: 'cors' when the server answers.
        const code = await failureCode(plan, ctrl && ctrl.signal, e, req.body);
        const late = why();
        if (late) throw late;
        if (await again(attempt, code, 0, '')) continue;
        throw fail(code, reasonText(e), undefined, e);
      }
      const { result } = sent;
      // An opaque response (no-cors, a manual redirect) has status 0 and
      // nothing to judge: it is never retried.
      if (result.status !== 0 && await again(attempt, 'http', result.status, result.headers['retry-after'] || '')) {
        sent.discard();
        continue;
      }
      try {
        result.data = await sent.read();
      } catch (e) {
        const early = why();
        if (early) throw early;
        if (e && e.badJSON) throw apiError('invalid', eng.message('invalid', plan.method, plan.url, e.message), result, e);
        throw fail('network', reasonText(e), result, e);
      }
      if (!accepted(req, result.status)) {
        throw apiError('http', eng.message('http', plan.method, plan.url, '', String(result.status), result.statusText), result);
      }
      return result;
    }
  } finally {
    if (timer) clearTimeout(timer);
    if (page) page.removeEventListener('abort', abort);
  }
}

// retryWait asks Go (fetch.RetryPolicy.Next) whether attempt, which failed
// as failure says ([code, status, Retry-After]), is followed by another, and
// waits; false means answer now.
async function retryWait(eng, plan, attempt, failure, ctrl, started, timeout) {
  if (ctrl && ctrl.signal.aborted) return false;
  const [code, status, retryAfter] = failure;
  const reply = eng.call('retry', [plan.retry, attempt, plan.method, code, status, String(retryAfter).replace(WIRE_CHARS_ALL, ' ')].join(SEP));
  if (!reply.startsWith('ok')) return false;
  const wait = Number(reply.slice(3));
  if (timeout > 0 && Date.now() - started + wait > timeout) return false; // it would outlast the timeout
  await sleep(wait, ctrl && ctrl.signal);
  return !(ctrl && ctrl.signal.aborted);
}

function accepted(req, status) {
  const vs = req.validateStatus;
  if (vs === undefined) return status >= 200 && status <= 299;
  if (vs === null) return true;
  try {
    return Boolean(vs(status));
  } catch {
    return false;
  }
}


/**
 * ajax is credfetch.ajax: it reads the settings, has the request decided
 * and exchanges it.
 * @param {Engine} eng
 * @param {unknown} settings
 */
export async function ajax(eng, settings) {
  const big = bigintArg('ajax', 'settings', settings);
  if (big) throw big;
  const req = readAjax(settings);
  if (req.signal && req.signal.aborted) throw eng.aborted(req, req.signal);
  let plan = prepare(eng, req);
  if (typeof plan.then === 'function') plan = await plan;
  return exchange(eng, plan, req);
}
