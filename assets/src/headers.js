// Headers as the API moves them: [name, value] pairs, objects, and what the
// browser's own classes answer.

/**
 * headersObject turns pairs into an object, values of one name joined.
 * @param {[string, string][]} pairs
 * @returns {Record<string, string>}
 */
export function headersObject(pairs) {
  /** @type {Record<string, string>} */
  const o = {};
  for (const [k, v] of pairs) o[k] = k in o ? `${o[k]}, ${v}` : v;
  return o;
}

/**
 * joinedHeaders maps lower-case names to their values joined as the Headers
 * class joins them.
 * @param {[string, string][]} pairs
 */
export function joinedHeaders(pairs) {
  /** @type {Map<string, string>} */
  const m = new Map();
  for (const [k, v] of pairs) {
    const key = k.toLowerCase();
    m.set(key, m.has(key) ? `${m.get(key)}, ${v}` : v);
  }
  return m;
}

/**
 * hasHeader reports whether pairs hold a header of that name, in any case.
 * @param {[string, string][]} pairs
 * @param {string} name
 */
export function hasHeader(pairs, name) {
  const lower = name.toLowerCase();
  return pairs.some(([k]) => k.toLowerCase() === lower);
}

/**
 * dataTypeOf picks how to read a body from its Content-Type.
 * @param {string | undefined} contentType
 */
export function dataTypeOf(contentType) {
  const mt = (contentType || '').split(';')[0].trim().toLowerCase();
  return mt === 'application/json' || mt.endsWith('+json') ? 'json' : 'text';
}

/**
 * parseJSON reads a JSON body; an empty one is null.
 * @param {string} text
 */
export function parseJSON(text) {
  if (text === '') return null; // an empty body (204, HEAD) is no data, not a JSON error
  try {
    return JSON.parse(text);
  } catch (e) {
    /** @type {any} */
    const err = new TypeError(`the response body is not valid JSON (dataType 'json'; use dataType 'text' to read it as it is): ${e.message}`);
    err.badJSON = true;
    throw err;
  }
}

/**
 * xhrHeaders reads an XMLHttpRequest's response headers into an object of
 * lower-case names.
 * @param {XMLHttpRequest} xhr
 */
export function xhrHeaders(xhr) {
  /** @type {Record<string, string>} */
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
