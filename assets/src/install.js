// credfetch.install: the page's own requests to the installed origins
// (its fetch(), XMLHttpRequest and EventSource, and so jQuery's, axios's and
// any library's) carry credentials and pass through the settings and the
// prefilters; requests to other origins are untouched.
import { MAX_DECISIONS } from './engine.js';
import { bigintArg, invalid } from './errors.js';
import { fetchAPI, readFetch } from './fetchapi.js';
import { joinedHeaders } from './headers.js';
import { originMatcher, pageURL } from './page.js';
import { prepare } from './prefilters.js';
import { Reader } from './reader.js';
import { OWN, failureCode, fetchInit, markNetwork } from './transport.js';
import { instanceOf, isBodyValue, isObject, reasonText } from './values.js';
import { SEP, WIRE_CHARS, Wire } from './wire.js';

/** @typedef {import('./engine.js').Engine} Engine */

/** XHR_STATE holds what install() learned about a page's XMLHttpRequest. */
const XHR_STATE = Symbol('credfetch.xhr');

/**
 * install is credfetch.install: the page's own fetch(), XMLHttpRequest and
 * EventSource requests to the origins carry credentials; a second call adds
 * origins.
 * @param {Engine} eng
 * @param {unknown} options
 * @returns {() => void} uninstall
 */
export function install(eng, options) {
  const big = bigintArg('install', 'options', options);
  if (big) throw big;
  const call = 'credfetch.install';
  const r = new Reader(call, 'options', options, ['origins']);
  let list = r.strings('origins');
  if (list && list.length === 0) {
    r.errs.push(`${call}: options.origins is empty: list the origins whose requests should carry credentials, e.g. ['https://api.example.com']`);
  }
  if (!list && !r.errs.length) {
    r.errs.push(`${call}: options.origins is required: list the origins whose requests should carry credentials`);
  }
  for (const o of list || []) if (WIRE_CHARS.test(o)) r.fail('origins', 'origins', o);
  const err = r.error();
  if (err) throw err;
  const installed = eng.installed;
  if (installed) list = installed.list.concat(list);
  const reply = eng.call('origins', list.join(SEP));
  if (reply !== 'ok') throw invalid(reply.split(SEP)[1]);
  if (installed) {
    installed.list = list;
    installed.match = originMatcher(list);
    installed.known.clear();
    return installed.uninstall;
  }
  eng.installed = patch(eng, list);
  return eng.installed.uninstall;
}

// patch replaces window.fetch, XMLHttpRequest's open, setRequestHeader and
// send, and EventSource, and returns what restores them.
function patch(eng, list) {
  const state = { list, match: originMatcher(list), known: new Map() };
  const origFetch = globalThis.fetch;
  if (typeof origFetch !== 'function') throw invalid('credfetch.install: this page has no window.fetch to patch');
  // A page's fetch(url) call, a URL string and no init, is the commonest
  // call; state.known keeps what one became, by the string, with the
  // document base URL it was resolved against: the browser's own fetch()
  // for another origin, or Go's plan and the init to send it with. A
  // repeated call is then one lookup. No request is kept while prefilters
  // are registered (they run per call), with an XSRF header (its cookie may
  // change) or a timeout (it needs a timer per call): the entry then says
  // "general", and the general path below sends the call. ajaxSetup and
  // install() forget it all.
  function learn(input, base) {
    const u = pageURL(input);
    if (!state.match(u)) return { base, plan: null };
    if (!eng.remember) return { base, general: true };
    const plan = prepare(eng, readFetch(u.href, { credentials: 'include' }));
    if (plan.timeout !== undefined && Number(plan.timeout) > 0) return { base, general: true };
    return { base, plan, init: Object.freeze(fetchInit(plan, undefined, undefined)) };
  }
  // fetchKnown sends a call state.known holds, failing as fetchAPI does.
  function fetchKnown(k) {
    return origFetch.call(globalThis, k.plan.url, k.init).catch(async (e) => {
      throw eng.failure(await failureCode(k.plan, undefined, markNetwork(e, k.plan.url, k.init), undefined), k.plan, reasonText(e), undefined, e);
    });
  }
  globalThis.fetch = function fetch(input, init) {
    if (typeof input === 'string' && init === undefined && eng.prefilters.length === 0 && globalThis.document) {
      const base = globalThis.document.baseURI;
      let k = state.known.get(input);
      if (k === undefined || k.base !== base) {
        try {
          k = learn(input, base);
        } catch {
          k = null; // the general path below reports it
        }
        if (k !== null) {
          if (state.known.size >= MAX_DECISIONS) state.known.clear();
          state.known.set(input, k);
        }
      }
      if (k !== null && !k.general) return k.plan ? fetchKnown(k) : origFetch.call(this, input);
    }
    let target;
    let copy;
    try {
      if (init && init[OWN]) return origFetch.call(this, input, init);
      const isRequest = instanceOf(input, 'Request');
      const u = pageURL(isRequest ? /** @type {Request} */ (input).url : input);
      if (!state.match(u)) return origFetch.call(this, input, init);
      // The URL as the browser resolves it, against the document's base.
      target = isRequest ? input : u.href;
      copy = Object.assign({}, isObject(init) ? init : undefined);
    } catch {
      // A page object that throws: the browser's fetch() reports it its own way.
      return origFetch.call(this, input, init);
    }
    if (copy.credentials === undefined) copy.credentials = 'include';
    return fetchAPI(eng, target, copy);
  };
  const X = globalThis.XMLHttpRequest;
  /** @type {any} the prototype whose methods install() replaces */
  const proto = typeof X === 'function' ? X.prototype : null;
  const orig = proto ? { open: proto.open, send: proto.send, setRequestHeader: proto.setRequestHeader, abort: proto.abort } : null;
  if (proto) {
    proto.open = function open(method, url, async) {
      const result = orig.open.apply(this, arguments);
      if (!this[OWN]) this[XHR_STATE] = { method: String(method), url, sync: arguments.length > 2 && !async, headers: [], aborted: false };
      return result;
    };
    proto.setRequestHeader = function setRequestHeader(name, value) {
      const result = orig.setRequestHeader.apply(this, arguments); // throws for a bad name or state
      const s = this[XHR_STATE];
      if (s) s.headers.push([String(name), String(value)]);
      return result;
    };
    proto.abort = function abort() {
      const s = this[XHR_STATE];
      if (s) s.aborted = true;
      return orig.abort.apply(this, arguments);
    };
    proto.send = function send(body) {
      const s = this[XHR_STATE];
      const u = s ? pageURL(s.url) : null;
      if (!state.match(u)) return orig.send.apply(this, arguments);
      return sendPageXHR(eng, this, s, u.href, arguments.length > 0 && isBodyValue(body) ? body : undefined, orig, arguments);
    };
  }
  const origES = globalThis.EventSource;
  if (typeof origES === 'function') globalThis.EventSource = /** @type {any} */ (eventSourceFor(origES, state));
  const uninstall = function uninstall() {
    if (eng.installed !== state) return;
    globalThis.fetch = origFetch;
    if (proto) Object.assign(proto, orig);
    if (typeof origES === 'function') globalThis.EventSource = origES;
    eng.installed = null;
  };
  state.uninstall = uninstall;
  return state;
}

