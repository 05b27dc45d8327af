// The page's prefilters: they run between Go's draft of a request and its
// finish, each on a fresh settings object, in the order they were added.
import { CACHES, CREDENTIALS, MODES, REDIRECTS } from './protocol.gen.js';
import { apiError } from './errors.js';
import { PREFILTER_FIELDS, readXHRFields } from './fields.js';
import { headersObject } from './headers.js';
import { putPage } from './page.js';
import { Reader } from './reader.js';
import { errText, isBodyValue, isObject } from './values.js';
import { SEP, Wire, parseReply } from './wire.js';

/** @typedef {import('./engine.js').Engine} Engine */

/**
 * prepare decides a request: one call into Go without prefilters (the
 * result, at once), two around them (a Promise). The page's location goes
 * along, which saves Go two calls into JavaScript. With now, the prefilters
 * run synchronously (runPrefiltersNow).
 * @param {Engine} eng
 * @param {any} req the request read from the page's arguments, with its wire message
 * @returns {any} the plan Go decided, or a Promise of it
 */
export function prepare(eng, req, now = false) {
  putPage(req.wire.parts);
  if (eng.prefilters.length === 0) return eng.decide(req.wire.toString());
  const draft = parseReply(eng.call('prepare', 'draft' + SEP + req.wire.parts.slice(1).join(SEP)));
  return now ? runPrefiltersNow(eng, req, draft) : runPrefilters(eng, req, draft);
}

// runPrefilters runs the page's prefilters on the drafted request and has
// Go finish it. A throw, a rejection, false or bad settings cancel the
// request (code abort).
async function runPrefilters(eng, req, draft) {
  const state = prefilterState(req, draft);
  const list = eng.prefilters.slice();
  for (let i = 0; i < list.length; i++) {
    const s = prefilterSettings(state);
    let ret;
    try {
      ret = await list[i].fn(s);
    } catch (e) {
      throw canceled(eng, state, i, errText(e), e);
    }
    afterPrefilter(eng, state, i, s, ret);
  }
  return finishPrefiltered(eng, req, draft, state);
}

// runPrefiltersNow is runPrefilters for a synchronous XMLHttpRequest, which
// cannot wait: a prefilter that returns a Promise cancels it.
function runPrefiltersNow(eng, req, draft) {
  const state = prefilterState(req, draft);
  const list = eng.prefilters.slice();
  for (let i = 0; i < list.length; i++) {
    const s = prefilterSettings(state);
    let ret;
    try {
      ret = list[i].fn(s);
    } catch (e) {
      throw canceled(eng, state, i, errText(e), e);
    }
    if (isObject(ret) || typeof ret === 'function') {
      let then;
      try { then = ret.then; } catch { /* not a thenable we can see */ }
      if (typeof then === 'function') {
        Promise.resolve(ret).catch(() => {}); // its outcome no longer matters
        throw canceled(eng, state, i, 'it returned a Promise, which a synchronous XMLHttpRequest cannot wait for');
      }
    }
    afterPrefilter(eng, state, i, s, ret);
  }
  return finishPrefiltered(eng, req, draft, state);
}

function prefilterState(req, draft) {
  return {
    url: draft.url, method: draft.method, credentials: draft.credentials, headers: draft.headers,
    body: req.body, mode: draft.mode, redirect: draft.redirect, cache: draft.cache,
    referrerPolicy: draft.referrerPolicy, timeout: draft.timeout === undefined ? 0 : Number(draft.timeout),
  };
}

// prefilterSettings is the request in the shape of ajax's settings, a
// fresh object for each prefilter.
function prefilterSettings(state) {
  const s = {
    url: state.url, method: state.method, headers: headersObject(state.headers), credentials: state.credentials,
    xhrFields: { withCredentials: state.credentials === 'include' },
  };
  if (state.body !== undefined) s.body = state.body;
  for (const k of ['mode', 'redirect', 'cache', 'referrerPolicy']) if (state[k]) s[k] = state[k];
  if (state.timeout > 0) s.timeout = state.timeout;
  return s;
}

function canceled(eng, state, i, problem, cause) {
  return apiError('abort', eng.message('abort', state.method, state.url, `prefilter ${i} canceled the request: ${problem}`), undefined, cause);
}

// afterPrefilter applies what prefilter i left in s, or throws the abort
// error that cancels the request.
function afterPrefilter(eng, state, i, s, ret) {
  const problem = ret === false ? 'it returned false' : applyPrefilterSettings(s, state);
  if (problem !== undefined) throw canceled(eng, state, i, problem);
}

function finishPrefiltered(eng, req, draft, state) {
  const w = new Wire('credfetch.ajaxPrefilter', 'settings', 'finish');
  w.put('url', state.url);
  w.put('method', state.method);
  // Credentials chosen for the draft's URL are chosen again for a new one.
  const chosen = req.credentials !== undefined || state.credentials !== draft.credentials || state.url === draft.url;
  w.put('credentials', chosen ? state.credentials : '');
  for (const k of ['mode', 'redirect', 'cache', 'referrerPolicy']) w.put(k, state[k]);
  w.headers(state.headers);
  if (state.body !== undefined && state.body !== null) w.put('body', '1');
  w.millis('timeout', state.timeout);
  w.raw('retry', draft.retry);
  w.put('transport', draft.transport);
  putPage(w.parts);
  req.bodyChanged = state.body !== req.body;
  req.body = state.body;
  return parseReply(eng.call('prepare', w.toString()));
}

// applyPrefilterSettings copies what a prefilter left into state, or
// returns what is wrong with it.
function applyPrefilterSettings(s, state) {
  const r = new Reader('credfetch.ajaxPrefilter', 'settings', s, PREFILTER_FIELDS);
  const url = r.url('url');
  const method = r.str('method');
  const headers = r.headers('headers');
  const credentials = r.oneOf('credentials', CREDENTIALS);
  const xhrCredentials = readXHRFields(r);
  const modes = { mode: r.oneOf('mode', MODES), redirect: r.oneOf('redirect', REDIRECTS), cache: r.oneOf('cache', CACHES), referrerPolicy: r.str('referrerPolicy') };
  const body = r.get('body');
  if (body !== undefined && body !== null && !isBodyValue(body)) r.fail('body', 'a string or body value', body);
  const timeout = r.millis('timeout');
  if (r.errs.length) return `it left bad settings: ${r.errs.join('\n')}`;
  const before = state.credentials;
  if (url !== undefined) state.url = url;
  if (method !== undefined) state.method = method;
  if (headers !== undefined) state.headers = headers;
  if (credentials !== undefined) state.credentials = credentials;
  // xhrFields.withCredentials, as the classic $.ajaxPrefilter sets it, wins
  // when it changed.
  if (xhrCredentials !== undefined && (xhrCredentials === 'include') !== (before === 'include')) state.credentials = xhrCredentials;
  for (const k of Object.keys(modes)) if (modes[k] !== undefined) state[k] = modes[k];
  if (r.has('body')) state.body = body === null ? undefined : body;
  if (timeout !== undefined) state.timeout = timeout;
  return undefined;
}
