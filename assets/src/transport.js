// Sending a decided request with the browser's own fetch() and
// XMLHttpRequest.
import { PROBE_INIT } from './protocol.gen.js';
import { dataTypeOf, parseJSON, xhrHeaders } from './headers.js';
import { progressHandler } from './signals.js';
import { instanceOf } from './values.js';

/**
 * OWN marks the fetch inits and XMLHttpRequests credfetch sends itself, which
 * install()'s patches pass through untouched. Package fetch's transports (Go
 * programs in the page) set the same property (jsutil.OwnRequest).
 */
export const OWN = '__credfetchOwn';

/**
 * fetchInit is the RequestInit that sends plan.
 * @param {any} plan
 * @param {any} body
 * @param {AbortSignal | null | undefined} signal
 * @returns {RequestInit & Record<string, any>}
 */
export function fetchInit(plan, body, signal) {
  /** @type {RequestInit & Record<string, any>} */
  const init = { method: plan.method, credentials: plan.credentials, [OWN]: true };
  if (plan.headers.length) init.headers = plan.headers;
  if (plan.mode) init.mode = plan.mode;
  if (plan.redirect) init.redirect = plan.redirect;
  if (plan.cache) init.cache = plan.cache;
  if (plan.referrerPolicy) init.referrerPolicy = plan.referrerPolicy;
  if (body !== undefined) {
    init.body = body;
    if (instanceOf(body, 'ReadableStream')) init.duplex = 'half'; // fetch() requires it for a stream
  }
  if (signal) init.signal = signal;
  return init;
}

/**
 * probe asks url once more without CORS (Go's PROBE_INIT: a HEAD without
 * credentials) after a cross-origin network failure, and resolves true when
 * the server answered: the failure was a CORS refusal. A failed or aborted
 * probe resolves false. Only requests Go marked (plan.probe) are probed.
 * @param {string} url
 * @param {AbortSignal | null | undefined} signal
 * @returns {Promise<boolean>}
 */
export async function probe(url, signal) {
  /** @type {RequestInit & Record<string, any>} */
  const init = { ...PROBE_INIT, [OWN]: true };
  if (signal) init.signal = signal;
  try {
    await globalThis.fetch(url, init);
    return true;
  } catch {
    return false;
  }
}

/** NETWORK marks the error of a request the browser sent without getting a usable answer. */
const NETWORK = Symbol('credfetch network error');

/**
 * markNetwork marks err, a rejection of fetch(url, init), as a network
 * error unless the browser refused the arguments themselves, which a
 * Request made of them shows by throwing too (fetch() rejects for both with
 * a TypeError). It returns err.
 * @param {any} err
 * @param {string} url
 * @param {RequestInit} init
 */
export function markNetwork(err, url, init) {
  try {
    new Request(url, { ...init, body: null, signal: null }); // the body is Go's to check: none on GET or HEAD
  } catch {
    return err;
  }
  if (err !== null && typeof err === 'object') err[NETWORK] = true;
  return err;
}

/**
 * failureCode is the code of an attempt of plan that failed without a
 * response: 'invalid' when the browser refused its arguments (err is not
 * marked as a network error), else 'cors' when Go asked for a probe and the
 * server answers it, else 'network'. A stream body is not probed: Chromium
 * sends one only over HTTP/2 and fails it otherwise, from a server that
 * answers the probe all the same.
 * @param {any} plan
 * @param {AbortSignal | null | undefined} signal
 * @param {any} err
 * @param {unknown} body
 */
export async function failureCode(plan, signal, err, body) {
  if (!(err !== null && typeof err === 'object' && err[NETWORK])) return 'invalid';
  if (!plan.probe || (signal && signal.aborted) || instanceOf(body, 'ReadableStream')) return 'network';
  return await probe(plan.url, signal) ? 'cors' : 'network';
}

// dataOf reads a body as dataType says, from the Response's methods.
export async function dataOf(res, dataType) {
  switch (dataType) {
    case 'json': return parseJSON(await res.text());
    case 'arraybuffer': return res.arrayBuffer();
    case 'blob': return res.blob();
    default: return res.text();
  }
}

// sendFetch is one attempt with fetch(). It resolves once the headers are
// in, with the result so far, read() for the body as the request's
// dataType says, and discard() to drop the body of a response that is
// retried.
export async function sendFetch(plan, req, signal) {
  const init = fetchInit(plan, req.body, signal);
  const res = await globalThis.fetch(plan.url, init).catch((e) => { throw markNetwork(e, plan.url, init); });
  const result = { status: res.status, statusText: res.statusText, headers: Object.fromEntries(res.headers), url: res.url, redirected: res.redirected };
  return {
    result,
    read: () => dataOf(res, req.dataType || dataTypeOf(result.headers['content-type'])),
    discard: () => { if (res.body) res.body.cancel().catch(() => {}); },
  };
}

// sendXHR is one attempt with XMLHttpRequest, with progress events, in the
// shape sendFetch answers (the body is in by then).
export function sendXHR(plan, req, signal) {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x[OWN] = true;
    x.open(plan.method, plan.url);
    for (const [k, v] of plan.headers) x.setRequestHeader(k, v);
    x.withCredentials = plan.credentials === 'include';
    if (req.dataType === 'arraybuffer' || req.dataType === 'blob') x.responseType = req.dataType;
    if (req.onUpload) x.upload.addEventListener('progress', progressHandler(req.onUpload));
    if (req.onDownload) x.addEventListener('progress', progressHandler(req.onDownload));
    const onAbort = () => x.abort();
    const done = () => { if (signal) signal.removeEventListener('abort', onAbort); };
    x.onload = () => {
      done();
      const asked = plan.url.split('#')[0];
      const result = { status: x.status, statusText: x.statusText, headers: xhrHeaders(x), url: x.responseURL || asked, redirected: !!x.responseURL && x.responseURL !== asked };
      const read = () => {
        if (req.dataType === 'arraybuffer' || req.dataType === 'blob') return x.response;
        if ((req.dataType || dataTypeOf(result.headers['content-type'])) === 'json') return parseJSON(x.responseText);
        return x.responseText;
      };
      resolve({ result, read, discard: () => {} });
    };
    x.onerror = () => { done(); reject(Object.assign(new TypeError('the XMLHttpRequest failed'), { [NETWORK]: true })); };
    x.onabort = () => { done(); reject(new DOMException('the XMLHttpRequest was aborted', 'AbortError')); };
    if (signal) signal.addEventListener('abort', onAbort);
    x.send(req.body ?? null);
  });
}