// eventSourceFor returns the EventSource constructor install() puts in
// place: a stream from an installed origin opens withCredentials, unless
// the page chose withCredentials itself; any other is the browser's own.
// An EventSource sends no custom headers and no body, so neither the
// settings nor the prefilters apply to it.
function eventSourceFor(Base, state) {
  return class EventSource extends Base {
    constructor(url, init) {
      let options = init;
      try {
        const chose = isObject(init) && init.withCredentials !== undefined;
        if (!chose && state.match(pageURL(url))) options = Object.assign({}, init, { withCredentials: true });
      } catch {
        options = init; // a page object that throws: the browser reports it its own way
      }
      // No arguments: the browser's own TypeError.
      super(...(arguments.length === 0 ? [] : [url, options]));
    }
  };
}

// sendPageXHR sends an XMLHttpRequest the page made to an installed origin:
// with credentials, the settings and the prefilters. Without prefilters, or
// for a synchronous request, it is decided at once; otherwise after the
// prefilters, unless the page aborted or reopened it meanwhile. A canceled
// request fails as a network error would, with error and loadend events.
function sendPageXHR(eng, xhr, s, url, body, orig, args) {
  const w = new Wire('credfetch.install', 'XMLHttpRequest', 'prepare');
  const req = { wire: w, url, method: s.method, body, credentials: 'include' };
  const decided = (plan) => {
    const page = joinedHeaders(s.headers);
    const planned = joinedHeaders(plan.headers);
    // setRequestHeader only adds: a header the plan drops or changes needs
    // the request opened afresh.
    const reopen = plan.method !== s.method.toUpperCase() || plan.url !== url ||
      [...page].some(([k, v]) => planned.get(k) !== v);
    if (reopen) orig.open.call(xhr, plan.method, plan.url, !s.sync);
    for (const [k, v] of plan.headers) {
      if (reopen || !page.has(k.toLowerCase())) orig.setRequestHeader.call(xhr, k, v);
    }
    xhr.withCredentials = plan.credentials === 'include';
    const sent = req.bodyChanged ? (req.body ?? null) : (args.length ? args[0] : null);
    return orig.send.call(xhr, sent);
  };
  const refused = (e) => {
    console.error('credfetch.install:', reasonText(e));
    for (const type of ['error', 'loadend']) xhr.dispatchEvent(new ProgressEvent(type));
  };
  let plan;
  try {
    w.put('url', url);
    w.put('method', s.method);
    w.put('credentials', 'include');
    w.headers(s.headers);
    if (body !== undefined) w.put('body', '1');
    if (eng.prefilters.length === 0) plan = prepare(eng, req);
    else if (s.sync) plan = prepare(eng, req, true);
  } catch (e) {
    refused(e);
    return undefined;
  }
  if (plan) return decided(plan); // a synchronous request's own errors reach the page as they would
  Promise.resolve().then(() => prepare(eng, req)).then((p) => {
    if (xhr[XHR_STATE] !== s) return; // the page opened it again meanwhile
    if (s.aborted) {
      for (const type of ['abort', 'loadend']) xhr.dispatchEvent(new ProgressEvent(type));
      return;
    }
    decided(p);
  }).catch(refused);
  return undefined;
}
