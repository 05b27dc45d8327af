// The lab's "Cookies across sites" section: for each kind of cookie (SameSite=Lax,
// SameSite=None; Secure, and partitioned), the same-site API origin and an
// origin on another site each set it on a credentialed request, then say
// whether the next credentialed request carried it back. The page cannot see
// these cookies (HttpOnly, another origin's), so it shows what the servers
// report: what they set, what came back, and the reason the cookie's
// attributes lead one to expect. DevTools' Network panel (Cookies tab) shows
// Chrome's own reason; the e2e test checks that the two agree.

import { el } from '/demo.js';

// kinds are the rows, in the servers' order (internal/demo/cookies.go).
const kinds = [
  { kind: 'lax', label: 'SameSite=Lax' },
  { kind: 'none', label: 'SameSite=None; Secure (third-party)' },
  { kind: 'partitioned', label: 'SameSite=None; Secure; Partitioned (CHIPS)' },
];

// columns are the two origins compared side by side.
const columns = (cfg) => [
  { col: 'api', origin: cfg.apiOrigin, title: 'The API origin' },
  { col: 'site', origin: cfg.siteOrigin, title: 'An origin on another site' },
];

// call sends a credentialed request with the browser's own fetch(): the
// cookie rules shown here are the browser's, the same for any library.
async function call(url, method) {
  const res = await fetch(url, { method, credentials: 'include', cache: 'no-store' });
  const text = await res.text();
  if (!res.ok) {
    // The API's errors are {"error": ...}; a refusal before it (the CORS
    // policy's 403) may be plain text.
    let detail = text;
    try { detail = JSON.parse(text).error || text; } catch { /* plain text */ }
    throw new Error(`HTTP ${res.status}: ${detail.slice(0, 200) || 'no error text'}`);
  }
  return JSON.parse(text);
}

// fill shows one cell's outcome and keeps it in data attributes, which the
// e2e test compares with Chrome's own cookie-blocking reasons.
function fill(cell, { set, verdict, fetchSite, error }) {
  cell.dataset.cookieSet = error ? 'error' : 'yes';
  cell.dataset.cookieSent = verdict && verdict.sent ? 'yes' : 'no';
  cell.dataset.cookieReason = verdict ? verdict.reason : '';
  cell.dataset.fetchSite = fetchSite || '';
  cell.className = `cookie-cell ${verdict && verdict.sent ? 'ok' : 'blocked'}`;
  if (error) {
    cell.replaceChildren(el('p', { text: `The request failed: ${error.message}` }));
    return;
  }
  // A reason is what the attributes lead one to expect, not what the page
  // saw: the page only learns that the cookie did not come back.
  const why = verdict.reason
    ? ['Expected reason: ', el('strong', { text: verdict.reason }), ` — ${verdict.why}.`]
    : [`${verdict.why[0].toUpperCase()}${verdict.why.slice(1)}.`];
  cell.replaceChildren(
    el('p', {}, 'Set: the API answered with ', el('code', { text: `Set-Cookie: ${set.setCookie}` })),
    el('p', {}, `Sent back (a ${fetchSite || 'non-browser'} request): `, el('strong', { text: verdict.sent ? 'yes' : 'no' })),
    el('p', { class: 'cookie-why' }, ...why),
  );
}

// tryKind sets the cookie of kind on each origin, then asks each which
// cookies came back.
async function tryKind(cfg, kind, cells) {
  await Promise.all(columns(cfg).map(async ({ col, origin }) => {
    const cell = cells[col];
    cell.dataset.state = 'running';
    try {
      const set = await call(`${origin}/api/cookies/${kind}`, 'POST');
      const report = await call(`${origin}/api/cookies`, 'GET');
      const verdict = report.cookies.find((c) => c.kind === kind);
      fill(cell, { set, verdict, fetchSite: report.fetchSite });
    } catch (error) {
      fill(cell, { error });
    }
    cell.dataset.state = 'done';
  }));
}

/** initCookies builds the section #cookies from /demo-config.json's origins. */
export function initCookies(cfg) {
  const box = document.getElementById('cookies');
  if (!box || !cfg.siteOrigin) return;
  const cols = columns(cfg);
  const head = el('tr', {}, el('th', { text: 'Cookie' }),
    ...cols.map((c) => el('th', {}, `${c.title} `, el('code', { text: c.origin }))));
  const rows = kinds.map(({ kind, label }) => {
    const cells = Object.fromEntries(cols.map((c) => [c.col, el('td', { id: `cookie-${kind}-${c.col}`, class: 'cookie-cell', text: 'Not tried yet.' })]));
    const button = el('button', { type: 'button', id: `cookie-try-${kind}`, text: 'Set, then send' });
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await tryKind(cfg, kind, cells);
      } finally {
        button.disabled = false;
      }
    });
    return el('tr', { 'data-kind': kind }, el('th', { scope: 'row' }, el('code', { text: label }), el('br'), button), ...cols.map((c) => cells[c.col]));
  });
  box.append(
    el('h2', { text: 'Cookies across sites' }),
    el('p', {}, 'Ports do not make sites: ', el('code', { text: cfg.pageOrigin }), ' and the API origin share a site when their hosts match, while ',
      el('code', { text: cfg.siteOrigin }), ' is another site. Each button has both origins set one kind of cookie on a credentialed request, then asks them which cookies the next credentialed request carried. ',
      'The page cannot read these cookies, so the servers say what they set and what came back; DevTools (Network, Cookies) shows Chrome\'s own reason.'),
    el('div', { class: 'cookie-scroll' }, el('table', { id: 'cookie-table', class: 'cookie-table' }, el('thead', {}, head), el('tbody', {}, rows))),
  );
}
