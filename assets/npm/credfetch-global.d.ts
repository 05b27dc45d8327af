// credfetch-global.js is the classic-script form of credfetch: loaded with
// <script src=".../credfetch-global.js">, it sets window.credfetch at once,
// with a `ready` Promise that resolves with the API. It exports nothing; its
// global is declared with the API in credfetch.d.ts.
import type {} from './credfetch.js';
export {};
