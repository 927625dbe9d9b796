// Cutting the end off the audit log, as someone with the sqlite3 shell would: `musubi audit
// verify` reports it, the server refuses to start (or serves reads only, as configured), and an
// operator's acceptance after a restore is itself recorded. A copy of the checkpoints taken off
// the machine still shows a cut that was hidden in the local file too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';
import { sqlite as sqliteIn } from '../support/db.mjs';

let server;
let anchorFile;
let pristine;

before(async () => {
  server = await startServer({ env: { MUSUBI_AUDIT_ANCHOR_SYSLOG: 'off' } });
  anchorFile = join(server.dir, 'audit-anchor.log');
  const admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
  for (let i = 0; i < 60; i++) {
    assert.equal((await admin.get('/api/v1/persons?limit=1')).status, 200);
  }
  // A clean stop seals the reads and checkpoints the head.
  await server.stop();
  pristine = join(server.dir, 'pristine.db');
  copyFileSync(join(server.dir, 'musubi.db'), pristine);
});
after(() => server.cleanup());

const sqlite = (sql) => sqliteIn(server.dir, sql);
const headId = () => Number(sqlite('SELECT MAX(id) FROM audit_log'));

function putBackPristine() {
  for (const suffix of ['-wal', '-shm']) rmSync(join(server.dir, `musubi.db${suffix}`), { force: true });
  copyFileSync(pristine, join(server.dir, 'musubi.db'));
}

function cutTail(count) {
  putBackPristine();
  const head = headId();
  sqlite('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  sqlite(`DELETE FROM audit_log WHERE id > ${head - count}`);
  return head;
}

// `musubi serve` that must not start: bounded so that a server that does start fails the test
// instead of hanging it.
function serveOnce(extraEnv = {}) {
  const env = { ...process.env, ...server.env, MUSUBI_LISTEN: '127.0.0.1:0', ...extraEnv };
  delete env.MUSUBI_TLS_LISTEN;
  return spawnSync(BIN, ['serve'], { env, encoding: 'utf8', timeout: 60_000 });
}

test('the checkpoints are written at start and at a clean stop, owner-only, and verify against the chain', () => {
  assert.equal(statSync(anchorFile).mode & 0o777, 0o600);
  assert.equal(statSync(join(server.dir, 'audit-anchor.key')).mode & 0o777, 0o600);
  const lines = readFileSync(anchorFile, 'utf8').trim().split('\n');
  assert.ok(lines.length >= 2, `${lines.length} checkpoint lines`);
  const last = lines.at(-1).split('\t');
  assert.match(lines.at(-1), new RegExp(`^musubi-audit-anchor\\tv1\\thead\\t${lines.length}\\t\\d+\\t\\d+\\t[0-9a-f]{64}\\t\\t[0-9a-f]{128}$`));
  // The head at the stop is in the chain with the same hash.
  assert.equal(sqlite(`SELECT hash FROM audit_log WHERE id = ${last[5]}`), last[6]);
  assert.ok(Number(last[5]) > 60, 'the reads before the stop are under the checkpoint');
  const r = server.run(['audit', 'verify']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`記録点 ${lines.length} 件と一致しています（公開鍵 [0-9a-f]{64}）`));
});

test('deleting the last audit row is reported by verify and stops the server from starting', () => {
  const head = cutTail(1);
  const r = server.run(['audit', 'verify']);
  assert.equal(r.status, 2, r.stdout);
  assert.match(r.stdout, new RegExp(`末尾が削除されています: 記録点 #\\d+（[^）]+）では #${head} まであったのに、いまは #${head - 1} までです（1 件が消えています）`));
  const served = serveOnce();
  assert.equal(served.status, 3, `serve exited ${served.status} ${served.signal ?? ''}: ${served.stderr}`);
  assert.match(served.stderr, /監査ログが記録点と合いません。起動しません。/);
  assert.match(served.stderr, /musubi audit accept-head/);
});

test('deleting the last fifty rows is reported with the count', () => {
  cutTail(50);
  const r = server.run(['audit', 'verify']);
  assert.equal(r.status, 2, r.stdout);
  assert.match(r.stdout, /（50 件が消えています）/);
  assert.equal(serveOnce().status, 3);
});

