// The messages of the protocol with the Go half (wasm/internal/jsapi): fields as
// key, value pairs separated by SEP, the parts of a field by ITEM, list
// elements after LIST. Strings holding a separator are refused before they
// are sent.
import { HEADER_KEY, ITEM, LIST, SEP } from './protocol.gen.js';
import { apiError, invalid } from './errors.js';

export { ITEM, LIST, SEP };

/** Matches a string that holds one of the protocol's separators. */
export const WIRE_CHARS = new RegExp(`[${SEP}${ITEM}${LIST}]`);
/** Matches each of the protocol's separators in a string. */
export const WIRE_CHARS_ALL = new RegExp(`[${SEP}${ITEM}${LIST}]`, 'g');

/** Wire builds a message, refusing strings that hold the protocol's separators. */
export class Wire {
  /**
   * @param {string} call the API call, for errors
   * @param {string} path the argument, for errors
   * @param {string} [first] the message's first field (its phase)
   */
  constructor(call, path, first) {
    this.call = call;
    this.path = path;
    /** @type {string[]} */
    this.parts = first === undefined ? [] : [first];
  }

  /**
   * put adds the field key with value, unless value is undefined.
   * @param {string} key
   * @param {unknown} value
   * @param {string} [field] the field's name in errors
   */
  put(key, value, field = key) {
    if (value === undefined) return;
    const s = String(value);
    if (WIRE_CHARS.test(s)) {
      throw invalid(`${this.call}: ${this.path}.${field} holds a NUL, \\x01 or \\x02 character, which no URL, header or setting may hold`);
    }
    this.parts.push(key, s);
  }

  /**
   * raw adds a field this module encoded itself (a retry policy, a list),
   * whose separators are meant; its parts were checked when they were read.
   * @param {string} key
   * @param {string | undefined} value
   */
  raw(key, value) {
    if (value !== undefined) this.parts.push(key, value);
  }

  /**
   * headers adds one field per header.
   * @param {[string, string][] | undefined} pairs
   */
  headers(pairs) {
    if (!pairs) return;
    for (const [k, v] of pairs) {
      if (WIRE_CHARS.test(k)) {
        throw invalid(`${this.call}: ${this.path}.headers: the header name ${JSON.stringify(k)} holds a NUL, \\x01 or \\x02 character, which no header name may hold`);
      }
      this.put(HEADER_KEY + k, v, `headers.${k}`);
    }
  }

  /**
   * millis adds a duration in whole milliseconds, rounded up.
   * @param {string} key
   * @param {number | undefined} ms
   */
  millis(key, ms) {
    if (ms !== undefined) this.parts.push(key, String(Math.ceil(ms)));
  }

  toString() {
    return this.parts.join(SEP);
  }
}

/**
 * wireList writes a list field.
 * @param {Iterable<unknown>} xs
 */
export function wireList(xs) {
  let s = 'l';
  for (const x of xs) s += LIST + x;
  return s;
}

/**
 * parseReply turns a reply of the Go half into an object (its fields, and
 * its headers as [name, value] pairs), or throws the Error it carries with
 * code.
 * @param {string} reply
 * @returns {Record<string, any> & {headers: [string, string][]}}
 */
export function parseReply(reply, code = 'invalid') {
  const f = reply.split(SEP);
  if (f[0] !== 'ok') throw apiError(code, f[1] || `credfetch: malformed reply ${JSON.stringify(reply)}`);
  /** @type {Record<string, any> & {headers: [string, string][]}} */
  const out = { headers: [] };
  for (let i = 1; i + 1 < f.length; i += 2) {
    const k = f[i];
    if (k.startsWith(HEADER_KEY)) out.headers.push([k.slice(HEADER_KEY.length), f[i + 1]]);
    else out[k] = f[i + 1];
  }
  return out;
}
