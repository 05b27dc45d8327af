// Reading the settings objects pages pass, one error per bad field.
import { MAX_MILLIS } from './protocol.gen.js';
import { invalid } from './errors.js';
import { describe, errText, instanceOf, isObject, suggest, typeName } from './values.js';

/**
 * Reader reads the fields of a settings object a page passed, collecting one
 * error per bad field, each naming the call, the field, what it wants and
 * what it got. Fields outside known are errors: a misspelt one never goes
 * unnoticed.
 */
export class Reader {
  /**
   * With strict false, fields outside known are ignored rather than errors
   * (fetch()'s init passes them to the browser).
   * @param {string} call the API call, for errors
   * @param {string} path the argument, for errors
   * @param {any} obj the object to read
   * @param {readonly string[]} known the fields it may have
   */
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

/** HeadersError says what is wrong with a header collection. */
export class HeadersError extends Error {}

/**
 * readHeaders reads a HeadersInit (a plain object, a Headers or [name, value]
 * pairs) as [name, value] pairs, throwing a HeadersError that says what is
 * wrong (or what a page object threw).
 * @param {any} v
 * @returns {[string, string][]}
 */
export function readHeaders(v) {
  /** @type {[string, string][]} */
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
