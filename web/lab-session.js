// The lab's Session panel: who the API origin sees, a log-in form and a
// log-out button, and what the browser holds for the API origin; and, after
// each run, whether the session cookie went with the request. The session
// cookie is HttpOnly, so page JavaScript can neither read its value nor see
// that it exists: the panel asks the API (GET /api/whoami with credentials),
// and the cookie's attributes come from the server, which sets them.

import { sessionAPI } from '/session.js';

const $ = (id) => document.getElementById(id);

/**
 * cookieFacts reads the server's statement of its session cookie
 * (/demo-config.json's cookie: "NAME=...; Path=/; HttpOnly; SameSite=Lax").
 */
export function cookieFacts(line) {
  const [pair, ...attrs] = line.split(';').map((p) => p.trim()).filter(Boolean);
  const has = (name) => attrs.some((a) => a.toLowerCase() === name.toLowerCase());
  const sameSite = attrs.find((a) => /^samesite=/i.test(a));
  return {
    name: pair.split('=')[0],
    sameSite: sameSite ? sameSite.split('=')[1] : 'Lax', // browsers' default
    secure: has('Secure'),
    partitioned: has('Partitioned'),
    httpOnly: has('HttpOnly'),
  };
}

/**
 * siteNote says whether the page and the API origin are one site for
 * SameSite, naming the two origins this server really runs on: ports do not
 * count, the scheme and the host do (hosts are compared whole, which is
 * exact for localhost and IP addresses, the demo's hosts).
 */
function siteNote(pageOrigin, apiOrigin) {
  let page;
  let api;
  try {
    page = new URL(pageOrigin);
    api = new URL(apiOrigin);
  } catch {
    return '';
  }
  if (page.protocol === api.protocol && page.hostname === api.hostname) {
    return ` (ports do not count: ${page.origin} and ${api.origin} are one site)`;
  }
  return ` (${page.origin} and ${api.origin} have different hosts, so this page's own requests count as cross-site)`;
}

// attributeLines says what each attribute means for this lab.
function attributeLines(f, cfg) {
  return [
    `SameSite=${f.sameSite}: ` + (f.sameSite.toLowerCase() === 'none'
      ? 'sent with cross-site requests too (the browser still applies its third-party cookie rules).'
      : `sent only with requests from the API origin's own site${siteNote(cfg.pageOrigin, cfg.apiOrigin)}, never from another site nor from an opaque origin such as a sandboxed iframe.`),
    f.secure ? 'Secure: sent only over https (and to loopback hosts such as localhost).' : 'Not Secure: sent over http too.',
    f.partitioned ? 'Partitioned (CHIPS): kept apart per top-level site, so it flows even where third-party cookies are blocked.' : 'Not Partitioned: one cookie for the API origin whatever the top-level site.',
    f.httpOnly ? 'HttpOnly: page JavaScript cannot read its value (document.cookie does not show it), so this panel asks the API who it sees instead.' : 'Not HttpOnly: page JavaScript can read it.',
  ];
}

/**
 * SessionPanel runs the panel in #session. check() asks the API who it sees
 * and resolves with {user, held}: held is 'valid', 'none' (no cookie came),
 * 'refused' (a cookie came, but the API refuses it) or 'unknown'.
 */
export class SessionPanel {
  constructor(credfetch, cfg) {
    this.api = sessionAPI(credfetch, cfg.apiOrigin);
    this.facts = cookieFacts(cfg.cookie);
    // Chrome's reason for keeping the session cookie from a sandboxed
    // frame, from the server that sets the cookie ("" when it goes).
    this.sandboxedReason = cfg.sandboxedCookieReason || '';
    this.state = { user: null, held: 'unknown' };
    $('session-cookie-name').textContent = this.facts.name;
    $('session-cookie-attrs').replaceChildren(...attributeLines(this.facts, cfg).map((l) => {
      const li = document.createElement('li');
      li.textContent = l;
      return li;
    }));
    $('session-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      this.act(() => this.api.login($('session-name').value.trim()));
    });
    $('session-logout').addEventListener('click', () => this.act(() => this.api.logout()));
    for (const b of ['session-login', 'session-logout']) $(b).disabled = false;
  }

  // act runs a login or logout, shows an error the API gave, then checks.
  async act(call) {
    const error = $('session-error');
    error.hidden = true;
    try {
      await call();
    } catch (err) {
      error.hidden = false;
      error.textContent = err.response && err.response.data && err.response.data.error
        ? `The API refused: ${err.response.data.error}`
        : `The request failed: ${err.name} (code '${err.code}'): ${err.message}`;
    }
    await this.check();
  }

  /** check asks the API who it sees, with credentials, and shows it. */
  async check() {
    const box = $('session-user');
    try {
      const res = await this.api.whoami('include');
      this.state = { user: res.data.user, held: 'valid' };
    } catch (err) {
      const why = err.response && err.response.data ? String(err.response.data.error || '') : '';
      if (err.response && err.response.status === 401) {
        this.state = { user: null, held: /carried no/.test(why) ? 'none' : 'refused', why };
      } else {
        this.state = { user: null, held: 'unknown', why: `${err.name}: ${err.message}` };
      }
    }
    const s = this.state;
    box.dataset.user = s.user || '';
    box.dataset.held = s.held;
    box.className = `badge ${s.user ? 'ok' : ''}`;
    const name = this.facts.name;
    box.textContent = {
      valid: `The API sees you as ${s.user}: this browser holds a valid ${name} cookie for the API origin and sends it with credentials: 'include'.`,
      none: `The API sees nobody: with credentials: 'include' no ${name} cookie came, so this browser holds no session for the API origin. Log in to get one.`,
      refused: `The API sees nobody: this browser sent a ${name} cookie, but the API refuses it (${s.why}).`,
      unknown: `Cannot ask the API origin who it sees: ${s.why}.`,
    }[s.held];
    return s;
  }
}

