// A fire department's crew account has one door: the emergency lookup (and its own account).
// Every other route of the server, taken from `musubi routes` so that a new one is covered the
// day it is added, answers 403 and nothing of what it holds; the live connection is refused;
// searching is capped per hour, and the cap is audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';
import { openLive } from '../support/live.mjs';

let server;
let routes;
let crew;
let admin;

before(async () => {
  server = await startServer();
  routes = server.run(['routes']).stdout.trim().split('\n').map((line) => {
    const [method, pattern, access] = line.split('\t');
    return { method, pattern, access, path: pattern.replaceAll('{id}', '1').replaceAll('{user_id}', '1').replaceAll('{token}', 'x') };
  });
  crew = await loggedIn(server.url, 'yamada.ems', DEMO_PASSWORD);
  admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
});
after(() => server.cleanup());

test('a crew account reaches no board, record, directory, inbox, notice or file route', async () => {
  const closed = routes.filter((r) => r.access === 'signed_in' || (r.access.startsWith('roles:') && !r.access.includes('ems')));
  assert.ok(closed.length > 80, `${closed.length} routes`);
  for (const r of closed) {
    const res = await crew.request(r.method, r.path, { body: r.method === 'GET' ? undefined : {} });
    assert.equal(res.status, 403, `${r.method} ${r.pattern}: ${res.text}`);
    assert.equal(res.json.error.code, 'forbidden');
  }
  for (const pattern of ['GET /api/v1/persons', 'GET /api/v1/professionals', 'GET /api/v1/inbox', 'GET /api/v1/search', 'GET /api/v1/boards/{id}/posts', 'GET /api/v1/persons/{id}/summary']) {
    assert.ok(closed.some((r) => `${r.method} ${r.pattern}` === pattern), `${pattern} is among them`);
  }
});

test('its own account stays its own: session, password, devices, second factor', async () => {
  const own = routes.filter((r) => r.access === 'own_account').map((r) => `${r.method} ${r.pattern}`);
  assert.deepEqual(own.sort(), [
    'DELETE /api/v1/devices/{id}', 'DELETE /api/v1/session', 'GET /api/v1/account/second-factor', 'GET /api/v1/devices',
    'GET /api/v1/me/sessions', 'GET /api/v1/session', 'POST /api/v1/account/second-factor/recovery-codes',
    'POST /api/v1/session/logout-everywhere', 'PUT /api/v1/me/password',
  ].sort());
  const me = await crew.get('/api/v1/session');
  assert.equal(me.status, 200);
  assert.deepEqual(me.json.user.roles, ['ems']);
  assert.equal((await crew.get('/api/v1/me/sessions')).status, 200);
});

test('the live connection is refused to a crew account', async () => {
  const live = openLive(server.url, crew);
  await live.until((l) => l.closed);
  assert.equal(live.status, 403);
});

test('sixty searches an hour; the sixty-first is refused and audited', async () => {
  const q = `/api/v1/ems/search?name_kana=${encodeURIComponent('さとう')}&reason=desk&incident=flood-1`;
  for (let i = 0; i < 60; i++) {
    const r = await crew.get(q);
    assert.equal(r.status, 200, `search ${i + 1}: ${r.text}`);
  }
  const refused = await crew.get(q);
  assert.equal(refused.status, 429);
  assert.match(refused.json.error.message, /上限/);
  const view = await crew.get(`/api/v1/ems/persons/1?reason=desk&incident=flood-1`);
  assert.notEqual(view.status, 429, 'a view of a person already found is not a search');
  const audit = await admin.get('/api/v1/audit?action=ems.search');
  const denied = audit.json.items.filter((e) => e.outcome === 'denied');
  assert.equal(denied.length, 1, audit.text);
  assert.match(denied[0].detail, /rate_limited/);
  assert.match(denied[0].detail, /incident=flood-1/);
});

test('ids typed at random reveal nothing: no such person and no consent look the same', async () => {
  const statuses = new Set();
  for (const id of [1, 2, 3, 999999, 0, -1]) {
    const r = await crew.get(`/api/v1/ems/persons/${id}?reason=dispatch&incident=x`);
    statuses.add(r.status);
    if (r.status === 200) {
      assert.equal(r.json.id, id, 'only a person who consented');
    } else {
      assert.equal(r.status, 404);
    }
  }
  assert.ok(statuses.has(404));
});
