// The musubi command as an operator uses it: init, users, config, backup and restore.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync, copyFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { musubiResult, startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { Client, loggedIn } from '../support/client.mjs';

function httpsLogin(base, tls, loginId, password) {
  return new Promise((resolve, reject) => {
    const req = request(new URL('/api/v1/session', base), { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', Origin: base }, ...tls }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ login_id: loginId, password }));
  });
}

let dir;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'musubi-cli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('--version and --help answer without a database', () => {
  const v = musubiResult(['--version'], {});
  assert.equal(v.status, 0);
  assert.match(v.stdout, /^musubi \d+\.\d+\.\d+/);
  const h = musubiResult(['--help'], {});
  for (const sub of ['serve', 'init', 'demo', 'user', 'backup', 'restore', 'audit']) assert.match(h.stdout, new RegExp(`\\b${sub}\\b`));
});

test('init creates a region and its administrator, who logs in from a device with a certificate', async () => {
  const env = { MUSUBI_DATA_DIR: join(dir, 'init'), MUSUBI_LISTEN: '127.0.0.1:0', MUSUBI_PKI_CA_KEY_PASSPHRASE: 'operator secret' };
  const r = musubiResult(['init', '--region-code', 'mito', '--region-name', '水戸市', '--admin-login', 'mito-admin', '--admin-name', '水戸 太郎', '--admin-kana', 'みと たろう'], env);
  assert.equal(r.status, 0, r.stderr);
  const password = r.stdout.match(/初期パスワード: (\S+)/)[1];
  const again = musubiResult(['init', '--region-code', 'mito', '--region-name', '水戸市', '--admin-login', 'x-admin', '--admin-name', 'x'], env);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /地域コードはすでに使われています/);
  // A new region requires device certificates: the administrator's first one comes from the shell.
  const p12 = join(dir, 'mito-admin.p12');
  const issued = musubiResult(['device', 'issue', '--login', 'mito-admin', '--name', '市役所のPC', '--out', p12], env);
  assert.equal(issued.status, 0, issued.stderr);
  const importPassword = issued.stdout.match(/インポート用パスワード: (\S+)/)[1];
  const tls = join(dir, 'mito-tls');
  mkdirSync(tls);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2',
    '-keyout', join(tls, 'key.pem'), '-out', join(tls, 'cert.pem'), '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const server = await startServer({
    seed: false,
    dataDir: env.MUSUBI_DATA_DIR,
    env: { ...env, MUSUBI_TLS_LISTEN: '127.0.0.1:0', MUSUBI_SERVER_TLS_CERTIFICATE: join(tls, 'cert.pem'), MUSUBI_SERVER_TLS_PRIVATE_KEY: join(tls, 'key.pem') },
  });
  try {
    const plain = await new Client(server.url).login('mito-admin', password);
    assert.equal(plain.status, 403);
    assert.match(plain.json.error.message, /端末証明書/);
    const login = await httpsLogin(server.httpsUrl, { ca: readFileSync(join(tls, 'cert.pem')), pfx: readFileSync(p12), passphrase: importPassword }, 'mito-admin', password);
    assert.equal(login.status, 200, login.body);
    const session = JSON.parse(login.body);
    assert.equal(session.region.name, '水戸市');
    assert.ok(session.user.roles.includes('region_admin'));
    // The way back in from the shell, e.g. right after an upgrade.
    assert.equal(musubiResult(['region', 'certificate-policy', 'off'], env).status, 0);
    assert.equal((await new Client(server.url).login('mito-admin', password)).status, 200);
  } finally {
    await server.stop();
  }
});

test('user commands: create, list, deactivate, reset password', async () => {
  const env = { MUSUBI_DATA_DIR: join(dir, 'users') };
  assert.equal(musubiResult(['demo', '--no-serve'], { ...env, MUSUBI_TLS_LISTEN: 'off' }).status, 0);
  const created = musubiResult(['user', 'create', '--login', 'cli.user', '--name', 'コマンド 花子', '--kana', 'こまんど はなこ', '--facility', 'さくら在宅クリニック', '--roles', 'professional'], env);
  assert.equal(created.status, 0, created.stderr);
  assert.match(created.stdout, /仮パスワード: [A-Za-z0-9]{12}/);
  const list = musubiResult(['user', 'list'], env);
  assert.match(list.stdout, /cli\.user\s+コマンド 花子/);
  assert.equal(musubiResult(['user', 'deactivate', 'cli.user'], env).status, 0);
  assert.match(musubiResult(['user', 'list'], env).stdout, /cli\.user.*\bno\s*$/m);
  const reset = musubiResult(['user', 'reset-password', 'sato.dr'], env);
  assert.match(reset.stdout, /仮パスワード/);
  assert.equal(musubiResult(['user', 'deactivate', 'ghost'], env).status, 1);
  assert.equal(musubiResult(['audit', 'verify'], env).status, 0);
});

