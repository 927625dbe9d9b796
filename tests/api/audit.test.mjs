// Every read or change of a person's data leaves a trace that administrators can search and export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { Client, loggedIn } from '../support/client.mjs';
import { jstDate } from '../support/clock.mjs';

let server;
let admin;
before(async () => {
  server = await startServer();
  admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
});
after(() => server.cleanup());

test('reads, changes and failed logins are in the audit log with who, what, when and from where', async () => {
  await new Client(server.url).login('sato.dr', 'wrong-password-1');
  const cm = await loggedIn(server.url, 'suzuki.cm', DEMO_PASSWORD);
  const list = await cm.get('/api/v1/persons?limit=1');
  const id = list.json.items[0].id;
  await cm.get(`/api/v1/persons/${id}`);
  const r = await admin.get(`/api/v1/audit?target_type=person&target_id=${id}`);
  const read = r.json.items.find((e) => e.action === 'person.read' && e.actor_login === 'suzuki.cm');
  assert.ok(read, 'read is audited');
  assert.equal(read.ip, '127.0.0.1');
  assert.match(read.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.match(read.request_id, /^[0-9a-f]{16}$/);
  const failures = await admin.get('/api/v1/audit?action=login&actor=sato.dr');
  assert.ok(failures.json.items.some((e) => e.outcome === 'failure'));
});

test('the audit log pages backwards and filters by date', async () => {
  const first = await admin.get('/api/v1/audit?limit=3');
  assert.equal(first.json.items.length, 3);
  const next = await admin.get(`/api/v1/audit?limit=3&before=${first.json.next_before}`);
  assert.ok(next.json.items.every((e) => e.id < first.json.items[2].id));
  // Yesterday and today in Japan: the entries above may have been written before midnight.
  const todays = await admin.get(`/api/v1/audit?from=${jstDate(-1)}&to=${jstDate(0)}`);
  assert.ok(todays.json.items.length > 0);
  const future = await admin.get('/api/v1/audit?from=2099-01-01');
  assert.equal(future.json.items.length, 0);
  assert.equal((await admin.get('/api/v1/audit?from=2024-02-30')).status, 400);
});

test('CSV export opens in Excel: BOM, Japanese header, formulas neutralised', async () => {
  await new Client(server.url).login('=cmd|calc', 'x-password-1');
  const r = await admin.get('/api/v1/audit.csv');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/csv/);
  assert.match(r.headers.get('content-disposition'), /attachment/);
  const bytes = Buffer.from(await (await fetch(server.url + '/api/v1/audit.csv', { headers: { Cookie: admin.cookie } })).arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.match(r.text, /日時\(UTC\),利用者ID,ログインID,操作/);
  assert.ok(r.text.includes(",'=cmd|calc,"), 'a formula-looking value is prefixed');
});

test('only region administrators read the audit log', async () => {
  const fa = await loggedIn(server.url, 'tanaka.msw', DEMO_PASSWORD);
  assert.equal((await fa.get('/api/v1/audit')).status, 403);
  assert.equal((await fa.get('/api/v1/audit.csv')).status, 403);
});
