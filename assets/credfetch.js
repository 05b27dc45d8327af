// credfetch, the JavaScript half of the JS API (ES module).
//
//   import { load } from '/credfetch.js';
//   const credfetch = await load();            // or load({ wasmURL, execURL })
//
// load() fetches Go's wasm_exec.js and credfetch.wasm, instantiates the module
// with streaming compilation, starts the Go program and resolves with the API
// object once the Go side has registered its functions. The same object is
// the global `credfetch`, and `credfetch.ready` is the Promise load()
// returned. Every failure rejects with an Error that names the URL that
// failed and why.
//
// The work is split where it is cheapest. JavaScript (this module) reads the
// page's arguments, runs its prefilters, and sends the requests with the
// browser's own fetch() and XMLHttpRequest, so that bodies never cross into
// Go. The Go half (credfetch.wasm, package internal/jsapi) holds the settings
// and decides what each request becomes: its URL against baseURL, its
// credentials for its origin, its headers (the settings' and the XSRF
// token's), whether it is valid, whether a failure is retried and after how
// long, and how an error reads. One call into Go per request, one string each
// way: a call into Go costs far more than any JavaScript here.
//
// The module is one file: a second one, fetched while the wasm module
// streams in, made startup slower (measured with the startup benchmark).

const here = import.meta.url;

let loading = null;

/**
 * Loads credfetch once per page; later calls return the same Promise.
 * @param {{wasmURL?: string|URL, execURL?: string|URL}} [options]
 * @returns {Promise<object>} the credfetch API
 */
export function load(options = {}) {
  if (loading) return loading;
  if (options === null || typeof options !== 'object') {
    return Promise.reject(new TypeError(`credfetch: load(options): options must be an object, got ${options === null ? 'null' : typeof options}`));
  }
  // The defaults are written as new URL('./file', import.meta.url) so that
  // bundlers that know the pattern (Vite, webpack 5, Parcel) emit both files
  // as assets and put their URLs here; served as it is, the files are found
  // beside this module.
  const wasmURL = (options.wasmURL == null ? new URL('./credfetch.wasm', import.meta.url) : new URL(options.wasmURL, here)).href;
  const execURL = (options.execURL == null ? new URL('./wasm_exec.js', import.meta.url) : new URL(options.execURL, here)).href;
  const api = (globalThis.credfetch && typeof globalThis.credfetch === 'object') ? globalThis.credfetch : {};
  globalThis.credfetch = api;
  loading = start(wasmURL, execURL);
  api.ready = loading;
  // A failed load may be retried (for example after `make build`).
  loading.catch(() => { loading = null; });
  return loading;
}

async function start(wasmURL, execURL) {
  // The module downloads and compiles while wasm_exec.js loads.
  const module = compile(wasmURL);
  module.catch(() => {}); // reported below, after wasm_exec.js's own errors
  if (typeof globalThis.Go !== 'function') await loadScript(execURL);
  if (typeof globalThis.Go !== 'function') {
    throw new Error(`credfetch: ${execURL} loaded but did not define Go: it must be wasm_exec.js from the Go that built credfetch.wasm`);
  }
  const go = new globalThis.Go();
  const instance = await instantiate(module, wasmURL, go.importObject);
  const core = await run(go, instance, wasmURL);
  return Object.assign(globalThis.credfetch, makeAPI(core, () => instance.exports.mem.buffer.byteLength));
}

// loadScript runs a classic script (wasm_exec.js) and explains a failure.
async function loadScript(url) {
  if (typeof document === 'undefined') {
    // A worker: importScripts throws with the browser's reason.
    try { globalThis.importScripts(url); return; } catch (err) {
      throw new Error(`credfetch: could not load ${url}: ${err.message}`);
    }
  }
  await new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`credfetch: could not load ${url}`));
    document.head.append(script);
  }).catch(async (err) => {
    // A script element does not say why it failed: ask the server.
    throw new Error(`${err.message}: ${await diagnose(url)}`);
  });
}

async function diagnose(url) {
  try {
    const res = await fetch(url, { cache: 'no-store' });
    if (!res.ok) return await httpReason(res);
    return 'the script failed to run (see the console)';
  } catch (err) {
    return `network error (${err.message})`;
  }
}

async function httpReason(res) {
  let text = '';
  try { text = (await res.text()).trim().slice(0, 300); } catch { /* keep the status */ }
  return `HTTP ${res.status} ${res.statusText}`.trim() + (text ? `: ${text}` : '');
}

// compile fetches and compiles the module, streaming when the server sends
// application/wasm. It needs no imports, so it runs while wasm_exec.js loads.
async function compile(url) {
  let res;
  try {
    res = await fetch(url);
  } catch (err) {
    throw new Error(`credfetch: could not fetch ${url}: network error (${err.message})`);
  }
  if (!res.ok) throw new Error(`credfetch: could not fetch ${url}: ${await httpReason(res)}`);
  try {
    const type = (res.headers.get('Content-Type') || '').split(';')[0].trim();
    if (type === 'application/wasm') return await WebAssembly.compileStreaming(res);
    // Streaming compilation needs application/wasm; fall back to a buffer.
    return await WebAssembly.compile(await res.arrayBuffer());
  } catch (err) {
    throw new Error(`credfetch: could not instantiate ${url}: ${err.message}`);
  }
}

