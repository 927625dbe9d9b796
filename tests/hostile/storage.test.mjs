// The data directory on a disk that fills up, or on one that is read-only. Each test mounts a
// small tmpfs of its own (the test command runs as root on a fresh machine) and unmounts it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, startServer, musubi, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';
import { sqlite } from '../support/db.mjs';

const mounts = [];
after(() => {
  for (const dir of mounts.reverse()) spawnSync('umount', ['-l', dir]);
  for (const dir of mounts) rmSync(dir, { recursive: true, force: true });
});

function tmpfs(size) {
  const dir = mkdtempSync(join(tmpdir(), 'musubi-disk-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { encoding: 'utf8' });
  assert.equal(r.status, 0, `this test mounts a small file system of its own and needs root: ${r.stderr}`);
  mounts.push(dir);
  return dir;
}

// Writes a file until the disk says no more.
function fill(path) {
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(1 << 16, 0x55);
  try {
    for (;;) writeSync(fd, block);
  } catch (e) {
    assert.equal(e.code, 'ENOSPC');
  } finally {
    closeSync(fd);
  }
}

test('a full disk: writes answer 507 in Japanese and save nothing, uploads are refused before a byte is stored, deep health fails; all recover when space is freed', async () => {
  const disk = tmpfs('64m');
  const data = join(disk, 'data');
  const server = await startServer({ dataDir: data, env: { MUSUBI_DATA_MIN_FREE_BYTES: String(4 << 20), MUSUBI_AUDIT_ANCHOR_SYSLOG: 'off' } });
  try {
    const cm = await loggedIn(server.url, 'suzuki.cm', DEMO_PASSWORD);
    const team = (await cm.get('/api/v1/care-teams')).json.items[0];
    assert.equal((await fetch(`${server.url}/healthz?deep=1`)).status, 200);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    assert.match(metrics, /^musubi_data_free_bytes \d+$/m);
    assert.match(metrics, /^musubi_data_min_free_bytes 4194304$/m);
    const blobsBefore = sqlite(data, 'SELECT COUNT(*) FROM blobs');

    fill(join(disk, 'filler'));
    const post = await cm.post(`/api/v1/boards/${team.id}/posts`, { body: '満杯のディスクへの投稿' });
    assert.equal(post.status, 507, JSON.stringify(post.json));
    assert.equal(post.json.error.code, 'storage_full');
    assert.match(post.json.error.message, /保存領域がいっぱいのため、保存できませんでした。何も保存されていません。/);
    const upload = await cm.request('POST', `/api/v1/boards/${team.id}/attachments?name=report.bin`, {
      raw: Buffer.alloc(100 * 1024, 7),
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    assert.equal(upload.status, 507);
    assert.equal(upload.json.error.code, 'storage_full');
    const deep = await fetch(`${server.url}/healthz?deep=1`);
    assert.equal(deep.status, 503);
    assert.equal((await deep.json()).status, 'storage low');
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200, 'the shallow check only says the process answers');

    rmSync(join(disk, 'filler'));
    assert.equal(sqlite(data, "SELECT COUNT(*) FROM posts WHERE body = '満杯のディスクへの投稿'"), '0', 'nothing half-written');
    assert.equal(sqlite(data, 'SELECT COUNT(*) FROM blobs'), blobsBefore, 'no part of the refused upload was stored');
    assert.equal((await cm.post(`/api/v1/boards/${team.id}/posts`, { body: '空きができてからの投稿' })).status, 201);
    assert.equal((await fetch(`${server.url}/healthz?deep=1`)).status, 200);
  } finally {
    await server.stop();
  }

  // Bytes an upload stored but whose attachment was never saved (the disk filled in between) are
  // collected at the next start.
  sqlite(data, "INSERT INTO blobs (id, size, sha256, complete, created_at) VALUES (990001, 4, 'x', 1, 0); INSERT INTO blob_chunks (blob_id, seq, data) VALUES (990001, 0, x'01020304');");
  await server.restart();
  try {
    assert.equal(sqlite(data, 'SELECT COUNT(*) FROM blobs WHERE id = 990001'), '0');
    assert.equal(sqlite(data, 'SELECT COUNT(*) FROM blob_chunks WHERE blob_id = 990001'), '0');
    assert.match(server.stderr, /removed 1 stored file\(s\) no attachment refers to/);
  } finally {
    await server.cleanup();
  }
});

test('a read-only or missing data directory is reported as what it is, not as another server', () => {
  const disk = tmpfs('32m');
  const data = join(disk, 'data');
  const env = { MUSUBI_DATA_DIR: data, MUSUBI_LISTEN: '127.0.0.1:0' };
  musubi(['demo', '--no-serve'], env);
  assert.equal(spawnSync('mount', ['-o', 'remount,ro', disk]).status, 0);
  const serve = (e) => spawnSync(BIN, ['serve'], { env: { ...process.env, ...e }, encoding: 'utf8', timeout: 60_000 });
  const ro = serve(env);
  assert.equal(ro.status, 1, ro.stderr);
  assert.match(ro.stderr, /データディレクトリ \(.*\) を使えません: 読み取り専用のファイルシステムです/);
  assert.doesNotMatch(ro.stderr, /別の musubi/);

  // A path under a regular file can never be made.
  const underFile = join(tmpdir(), `musubi-not-a-dir-${process.pid}`);
  closeSync(openSync(underFile, 'w'));
  const missing = serve({ MUSUBI_DATA_DIR: join(underFile, 'data'), MUSUBI_LISTEN: '127.0.0.1:0' });
  rmSync(underFile);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /データディレクトリ .* を作れません: ディレクトリがありません/);
});
