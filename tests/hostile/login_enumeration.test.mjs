// Wrong passwords must not tell which login IDs exist: an ID with an account and a made-up one
// get the same answers, lock-out included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
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
