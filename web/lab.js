// The CORS lab: pick a scenario and the request's settings (kept in the URL,
// so a case can be shared by link), run it through credfetch, and show the
// preflight and the actual exchange as the server saw them, the browser's
// outcome as the page saw it, the reason the server can tell, the same
// request in credfetch, jQuery and fetch, and the cors.Config that would let
// it through.

import { config, el, exchangesOf, getJSON, lastSeq, LiveLog, loadHelper, randomID, renderExchange } from '/demo.js';
import { addAnswer, answerFromURL, answerParams, answerProblem, fixedQuery, isCustom, readAnswer, showAnswerForm, writeAnswer } from '/lab-custom.js';
import { showDiagnosis } from '/lab-console.js';
import { doctorCommand, doctorURL } from '/lab-doctor.js';
import { hideCookieNote, SessionPanel, showCookieNote } from '/lab-session.js';
import { runInSandbox, showNullWarning } from '/lab-null.js';
import { addCopyButtons } from '/copy.js';
import { foldedExchange, fullText, headline, reasonLine } from '/result.js';
import { initCookies } from '/lab-cookies.js';

const $ = (id) => document.getElementById(id);
const helper = loadHelper();
// tab ties this page's exchanges together in the server's log. It stays the
// same for the page's life, so that repeated runs use the same URL and the
// browser's preflight cache can show.
const tab = randomID();
const fields = ['scenario', 'method', 'credentials', 'transport', 'body', 'headers'];
let runs = 0;
// lastRun is the settings of the last run, as their URL, and its outcome.
let lastRun = null;
// lastFix is the policy the last run's result suggests, for "apply".
let lastFix = null;
// scenarioNamed finds a scenario by name (set by main).
let scenarioNamed = () => undefined;

// Settings <-> form <-> URL.
function readForm() {
  const s = {};
  for (const f of fields) s[f] = $(f).value;
  if (isCustom(scenarioNamed(s.scenario))) s.answer = readAnswer();
  return s;
}

function writeForm(s) {
  for (const f of fields) if (s[f] !== undefined) $(f).value = s[f];
  if (s.answer) writeAnswer(s.answer);
}

function defaultsOf(sc) {
  const d = sc.defaults;
  const headers = Object.entries(d.headers || {}).map(([k, v]) => `${k}: ${v}`).join('\n');
  const s = { scenario: sc.name, method: d.method, credentials: d.credentials, transport: 'fetch', body: d.body || '', headers };
  if (d.answer) s.answer = { ...d.answer };
  return s;
}

// offered lists the values a menu of the form offers.
const offered = (id) => [...$(id).options].map((o) => o.value);
const menuLabel = { scenario: 'Scenario', method: 'Method', credentials: 'Credentials', transport: 'Transport', body: 'Body' };

// shorten keeps a value from the URL short enough to show.
const shorten = (v) => (v.length > 40 ? `${v.slice(0, 40)}…` : v);

// settingsFromURL reads the settings in the page's URL, each checked against
// its menu: a value the menu does not offer falls back to the scenario's
// default, with a notice naming the parameter, the value and what the lab
// uses instead. A lower-case method the menu offers is upper-cased.
function settingsFromURL(params, byName, fallback) {
  const notices = [];
  const bad = (name, value, used, choices) => notices.push(
    `${name}=“${shorten(value)}” is not offered by the ${menuLabel[name]} menu, so the lab uses ${used === '' ? 'none' : used} instead. ` +
    (choices ? `Pick one of ${choices.map((c) => c || 'none').join(', ')}.` : 'Pick one from the menu.'));
  let sc = fallback;
  if (params.has('scenario')) {
    const want = params.get('scenario');
    if (byName.has(want)) sc = byName.get(want);
    else bad('scenario', want, fallback.name);
  }
  const s = defaultsOf(sc);
  for (const f of ['method', 'credentials', 'transport', 'body']) {
    if (!params.has(f)) continue;
    const menu = offered(f);
    let v = params.get(f);
    if (f === 'method' && menu.includes(v.toUpperCase())) v = v.toUpperCase();
    if (menu.includes(v)) s[f] = v;
    else bad(f, v, s[f], menu);
  }
  if (params.has('headers')) s.headers = params.get('headers');
  if (s.answer && answerParams.some((p) => params.has(p))) s.answer = answerFromURL(params);
  return { settings: s, notices };
}

// showNotices lists what was wrong with the URL's settings, one line each.
function showNotices(notices) {
  const box = $('url-notice');
  box.replaceChildren(...notices.map((n) => el('li', { text: n })));
  box.hidden = notices.length === 0;
}

