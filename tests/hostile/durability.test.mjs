// kill -9 in the middle of a burst of writes: every write that was answered 2xx survives and the
// database is sound; every read that was answered was logged. An altered or removed audit row is found by `musubi audit verify`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { join } from 'node:path';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';
import { sqlite as sqliteIn } from '../support/db.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(() => server.cleanup());

function sqlite(sql) {
  return sqliteIn(server.dir, sql);
}

test('kill -9 during a burst of writes loses nothing that was acknowledged', async () => {
  const admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
  const acknowledged = [];
  let stop = false;
  const writers = Array.from({ length: 6 }, (_, w) =>
    (async () => {
      for (let i = 0; !stop && i < 5000; i++) {
        try {
          const r = await admin.post('/api/v1/persons', { name: `耐久 ${w}-${i}`, name_kana: 'たいきゅう', birth_date: '1945-08-15', sex: 'unknown', different_person: true });
          if (r.status === 201) acknowledged.push(r.json.id);
        } catch {
          return; // connection refused once the server is gone
        }
      }
    })(),
  );
  await new Promise((r) => setTimeout(r, 1500));
  process.kill(server.proc.pid, 'SIGKILL');
  stop = true;
  await Promise.all(writers);
  await new Promise((r) => server.proc.exitCode !== null || server.proc.signalCode ? r() : server.proc.once('exit', r));
  assert.ok(acknowledged.length > 20, `only ${acknowledged.length} writes before the kill`);

  await server.restart();
  assert.equal(sqlite('PRAGMA integrity_check'), 'ok');
  const stored = new Set(sqlite("SELECT id FROM persons WHERE name LIKE '耐久 %'").split('\n').map(Number));
  const lost = acknowledged.filter((id) => !stored.has(id));
  assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged writes lost`);
  assert.equal(server.run(['audit', 'verify']).status, 0, 'the audit chain is intact after the crash');
});

test('kill -9 right after reads: every read that was answered is in the audit log', async () => {
  const admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
  const person = (await admin.get('/api/v1/persons?limit=1')).json.items[0];
  const answered = [];
  for (let i = 0; i < 40; i++) {
    const r = await admin.get(`/api/v1/persons/${person.id}`);
    assert.equal(r.status, 200);
    answered.push(r.headers.get('x-request-id'));
  }
  // Reads are journalled at once and sealed into the chain about once a second: kill before that.
  process.kill(server.proc.pid, 'SIGKILL');
  await new Promise((r) => server.proc.exitCode !== null || server.proc.signalCode ? r() : server.proc.once('exit', r));
  assert.equal(server.run(['audit', 'verify']).status, 0, 'the chain verifies, with the journal sealed into it');
  const logged = new Set(sqlite("SELECT request_id FROM audit_log WHERE action = 'person.read'").split('\n'));
  const missing = answered.filter((id) => !logged.has(id));
  assert.deepEqual(missing, [], `${missing.length} of ${answered.length} answered reads are not in the audit log`);
  await server.restart();
});

test('SIGTERM lets a request in flight finish, then stops cleanly', async () => {
  const [host, port] = server.url.replace('http://', '').split(':');
  const body = JSON.stringify({ login_id: 'sato.dr', password: DEMO_PASSWORD });
  const socket = net.connect(Number(port), host);
  await new Promise((r) => socket.once('connect', r));
  let answer = '';
  socket.on('data', (d) => (answer += d));
  const closed = new Promise((r) => socket.once('close', r));
  // The head arrives first; the body only after the server was told to stop.
  socket.write(`POST /api/v1/session HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
  await new Promise((r) => setTimeout(r, 300));
  const exited = server.stop('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  socket.write(body);
  await closed;
  assert.match(answer, /^HTTP\/1\.1 200/, 'the request in flight was answered');
  assert.match(answer, /Connection: close/i);
  assert.equal(await exited, 0);
  assert.match(server.stderr, /stopped cleanly/);
  assert.equal(sqlite('PRAGMA integrity_check'), 'ok');
  await assert.rejects(fetch(server.url + '/healthz'), 'nothing listens after the stop');
  await server.restart();
});

test('the application cannot change or delete audit rows (append-only triggers)', () => {
  assert.throws(() => sqlite("UPDATE audit_log SET detail = 'x' WHERE id = 1"), /append-only/);
  assert.throws(() => sqlite('DELETE FROM audit_log WHERE id = 1'), /append-only/);
});

test('an altered, a removed and an appended-by-hand audit row are all reported', async () => {
  await server.stop();
  assert.equal(server.run(['audit', 'verify']).status, 0);
  // An attacker with file access removes the append-only triggers first.
  sqlite('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  sqlite("UPDATE audit_log SET actor_login = 'someone-else' WHERE id = 3");
  let r = server.run(['audit', 'verify']);
  assert.equal(r.status, 2);
  assert.match(r.stdout, /entry 3: content does not match its hash \(altered\)/);

  sqlite("UPDATE audit_log SET actor_login = (SELECT actor_login FROM audit_log WHERE id = 2) WHERE id = 3");
  sqlite('DELETE FROM audit_log WHERE id = 5');
  r = server.run(['audit', 'verify']);
  assert.equal(r.status, 2);
  assert.match(r.stdout, /entry 6: expected id 5/);
  assert.match(r.stdout, /entry 6: does not follow/);
  await server.restart();
});

test('every file in the data folder is readable by the server account only (0600, folders 0700)', async () => {
  // Whatever umask the operator's shell has: the test runner's is usually 022.
  const { readdirSync, statSync } = await import('node:fs');
  const loose = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = statSync(path);
      if ((st.mode & 0o077) !== 0) loose.push(`${path} ${(st.mode & 0o777).toString(8)}`);
      if (st.isDirectory()) walk(path);
    }
  };
  walk(server.dir);
  const files = readdirSync(server.dir);
  assert.ok(files.includes('musubi.db'), files.join(' '));
  assert.deepEqual(loose, []);
});
