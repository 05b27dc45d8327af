// The walkthrough page: loads credfetch, shows both origins and the policy,
// runs each step of a credentialed session through credfetch, and shows the
// API origin's live log.

import { config, el, getJSON, LiveLog, loadHelper, renderExchange } from '/demo.js';
import { sessionAPI } from '/session.js';

const helper = loadHelper();

// originsDiff says how the two origins differ, as the page got them: the
// parts (scheme, host, port) that differ, and whether the site differs too.
function originsDiff(cfg) {
  const page = new URL(cfg.pageOrigin);
  const api = new URL(cfg.apiOrigin);
  const parts = [];
  if (page.protocol !== api.protocol) parts.push(`scheme (${page.protocol.slice(0, -1)} and ${api.protocol.slice(0, -1)})`);
  if (page.hostname !== api.hostname) parts.push(`host (${page.hostname} and ${api.hostname})`);
  if (page.port !== api.port) parts.push(`port (${page.port || 'default'} and ${api.port || 'default'})`);
  if (!parts.length) return { key: 'none', text: 'Both are the same origin here, so the calls below are not cross-origin' };
  let text = `The two differ in ${parts.join(' and ')}`;
  text += parts.length > 1 ? ': each alone makes another origin' : ', which alone makes another origin';
  if (cfg.mode === 'cross-site' && page.hostname !== api.hostname) text += ', and with another host the API is on another site too';
  return { key: parts.map((p) => p.split(' ')[0]).join('+'), text };
}

async function main() {
  let cfg;
  try {
    cfg = await config();
  } catch (err) {
    document.getElementById('mode-note').textContent = `Cannot read the demo configuration: ${err.message}`;
    return;
  }
  document.getElementById('page-origin').textContent = cfg.pageOrigin;
  document.getElementById('api-origin').textContent = cfg.apiOrigin;
  document.getElementById('mode').textContent = cfg.mode;
  const diff = originsDiff(cfg);
  const diffBox = document.getElementById('origins-diff');
  diffBox.textContent = diff.text;
  diffBox.dataset.diff = diff.key;
  document.getElementById('cookie').textContent = cfg.cookie;
  document.getElementById('mode-note').textContent = cfg.mode === 'cross-site'
    ? 'Cross-site mode: the API is on another site, so the browser treats its cookie as a third-party cookie. It is issued as SameSite=None; Secure; Partitioned (CHIPS), which browsers that block third-party cookies still send, kept apart per top-level site.'
    : 'Same-site mode: both origins are on the same site (the port does not count for sites), so a SameSite=Lax cookie flows with credentials: \'include\'.';
  document.getElementById('setup-code').textContent = `credfetch.ajaxSetup({\n  credentials: 'include',\n  trustedOrigins: ['${cfg.apiOrigin}'],\n});`;
  getJSON('/policy.json').then((p) => {
    document.getElementById('policy-config').textContent = p.config;
  }, (err) => {
    document.getElementById('policy-config').textContent = `Cannot read the policy: ${err.message}`;
  });

  const logBox = document.getElementById('log');
  const live = new LiveLog((entry) => {
    logBox.prepend(renderExchange(entry, { compact: true }));
    while (logBox.childElementCount > 8) logBox.lastElementChild.remove();
  });
  live.onLost = (note) => logBox.prepend(el('p', { class: 'muted', text: `… ${note.message}` }));
  live.connect();

  const credfetch = await helper;
  if (!credfetch) return;
  const api = (path) => cfg.apiOrigin + path;
  const session = sessionAPI(credfetch, cfg.apiOrigin);
  const steps = {
    'whoami-omit': () => session.whoami('omit'),
    login: () => session.login('ada'),
    'whoami-include': () => session.whoami('include'),
    setup: () => {
      credfetch.ajaxSetup({ credentials: 'include', trustedOrigins: [cfg.apiOrigin] });
      return credfetch.ajax({ url: api('/api/whoami'), dataType: 'json' });
    },
    put: () => credfetch.ajax({ url: api('/api/items/1'), method: 'PUT', data: { name: 'renamed from the page', done: true }, credentials: 'include', dataType: 'json' }),
    logout: () => session.logout(),
  };
  for (const button of document.querySelectorAll('button[data-step]')) {
    const name = button.dataset.step;
    const out = document.getElementById(`result-${name}`);
    button.addEventListener('click', async () => {
      button.disabled = true;
      out.className = 'pending';
      out.textContent = 'running…';
      try {
        const res = await steps[name]();
        show(out, res.status, res.data, res.headers);
      } catch (err) {
        if (err.response) show(out, err.response.status, err.response.data, err.response.headers);
        else {
          out.className = 'failed';
          out.dataset.status = '0';
          out.textContent = `${err.name} (${err.code}): ${err.message}`;
        }
      } finally {
        button.disabled = false;
      }
    });
  }
}

// show writes a response into a step's output.
function show(out, status, data, headers) {
  out.className = status >= 200 && status < 300 ? 'passed' : 'failed';
  out.dataset.status = String(status);
  const id = headers && (headers['x-request-id'] || headers['X-Request-Id']);
  out.replaceChildren(
    el('strong', { text: String(status) }), ' ',
    el('code', { text: typeof data === 'string' ? data : JSON.stringify(data) }),
    id ? el('span', { class: 'muted', text: ` (X-Request-Id ${id}, readable because the policy exposes it)` }) : null,
  );
}

main().catch((err) => {
  document.getElementById('mode-note').textContent = `The page failed: ${err.message}`;
});