function settingsURL(s) {
  const q = new URLSearchParams();
  for (const f of fields) if (s[f]) q.set(f, s[f]);
  // An answer with every field empty still marks the link as holding one.
  if (s.answer) addAnswer(q, Object.keys(s.answer).length ? s.answer : { acao: '' });
  return `${location.pathname}?${q}`;
}

function parseHeaders(text) {
  const out = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

const simpleMethods = ['GET', 'HEAD', 'POST'];
const safelistedHeaders = ['accept', 'accept-language', 'content-language'];
const simpleTypes = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

// needsPreflight says whether the browser must ask first.
function needsPreflight(s) {
  if (!simpleMethods.includes(s.method) || s.body === 'json') return true;
  return Object.entries(parseHeaders(s.headers)).some(([name, value]) => {
    const n = name.toLowerCase();
    if (n === 'content-type') return !simpleTypes.includes(value.split(';')[0].trim().toLowerCase());
    return !safelistedHeaders.includes(n);
  });
}

// Code generation.
const q = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function objectLiteral(obj) {
  const parts = Object.entries(obj).map(([k, v]) => `${q(k)}: ${q(shortValue(v))}`);
  return parts.length ? `{ ${parts.join(', ')} }` : '{}';
}

// shortValue cuts a long header value for the code samples, saying how long
// it was, so that a huge value does not fill the page.
function shortValue(v) {
  return v.length > 64 ? `${v.slice(0, 64)}… (${v.length} characters)` : v;
}

// maxLabHeaderBytes bounds each header value the lab sends: servers refuse
// request headers that large before any CORS check (the API origin answers
// 431 over 64 KiB in all), which would teach nothing about CORS.
const maxLabHeaderBytes = 8192;

// oversizedHeader returns the first header whose value is over
// maxLabHeaderBytes in UTF-8, with its size, or null.
function oversizedHeader(headers) {
  for (const [name, value] of Object.entries(headers)) {
    const bytes = new TextEncoder().encode(value).length;
    if (bytes > maxLabHeaderBytes) return { name, bytes };
  }
  return null;
}

// fetchOutcome is the fetch sample's last comment: what the lab's run of
// these settings showed (seen: 'ok', 'blocked', 'error' or 'invalid'), or,
// before a run, what a refusal would look like.
function fetchOutcome(seen) {
  switch (seen) {
    case 'ok': return '// Allowed: the lab\'s run of these settings got the response.';
    case 'blocked': return '// Blocked: fetch rejects with TypeError: Failed to fetch.';
    case 'invalid': return '// Not sent: credfetch refuses this input; fetch() throws on a bad header name and drops a forbidden one without a word.';
    case 'error': return '// The lab\'s run failed without a CORS refusal (see its result).';
    default: return '// Run the case to see the outcome; a CORS refusal rejects with TypeError: Failed to fetch.';
  }
}

function codeFor(settings, url, apiOrigin, seen) {
  const s = { ...settings, method: settings.method || 'GET' };
  const headers = parseHeaders(s.headers);
  const hasBody = s.body && !['GET', 'HEAD'].includes(s.method);
  const cf = [`const res = await credfetch.ajax({`, `  url: ${q(url)},`, `  method: ${q(s.method)},`];
  if (Object.keys(headers).length) cf.push(`  headers: ${objectLiteral(headers)},`);
  if (hasBody && s.body === 'json') cf.push(`  data: { hello: 'lab' },  // an object is sent as JSON`);
  if (hasBody && s.body === 'text') cf.push(`  body: 'hello from the lab',`);
  cf.push(`  credentials: ${q(s.credentials)},`, `  transport: ${q(s.transport)},`, `});`,
    `// A CORS failure rejects with err.code === 'cors' (the server answered a probe without CORS)`,
    `// or 'network' (it did not): the browser hides why; DevTools shows Chrome's reason.`);
  const credfetchCode = [`import { load } from '/credfetch.js';`, `const credfetch = await load();`, '', ...cf].join('\n');

  const jq = [];
  if (s.credentials === 'include') {
    jq.push(`// Once: send cookies to the API origin, and only there.`,
      `$.ajaxPrefilter((options) => {`,
      `  if (new URL(options.url, location.href).origin === ${q(apiOrigin)}) {`,
      `    options.xhrFields = { withCredentials: true };`,
      `  }`,
      `});`, '');
  } else {
    jq.push(`// withCredentials stays false: no cookies cross origins.`, '');
  }
  jq.push(`$.ajax({`, `  url: ${q(url)},`, `  method: ${q(s.method)},`);
  if (Object.keys(headers).length) jq.push(`  headers: ${objectLiteral(headers)},`);
  if (hasBody && s.body === 'json') jq.push(`  contentType: 'application/json',`, `  data: JSON.stringify({ hello: 'lab' }),`);
  if (hasBody && s.body === 'text') jq.push(`  contentType: 'text/plain',`, `  data: 'hello from the lab',`);
  jq.push(`})`, `  .done((data, status, xhr) => console.log(xhr.status, data))`,
    `  .fail((xhr) => console.log(xhr.status));  // 0: blocked, reason hidden`);

  const fh = { ...headers };
  if (hasBody && s.body === 'json') fh['Content-Type'] = 'application/json';
  const fe = [`const res = await fetch(${q(url)}, {`, `  method: ${q(s.method)},`];
  if (Object.keys(fh).length) fe.push(`  headers: ${objectLiteral(fh)},`);
  if (hasBody && s.body === 'json') fe.push(`  body: JSON.stringify({ hello: 'lab' }),`);
  if (hasBody && s.body === 'text') fe.push(`  body: 'hello from the lab',`);
  fe.push(`  credentials: ${q(s.credentials)},`, `});`, fetchOutcome(seen));
  return { credfetch: credfetchCode, jquery: jq.join('\n'), fetch: fe.join('\n') };
}

async function main() {
  const [cfg, { scenarios }] = await Promise.all([config(), getJSON('/scenarios.json')]);
  // run=1 in a shared link runs the case once the helper is loaded; read it
  // before refresh() rewrites the URL without it.
  const autorun = new URLSearchParams(location.search).get('run') === '1';
  for (const id of ['result', 'code', 'fix']) addCopyButtons($(id));
  initCookies(cfg);
  const byName = new Map(scenarios.map((sc) => [sc.name, sc]));
  const select = $('scenario');
  for (const sc of scenarios) select.append(el('option', { value: sc.name, text: `${sc.title}` }));

  scenarioNamed = (name) => byName.get(name);
  const fromURL = settingsFromURL(new URLSearchParams(location.search), byName, scenarios[0]);
  writeForm(fromURL.settings);
  showNotices(fromURL.notices);

  const refresh = () => {
    const s = readForm();
    const sc = byName.get(s.scenario);
    history.replaceState(null, '', settingsURL(s));
    $('share').href = settingsURL(s);
    $('share-run').href = `${settingsURL(s)}&run=1`;
    $('scenario-title').textContent = sc.title;
    $('scenario-server').textContent = sc.server;
    $('scenario-browser').textContent = sc.browser;
    $('scenario-why').textContent = sc.why;
    $('scenario-try').textContent = sc.try ? sc.try.replaceAll('{method}', s.method) : '—';
    showAnswerForm(sc);
    $('target').textContent = cfg.apiOrigin + sc.path + (s.answer ? `?${addAnswer(new URLSearchParams(), s.answer)}` : '');
    const seen = lastRun && lastRun.url === settingsURL(s) ? lastRun.outcome : undefined;
    const code = codeFor(s, cfg.apiOrigin + sc.path, cfg.apiOrigin, seen);
    $('code-credfetch').textContent = code.credfetch;
    $('code-jquery').textContent = code.jquery;
    $('code-fetch').textContent = code.fetch;
  };
  select.addEventListener('change', () => {
    writeForm(defaultsOf(byName.get(select.value)));
    refresh();
  });
  for (const f of fields) if (f !== 'scenario') $(f).addEventListener('change', refresh);
  $('headers').addEventListener('input', refresh);
  $('answer').addEventListener('input', refresh);
  refresh();

  const logBox = $('log');
  const live = new LiveLog((entry) => {
    logBox.prepend(renderExchange(entry, { compact: true }));
    while (logBox.childElementCount > 6) logBox.lastElementChild.remove();
  });
  live.onLost = (note) => logBox.prepend(el('p', { class: 'muted', text: `… ${note.message}` }));
  await Promise.race([live.connect(), new Promise((r) => setTimeout(r, 2000))]);

  const credfetch = await helper;
  if (!credfetch) return;
  const session = new SessionPanel(credfetch, cfg);
  // The panel's first answer, unless the API origin is slow: Run waits no longer.
  await Promise.race([session.check(), new Promise((r) => setTimeout(r, 3000))]);
  const run = $('run');
  run.disabled = false;
  $('lab-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    run.disabled = true;
    try {
      const s = readForm();
      lastRun = { url: settingsURL(s), outcome: await runOnce(credfetch, cfg, byName.get(s.scenario), s, session) };
      refresh();
    } finally {
      run.disabled = false;
    }
  });
  $('apply-fix').addEventListener('click', async () => {
    if (!lastFix) return;
    run.disabled = $('apply-fix').disabled = true;
    try {
      const s = readForm();
      await runOnce(credfetch, cfg, byName.get(s.scenario), s, session, lastFix);
    } finally {
      run.disabled = $('apply-fix').disabled = false;
    }
  });
  if (autorun) $('lab-form').requestSubmit();
}

