// Reading the values pages pass: their types, their text in messages, and
// what they are, without ever letting a page object's getter or Proxy trap
// throw through.

/** The classes of body values a request may send, besides strings and typed arrays. */
const BODY_CLASSES = ['Blob', 'ArrayBuffer', 'DataView', 'FormData', 'URLSearchParams', 'ReadableStream'];

/**
 * typeName names a value's type in messages: typeof, with null and array.
 * @param {unknown} v
 */
export function typeName(v) {
  if (v === null) return 'null';
  try {
    if (Array.isArray(v)) return 'array';
  } catch { /* a revoked Proxy */ }
  return typeof v;
}

/**
 * describe shows a value in a message: its type, and its text when short.
 * @param {any} v
 */
export function describe(v) {
  const t = typeName(v);
  switch (t) {
    case 'bigint': return `bigint ${v}n`;
    case 'string': return `string ${JSON.stringify(v.length > 60 ? v.slice(0, 60) + '…' : v)}`;
    case 'number': case 'boolean': return `${t} ${v}`;
  }
  return t;
}

/**
 * reasonText is the text of a failure: an Error's message alone, any other
 * value as errText writes it; like errText, it never throws.
 * @param {any} e
 */
export function reasonText(e) {
  let m = e;
  try {
    if (e && e.message !== undefined) m = e.message;
  } catch {
    // a throwing getter: describe the value itself
  }
  return errText(m);
}

/**
 * errText describes a thrown value or an abort reason without ever throwing:
 * getters and Proxy traps of page objects may.
 * @param {any} e
 * @returns {string}
 */
export function errText(e) {
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

/**
 * suggest proposes the known field a misspelt k may mean, or ''.
 * @param {string} k
 * @param {readonly string[]} known
 */
export function suggest(k, known) {
  const lower = k.toLowerCase();
  for (const n of known) {
    const ln = n.toLowerCase();
    if (ln === lower || ln === lower + 's' || ln + 's' === lower) return ` (did you mean "${n}"?)`;
  }
  return '';
}

/**
 * isObject reports whether v is a non-null object.
 * @param {unknown} v
 * @returns {v is Record<string, any>}
 */
export function isObject(v) {
  return v !== null && typeof v === 'object';
}

/**
 * isBodyValue reports whether v is a value fetch() and XMLHttpRequest send
 * as a body: a string, a typed array or one of BODY_CLASSES.
 * @param {unknown} v
 */
export function isBodyValue(v) {
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

/**
 * instanceOf reports whether v is an instance of the global class name,
 * false where the page has no such class.
 * @param {unknown} v
 * @param {string} name
 */
export function instanceOf(v, name) {
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