async function instantiate(module, url, imports) {
  try {
    return await WebAssembly.instantiate(await module, imports);
  } catch (err) {
    const text = String(err && err.message || err);
    if (text.startsWith('credfetch: ')) throw err; // compile's own, which names the URL
    throw new Error(`credfetch: could not instantiate ${url}: ${text}`);
  }
}

// run starts the Go program and resolves with the functions it registers
// (the Go half of the API). The Go side calls the one-time global hook named
// in its environment.
function run(go, instance, url) {
  return new Promise((resolve, reject) => {
    const hook = `__credfetchReady_${Math.random().toString(36).slice(2)}`;
    globalThis[hook] = (core) => {
      delete globalThis[hook];
      resolve(core);
    };
    go.env = { ...go.env, CREDFETCH_READY: hook };
    go.run(instance).then(
      () => {
        delete globalThis[hook];
        reject(new Error(`credfetch: ${url} exited before it was ready (see the console for the Go error)`));
      },
      (err) => {
        delete globalThis[hook];
        reject(new Error(`credfetch: ${url} failed while starting: ${err.message}`));
      },
    );
  });
}

// ---------------------------------------------------------------------------
// The API: what load() resolves with, over the functions the Go half
// registers.

// The wire protocol of internal/jsapi: fields separated by SEP, the parts of a
// field by ITEM, list elements after LIST. Strings holding them are refused
// before they are sent.
const SEP = '\0';
const ITEM = '\x01';
const LIST = '\x02';
const WIRE_CHARS = /[\0\x01\x02]/;
const WIRE_CHARS_ALL = /[\0\x01\x02]/g;

// OWN marks the fetch inits and XMLHttpRequests credfetch sends itself, which
// install()'s patches pass through untouched. Package fetch's transports (Go
// programs in the page) set the same property (jsutil.OwnRequest).
const OWN = '__credfetchOwn';
// XHR_STATE holds what install() learned about a page's XMLHttpRequest.
const XHR_STATE = Symbol('credfetch.xhr');

const ERROR_NAMES = {
  timeout: 'TimeoutError',
  abort: 'AbortError',
  network: 'NetworkError',
  http: 'HTTPError',
  invalid: 'TypeError',
};

const SETTINGS_FIELDS = [
  'baseURL', 'credentials', 'trustedOrigins', 'headers', 'timeout', 'retry', 'transport',
  'mode', 'redirect', 'cache', 'referrerPolicy', 'xsrfCookieName', 'xsrfHeaderName',
];
const AJAX_FIELDS = [
  'url', 'method', 'type', 'headers', 'body', 'data', 'dataType', 'credentials', 'xhrFields',
  'mode', 'redirect', 'cache', 'referrerPolicy', 'timeout', 'retry', 'transport', 'signal',
  'onUploadProgress', 'onDownloadProgress', 'validateStatus',
];
const PREFILTER_FIELDS = [
  'url', 'method', 'headers', 'body', 'credentials', 'xhrFields', 'mode', 'redirect',
  'cache', 'referrerPolicy', 'timeout',
];
// FETCH_INIT_FIELDS are the RequestInit fields credfetch.fetch reads and
// checks; any other passes to the browser's fetch() as it is.
const FETCH_INIT_FIELDS = ['method', 'headers', 'body', 'credentials', 'mode', 'redirect', 'cache', 'referrerPolicy', 'signal'];
const RETRY_FIELDS = ['limit', 'methods', 'statusCodes', 'delay', 'maxDelay'];
const CREDENTIALS = ['omit', 'same-origin', 'include'];
const MODES = ['cors', 'no-cors', 'same-origin'];
const REDIRECTS = ['follow', 'error', 'manual'];
const CACHES = ['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached'];
const DATA_TYPES = ['json', 'text', 'arraybuffer', 'blob'];
const TRANSPORTS = ['fetch', 'xhr'];
const MAX_RETRY_LIMIT = 10;
const MAX_MILLIS = 86400000;
const BODY_CLASSES = ['Blob', 'ArrayBuffer', 'DataView', 'FormData', 'URLSearchParams', 'ReadableStream'];

// apiError makes the Error a call rejects or throws with: a TypeError for
// invalid requests and network failures (as fetch() rejects), an Error
// otherwise, with name and code telling the failures apart, the response when
// there was one, and what caused it.
function apiError(code, message, response, cause) {
  const err = (code === 'invalid' || code === 'network') ? new TypeError(message) : new Error(message);
  err.name = ERROR_NAMES[code];
  err.code = code;
  if (response !== undefined) err.response = response;
  if (cause !== undefined) err.cause = cause;
  return err;
}

function invalid(message) {
  return apiError('invalid', message);
}

// typeName names a value's type in messages: typeof, with null and array.
function typeName(v) {
  if (v === null) return 'null';
  try {
    if (Array.isArray(v)) return 'array';
  } catch { /* a revoked Proxy */ }
  return typeof v;
}

