// Wrong passwords must not tell which login IDs exist: an ID with an account and a made-up one
// get the same answers, lock-out included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer } from '../support/server.mjs';
import { Client } from '../support/client.mjs';

let server;
before(async () => {
  // A lock after three failures (15 minutes) rather than the doubling delay: the delay's length
  // is seconds, which a slow machine may outlast between two tries.
  server = await startServer({
    env: { MUSUBI_LOGIN_FAILURES_BEFORE_DELAY: '100', MUSUBI_LOGIN_FAILURES_BEFORE_LOCK: '3' },
  });
});
after(() => server.cleanup());

async function probe(loginId) {
  const c = new Client(server.url);
  const answers = [];
  for (let i = 0; i < 5; i++) {
    const r = await c.login(loginId, `wrong-password-${i}`);
    answers.push({ status: r.status, message: r.json.error.message.replace(/\d+/g, 'N') });
  }
  return answers;
}

test('five wrong passwords: an existing login ID and an unknown one get the same answers', async () => {
  const existing = await probe('suzuki.cm');
  const unknown = await probe('nobody.at-all');
  assert.deepEqual(existing.map((a) => a.status), [401, 401, 401, 423, 423]);
  assert.deepEqual(unknown, existing);
});

test('a made-up login ID stays locked, and another made-up ID is not', async () => {
  const c = new Client(server.url);
  for (let i = 0; i < 3; i++) assert.equal((await c.login('made.up', 'wrong-password-9')).status, 401);
  assert.equal((await c.login('made.up', 'wrong-password-9')).status, 423);
  assert.equal((await c.login('made.up.too', 'wrong-password-9')).status, 401);
});

// A login from another loopback address: another client for the server.
function loginFrom(base, localAddress, loginId, password) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ login_id: loginId, password });
    const url = new URL(base);
    const headers = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) };
    const req = http.request({ host: url.hostname, port: url.port, path: '/api/v1/session', method: 'POST', localAddress, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('one client spraying a password over many login IDs is stopped, whichever IDs exist', async () => {
  const sprayed = await startServer({ env: { MUSUBI_LOGIN_CLIENT_FAILURES: '6' } });
  try {
    const c = new Client(sprayed.url);
    for (const id of ['suzuki.cm', 'nobody.1', 'sato.dr', 'nobody.2', 'takahashi.ns', 'nobody.3']) {
      assert.equal((await c.login(id, 'Password2026')).status, 401, id);
    }
    // Each ID failed once (no per-ID delay), yet the client has used its failures: even the right
    // password of a real account is refused now, and the message says why.
    const refused = await c.login('sato.dr', 'musubi-demo-2026');
    assert.equal(refused.status, 429);
    assert.match(refused.json.error.message, /この端末（ネットワーク）からのログインの失敗が続いた/);
    assert.equal(await loginFrom(sprayed.url, '127.0.0.2', 'sato.dr', 'musubi-demo-2026'), 200, 'another client logs in');
  } finally {
    sprayed.cleanup();
  }
});
