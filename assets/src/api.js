// The API object load() resolves with, over the functions the Go half
// registers.
import { ajax } from './ajax.js';
import { Engine } from './engine.js';
import { fetchAPI } from './fetchapi.js';
import { install } from './install.js';
import { ajaxPrefilter, ajaxSetup } from './setup.js';

/**
 * makeAPI returns the credfetch API over core, the Go half's functions.
 * @param {any} core the object credfetch.wasm registered
 * @param {() => number} memoryBytes the size of the wasm memory
 */
export function makeAPI(core, memoryBytes) {
  const eng = new Engine(core);
  return {
    version: core.version,
    ajaxSetup: (/** @type {unknown} */ settings) => ajaxSetup(eng, settings),
    ajaxPrefilter: (/** @type {unknown} */ fn) => ajaxPrefilter(eng, fn),
    ajax: (/** @type {unknown} */ settings) => ajax(eng, settings),
    fetch: (/** @type {unknown} */ input, /** @type {unknown} */ init) => fetchAPI(eng, input, init),
    install: (/** @type {unknown} */ options) => install(eng, options),
    diagnostics: () => ({ ...core.diagnostics(), wasmMemoryBytes: memoryBytes() }),
  };
}