// describe shows a value in a message: its type, and its text when short.
function describe(v) {
  const t = typeName(v);
  switch (t) {
    case 'bigint': return `bigint ${v}n`;
    case 'string': return `string ${JSON.stringify(v.length > 60 ? v.slice(0, 60) + '…' : v)}`;
    case 'number': case 'boolean': return `${t} ${v}`;
  }
  return t;
}

// reasonText is the text of a failure: an Error's message alone, any other
// value as errText writes it; like errText, it never throws.
function reasonText(e) {
  let m = e;
  try {
    if (e && e.message !== undefined) m = e.message;
  } catch {
    // a throwing getter: describe the value itself
  }
  return errText(m);
}

// errText describes a thrown value or an abort reason without ever throwing:
// getters and Proxy traps of page objects may.
function errText(e) {
  try {
    switch (typeof e) {
      case 'bigint': return `${e}n`;
      case 'symbol': return e.toString();
      case 'undefined': return 'undefined';
      case 'object':
        if (e === null) return 'null';
        if (e instanceof Error || (typeof e.name === 'string' && typeof e.message === 'string')) {
          const text = e.message ? `${e.name}: ${e.message}` : String(e.name);
          const cause = e.cause && typeof e.cause === 'object' ? e.cause.message : undefined;
          return typeof cause === 'string' && cause ? `${text} (${cause})` : text;
        }
    }
    return String(e);
  } catch {
    return typeName(e);
  }
}

function suggest(k, known) {
  const lower = k.toLowerCase();
  for (const n of known) {
    const ln = n.toLowerCase();
    if (ln === lower || ln === lower + 's' || ln + 's' === lower) return ` (did you mean "${n}"?)`;
  }
  return '';
}

function isObject(v) {
  return v !== null && typeof v === 'object';
}

function isBodyValue(v) {
  if (typeof v === 'string') return true;
  if (!isObject(v)) return false;
  try {
    if (ArrayBuffer.isView(v)) return true;
    for (const c of BODY_CLASSES) {
      const ctor = globalThis[c];
      if (typeof ctor === 'function' && v instanceof ctor) return true;
    }
  } catch { /* a revoked Proxy is no body */ }
  return false;
}

function instanceOf(v, name) {
  const ctor = globalThis[name];
  try {
    return typeof ctor === 'function' && v instanceof ctor;
  } catch {
    return false;
  }
}

// Reader reads the fields of a settings object a page passed, collecting one
// error per bad field, each naming the call, the field, what it wants and
// what it got. Fields outside known are errors: a misspelt one never goes
// unnoticed.
class Reader {
  // With strict false, fields outside known are ignored rather than errors
  // (fetch()'s init passes them to the browser).
  constructor(call, path, obj, known, strict = true) {
    this.call = call;
    this.path = path;
    this.obj = obj;
    this.keys = [];
    this.errs = [];
    if (obj === undefined || obj === null) return;
    if (typeof obj !== 'object' || typeName(obj) === 'array') {
      this.errs.push(`${call}: ${path} must be an object, got ${typeName(obj)}`);
      this.obj = undefined;
      return;
    }
    try {
      this.keys = Object.keys(obj);
    } catch (e) {
      this.errs.push(`${call}: ${path}: cannot list its fields: ${errText(e)}`);
      return;
    }
    if (!strict) {
      this.keys = this.keys.filter((k) => known.includes(k));
      return;
    }
    for (const k of this.keys) {
      if (!known.includes(k)) {
        this.errs.push(`${call}: ${path}.${k} is not a setting${suggest(k, known)}; known settings: ${known.join(', ')}`);
      }
    }
  }

  fail(name, want, got) {
    this.errs.push(`${this.call}: ${this.path}.${name} must be ${want}, got ${describe(got)}`);
  }

  // has reports whether the object lists the field, even as undefined.
  has(name) {
    return this.keys.includes(name);
  }

  // get returns the field's value, or undefined when it is absent; a throwing
  // getter or Proxy trap and a BigInt are errors of the field.
  get(name) {
    if (!this.keys.includes(name)) return undefined;
    let v;
    try {
      v = this.obj[name];
    } catch (e) {
      this.errs.push(`${this.call}: ${this.path}.${name}: reading it threw ${errText(e)}`);
      return undefined;
    }
    if (typeof v === 'bigint') {
      this.fail(name, 'something other than a BigInt', v);
      return undefined;
    }
    return v;
  }

  // typed returns the field when it is absent or passes ok, and records that
  // it must be want otherwise.
  typed(name, ok, want) {
    const v = this.get(name);
    if (v === undefined || ok(v)) return v;
    this.fail(name, want, v);
    return undefined;
  }

  str(name) {
    return this.typed(name, (v) => typeof v === 'string', 'a string');
  }

  url(name) {
    const v = this.get(name);
    if (v === undefined || typeof v === 'string') return v;
    if (instanceOf(v, 'URL')) {
      try {
        return String(v.href);
      } catch { /* an object that only pretends to be a URL */ }
    }
    this.fail(name, 'a string or URL', v);
    return undefined;
  }

  oneOf(name, allowed) {
    return this.typed(name, (v) => typeof v === 'string' && allowed.includes(v), `one of '${allowed.join("', '")}'`);
  }

  millis(name) {
    // NaN fails both comparisons.
    return this.typed(name, (v) => typeof v === 'number' && v >= 0 && v <= MAX_MILLIS, `milliseconds (a number from 0 to ${MAX_MILLIS})`);
  }

