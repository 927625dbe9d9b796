// Every route is tried without a session, with the wrong role and without the CSRF token.
// The route table comes from the server itself (`musubi routes`), so a new route is covered
// the day it is added.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { Client, loggedIn } from '../support/client.mjs';

let server;
let routes;
before(async () => {
  server = await startServer();
  routes = server.run(['routes']).stdout.trim().split('\n').map((line) => {
    const [method, pattern, access, csrf] = line.split('\t');
    return { method, pattern, access, csrf, path: pattern.replaceAll('{id}', '1') };
  });
});
after(() => server.cleanup());

// The one-time token of a device download or an invitation is its credential
// (device_certificates.test.mjs, invitations.test.mjs); the MTA's shared token is the inbound
// mail's (tests/api/mail_in.test.mjs: 404 without it). /metrics answers loopback clients only
// (tests/unit/http/app_access_test.cpp) and holds no personal data. The emergency-call gateway's
// token is its credential (tests/api/emergency_calls.test.mjs: 401 without it, audited), and so is
// the map overlays' gateway's (tests/api/disaster_overlays.test.mjs).
const PUBLIC = [
  'GET /healthz', 'GET /metrics', 'GET /api/v1/version', 'POST /api/v1/session', 'GET /api/v1/device-downloads/{token}',
  'POST /api/v1/invitations/lookup', 'POST /api/v1/invitations/totp', 'POST /api/v1/invitations/accept',
  'POST /api/v1/inbound-mail', 'POST /api/v1/gateway/emergency-calls', 'POST /api/v1/gateway/overlays',
];

test('only the expected routes are public', () => {
  assert.ok(routes.length >= 25);
  const publicRoutes = routes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.pattern}`);
  assert.deepEqual(publicRoutes.sort(), [...PUBLIC].sort());
});

test('no session: 401 on every other route', async () => {
  const anon = new Client(server.url);
  for (const r of routes.filter((x) => x.access !== 'public')) {
    const res = await anon.request(r.method, r.path, { body: r.method === 'GET' ? undefined : {} });
    assert.equal(res.status, 401, `${r.method} ${r.pattern}`);
    assert.equal(res.json.error.code, 'unauthenticated');
    assert.equal(res.json.error.message, 'ログインしてください');
  }
});

test('a forged or random session cookie is refused (no session fixation)', async () => {
  const c = new Client(server.url);
  c.cookie = 'musubi_session=attacker-chosen-value-0123456789abcdefghijklmnopq';
  assert.equal((await c.get('/api/v1/session')).status, 401);
  const login = await c.login('sato.dr', DEMO_PASSWORD);
  assert.equal(login.status, 200);
  assert.doesNotMatch(c.cookie, /attacker-chosen/, 'login always issues a fresh token');
});

test('wrong role: 403 on every role-restricted route, for a professional and for EMS', async () => {
  for (const [login, own] of [['yoshida.02', 'professional'], ['yamada.ems', 'ems']]) {
    const c = await loggedIn(server.url, login, DEMO_PASSWORD);
    const theirs = (x) => x.access.slice('roles:'.length).split(',').includes(own);
    for (const r of routes.filter((x) => x.access.startsWith('roles:') && !theirs(x))) {
      const res = await c.request(r.method, r.path, { body: r.method === 'GET' ? undefined : {} });
      assert.equal(res.status, 403, `${login} ${r.method} ${r.pattern}`);
    }
  }
  const fa = await loggedIn(server.url, 'tanaka.msw', DEMO_PASSWORD);
  for (const r of routes.filter((x) => x.access === 'roles:region_admin')) {
    assert.equal((await fa.request(r.method, r.path, { body: r.method === 'GET' ? undefined : {} })).status, 403, `facility admin ${r.method} ${r.pattern}`);
  }
});

test('missing or wrong CSRF token: 403 on every state change, nothing changed', async () => {
  const admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
  const before = (await admin.get('/api/v1/facilities')).json.items.length;
  for (const r of routes.filter((x) => x.method !== 'GET' && x.csrf === 'csrf')) {
    const none = await admin.request(r.method, r.path, { body: {}, csrf: false });
    assert.equal(none.status, 403, `${r.method} ${r.pattern}`);
    assert.equal(none.json.error.code, 'csrf_failed');
    const wrong = await admin.request(r.method, r.path, { body: {}, csrf: false, headers: { 'X-CSRF-Token': 'x'.repeat(43) } });
    assert.equal(wrong.status, 403);
  }
  assert.equal((await admin.get('/api/v1/facilities')).json.items.length, before);
  assert.equal((await admin.get('/api/v1/session')).status, 200, 'still signed in');
});

test('a state change from another origin is refused even with a valid token', async () => {
  const admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
  const r = await admin.post('/api/v1/professions', { name: '攻撃職' }, { headers: { Origin: 'https://evil.example' } });
  assert.equal(r.status, 403);
  const login = await new Client(server.url).request('POST', '/api/v1/session', { body: { login_id: 'sato.dr', password: DEMO_PASSWORD }, headers: { Origin: 'https://evil.example' } });
  assert.equal(login.status, 403, 'login CSRF');
});

test('ids that are not positive integers are simply not found', async () => {
  const admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
  for (const id of ['0', '-1', '1e3', '99999999999999999999', '1%20OR%201=1', '..%2F..%2Fetc%2Fpasswd']) {
    assert.equal((await admin.get(`/api/v1/persons/${id}`)).status, 404, id);
  }
});
