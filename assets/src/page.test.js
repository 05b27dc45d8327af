import test from 'node:test';
import assert from 'node:assert/strict';
import { originMatcher, pageURL } from './page.js';

test('install() governs exact origins and subdomain patterns, nothing else', () => {
  const match = originMatcher(['https://api.example.com', 'https://*.example.org', 'http://*.local.test:8080']);
  const yes = ['https://api.example.com/me', 'https://api.example.com:443/x', 'https://a.example.org/', 'https://a.b.example.org/',
    'http://x.local.test:8080/'];
  const no = ['http://api.example.com/me', 'https://api.example.com:8443/', 'https://example.org/', 'https://evil-example.org/',
    'https://example.org.evil.com/', 'https://a.example.org:444/', 'http://a.example.org/', 'http://x.local.test/', 'https://api.example.co/'];
  for (const u of yes) assert.ok(match(new URL(u)), u);
  for (const u of no) assert.ok(!match(new URL(u)), u);
  assert.ok(!match(null), 'an unparsable URL never matches');
});

test('outside a page, only absolute URLs parse', () => {
  assert.equal(pageURL('https://api.example.com/x?y').href, 'https://api.example.com/x?y');
  assert.equal(pageURL(new URL('https://a.example/')).origin, 'https://a.example');
  assert.equal(pageURL('/relative'), null);
  assert.equal(pageURL(42), null);
});

test('install()\'s matcher answers as Go\'s fetch.Origins.Match does', async () => {
  // The cases are Go's answers (wasm/internal/jsapi writes them: go generate
  // ./wasm/internal/jsapi), so the two halves cannot drift apart.
  const { readFile } = await import('node:fs/promises');
  const cases = JSON.parse(await readFile(new URL('./testdata/origin-cases.json', import.meta.url), 'utf8'));
  assert.ok(cases.length > 50 && cases.some((c) => c.match) && cases.some((c) => !c.match));
  for (const c of cases) {
    assert.equal(originMatcher(c.origins)(pageURL(c.url)), c.match, `${c.url} against ${c.origins.join(', ')}`);
  }
});
