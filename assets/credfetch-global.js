// credfetch loader (classic script).
//
//   <script src="/credfetch-global.js"></script>
//   <script> credfetch.ready.then((credfetch) => { ... }); </script>
//
// Sets window.credfetch at once, with a `ready` Promise that resolves with the
// API (the same object) or rejects with an Error naming the URL that failed.
// Optional attributes: data-wasm-url and data-exec-url, resolved against this
// script's URL.
(function () {
  'use strict';
  const script = document.currentScript;
  const base = script ? script.src : location.href;
  const options = {};
  if (script && script.dataset.wasmUrl) options.wasmURL = new URL(script.dataset.wasmUrl, base).href;
  if (script && script.dataset.execUrl) options.execURL = new URL(script.dataset.execUrl, base).href;
  const api = (window.credfetch && typeof window.credfetch === 'object') ? window.credfetch : {};
  window.credfetch = api;
  api.ready = import(new URL('credfetch.js', base).href).then(
    (m) => m.load(options),
    (err) => { throw new Error(`credfetch: could not load ${new URL('credfetch.js', base).href}: ${err.message}`); },
  );
})();