// runOnce sends the request, collects its exchanges from the server's log,
// and shows the result. With a fix, the request goes to /lab/fixed, which
// answers with the cors package configured by the fix's policy.
async function runOnce(credfetch, cfg, sc, s, session, fix) {
  const result = $('result');
  result.dataset.state = 'running';
  const since = await lastSeq();
  const query = fix ? fixedQuery(fix) : addAnswer(new URLSearchParams(), s.answer);
  query.set('cred', s.credentials);
  query.set('transport', s.transport);
  query.set('tab', tab);
  const target = `${cfg.apiOrigin}${fix ? '/lab/fixed' : sc.path}?${query}`;
  const req = {
    url: target,
    method: s.method,
    headers: parseHeaders(s.headers),
    credentials: s.credentials,
    transport: s.transport,
    dataType: 'text',
    validateStatus: null,
    timeout: 10000,
  };
  if (!['GET', 'HEAD'].includes(s.method)) {
    if (s.body === 'json') req.data = { hello: 'lab' };
    if (s.body === 'text') req.body = 'hello from the lab';
  }
  let outcome;
  const big = oversizedHeader(req.headers);
  const badAnswer = !fix && s.answer ? answerProblem(s.answer) : '';
  if (badAnswer) {
    const err = new Error(badAnswer.replace(/\.$/, ''));
    err.code = 'invalid';
    err.field = 'answer';
    outcome = { ok: false, err };
  } else if (big) {
    const err = new Error(`header ${big.name} is ${big.bytes} bytes, over the lab's ${maxLabHeaderBytes}: servers refuse request headers that large before any CORS check (this API answers 431 over 64 KiB in all)`);
    err.code = 'invalid';
    outcome = { ok: false, err };
  } else {
    try {
      outcome = sc.sandboxed ? await runInSandbox(req) : { ok: true, res: await credfetch.ajax(req) };
    } catch (err) {
      outcome = { ok: false, err };
    }
  }
  const settled = (xs) => xs.some((x) => !x.browser.ok) ||
    xs.some((x) => x.kind !== 'preflight' && x.browser.ok && !x.browser.redirect);
  const exchanges = big || badAnswer ? [] : await exchangesOf(tab, since, settled);
  show(sc, s, outcome, exchanges);
  result.dataset.applied = fix ? 'fix' : '';
  if (fix) $('outcome').prepend('With the suggested policy applied: ');
  showDiagnosis(exchanges, doctorCommand({ pageOrigin: cfg.pageOrigin, url: doctorURL(target), method: s.method,
    headers: req.headers, body: s.body, credentials: s.credentials, transport: s.transport }), $('outcome').dataset.outcome);
  showNullWarning(exchanges);
  if ($('outcome').dataset.outcome === 'invalid') hideCookieNote();
  else await showCookieNote(exchanges, s, session, sc.sandboxed);
  runs++;
  result.dataset.runs = String(runs);
  result.dataset.state = 'done';
  return $('outcome').dataset.outcome;
}