  integer(name, lo, hi) {
    return this.typed(name, (v) => Number.isInteger(v) && v >= lo && v <= hi, `a whole number from ${lo} to ${hi}`);
  }

  boolean(name) {
    return this.typed(name, (v) => typeof v === 'boolean', 'true or false');
  }

  func(name) {
    return this.typed(name, (v) => typeof v === 'function', 'a function');
  }

  signal(name) {
    const v = this.get(name);
    if (v === undefined || v === null) return undefined;
    if (instanceOf(v, 'AbortSignal')) return v;
    this.fail(name, 'an AbortSignal', v);
    return undefined;
  }

  // list reads an array whose elements pass ok.
  list(name, want, ok) {
    const v = this.get(name);
    if (v === undefined) return undefined;
    if (typeName(v) !== 'array') {
      this.fail(name, `an array of ${want}s`, v);
      return undefined;
    }
    const out = [];
    try {
      for (let i = 0; i < v.length; i++) {
        const e = v[i];
        if (!ok(e)) {
          this.fail(`${name}[${i}]`, `a ${want}`, e);
          return undefined;
        }
        out.push(e);
      }
    } catch (e) {
      this.errs.push(`${this.call}: ${this.path}.${name}: reading it threw ${errText(e)}`);
      return undefined;
    }
    return out;
  }

  strings(name) {
    return this.list(name, 'string', (e) => typeof e === 'string');
  }

  headers(name) {
    const v = this.get(name);
    if (v === undefined) return undefined;
    try {
      return readHeaders(v);
    } catch (e) {
      const why = e instanceof HeadersError ? e.message : `reading it threw ${errText(e)}`;
      this.errs.push(`${this.call}: ${this.path}.${name}: ${why}`);
      return undefined;
    }
  }

  error() {
    return this.errs.length ? invalid(this.errs.join('\n')) : null;
  }
}

// HeadersError says what is wrong with a header collection.
class HeadersError extends Error {}

// readHeaders reads a HeadersInit (a plain object, a Headers or [name, value]
// pairs) as [name, value] pairs, throwing a HeadersError that says what is
// wrong (or what a page object threw).
function readHeaders(v) {
  const out = [];
  if (instanceOf(v, 'Headers') || typeName(v) === 'array') {
    let i = 0;
    for (const p of Array.from(v)) {
      if (typeName(p) !== 'array' || p.length !== 2 || typeof p[0] !== 'string') {
        throw new HeadersError(`entry ${i} must be a [name, value] pair of strings, got ${describe(p)}`);
      }
      let value;
      try {
        value = String(p[1]);
      } catch {
        throw new HeadersError(`entry ${i} (${p[0]}): the value is not a string`);
      }
      out.push([p[0], value]);
      i++;
    }
    return out;
  }
  if (!isObject(v)) {
    throw new HeadersError(`must be an object of header names to strings, a Headers, or [name, value] pairs, got ${describe(v)}`);
  }
  for (const k of Object.keys(v)) {
    let val;
    try {
      val = v[k];
    } catch (e) {
      throw new HeadersError(`header ${k}: reading it threw ${errText(e)}`);
    }
    switch (typeof val) {
      case 'string': case 'number': case 'boolean': out.push([k, String(val)]); break;
      case 'undefined': break;
      default: throw new HeadersError(`header ${k} must be a string, got ${describe(val)}`);
    }
  }
  return out;
}

// Wire builds a message, refusing strings that hold the protocol's separators.
class Wire {
  constructor(call, path, first) {
    this.call = call;
    this.path = path;
    this.parts = first === undefined ? [] : [first];
  }

  put(key, value, field = key) {
    if (value === undefined) return;
    const s = String(value);
    if (WIRE_CHARS.test(s)) {
      throw invalid(`${this.call}: ${this.path}.${field} holds a NUL, \\x01 or \\x02 character, which no URL, header or setting may hold`);
    }
    this.parts.push(key, s);
  }

  // raw adds a field this file encoded itself (a retry policy, a list), whose
  // separators are meant; its parts were checked when they were read.
  raw(key, value) {
    if (value !== undefined) this.parts.push(key, value);
  }

  headers(pairs) {
    if (!pairs) return;
    for (const [k, v] of pairs) {
      if (WIRE_CHARS.test(k)) {
        throw invalid(`${this.call}: ${this.path}.headers: the header name ${JSON.stringify(k)} holds a NUL, \\x01 or \\x02 character, which no header name may hold`);
      }
      this.put('h:' + k, v, `headers.${k}`);
    }
  }

  millis(key, ms) {
    if (ms !== undefined) this.parts.push(key, String(Math.ceil(ms)));
  }

  toString() {
    return this.parts.join(SEP);
  }
}

function wireList(xs) {
  let s = 'l';
  for (const x of xs) s += LIST + x;
  return s;
}

