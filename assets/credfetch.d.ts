// TypeScript declarations for credfetch: the ES module loader
// (credfetch.js), the classic-script form (credfetch-global.js, which sets
// window.credfetch), and the API the module builds over the wasm module.

/** Where the loader finds the Go files; both resolve against credfetch.js's URL. */
export interface LoadOptions {
  /** URL of credfetch.wasm (default: beside credfetch.js). */
  wasmURL?: string | URL;
  /** URL of Go's wasm_exec.js from the Go that built the module (default: beside credfetch.js). */
  execURL?: string | URL;
}

/** Loads credfetch once per page and resolves with the API (also `globalThis.credfetch`). */
export function load(options?: LoadOptions): Promise<Credfetch>;

/** How a request carries cookies, HTTP authentication and TLS client certificates. */
export type CredentialsMode = 'omit' | 'same-origin' | 'include';

/** Response body parsing for `ajax`: by default JSON for `application/json` and `+json`, else text. */
export type DataType = 'json' | 'text' | 'arraybuffer' | 'blob';

/** Retries: a number is the limit; off unless the limit is above 0. Only GET, HEAD, PUT, DELETE and OPTIONS are retried. */
export type RetrySettings = number | {
  /** Retries after the first attempt, 0 to 10. */
  limit?: number;
  /** Methods to retry (idempotent ones only); default GET, HEAD, PUT, DELETE, OPTIONS. */
  methods?: string[];
  /** Statuses to retry; default 408, 429 and every 5xx. */
  statusCodes?: number[];
  /** First wait in ms (default 300), doubling each retry, with jitter. */
  delay?: number;
  /** Longest wait in ms (default 10000); a longer Retry-After ends the retries. */
  maxDelay?: number;
};

/** Global defaults, set with `ajaxSetup`. */
export interface Settings {
  /** Prefix of request URLs without a scheme (`'/users'` → `baseURL + '/users'`); its origin is trusted. */
  baseURL?: string | URL;
  /** Credentials for trusted origins (the page's, baseURL's and trustedOrigins); other origins get 'same-origin'. */
  credentials?: CredentialsMode;
  /** Origins (`https://api.example.com`) or subdomain patterns (`https://*.example.com`) that get `credentials`. */
  trustedOrigins?: string[];
  /** Headers sent with every request (merged by name). */
  headers?: HeadersInit;
  /** Whole-request timeout in ms, body included; 0 means none. */
  timeout?: number;
  retry?: RetrySettings;
  /** The browser API that sends requests (default 'fetch'). */
  transport?: 'fetch' | 'xhr';
  mode?: RequestMode;
  redirect?: RequestRedirect;
  cache?: RequestCache;
  referrerPolicy?: ReferrerPolicy;
  /** Copy this readable cookie into `xsrfHeaderName` on requests to the page's origin and trusted origins only. */
  xsrfCookieName?: string;
  xsrfHeaderName?: string;
  /** Turn off the probe after a cross-origin network failure (a HEAD request in mode 'no-cors' that tells a CORS refusal, code 'cors', from an unreachable server, code 'network'). Default false: probe. */
  noCORSProbe?: boolean;
}

/** The settings `ajaxSetup` returns: every field, filled in. */
export interface ResolvedSettings extends Required<Omit<Settings, 'headers' | 'retry' | 'baseURL'>> {
  baseURL: string;
  headers: Record<string, string>;
  /** The retry limit. */
  retry: number;
}

/** Progress of an upload or download (XHR transport). */
export interface Progress {
  loaded: number;
  total: number;
  lengthComputable: boolean;
}

/** One request for `ajax`. Unknown fields are refused, so a typo never goes unnoticed. */
export interface AjaxSettings {
  url: string | URL;
  /** Default 'GET'; standard methods are upper-cased. */
  method?: string;
  /** jQuery's alias of `method`. */
  type?: string;
  headers?: HeadersInit;
  /** Sent as it is. */
  body?: BodyInit;
  /** jQuery style: a plain object is sent as JSON (or as the query string of a GET or HEAD); a string or body value as it is. */
  data?: BodyInit | Record<string, unknown> | unknown[];
  dataType?: DataType;
  credentials?: CredentialsMode;
  /** jQuery's `xhrFields: { withCredentials: true }` means credentials 'include'. */
  xhrFields?: { withCredentials?: boolean };
  mode?: RequestMode;
  redirect?: RequestRedirect;
  cache?: RequestCache;
  referrerPolicy?: ReferrerPolicy;
  /** Overrides the default timeout (ms); 0 turns it off. */
  timeout?: number;
  retry?: RetrySettings;
  transport?: 'fetch' | 'xhr';
  signal?: AbortSignal;
  /** XHR transport only. */
  onUploadProgress?: (progress: Progress) => void;
  /** XHR transport only. */
  onDownloadProgress?: (progress: Progress) => void;
  /** Which statuses resolve; default 200-299; null accepts every status. */
  validateStatus?: ((status: number) => boolean) | null;
}

