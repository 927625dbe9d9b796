// Signing in and out as a professional would: login, lock-out, timeouts, password change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { Client, loggedIn } from '../support/client.mjs';

let server;
before(async () => {
  server = await startServer({
    env: {
      MUSUBI_LOGIN_FAILURES_BEFORE_DELAY: '100',
      MUSUBI_LOGIN_FAILURES_BEFORE_LOCK: '3',
      MUSUBI_SESSION_IDLE_TIMEOUT_SECONDS: '3',
    },
  });
});
after(() => server.cleanup());

test('login sets a strict, http-only session cookie and tells when the user last logged in', async () => {
  const first = new Client(server.url);
  const r1 = await first.login('sato.dr', DEMO_PASSWORD);
  assert.equal(r1.status, 200);
  const cookie = r1.headers.get('set-cookie');
  assert.match(cookie, /^musubi_session=[\w-]{40,};/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.doesNotMatch(cookie, /Secure/, 'plain HTTP must not set Secure');
  assert.equal(r1.json.user.login_id, 'sato.dr');
  assert.equal(r1.json.previous_login, null);
  assert.ok(r1.json.csrf_token.length >= 40);

  const second = new Client(server.url);
  const r2 = await second.login('sato.dr', DEMO_PASSWORD);
  assert.equal(r2.json.previous_login.ip, '127.0.0.1');
  assert.match(r2.json.previous_login.at, /^\d{4}-\d\d-\d\dT/);
  assert.notEqual(first.cookie, second.cookie, 'each login gets its own session');
});

test('wrong password and unknown login ID get the same answer', async () => {
  const c = new Client(server.url);
  const wrong = await c.login('suzuki.cm', 'not-the-password-1');
  const unknown = await c.login('nobody.here', 'not-the-password-1');
  assert.equal(wrong.status, 401);
  assert.equal(unknown.status, 401);
  assert.equal(wrong.json.error.message, 'ログインIDまたはパスワードが違います');
  assert.equal(unknown.json.error.message, wrong.json.error.message);
  assert.equal(c.cookie, '');
});

test('three failures lock the account, even for the right password, with a clear message', async () => {
  const c = new Client(server.url);
  for (let i = 0; i < 3; i++) assert.equal((await c.login('takahashi.ns', 'wrong-password-9')).status, 401);
  const locked = await c.login('takahashi.ns', DEMO_PASSWORD);
  assert.equal(locked.status, 423);
  assert.match(locked.json.error.message, /ロックされています/);
  assert.match(locked.json.error.message, /分/);

  // An administrator's password reset unlocks it.
  const admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
  const users = await admin.get('/api/v1/users?q=takahashi.ns');
  const id = users.json.items.find((u) => u.login_id === 'takahashi.ns').id;
  const reset = await admin.post(`/api/v1/users/${id}/reset-password`);
  assert.equal(reset.status, 200);
  const again = await c.login('takahashi.ns', reset.json.temporary_password);
  assert.equal(again.status, 200);
  assert.equal(again.json.must_change_password, true);
  // Until the temporary password is replaced, nothing else is reachable.
  assert.equal((await c.get('/api/v1/facilities')).status, 403);
  assert.equal((await c.put('/api/v1/me/password', { current_password: reset.json.temporary_password, new_password: 'Hinata-2026-spring' })).status, 200);
  assert.equal((await c.get('/api/v1/facilities')).status, 200);
});

test('logout ends the session; a replayed cookie is refused', async () => {
  const c = await loggedIn(server.url, 'sato.dr', DEMO_PASSWORD);
  const cookie = c.cookie;
  assert.equal((await c.get('/api/v1/session')).status, 200);
  assert.equal((await c.delete('/api/v1/session')).status, 200);
  const replay = new Client(server.url);
  replay.cookie = cookie;
  assert.equal((await replay.get('/api/v1/session')).status, 401);
});

test('log out everywhere ends every session of the user', async () => {
  const a = await loggedIn(server.url, 'suzuki.cm', DEMO_PASSWORD);
  const b = await loggedIn(server.url, 'suzuki.cm', DEMO_PASSWORD);
  const sessions = await a.get('/api/v1/me/sessions');
  assert.ok(sessions.json.items.length >= 2);
  assert.equal(sessions.json.items.filter((s) => s.current).length, 1);
  const r = await a.post('/api/v1/session/logout-everywhere');
  assert.ok(r.json.ended >= 2);
  assert.equal((await a.get('/api/v1/session')).status, 401);
  assert.equal((await b.get('/api/v1/session')).status, 401);
});

test('an idle session times out', async () => {
  const c = await loggedIn(server.url, 'sato.dr', DEMO_PASSWORD);
  assert.equal((await c.get('/api/v1/session')).status, 200);
  await new Promise((r) => setTimeout(r, 3500));
  const r = await c.get('/api/v1/session');
  assert.equal(r.status, 401);
  assert.equal(r.json.error.code, 'session_expired');
  assert.match(r.json.error.message, /一定時間操作がなかった/);
});

test('password change checks the current password and the rules, and ends other sessions', async () => {
  const login = 'yoshida.02';
  const me = await loggedIn(server.url, login, DEMO_PASSWORD);
  const other = await loggedIn(server.url, login, DEMO_PASSWORD);

  let r = await me.put('/api/v1/me/password', { current_password: 'wrong-one-123', new_password: 'Another-pass-2026' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.fields[0].field, 'current_password');
  r = await me.put('/api/v1/me/password', { current_password: DEMO_PASSWORD, new_password: 'short1' });
  assert.equal(r.status, 400);
  assert.match(r.json.error.fields[0].message, /10文字以上/);
  r = await me.put('/api/v1/me/password', { current_password: DEMO_PASSWORD, new_password: 'onlyletterspassword' });
  assert.match(r.json.error.fields[0].message, /英字と数字/);

  r = await me.put('/api/v1/me/password', { current_password: DEMO_PASSWORD, new_password: 'Tsukuba-river-2026' });
  assert.equal(r.status, 200);
  assert.equal((await me.get('/api/v1/session')).status, 200, 'this session stays');
  assert.equal((await other.get('/api/v1/session')).status, 401, 'other sessions end');
  assert.equal((await new Client(server.url).login(login, DEMO_PASSWORD)).status, 401);
  assert.equal((await new Client(server.url).login(login, 'Tsukuba-river-2026')).status, 200);
});
