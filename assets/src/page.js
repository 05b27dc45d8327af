// The page a request comes from: its location and base URL, and which
// origins install() governs.
import { WIRE_CHARS } from './wire.js';
import { instanceOf } from './values.js';

export function pageHref() {
  // A document's URL is its location's href; Chromium reads it many times
  // faster (no cross-origin access check), and every request reads it.
  const href = globalThis.document ? globalThis.document.URL : globalThis.location?.href;
  return typeof href === 'string' && !WIRE_CHARS.test(href) ? href : '';
}

/**
 * putPage adds the page's location to a message for Go ("page") and, when a
 * <base> element moves it, the document's base URL ("base"), which relative
 * URLs resolve against as in the browser's own fetch() and XMLHttpRequest.
 * @param {string[]} parts the message's fields
 */
export function putPage(parts) {
  const page = pageHref();
  if (!page) return;
  parts.push('page', page);
  const base = globalThis.document?.baseURI;
  if (typeof base === 'string' && base !== page && !WIRE_CHARS.test(base)) parts.push('base', base);
}

/**
 * pageURL parses a string or URL as the browser resolves a request's URL
 * (against the document's base URL), or returns null.
 * @param {unknown} v
 * @returns {URL | null}
 */
export function pageURL(v) {
  if (typeof v !== 'string' && !instanceOf(v, 'URL')) return null;
  try {
    return new URL(/** @type {string | URL} */ (v), globalThis.document?.baseURI ?? globalThis.location?.href);
  } catch {
    return null;
  }
}

/**
 * originMatcher matches URLs against install()'s origins, which the Go side
 * has checked: exact origins, and scheme://*.domain[:port] patterns.
 * @param {string[]} list
 * @returns {(u: URL | null) => boolean}
 */
export function originMatcher(list) {
  const exact = new Set();
  /** @type {{protocol: string, port: string, dot: string}[]} */
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
