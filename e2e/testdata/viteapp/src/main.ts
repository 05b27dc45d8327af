// The test harness around app.ts: app.ts is the README's bundler example,
// which the e2e suite writes here from README.md (with the demo API's URL)
// before it builds the app. This file then checks what a user would check
// in the browser and shows it as JSON in #result.
import { credfetch, me } from './app';

async function check(): Promise<Record<string, unknown>> {
  const other = new URLSearchParams(location.search).get('other');
  let otherCookies = 'not asked';
  if (other) {
    // An origin nobody trusted: the global credentials 'include' must not
    // reach it, so it sees no cookie.
    const res = await credfetch.ajax<string>({ url: other + '/cookies', dataType: 'text' });
    otherCookies = res.data;
  }
  const wasm = performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('.wasm'));
  return { version: credfetch.version, status: me.status, user: me.data.user, otherCookies, wasm };
}

const out = document.getElementById('result')!;
check().then(
  (result) => { out.textContent = JSON.stringify(result); out.dataset.state = 'done'; },
  (err: unknown) => { out.textContent = String(err); out.dataset.state = 'failed'; },
);