// readRetry reads retry: a number (the limit) or an object, as a wire field.
function readRetry(r) {
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

// readModes reads the mode fields settings and requests share into w.
function readModes(r, w) {
  w.put('credentials', r.oneOf('credentials', CREDENTIALS));
  w.put('mode', r.oneOf('mode', MODES));
  w.put('redirect', r.oneOf('redirect', REDIRECTS));
  w.put('cache', r.oneOf('cache', CACHES));
  w.put('referrerPolicy', r.str('referrerPolicy'));
}

// readXHRFields reads jQuery's xhrFields: {withCredentials: true} asks for
// credentials.
function readXHRFields(r) {
  const v = r.get('xhrFields');
  if (v === undefined) return undefined;
  const xr = new Reader(r.call, `${r.path}.xhrFields`, v, ['withCredentials']);
  const b = xr.boolean('withCredentials');
  r.errs.push(...xr.errs);
  if (b === undefined) return undefined;
  return b ? 'include' : 'same-origin';
}

// parseReply turns a reply of internal/jsapi into an object, or throws the
// Error it carries with code.
function parseReply(reply, code = 'invalid') {
  const f = reply.split(SEP);
  if (f[0] !== 'ok') throw apiError(code, f[1] || `credfetch: malformed reply ${JSON.stringify(reply)}`);
  const out = { headers: [] };
  for (let i = 1; i + 1 < f.length; i += 2) {
    const k = f[i];
    if (k.charCodeAt(0) === 104 && k.charCodeAt(1) === 58) out.headers.push([k.slice(2), f[i + 1]]); // "h:"
    else out[k] = f[i + 1];
  }
  return out;
}

function headersObject(pairs) {
  const o = {};
  for (const [k, v] of pairs) o[k] = k in o ? `${o[k]}, ${v}` : v;
  return o;
}

// joinedHeaders maps lower-case names to their values joined as the Headers
// class joins them.
function joinedHeaders(pairs) {
  const m = new Map();
  for (const [k, v] of pairs) {
    const key = k.toLowerCase();
    m.set(key, m.has(key) ? `${m.get(key)}, ${v}` : v);
  }
  return m;
}

function hasHeader(pairs, name) {
  const lower = name.toLowerCase();
  return pairs.some(([k]) => k.toLowerCase() === lower);
}

// dataTypeOf picks how to read a body from its Content-Type.
function dataTypeOf(contentType) {
  const mt = (contentType || '').split(';')[0].trim().toLowerCase();
  return mt === 'application/json' || mt.endsWith('+json') ? 'json' : 'text';
}

function parseJSON(text) {
  if (text === '') return null; // an empty body (204, HEAD) is no data, not a JSON error
  try {
    return JSON.parse(text);
  } catch (e) {
    const err = new TypeError(`the response body is not valid JSON (dataType 'json'; use dataType 'text' to read it as it is): ${e.message}`);
    err.badJSON = true;
    throw err;
  }
}

function xhrHeaders(xhr) {
  const o = {};
  for (const line of xhr.getAllResponseHeaders().split('\r\n')) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const k = line.slice(0, i).trim().toLowerCase();
    const v = line.slice(i + 1).trim();
    o[k] = k in o ? `${o[k]}, ${v}` : v;
  }
  return o;
}

function abortReason(signal) {
  let reason;
  try { reason = signal.reason; } catch { /* keep undefined */ }
  return reason;
}

function progressHandler(fn) {
  return (e) => {
    try {
      fn(e);
    } catch (err) {
      console.error('credfetch: a progress callback threw:', err);
    }
  };
}

function sleep(ms, signal) {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      if (signal) signal.removeEventListener('abort', done);
      resolve();
    }
    if (signal) signal.addEventListener('abort', done);
  });
}

// anySignal returns a signal that fires when page's does or ctrl aborts:
// AbortSignal.any where the platform has it, else ctrl's own signal, which
// page's then aborts with its reason.
function anySignal(page, ctrl) {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([page, ctrl.signal]);
  if (page.aborted) ctrl.abort(page.reason);
  else page.addEventListener('abort', () => ctrl.abort(page.reason), { once: true, signal: ctrl.signal });
  return ctrl.signal;
}

// pageHref returns the page's location, whose origin is the page's, or ''
// outside a page (a worker without one).
function pageHref() {
  // A document's URL is its location's href; Chromium reads it many times
  // faster (no cross-origin access check), and every request reads it.
  const href = globalThis.document ? globalThis.document.URL : globalThis.location?.href;
  return typeof href === 'string' && !WIRE_CHARS.test(href) ? href : '';
}

// putPage adds the page's location to a message for Go ("page") and, when a
// <base> element moves it, the document's base URL ("base"), which relative
// URLs resolve against as in the browser's own fetch() and XMLHttpRequest.
function putPage(parts) {
  const page = pageHref();
  if (!page) return;
  parts.push('page', page);
  const base = globalThis.document?.baseURI;
  if (typeof base === 'string' && base !== page && !WIRE_CHARS.test(base)) parts.push('base', base);
}

// pageURL parses a string or URL as the browser resolves a request's URL
// (against the document's base URL), or returns null.
function pageURL(v) {
  if (typeof v !== 'string' && !instanceOf(v, 'URL')) return null;
  try {
    return new URL(v, globalThis.document?.baseURI ?? globalThis.location?.href);
  } catch {
    return null;
  }
}