/** What `ajax` resolves with. */
export interface AjaxResponse<T = unknown> {
  status: number;
  statusText: string;
  /** The exposed response headers, lower-case names. */
  headers: Record<string, string>;
  /** The final URL, after redirects. */
  url: string;
  redirected: boolean;
  data: T;
}

/** The settings object a prefilter gets and may change. */
export interface PrefilterSettings {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: BodyInit;
  credentials: CredentialsMode;
  /** Setting `withCredentials` here, as the classic `$.ajaxPrefilter` does, sets credentials. */
  xhrFields: { withCredentials: boolean };
  mode?: RequestMode;
  redirect?: RequestRedirect;
  cache?: RequestCache;
  referrerPolicy?: ReferrerPolicy;
  timeout?: number;
}

/** Runs before every request; may change `settings`, return a Promise, or throw (or return false) to cancel that request. */
export type Prefilter = (settings: PrefilterSettings) => void | boolean | Promise<void | boolean>;

/** Tells failures apart. */
export type ErrorCode = 'timeout' | 'abort' | 'network' | 'cors' | 'http' | 'invalid';

/**
 * How `ajax` and `fetch` reject. `invalid`, `network` and `cors` errors are
 * `TypeError` instances (as `fetch` uses), the others `Error` instances.
 * The message names the bad field (or header value: one that is not
 * Latin-1, or holds CR, LF or NUL, is `invalid`), or for network errors the
 * usual credentialed-CORS causes (the browser hides the real one from
 * pages). After a cross-origin network failure a probe without CORS asks
 * the server again (see `noCORSProbe`): when it answers, the code is `cors`
 * and the message names the server's CORS headers to check; `cors`
 * failures are never retried.
 */
export interface CredfetchError extends Error {
  name: 'TimeoutError' | 'AbortError' | 'NetworkError' | 'CORSError' | 'HTTPError' | 'TypeError';
  code: ErrorCode;
  /** The response, when there was one (always for 'http'). */
  response?: AjaxResponse;
  /** What a prefilter threw, when one canceled the request. */
  cause?: unknown;
}

/** The credfetch API (`window.credfetch`). */
export interface Credfetch {
  readonly version: string;
  /** Resolves with this object once the Go side is up; rejects naming the URL that failed. */
  readonly ready: Promise<Credfetch>;
  /** Merges settings into the defaults of every request and returns the result; throws a TypeError naming a bad field and changes nothing. */
  ajaxSetup(settings: Settings): ResolvedSettings;
  /** Registers a prefilter; returns a function that unregisters it. */
  ajaxPrefilter(fn: Prefilter): () => void;
  /** Sends a request; rejects with a CredfetchError. `ajax(url)` is short for `ajax({ url })`. */
  ajax<T = unknown>(settings: AjaxSettings | string): Promise<AjaxResponse<T>>;
  /** `window.fetch`'s signature and a real Response, with the settings and prefilters applied; never checks the status. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /**
   * Patches window.fetch, XMLHttpRequest and EventSource so that every
   * request the page makes to these origins carries credentials; fetch and
   * XHR requests also pass through the settings and prefilters (an
   * EventSource only gets `withCredentials`, unless the page set it). Others
   * are untouched. Returns a function that restores the originals; a second
   * call adds origins and returns the same one.
   */
  install(options: { origins: string[] }): () => void;
  /** What the module holds, for leak checks and for people chasing one. */
  diagnostics(): Diagnostics;
}

/** What credfetch.diagnostics() reports. */
export interface Diagnostics {
  /** Go functions handed to JavaScript and not yet released (a constant handful). */
  liveCallbacks: number;
  /** Live goroutines of the Go program. */
  goroutines: number;
  /** Size of the module's linear memory, in bytes. */
  wasmMemoryBytes: number;
}

declare global {
  /** Set by credfetch-global.js (with `ready`) or by load(). */
  var credfetch: Credfetch;
}
