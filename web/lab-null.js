// The lab's null-origin case: the request goes from an iframe with
// sandbox="allow-scripts" and no allow-same-origin. Such a frame has an
// opaque origin, so the browser sends Origin: null, exactly what an
// attacker's page gets from <iframe sandbox="allow-scripts" srcdoc=...>.
// The frame uses plain fetch() or XMLHttpRequest (credfetch is not loaded in
// it) and posts the result back with postMessage.

const $ = (id) => document.getElementById(id);

// frameScript runs inside the sandboxed frame: it waits for one request,
// sends it, and posts back what the framed page could read.
const frameScript = (parentOrigin) => `
const reply = (out) => parent.postMessage(out, ${JSON.stringify(parentOrigin)});
addEventListener('message', async (ev) => {
  const r = ev.data;
  if (r.transport === 'xhr') {
    const xhr = new XMLHttpRequest();
    xhr.open(r.method, r.url);
    xhr.withCredentials = r.credentials === 'include';
    for (const [k, v] of Object.entries(r.headers)) xhr.setRequestHeader(k, v);
    xhr.onload = () => {
      const headers = {};
      for (const line of xhr.getAllResponseHeaders().trim().split(/\\r?\\n/)) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      reply({ ok: true, status: xhr.status, url: xhr.responseURL, redirected: xhr.responseURL !== r.url, headers, body: xhr.responseText });
    };
    xhr.onerror = () => reply({ ok: false, name: 'NetworkError', message: 'XMLHttpRequest fired error, status 0' });
    xhr.send(r.body === undefined ? null : r.body);
    return;
  }
  try {
    const res = await fetch(r.url, { method: r.method, headers: r.headers, credentials: r.credentials, body: r.body });
    reply({ ok: true, status: res.status, url: res.url, redirected: res.redirected, headers: Object.fromEntries(res.headers), body: await res.text() });
  } catch (e) {
    reply({ ok: false, name: e.name, message: e.message });
  }
});
reply({ ready: true });`;

/**
 * runInSandbox sends a lab request (credfetch.ajax's settings: url, method,
 * headers, credentials, transport, data or body) from a fresh sandboxed
 * iframe and resolves with the lab's outcome: {ok: true, res} or
 * {ok: false, err}.
 */
export function runInSandbox(req, timeoutMs = 10000) {
  const headers = { ...req.headers };
  let body = req.body;
  if (req.data !== undefined) {
    body = JSON.stringify(req.data);
    headers['Content-Type'] = 'application/json';
  }
  const message = { url: req.url, method: req.method, headers, credentials: req.credentials, transport: req.transport, body };
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts'); // no allow-same-origin: an opaque origin
  frame.hidden = true;
  frame.srcdoc = `<!doctype html><script>${frameScript(location.origin)}</script>`;
  return new Promise((resolve) => {
    const done = (outcome) => {
      clearTimeout(timer);
      removeEventListener('message', onMessage);
      frame.remove();
      resolve(outcome);
    };
    const timer = setTimeout(() => done({ ok: false, err: { name: 'TimeoutError', code: 'timeout', message: `the sandboxed frame gave no answer within ${timeoutMs} ms` } }), timeoutMs);
    const onMessage = (ev) => {
      if (ev.source !== frame.contentWindow) return; // its ev.origin is "null"
      const m = ev.data;
      if (m.ready) {
        frame.contentWindow.postMessage(message, '*'); // an opaque origin has no name to target
        return;
      }
      if (m.ok) {
        done({ ok: true, res: { status: m.status, url: m.url, redirected: m.redirected, headers: m.headers, data: m.body } });
      } else {
        done({ ok: false, err: { name: m.name, code: 'network', message: `${m.message} (plain ${req.transport === 'xhr' ? 'XMLHttpRequest' : 'fetch()'} in the sandboxed frame)` } });
      }
    };
    addEventListener('message', onMessage);
    document.body.append(frame);
  });
}

/**
 * showNullWarning warns in #null-warning when the API origin allowed a
 * request whose Origin was null.
 */
export function showNullWarning(exchanges) {
  const box = $('null-warning');
  const allowed = exchanges.some((x) => x.origin === 'null' && x.browser.ok);
  box.hidden = !allowed;
  if (allowed) {
    box.textContent = 'Warning: the API origin saw Origin: null and allowed it (Access-Control-Allow-Origin: null, with credentials). ' +
      'Any page on any site sends Origin: null from a sandboxed iframe, a data: URL or a file: page, so this answer goes to everyone who asks. ' +
      'Never allow null: name the real origins (the cors package refuses "null" in Config.Origins).';
  }
}
