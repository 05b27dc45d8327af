// Shared code of the demo pages (index.html and lab.html): the demo server's
// configuration, the credfetch loader with a status line, the live log over
// Server-Sent Events, and the rendering of one exchange. Everything that
// comes from the server is put on the page with textContent, never as HTML.

import { load } from '/credfetch.js';

/** el builds an element: el('p', {class: 'x'}, 'text', child, ...). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

let configPromise = null;

/** config resolves with /demo-config.json: apiOrigin, pageOrigin, version, mode, cookie. */
export function config() {
  configPromise ??= fetch('/demo-config.json', { cache: 'no-store' }).then((res) => {
    if (!res.ok) throw new Error(`/demo-config.json: HTTP ${res.status}`);
    return res.json();
  });
  return configPromise;
}

/** getJSON fetches a same-origin JSON document. */
export async function getJSON(path) {
  const res = await fetch(path, { cache: 'no-store' });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

/**
 * loadHelper loads credfetch and says so in #status, or shows the loader's
 * error in #error. It resolves with the API, or null when loading failed.
 */
export async function loadHelper() {
  const status = document.getElementById('status');
  const error = document.getElementById('error');
  try {
    const credfetch = await load();
    status.className = 'status ok';
    status.replaceChildren('Loaded credfetch ', el('strong', { id: 'version', text: credfetch.version }), '.');
    return credfetch;
  } catch (err) {
    status.hidden = true;
    error.hidden = false;
    error.textContent = err.message;
    return null;
  }
}

/**
 * LiveLog follows the API origin's live log over Server-Sent Events
 * (/events on this page's origin). It keeps the last `limit` exchanges and
 * calls onEntry for each new one, and onLost (when set) with {lost, message}
 * when the server left exchanges out of the stream. EventSource reconnects by
 * itself and sends Last-Event-ID, so the server replays what was missed.
 */
export class LiveLog {
  constructor(onEntry, limit = 200) {
    this.entries = [];
    this.limit = limit;
    this.onEntry = onEntry;
    this.source = null;
  }

  /** connect opens the stream and resolves once it is open. */
  connect() {
    return new Promise((resolve) => {
      this.source = new EventSource('/events');
      this.source.addEventListener('open', () => resolve(), { once: true });
      this.source.addEventListener('exchange', (ev) => {
        let entry;
        try { entry = JSON.parse(ev.data); } catch { return; }
        if (this.entries.length && entry.seq <= this.entries[this.entries.length - 1].seq) return;
        this.entries.push(entry);
        if (this.entries.length > this.limit) this.entries.shift();
        this.onEntry(entry);
      });
      // The server sends a bounded batch at a time and says how many it left out.
      this.source.addEventListener('lost', (ev) => {
        let note;
        try { note = JSON.parse(ev.data); } catch { return; }
        if (this.onLost) this.onLost(note);
      });
    });
  }
}

/** lastSeq is the newest seq in the server's live log. */
export async function lastSeq() {
  const snap = await getJSON('/log.json?since=18446744073709551615');
  return snap.last;
}

/**
 * exchangesOf polls the live log for the exchanges of one tab after seq,
 * until done(exchanges) is true or timeoutMs passes, and returns them.
 */
export async function exchangesOf(tab, seq, done, timeoutMs = 3000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const snap = await getJSON(`/log.json?since=${seq}&tab=${encodeURIComponent(tab)}`);
    // credfetch's no-cors probe goes to the same URL, so it carries the tab
    // too; it is not part of the request the page made.
    const xs = snap.exchanges.filter((x) => x.kind !== 'probe');
    if (done(xs) || Date.now() > until) return xs;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** headerTable renders header lines as a definition list, one line per value. */
export function headerTable(header) {
  const dl = el('dl', { class: 'headers' });
  for (const name of Object.keys(header || {}).sort()) {
    for (const value of header[name]) {
      dl.append(el('dt', { text: name }), el('dd', { text: value }));
    }
  }
  if (!dl.childElementCount) dl.append(el('dd', { class: 'muted', text: '(none)' }));
  return dl;
}

/** exchangeTitle is the one-line summary of an exchange. */
export function exchangeTitle(e) {
  return `#${e.seq} ${e.method} ${e.path} → ${e.response.status}`;
}

/**
 * renderExchange shows one exchange: the request and response headers
 * exactly as they went, the cors package's decision, and what the browser
 * makes of it.
 */
export function renderExchange(e, { compact = false } = {}) {
  const verdict = e.browser;
  const outcome = !verdict.cors ? 'plain' : verdict.ok ? 'ok' : 'blocked';
  const sides = el('div', { class: 'sides' },
    el('section', {}, el('h5', { text: 'Request headers' }), headerTable(e.request.header)),
    el('section', {}, el('h5', { text: `Response headers (${e.response.status})` }), headerTable(e.response.header)));
  return el('article', { class: `exchange ${outcome}${compact ? ' compact' : ''}`, 'data-seq': e.seq, 'data-kind': e.kind },
    el('h4', {}, el('span', { class: 'kind', text: e.kind }), ' ', exchangeTitle(e)),
    e.kind === 'probe' ? el('p', { class: 'probe-note' }, el('strong', { text: 'credfetch\'s no-cors probe: did the server answer at all?' }),
      ' A HEAD without CORS or cookies, sent after the request failed: any answer means the server is up, so the failure was CORS.') : null,
    el('p', { class: 'meta', text: `Origin: ${e.origin || '(none)'}${e.cookie ? ` · cookie: ${e.cookie}` : ''} · X-Request-Id ${e.requestId} · ${e.durationMs} ms${e.scenario ? ' · scenario ' + e.scenario : ''}` }),
    compact ? el('details', {}, el('summary', { text: 'Request and response headers' }), sides) : sides,
    el('section', { class: 'verdict' },
      el('h5', { text: 'What the browser makes of it' }),
      el('p', { class: `badge ${outcome}`, 'data-cors-error': verdict.corsError || '' },
        verdict.corsError ? `${verdict.corsError}${verdict.failedParameter ? ` (${verdict.failedParameter})` : ''}: ` : '',
        verdict.message),
      verdict.assumed && !compact ? el('p', { class: 'muted', text: 'The request did not say its credentials mode, so this assumes include, the strictest.' }) : null),
    el('details', { class: 'policy' },
      el('summary', { text: `${e.policy.applied ? 'The cors policy decided' : 'The demo\'s cors policy would decide'}: ${e.policy.reason}` }),
      el('pre', { text: e.policy.text })));
}

/** randomID is a short id for tying exchanges to this page. */
export function randomID() {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
