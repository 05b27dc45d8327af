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
// Go. The Go half (credfetch.wasm, package wasm/internal/jsapi) holds the settings
// and decides what each request becomes: its URL against baseURL, its
// credentials for its origin, its headers (the settings' and the XSRF
// token's), whether it is valid, whether a failure is retried and after how
// long, and how an error reads. One call into Go per request, one string each
// way: a call into Go costs far more than any JavaScript here.
//
// This file is the entry of the modules in assets/src, each with one job;
// `make js` bundles them with esbuild into assets/credfetch.js, one file,
// because a second one fetched while the wasm module streams in made startup
// slower (measured with the startup benchmark).
import { makeAPI } from './api.js';

const here = import.meta.url;

/** @type {Promise<any> | null} */
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
  return Object.assign(globalThis.credfetch, makeAPI(core, () => /** @type {WebAssembly.Memory} */ (instance.exports.mem).buffer.byteLength));
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

/**
 * instantiate instantiates the compiled module with Go's imports.
 * @param {Promise<WebAssembly.Module>} module
 * @param {string} url
 * @param {WebAssembly.Imports} imports
 * @returns {Promise<WebAssembly.Instance>}
 */
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