// originMatcher matches URLs against install()'s origins, which the Go side
// has checked: exact origins, and scheme://*.domain[:port] patterns.
function originMatcher(list) {
  const exact = new Set();
  const patterns = [];
  for (const o of list) {
    const i = o.indexOf('://*.');
    if (i < 0) {
      exact.add(o);
      continue;
    }
    const u = new URL(o.slice(0, i) + '://' + o.slice(i + 5));
    patterns.push({ protocol: u.protocol, port: u.port, dot: '.' + u.hostname });
  }
  // match takes a parsed URL (or null, which never matches).
  return (u) => {
    if (!u) return false;
    if (exact.has(u.origin)) return true;
    return patterns.some((p) => u.protocol === p.protocol && u.port === p.port &&
      u.hostname.length > p.dot.length && u.hostname.endsWith(p.dot));
  };
}

/**
 * makeAPI returns the credfetch API over core, the Go half's functions.
 * @param {object} core the object credfetch.wasm registered
 * @param {() => number} memoryBytes the size of the wasm memory
 */
function makeAPI(core, memoryBytes) {
  const prefilters = [];
  let installed = null;

  // goCall calls one of the Go functions; a Go program that stopped (it
  // cannot, short of a runtime bug) becomes one clear error.
  function goCall(name, msg) {
    try {
      return core[name](msg);
    } catch (e) {
      const text = /already exited/.test(errText(e))
        ? 'the credfetch Go program has stopped (its last error is in the console); reload the page'
        : `calling the Go side failed: ${errText(e)}`;
      throw invalid(`credfetch: ${text}`);
    }
  }

  // decisions remembers Go's answers to "prepare" messages: the answer
  // depends only on the message (which holds the page's location) and the
  // settings, so the same request is decided once until ajaxSetup changes
  // them, and later ones skip the call into Go. Not with an XSRF header,
  // whose value comes from a cookie that may change. At most MAX_DECISIONS
  // are kept; a full memory starts over.
  const decisions = new Map();
  const MAX_DECISIONS = 256;
  let remember = true;

  function decide(msg) {
    let plan = decisions.get(msg);
    if (plan !== undefined) return plan;
    plan = parseReply(goCall('prepare', msg));
    if (remember) {
      if (decisions.size >= MAX_DECISIONS) decisions.clear();
      decisions.set(msg, plan);
    }
    return plan;
  }

  function message(code, method, url, detail = '', status = '', statusText = '') {
    const parts = [code, method, url, detail, status, statusText].map((x) => String(x).replace(WIRE_CHARS_ALL, ' '));
    return goCall('message', parts.join(SEP));
  }

  function failure(code, req, detail, response, cause) {
    return apiError(code, message(code, req.method || 'GET', req.url, detail), response, cause);
  }

  // aborted is the error of req once signal fired, with its reason as cause.
  function aborted(req, signal) {
    const reason = abortReason(signal);
    return failure('abort', req, `the AbortSignal fired: ${errText(reason)}`, undefined, reason);
  }

  // prepare decides a request: one call into Go without prefilters (the
  // result, at once), two around them (a Promise). The page's location goes
  // along, which saves Go two calls into JavaScript.
  // With now, the prefilters run synchronously (runPrefiltersNow).
  function prepare(req, now = false) {
    putPage(req.wire.parts);
    if (prefilters.length === 0) return decide(req.wire.toString());
    const draft = parseReply(goCall('prepare', 'draft' + SEP + req.wire.parts.slice(1).join(SEP)));
    return now ? runPrefiltersNow(req, draft) : runPrefilters(req, draft);
  }

  // runPrefilters runs the page's prefilters on the drafted request and has
  // Go finish it. A throw, a rejection, false or bad settings cancel the
  // request (code abort).
  async function runPrefilters(req, draft) {
    const state = prefilterState(req, draft);
    const list = prefilters.slice();
    for (let i = 0; i < list.length; i++) {
      const s = prefilterSettings(state);
      let ret;
      try {
        ret = await list[i].fn(s);
      } catch (e) {
        throw canceled(state, i, errText(e), e);
      }
      afterPrefilter(state, i, s, ret);
    }
    return finishPrefiltered(req, draft, state);
  }

  // runPrefiltersNow is runPrefilters for a synchronous XMLHttpRequest, which
  // cannot wait: a prefilter that returns a Promise cancels it.
  function runPrefiltersNow(req, draft) {
    const state = prefilterState(req, draft);
    const list = prefilters.slice();
    for (let i = 0; i < list.length; i++) {
      const s = prefilterSettings(state);
      let ret;
      try {
        ret = list[i].fn(s);
      } catch (e) {
        throw canceled(state, i, errText(e), e);
      }
      if (isObject(ret) || typeof ret === 'function') {
        let then;
        try { then = ret.then; } catch { /* not a thenable we can see */ }
        if (typeof then === 'function') {
          Promise.resolve(ret).catch(() => {}); // its outcome no longer matters
          throw canceled(state, i, 'it returned a Promise, which a synchronous XMLHttpRequest cannot wait for');
        }
      }
      afterPrefilter(state, i, s, ret);
    }
    return finishPrefiltered(req, draft, state);
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

  function canceled(state, i, problem, cause) {
    return apiError('abort', message('abort', state.method, state.url, `prefilter ${i} canceled the request: ${problem}`), undefined, cause);
  }

  // afterPrefilter applies what prefilter i left in s, or throws the abort
  // error that cancels the request.
  function afterPrefilter(state, i, s, ret) {
    const problem = ret === false ? 'it returned false' : applyPrefilterSettings(s, state);
    if (problem !== undefined) throw canceled(state, i, problem);
  }

  function finishPrefiltered(req, draft, state) {
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
    return parseReply(goCall('prepare', w.toString()));
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

  // readAjax reads ajax's settings into a request: its wire message for Go
  // and what stays in JavaScript.
  function readAjax(settings) {
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
  async function exchange(plan, req) {
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
    const fail = (code, detail, response, cause) => failure(code, plan, detail, response, cause);
    // why says why an exchange ended early, or undefined.
    const why = () => {
      if (timedOut) return fail('timeout', String(timeout));
      if (page && page.aborted) return aborted(plan, page);
      return undefined;
    };
    // again waits before another attempt when the policy and the time left
    // allow one; an abort or the timeout during the wait ends the exchange.
    const again = async (attempt, status, retryAfter) => {
      if (!plan.retry) return false;
      const ok = await retryWait(plan, attempt, status, retryAfter, ctrl, started, timeout);
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
          if (await again(attempt, 0, '')) continue;
          throw fail('network', reasonText(e), undefined, e);
        }
        const { result } = sent;
        // An opaque response (no-cors, a manual redirect) has status 0 and
        // nothing to judge: it is never retried.
        if (result.status !== 0 && await again(attempt, result.status, result.headers['retry-after'] || '')) {
          sent.discard();
          continue;
        }
        try {
          result.data = await sent.read();
        } catch (e) {
          const early = why();
          if (early) throw early;
          if (e && e.badJSON) throw apiError('invalid', message('invalid', plan.method, plan.url, e.message), result, e);
          throw fail('network', reasonText(e), result, e);
        }
        if (!accepted(req, result.status)) {
          throw apiError('http', message('http', plan.method, plan.url, '', String(result.status), result.statusText), result);
        }
        return result;
      }
    } finally {
      if (timer) clearTimeout(timer);
      if (page) page.removeEventListener('abort', abort);
    }
  }

  // retryWait asks Go whether attempt is followed by another and waits;
  // false means answer now.
  async function retryWait(plan, attempt, status, retryAfter, ctrl, started, timeout) {
    if (ctrl && ctrl.signal.aborted) return false;
    const reply = goCall('retry', [plan.retry, attempt, plan.method, status, String(retryAfter).replace(WIRE_CHARS_ALL, ' ')].join(SEP));
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

  function fetchInit(plan, body, signal) {
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

  // dataOf reads a body as dataType says, from the Response's methods.
  async function dataOf(res, dataType) {
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
  async function sendFetch(plan, req, signal) {
    const res = await globalThis.fetch(plan.url, fetchInit(plan, req.body, signal));
    const result = { status: res.status, statusText: res.statusText, headers: Object.fromEntries(res.headers), url: res.url, redirected: res.redirected };
    return {
      result,
      read: () => dataOf(res, req.dataType || dataTypeOf(result.headers['content-type'])),
      discard: () => { if (res.body) res.body.cancel().catch(() => {}); },
    };
  }

  // sendXHR is one attempt with XMLHttpRequest, with progress events, in the
  // shape sendFetch answers (the body is in by then).
  function sendXHR(plan, req, signal) {
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
      x.onerror = () => { done(); reject(new TypeError('the XMLHttpRequest failed')); };
      x.onabort = () => { done(); reject(new DOMException('the XMLHttpRequest was aborted', 'AbortError')); };
      if (signal) signal.addEventListener('abort', onAbort);
      x.send(req.body ?? null);
    });
  }

  // bigintArg refuses a BigInt argument, which no parameter takes.
  function bigintArg(call, param, v) {
    return typeof v === 'bigint' ? invalid(`credfetch.${call}: ${param} must not be a BigInt, got ${describe(v)}`) : null;
  }

  async function ajax(settings) {
    const big = bigintArg('ajax', 'settings', settings);
    if (big) throw big;
    const req = readAjax(settings);
    if (req.signal && req.signal.aborted) throw aborted(req, req.signal);
    let plan = prepare(req);
    if (typeof plan.then === 'function') plan = await plan;
    return exchange(plan, req);
  }

  // readFetch reads fetch()'s arguments into a request.
  function readFetch(input, init) {
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
        headers = Array.from(input.headers, ([k, v]) => [String(k), String(v)]);
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

  async function fetchAPI(input, init) {
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
    if (req.signal && req.signal.aborted) throw aborted(req, req.signal);
    let plan = prepare(req);
    if (typeof plan.then === 'function') plan = await plan;
    // The page reads the body after this resolves: the timeout covers it
    // through a controller a timer aborts, and so does the page's signal.
    let signal = req.signal;
    const timeout = plan.timeout === undefined ? 0 : Number(plan.timeout);
    let timer = 0;
    let timedOut = null;
    if (timeout > 0) {
      const ctrl = new AbortController();
      timedOut = new DOMException(`credfetch: no complete response within the ${timeout}ms timeout`, 'TimeoutError');
      timer = setTimeout(() => ctrl.abort(timedOut), timeout);
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
      clearTimeout(timer);
      if (signal && signal.aborted) {
        const reason = abortReason(signal);
        if (timedOut !== null && reason === timedOut) throw failure('timeout', plan, String(timeout), undefined, reason);
        throw aborted(plan, signal);
      }
      throw failure('network', plan, reasonText(e), undefined, e);
    }
  }

  function ajaxSetup(settings) {
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
    const err = r.error();
    if (err) throw err;
    putPage(w.parts); // a relative baseURL resolves against the page's base URL
    const s = parseReply(goCall('setup', w.toString()));
    decisions.clear();
    if (installed) installed.known.clear();
    remember = s.xsrfHeaderName === undefined;
    const out = {
      baseURL: s.baseURL, credentials: s.credentials, trustedOrigins: s.trustedOrigins.split(LIST).slice(1),
      headers: headersObject(s.headers), timeout: Number(s.timeout), retry: Number(s.retry), transport: s.transport,
    };
    for (const k of ['mode', 'redirect', 'cache', 'referrerPolicy', 'xsrfCookieName', 'xsrfHeaderName']) {
      if (s[k] !== undefined) out[k] = s[k];
    }
    return out;
  }

  function ajaxPrefilter(fn) {
    const big = bigintArg('ajaxPrefilter', 'fn', fn);
    if (big) throw big;
    if (typeof fn !== 'function') throw invalid(`credfetch.ajaxPrefilter: fn must be a function, got ${describe(fn)}`);
    const entry = { fn };
    prefilters.push(entry);
    return function unregister() {
      const i = prefilters.indexOf(entry);
      if (i >= 0) prefilters.splice(i, 1);
    };
  }

  function install(options) {
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
    if (installed) list = installed.list.concat(list);
    const reply = goCall('origins', list.join(SEP));
    if (reply !== 'ok') throw invalid(reply.split(SEP)[1]);
    if (installed) {
      installed.list = list;
      installed.match = originMatcher(list);
      installed.known.clear();
      return installed.uninstall;
    }
    installed = patch(list);
    return installed.uninstall;
  }

  // patch replaces window.fetch, XMLHttpRequest's open, setRequestHeader and
  // send, and EventSource, and returns what restores them.
  function patch(list) {
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
      if (!remember) return { base, general: true };
      const plan = prepare(readFetch(u.href, { credentials: 'include' }));
      if (plan.timeout !== undefined && Number(plan.timeout) > 0) return { base, general: true };
      return { base, plan, init: Object.freeze(fetchInit(plan, undefined, undefined)) };
    }
    // fetchKnown sends a call state.known holds, failing as fetchAPI does.
    function fetchKnown(k) {
      return origFetch.call(globalThis, k.plan.url, k.init).catch((e) => {
        throw failure('network', k.plan, reasonText(e), undefined, e);
      });
    }
    globalThis.fetch = function fetch(input, init) {
      if (typeof input === 'string' && init === undefined && prefilters.length === 0 && globalThis.document) {
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
        const u = pageURL(isRequest ? input.url : input);
        if (!state.match(u)) return origFetch.call(this, input, init);
        // The URL as the browser resolves it, against the document's base.
        target = isRequest ? input : u.href;
        copy = Object.assign({}, isObject(init) ? init : undefined);
      } catch {
        // A page object that throws: the browser's fetch() reports it its own way.
        return origFetch.call(this, input, init);
      }
      if (copy.credentials === undefined) copy.credentials = 'include';
      return fetchAPI(target, copy);
    };
    const X = globalThis.XMLHttpRequest;
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
        return sendPageXHR(this, s, u.href, arguments.length > 0 && isBodyValue(body) ? body : undefined, orig, arguments);
      };
    }
    const origES = globalThis.EventSource;
    if (typeof origES === 'function') globalThis.EventSource = eventSourceFor(origES, state);
    const uninstall = function uninstall() {
      if (installed !== state) return;
      globalThis.fetch = origFetch;
      if (proto) Object.assign(proto, orig);
      if (typeof origES === 'function') globalThis.EventSource = origES;
      installed = null;
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
  function sendPageXHR(xhr, s, url, body, orig, args) {
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
      if (prefilters.length === 0) plan = prepare(req);
      else if (s.sync) plan = prepare(req, true);
    } catch (e) {
      refused(e);
      return undefined;
    }
    if (plan) return decided(plan); // a synchronous request's own errors reach the page as they would
    Promise.resolve().then(() => prepare(req)).then((p) => {
      if (xhr[XHR_STATE] !== s) return; // the page opened it again meanwhile
      if (s.aborted) {
        for (const type of ['abort', 'loadend']) xhr.dispatchEvent(new ProgressEvent(type));
        return;
      }
      decided(p);
    }).catch(refused);
    return undefined;
  }

  return {
    version: core.version,
    ajaxSetup,
    ajaxPrefilter,
    ajax: (settings) => ajax(settings),
    fetch: (input, init) => fetchAPI(input, init),
    install,
    diagnostics: () => ({ ...core.diagnostics(), wasmMemoryBytes: memoryBytes() }),
  };
}
