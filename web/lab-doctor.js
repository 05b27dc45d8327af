// The credfetch-doctor command line that checks a lab case from a terminal:
// the doctor opens headless Chromium as a page at the lab's page origin,
// sends the same request and prints Chrome's own reason and the fix.

// Words a POSIX shell reads as they are; anything else is single-quoted.
const plainWord = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** shellQuote writes s as one POSIX shell word. */
export function shellQuote(s) {
  const str = String(s);
  if (plainWord.test(str)) return str;
  // Inside single quotes nothing is special but the quote itself, which
  // ends the quoting, is escaped, and starts it again.
  return `'${str.replace(/'/g, `'\\''`)}'`;
}

/**
 * doctorCommand is the credfetch-doctor command line for one lab case.
 * headers is an object of name to value; body is '', 'json' or 'text'. The
 * doctor sends no body, so a JSON body becomes the Content-Type header it
 * would bring (and the preflight that header asks for).
 */
export function doctorCommand({ pageOrigin, url, method, headers = {}, body = '', credentials, transport }) {
  const m = method || 'GET';
  const h = { ...headers };
  if (body === 'json' && !['GET', 'HEAD'].includes(m)) h['Content-Type'] = 'application/json';
  const args = ['credfetch-doctor', '-from', pageOrigin, '-method', m];
  for (const [name, value] of Object.entries(h)) args.push('-H', `${name}: ${value}`);
  args.push('-credentials', credentials, '-transport', transport);
  // The doctor's page has no address of its own, so Chrome counts it as
  // public and asks Local Network Access before it lets it call a loopback
  // or private API; the lab's page lives beside the API and is never asked.
  if (localHost(new URL(url).hostname)) args.push('-allow-local-network');
  args.push(url);
  return args.map(shellQuote).join(' ');
}

/**
 * doctorURL is the lab's request URL without its per-tab parameter: the
 * server needs only cred and transport, to explain the doctor's requests in
 * its live log as it does the lab's.
 */
export function doctorURL(target) {
  const u = new URL(target);
  u.searchParams.delete('tab');
  return u.href;
}

/** localHost says whether a host name is loopback or private (RFC 1918). */
function localHost(host) {
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' ||
    /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(host);
}