test('with on_anchor_mismatch = read_only people can sign in and read, and nothing can be changed', async () => {
  cutTail(5);
  const readOnly = { MUSUBI_AUDIT_ON_ANCHOR_MISMATCH: 'read_only' };
  await server.restart(readOnly);
  try {
    const admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
    const session = await admin.get('/api/v1/session');
    assert.equal(session.json.read_only, true);
    assert.equal((await admin.get('/api/v1/persons?limit=1')).status, 200);
    const write = await admin.post('/api/v1/persons', { name: '書込 禁止', name_kana: 'かきこみ', birth_date: '1950-01-01', sex: 'male', different_person: true });
    assert.equal(write.status, 503);
    assert.equal(write.json.error.code, 'read_only');
    assert.match(write.json.error.message, /いまは閲覧だけできます/);
    assert.equal(Number(sqlite("SELECT COUNT(*) FROM persons WHERE name = '書込 禁止'")), 0);
    assert.equal((await admin.delete('/api/v1/session')).status, 200, 'signing out still works');
  } finally {
    await server.stop();
  }
});

test('an operator accepts the cut chain with a reason: recorded in the log, the server starts, verify passes', async () => {
  cutTail(3);
  const refused = server.run(['audit', 'accept-head']);
  assert.notEqual(refused.status, 0, 'a reason is required');
  const accepted = server.run(['audit', 'accept-head', '--reason', 'バックアップ 12/01 から手で戻した']);
  assert.equal(accepted.status, 0, accepted.stderr);
  assert.match(accepted.stdout, /受け入れた問題: 監査ログの末尾が削除されています/);
  assert.equal(sqlite("SELECT detail FROM audit_log WHERE action = 'audit.anchor_reset' ORDER BY id DESC LIMIT 1"), 'バックアップ 12/01 から手で戻した');
  const r = server.run(['audit', 'verify']);
  assert.equal(r.status, 0, r.stdout);
  assert.match(r.stdout, /操作者が #\d+ からを受け入れました: バックアップ 12\/01 から手で戻した/);
  await server.restart();
  const admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
  assert.equal((await admin.get('/api/v1/session')).json.read_only, false);
  await server.stop();
});

test('a cut hidden in the local checkpoint file too still shows against a copy taken off the machine', async () => {
  // A day's work: the server checkpoints its head at start and at its stop.
  await server.restart();
  const admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
  for (let i = 0; i < 10; i++) assert.equal((await admin.get('/api/v1/persons?limit=1')).status, 200);
  await server.stop();
  const verified = server.run(['audit', 'verify']);
  const publicKey = verified.stdout.match(/公開鍵 ([0-9a-f]{64})/)[1];
  const copy = join(server.dir, 'journal-copy.log');
  copyFileSync(anchorFile, copy);
  // The attacker cuts the day's entries off the chain and the checkpoint line that would show it.
  const lines = readFileSync(anchorFile, 'utf8').trim().split('\n');
  const startHead = Number(lines.at(-2).split('\t')[5]);
  assert.ok(headId() > startHead + 10);
  sqlite('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  sqlite(`DELETE FROM audit_log WHERE id > ${startHead}`);
  writeFileSync(anchorFile, lines.slice(0, -1).map((l) => `${l}\n`).join(''));
  const local = server.run(['audit', 'verify']);
  assert.equal(local.status, 0, `locally the cut no longer shows: ${local.stdout}`);
  const r = server.run(['audit', 'verify', '--anchor-copy', copy, '--public-key', publicKey]);
  assert.equal(r.status, 2, r.stdout);
  assert.match(r.stdout, new RegExp(`写し ${copy.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 監査ログの末尾が削除されています`));
  const wrongKey = server.run(['audit', 'verify', '--anchor-copy', copy, '--public-key', 'a'.repeat(64)]);
  assert.equal(wrongKey.status, 2);
  assert.match(wrongKey.stdout, /署名が合いません/);
});