test('configuration: file, environment overrides, unknown keys refused', () => {
  const file = join(dir, 'musubi.toml');
  writeFileSync(file, '[server]\nlisten = "127.0.0.1:9999"\nthreads = 3\n[session]\nidle_timeout_seconds = 600\n');
  const r = musubiResult(['--config', file, 'config'], { MUSUBI_DATA_DIR: join(dir, 'cfg'), MUSUBI_SESSION_IDLE_TIMEOUT_SECONDS: '900' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /listen = "127.0.0.1:9999"/);
  assert.match(r.stdout, /threads = 3\s/);
  assert.match(r.stdout, /idle_timeout_seconds = 900\s+# MUSUBI_SESSION_IDLE_TIMEOUT_SECONDS/);
  // The printed configuration is itself a valid configuration file that gives the same result.
  const saved = join(dir, 'saved.toml');
  writeFileSync(saved, r.stdout);
  const again = musubiResult(['--config', saved, 'config'], {});
  assert.equal(again.status, 0, again.stderr);
  assert.equal(again.stdout, r.stdout);
  const alias = musubiResult(['config'], { MUSUBI_LISTEN: '127.0.0.1:7777', MUSUBI_DATA_DIR: '/tmp/x' });
  assert.match(alias.stdout, /listen = "127.0.0.1:7777"/);
  writeFileSync(file, '[server]\nlistne = "oops"\n');
  const bad = musubiResult(['--config', file, 'config'], {});
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /未知のキー server.listne/);
  const badNumber = musubiResult(['config'], { MUSUBI_SERVER_THREADS: 'many' });
  assert.match(badNumber.stderr, /整数ではありません/);
});

test('backup while serving is consistent; restore verifies the file before replacing anything', async () => {
  const server = await startServer();
  const backup = join(dir, 'backup.db');
  try {
    const admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
    // Writes keep coming while the backup is taken.
    let writing = true;
    const writer = (async () => {
      let i = 0;
      while (writing) await admin.post('/api/v1/persons', { name: `書込 ${i}`, name_kana: 'かきこみ', birth_date: '1950-01-01', sex: 'male', different_person: true }), i++;
    })();
    await new Promise((r) => setTimeout(r, 200));
    const r = server.run(['backup', backup]);
    writing = false;
    await writer;
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /バックアップを作成しました/);
    const { statSync } = await import('node:fs');
    assert.equal(statSync(backup).mode & 0o777, 0o600, 'a backup is readable by its owner only');
    assert.equal(server.run(['backup', backup]).status, 1, 'never overwrites');
    assert.equal(server.run(['restore', backup]).status, 1, 'refused while the server runs');
  } finally {
    await server.stop();
  }
  // A damaged file is refused and nothing is replaced.
  const damaged = join(dir, 'damaged.db');
  copyFileSync(backup, damaged);
  const fd = await import('node:fs').then((fs) => fs.openSync(damaged, 'r+'));
  const fs = await import('node:fs');
  fs.writeSync(fd, Buffer.alloc(4096, 0x41), 0, 4096, 8192);
  fs.closeSync(fd);
  const refused = server.run(['restore', damaged]);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /復元に使えません/);
  const notDb = join(dir, 'not-a-db.db');
  writeFileSync(notDb, 'hello');
  assert.equal(server.run(['restore', notDb]).status, 1);
  assert.ok(!readdirSync(server.dir).some((f) => f.startsWith('musubi.db.before-restore')), 'nothing was replaced');

  const restored = server.run(['restore', backup]);
  assert.equal(restored.status, 0, restored.stderr);
  assert.ok(readdirSync(server.dir).some((f) => f.startsWith('musubi.db.before-restore')));
  assert.ok(existsSync(join(server.dir, 'musubi.db')));
  await server.restart();
  try {
    const admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
    assert.equal((await admin.get('/api/v1/persons?limit=1')).status, 200);
    assert.equal(server.run(['audit', 'verify']).status, 0);
  } finally {
    await server.cleanup();
  }
});