// showInputError shows a request credfetch refused before sending it: an
// input error, not a CORS outcome, so no reason, preflight or fix.
function showInputError(err) {
  const out = $('outcome');
  out.dataset.outcome = 'invalid';
  out.className = 'badge invalid';
  // The helper's message names the method and URL first; the lab shows those.
  const detail = err.message.replace(/^.*?invalid request: /, '');
  const token = /is not an HTTP token/.test(detail) ? ' (a name is letters, digits and !#$%&\'*+-.^_`|~, no spaces)' : '';
  const what = err.field === 'answer' ? 'the server\'s answer' : 'the request headers';
  out.textContent = `Input error, nothing was sent: ${detail}${token}. Change ${what} and run again.`;
  $('reason').hidden = true;
  $('why-more').hidden = true;
  $('readable').replaceChildren();
  $('exchanges').hidden = true;
  $('fix').hidden = true;
}

function show(sc, s, outcome, exchanges) {
  $('result').hidden = false;
  if (!outcome.ok && outcome.err.code === 'invalid' && !exchanges.length) {
    showInputError(outcome.err);
    return;
  }
  $('reason').hidden = false;
  $('why-more').hidden = false;
  $('exchanges').hidden = false;
  const failing = exchanges.find((x) => !x.browser.ok);
  const preflights = exchanges.filter((x) => x.kind === 'preflight');
  const actuals = exchanges.filter((x) => x.kind !== 'preflight');

  const out = $('outcome');
  // XMLHttpRequest reports a refused response as status 0; whatever the
  // helper makes of it, the page got nothing.
  const zero = outcome.ok ? outcome.res.status === 0
    : outcome.err.code !== 'network' && outcome.err.code !== 'cors' && outcome.err.response && outcome.err.response.status === 0;
  if (zero) {
    out.dataset.outcome = 'blocked';
    out.className = 'badge blocked';
  } else if (outcome.ok) {
    out.dataset.outcome = 'ok';
    out.className = 'badge ok';
  } else {
    const e = outcome.err;
    out.dataset.outcome = e.code === 'network' || e.code === 'cors' ? 'blocked' : 'error';
    out.className = 'badge blocked';
  }
  // The reason first, in one sentence; the long text is folded below.
  out.textContent = headline(outcome, failing, exchanges, zero);
  fullText($('why-full'), outcome, failing, exchanges);

  const reason = $('reason');
  reason.dataset.corsError = failing ? failing.browser.corsError : '';
  reason.replaceChildren(...reasonLine(failing, exchanges));

  const readable = $('readable');
  readable.replaceChildren();
  if (outcome.ok && !zero) {
    const names = Object.keys(outcome.res.headers || {}).sort();
    const last = actuals[actuals.length - 1];
    const hidden = last ? (last.browser.hidden || []).filter((h) => !h.startsWith('Access-Control-') && h !== 'Vary' && h !== 'Date') : [];
    readable.append('Headers the page can read: ', el('code', { id: 'readable-headers', text: names.join(', ') || '(none)' }));
    if (hidden.length) readable.append('. Sent but hidden from the page: ', el('code', { id: 'hidden-headers', text: hidden.join(', ') }));
  }

  const pre = $('preflight');
  pre.replaceChildren(...preflights.map(foldedExchange));
  const preNote = $('preflight-note');
  if (preflights.length) {
    preNote.dataset.preflight = 'sent';
    preNote.textContent = 'The browser asked first, with OPTIONS, and sent no cookie with it.';
  } else if (needsPreflight(s) && actuals.length) {
    preNote.dataset.preflight = 'cached';
    preNote.textContent = 'None this time, although the request needs one: the browser reused a cached preflight answer (Access-Control-Max-Age, or 5 seconds without it).';
  } else if (needsPreflight(s)) {
    preNote.dataset.preflight = 'missing';
    preNote.textContent = 'The request needs a preflight, but the server saw none.';
  } else {
    preNote.dataset.preflight = 'none';
    preNote.textContent = 'Not needed: a simple request (GET, HEAD or POST with only safelisted headers).';
  }
  $('actual').replaceChildren(...actuals.map(foldedExchange));
  $('actual-note').textContent = actuals.length
    ? (actuals.length > 1 ? `${actuals.length} requests: the browser followed the redirect.` : '')
    : 'Never sent: the preflight failed, so the browser stopped before the actual request.';

  const fixFrom = failing || preflights[0] || actuals[0];
  const fixBox = $('fix');
  lastFix = fixFrom && fixFrom.fix && fixFrom.fix.json ? fixFrom.fix : null;
  // A run that passed needs no fix: the policy is there to read, folded.
  $('apply-fix').hidden = !lastFix || !failing;
  $('fix-body').open = Boolean(failing);
  if (fixFrom && fixFrom.fix) {
    const f = fixFrom.fix;
    fixBox.hidden = false;
    $('fix-note').textContent = f.note || (failing
      ? `With this policy in place of the server's answer, the cors package decides “${f.reason}” for this request.`
      : `A minimal policy that allows this request; the cors package decides “${f.reason}” with it.`);
    $('fix-config').textContent = f.config || '';
    $('fix-json').textContent = f.json || '';
    $('fix-flags').textContent = f.flags || '';
  } else {
    fixBox.hidden = true;
  }
}

main().catch((err) => {
  const error = $('error');
  error.hidden = false;
  error.textContent = `The lab failed to start: ${err.message}`;
});
