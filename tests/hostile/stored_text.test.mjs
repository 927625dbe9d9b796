// SQL and HTML metacharacters in every text field are stored and returned verbatim, and search
// with them neither fails nor matches everything.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';

const NASTY = [
  "'; DROP TABLE persons; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  "Robert'); DELETE FROM users;--",
  '%_\\*?[]{}$(){{7*7}}',
  '佐藤\u3000太郎　＜ｂ＞',
];

let server;
let admin;
before(async () => {
  server = await startServer();
  admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
});
after(() => server.cleanup());

test('facility text fields keep metacharacters verbatim', async () => {
  for (const [i, s] of NASTY.entries()) {
    const r = await admin.post('/api/v1/facilities', { name: `${s} ${i}`, kind: 'other', address: s });
    assert.equal(r.status, 201, s);
    const back = await admin.get(`/api/v1/facilities/${r.json.id}`);
    assert.equal(back.json.name, `${s} ${i}`);
    assert.equal(back.json.address, s);
  }
});

test('person and user text fields keep metacharacters verbatim', async () => {
  for (const s of NASTY) {
    const p = await admin.post('/api/v1/persons', { name: s, name_kana: 'あ', birth_date: '1940-01-01', sex: 'other', address: s, different_person: true });
    assert.equal(p.status, 201, s);
    assert.equal((await admin.get(`/api/v1/persons/${p.json.id}`)).json.name, s);
  }
  const u = await admin.post('/api/v1/users', { login_id: 'meta.user', name: NASTY[2], name_kana: 'めた', roles: ['family'], email: '' });
  assert.equal(u.status, 201);
  assert.equal((await admin.get(`/api/v1/users/${u.json.id}`)).json.name, NASTY[2]);
});

test('searching with metacharacters is inert', async () => {
  const all = (await admin.get('/api/v1/persons?limit=200')).json.items.length;
  for (const q of ["' OR '1'='1", '%', '_', "x' UNION SELECT password_hash FROM users --"]) {
    const r = await admin.get('/api/v1/persons?limit=200&q=' + encodeURIComponent(q));
    assert.equal(r.status, 200, q);
    assert.ok(r.json.items.length < all, `"${q}" must not match everything`);
    assert.ok(!r.text.includes('$argon2id$'), 'no hashes leak');
  }
  const exact = await admin.get('/api/v1/persons?q=' + encodeURIComponent("DROP TABLE"));
  assert.equal(exact.json.items.length, 1, 'the literal text is found');
});

test('JSON responses are never rendered as HTML', async () => {
  const r = await admin.get('/api/v1/persons?q=' + encodeURIComponent('<script>'));
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.match(r.headers.get('content-security-policy'), /default-src 'self'/);
});

test('every answer keeps other sites out: opener, resource and feature policies, no version in Server', async () => {
  for (const path of ['/', '/api/v1/session', '/healthz']) {
    const r = await fetch(server.url + path);
    assert.equal(r.headers.get('cross-origin-opener-policy'), 'same-origin', path);
    assert.equal(r.headers.get('cross-origin-resource-policy'), 'same-origin', path);
    assert.match(r.headers.get('permissions-policy') ?? '', /camera=\(\).*microphone=\(\)/, path);
    assert.doesNotMatch(r.headers.get('server') ?? '', /\d/, `${path}: Server names no version`);
  }
});