/**
 * showCookieNote says in #cookie-note whether the session cookie went with
 * the run's requests, from the API origin's records (each says cookie:
 * 'session', 'other' or 'none', never a value), the credentials mode, and,
 * when no cookie went with 'include', whether this browser holds a session.
 */
export async function showCookieNote(exchanges, s, panel, sandboxed) {
  const box = $('cookie-note');
  const actuals = exchanges.filter((x) => x.kind !== 'preflight');
  const preflights = exchanges.filter((x) => x.kind === 'preflight');
  const name = panel ? panel.facts.name : 'session';
  let key;
  let text;
  let reason = '';
  if (actuals.some((x) => x.cookie === 'session')) {
    key = 'session';
    text = `Cookie: the session cookie (${name}) went with the request.`;
    if (actuals.some((x) => x.cookie === 'session' && !x.browser.ok)) text += ' The server acted as the logged-in user, although the browser keeps its answer from the page.';
    else if (sandboxed) text += ' The sandboxed frame, which any site can make, got the user\'s answer.';
  } else if (!exchanges.length) {
    key = 'unsent';
    text = 'No cookie went: the API origin saw no request.';
  } else if (!actuals.length) {
    key = 'preflight';
    text = 'No cookie went: only the preflight reached the API origin, and preflights never carry cookies.';
  } else if (s.credentials === 'omit') {
    key = 'omit';
    text = 'No cookie went: credentials \'omit\'.';
  } else if (s.credentials === 'same-origin') {
    key = 'same-origin';
    text = 'No cookie went: credentials \'same-origin\' sends cookies only to the page\'s own origin, and the API is on another origin.';
  } else {
    const state = panel ? await panel.check() : { held: 'unknown' };
    if (state.held === 'none') {
      key = 'not-held';
      text = 'No cookie went: this browser holds no session for the API origin — log in above.';
    } else if (state.held === 'valid' && sandboxed) {
      key = 'withheld';
      text = `No cookie went, although this browser holds a session (the API sees ${state.user} from this page): the browser kept the SameSite=${panel.facts.sameSite} cookie from the sandboxed frame, whose opaque origin counts as another site.`;
      reason = panel.sandboxedReason;
      if (reason) text += ` Chrome's reason: ${reason} (DevTools shows it in the request's Cookies tab, with UserPreferences too where third-party cookies are blocked).`;
    } else if (state.held === 'valid') {
      key = 'withheld';
      text = `No cookie went, although this browser holds a session (the API sees ${state.user} from this page): the browser withheld the SameSite=${panel.facts.sameSite} cookie from this request.`;
    } else {
      key = 'not-held';
      text = 'No cookie went: the API refuses or cannot see this browser\'s session (see the Session panel above).';
    }
  }
  if (key !== 'session' && actuals.some((x) => x.cookie === 'other')) text += ' Other cookies went, not the session cookie.';
  if (preflights.length && actuals.length) text += ' The preflight carried none: preflights never carry cookies.';
  box.hidden = false;
  box.dataset.cookie = key;
  if (reason) box.dataset.cookieReason = reason;
  else delete box.dataset.cookieReason;
  box.className = 'reason-line';
  box.textContent = text;
}

/** hideCookieNote hides #cookie-note (an input error sent nothing). */
export function hideCookieNote() {
  $('cookie-note').hidden = true;
}
