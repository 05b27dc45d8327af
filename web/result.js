// The lab's result, read first: one sentence that says what happened and
// why, Chrome's reason code on one line, and the long text (the page's whole
// error message, the server's explanation, the header tables) folded into
// <details> a reader opens when they want it.

import { el, exchangeTitle, renderExchange } from '/demo.js';

// whyOf says in a few words why the browser refused, from the server's
// verdict on the failing exchange (Chrome's CorsError names, with or without
// the Preflight prefix). An unknown code falls back to the verdict's own
// first sentence.
export function whyOf(v) {
  const pre = v.corsError.startsWith('Preflight');
  const what = pre ? 'the preflight answer' : 'the response';
  const p = v.failedParameter;
  switch (v.corsError.replace(/^Preflight/, '')) {
    case 'MissingAllowOriginHeader': return `${what} has no Access-Control-Allow-Origin`;
    case 'WildcardOriginNotAllowed': return `${what} says Access-Control-Allow-Origin: * to a request with credentials`;
    case 'AllowOriginMismatch': return `${what} allows the origin ${p}, not this page's`;
    case 'MultipleAllowOriginValues': return `${what}'s Access-Control-Allow-Origin holds several origins`;
    case 'InvalidAllowOriginValue': return `${what}'s Access-Control-Allow-Origin is not an origin`;
    case 'InvalidAllowCredentials': return `${what} lacks Access-Control-Allow-Credentials: true`;
    case 'InvalidStatus': return 'the preflight was not answered with a 2xx status';
    case 'MethodDisallowedByPreflightResponse': return `the preflight answer does not allow the method ${p}`;
    case 'HeaderDisallowedByPreflightResponse':
      return p.includes(',') ? `the preflight answer allows none of the headers ${p}` : `the preflight answer does not allow the header ${p}`;
    case 'InvalidAllowMethodsPreflightResponse': return 'the preflight\'s Access-Control-Allow-Methods is not a list of methods';
    case 'InvalidAllowHeadersPreflightResponse': return 'the preflight\'s Access-Control-Allow-Headers is not a list of header names';
    case 'RedirectContainsCredentials': return 'the redirect\'s Location holds a user name or password';
    default: return v.message.split(/(?<=\.)\s/)[0].replace(/\.$/, '');
  }
}

// pageSaw is what the page's script learned of a failure: credfetch's
// error with the browser's own words inside its message ("Failed to fetch",
// "the XMLHttpRequest failed") and its code.
function pageSaw(err) {
  const inner = /(?:under CORS|network error) \(([^()]*)\)/.exec(err.message || '');
  return `${err.name}${inner ? `: ${inner[1]}` : ''} (code '${err.code}')`;
}

// headline is the result's first sentence: the outcome and why. failing is
// the exchange the browser refused, if any; zero is true when XMLHttpRequest
// reported status 0.
export function headline(outcome, failing, exchanges, zero) {
  const why = failing ? whyOf(failing.browser)
    : exchanges.length ? 'every CORS check passed' : 'the API origin logged no request: the browser sent nothing';
  if (zero) return `Blocked: ${why}, so XMLHttpRequest reported status 0 and the page got nothing.`;
  if (outcome.ok) {
    const r = outcome.res;
    return `Allowed: ${why}, so the page got the response, status ${r.status}${r.redirected ? `, after a redirect to ${r.url}` : ''}.`;
  }
  const e = outcome.err;
  if (e.code === 'network' || e.code === 'cors') return `Blocked: ${why}, so all the page got is ${pageSaw(e)}.`;
  return `Failed: ${pageSaw(e)}; ${why}.`;
}

// reasonLine is the short line under the headline: Chrome's reason code and
// the value it names, as DevTools shows them.
export function reasonLine(failing, exchanges) {
  if (failing) {
    const v = failing.browser;
    const several = v.failedParameter && v.failedParameter.includes(',');
    return ['Chrome\'s reason: ', el('strong', { text: v.corsError }), v.failedParameter ? ` (${v.failedParameter})` : '',
      several ? '; Chrome\'s console names one of them.' : ''];
  }
  if (exchanges.length) return ['Every CORS check passed; Chrome reports no CORS error.'];
  return ['No request reached the API origin.'];
}

// fullText fills the folded explanation: the server's whole reason and,
// after a failure, everything the page's error said.
export function fullText(box, outcome, failing, exchanges) {
  const last = failing || exchanges[exchanges.length - 1];
  box.replaceChildren(
    last ? el('p', {}, 'The server, which saw both sides: ', last.browser.message) : null,
    outcome.ok ? null : el('p', {}, 'All the page learned: ', el('code', { text: `${outcome.err.name}: ${outcome.err.message}` })));
}

// foldedExchange is one exchange on one line, its outcome and the server's
// verdict; the full exchange (headers both ways, the policy's decision)
// opens under it.
export function foldedExchange(x) {
  const v = x.browser;
  const state = !v.cors ? 'plain' : v.ok ? 'ok' : 'blocked';
  const verdict = v.corsError ? `refused: ${v.corsError}` : !v.cors ? 'not a CORS request' : v.ok ? 'passes' : 'refused';
  return el('details', { class: `exchange-row ${state}` },
    el('summary', {}, el('span', { class: 'title', text: exchangeTitle(x) }), ' ', el('span', { class: 'verdict', text: verdict })),
    renderExchange(x));
}
