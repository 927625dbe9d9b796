// Device certificates (C3): the HTTPS listener lets through only a certificate issued by the
// region's CA for a device that is neither revoked nor expired, binds the login to the
// certificate's user, and forgets a revoked device at once — also on a connection already open.
// Every refusal is in the audit log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Agent } from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startTlsDemo, musubi, DEMO_PASSWORD } from '../support/server.mjs';
import { Client, loggedIn } from '../support/client.mjs';
import { httpsRequest } from '../support/https.mjs';

let server;
let ca;
let admin;
const passphrase = randomBytes(18).toString('base64url');

before(async () => {
  server = await startTlsDemo({ env: { MUSUBI_PKI_CA_KEY_PASSPHRASE: passphrase } });
  const dataDir = server.dir;
  ca = readFileSync(join(dataDir, 'tls/ca.pem'));
  admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
});
after(async () => server?.cleanup());

function https(path, options) {
  return httpsRequest(server.httpsUrl, ca, path, options);
}

async function userId(login) {
  const r = await admin.get(`/api/v1/users?q=${login}&limit=5`);
  const u = r.json.items.find((x) => x.login_id === login);
  assert.ok(u, `user ${login}`);
  return u.id;
}

// Issues a device for `login` through the API and downloads its PKCS#12 once.
async function issueDevice(login, name) {
  const r = await admin.post(`/api/v1/users/${await userId(login)}/devices`, { name });
  assert.equal(r.status, 201, r.text);
  assert.match(r.json.download_path, /^\/api\/v1\/device-downloads\/[\w-]{30,}$/);
  assert.equal(r.json.setup_path, '/device-setup#' + r.json.download_path.split('/').pop());
  assert.match(r.json.import_password, /^[A-Za-z0-9]{16}$/);
  const file = await fetch(server.url + r.json.download_path);
  assert.equal(file.status, 200);
  assert.equal(file.headers.get('content-type'), 'application/x-pkcs12');
  assert.equal(file.headers.get('cache-control'), 'no-store');
  const pfx = Buffer.from(await file.arrayBuffer());
  return { id: r.json.id, serial: r.json.serial, path: r.json.download_path, tls: { pfx, passphrase: r.json.import_password } };
}

async function audit(action) {
  const r = await admin.get(`/api/v1/audit?action=${action}&limit=50`);
  assert.equal(r.status, 200, r.text);
  return r.json.items;
}

const refusedAtHandshake = /socket hang up|ECONNRESET|certificate|alert|handshake/i;

test('an issued certificate downloads once, logs its own user in, and refuses another user', async () => {
  const device = await issueDevice('sato.dr', '訪問用タブレット');
  assert.equal((await fetch(server.url + device.path)).status, 404, 'a link works once');
  assert.equal((await fetch(server.url + '/api/v1/device-downloads/' + randomBytes(32).toString('base64url'))).status, 404);
  assert.ok((await audit('device.download')).some((e) => e.outcome === 'denied'), 'a used or guessed link is audited');

  const login = await https('/api/v1/session', { method: 'POST', body: { login_id: 'sato.dr', password: DEMO_PASSWORD }, tls: device.tls });
  assert.equal(login.status, 200, login.text);

  const other = await https('/api/v1/session', { method: 'POST', body: { login_id: 'suzuki.cm', password: DEMO_PASSWORD }, tls: device.tls });
  assert.equal(other.status, 403);
  assert.match(other.json.error.message, /別の利用者/);
  assert.ok((await audit('login')).some((e) => e.outcome === 'denied' && /another user/.test(e.detail)));

  const mine = await https('/api/v1/devices', { cookie: login.headers['set-cookie'][0].split(';')[0], tls: device.tls });
  assert.equal(mine.status, 200);
  const listed = mine.json.devices.find((d) => d.id === device.id);
  assert.equal(listed.usable, true);
  assert.equal(listed.downloaded, true);
  assert.equal(listed.current, true);
  assert.equal(listed.name, '訪問用タブレット');
  const demoDevice = mine.json.devices.find((d) => d.name === 'デモ端末');
  assert.equal(demoDevice.downloaded, true, 'a certificate handed over as a file waits for no link');
  assert.equal(demoDevice.current, false);
});

test('a session lives only on the kind of connection it was opened on', async () => {
  const device = await issueDevice('suzuki.cm', 'ノートPC');
  const login = await https('/api/v1/session', { method: 'POST', body: { login_id: 'suzuki.cm', password: DEMO_PASSWORD }, tls: device.tls });
  assert.equal(login.status, 200);
  const tlsCookie = login.headers['set-cookie'][0].split(';')[0];
  const plain = await fetch(server.url + '/api/v1/session', { headers: { Cookie: tlsCookie } });
  assert.equal(plain.status, 401, 'a certificate session cookie is useless without the certificate');

  const plainClient = await loggedIn(server.url, 'suzuki.cm', DEMO_PASSWORD);
  const viaTls = await https('/api/v1/session', { cookie: plainClient.cookie, tls: device.tls });
  assert.equal(viaTls.status, 401);
});

test('no certificate, another CA, an expired certificate: refused at the handshake and audited', async () => {
  // Three tries without a certificate: one audit entry (a scanner must not fill the log).
  for (let i = 0; i < 3; i++) await assert.rejects(https('/healthz'), refusedAtHandshake);

  const dir = mkdtempSync(join(tmpdir(), 'musubi-foreign-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, 'k.pem'),
    '-out', join(dir, 'c.pem'), '-subj', '/O=Musubi/CN=sato.dr', '-days', '30'], { stdio: 'ignore' });
  await assert.rejects(https('/healthz', { tls: { cert: readFileSync(join(dir, 'c.pem')), key: readFileSync(join(dir, 'k.pem')) } }), refusedAtHandshake);

  const out = join(dir, 'expired.p12');
  const printed = musubi(['device', 'issue', '--login', 'tanaka.msw', '--name', '古い端末', '--out', out, '--days=-1'], server.env);
  const password = printed.match(/インポート用パスワード: (\S+)/)[1];
  await assert.rejects(https('/healthz', { tls: { pfx: readFileSync(out), passphrase: password } }), refusedAtHandshake);

  const refused = await audit('device.refused');
  assert.ok(refused.some((e) => /self.signed|unable to get local issuer/i.test(e.detail)), JSON.stringify(refused));
  assert.ok(refused.some((e) => /expired/i.test(e.detail)), JSON.stringify(refused));
  assert.equal(refused.filter((e) => e.detail.startsWith('no certificate')).length, 1, JSON.stringify(refused));
});

test('revoking a device ends its session and cuts even a connection already open', async () => {
  const device = await issueDevice('takahashi.ns', 'ステーションのPC');
  const agent = new Agent({ keepAlive: true, maxSockets: 1, ca, ...device.tls });
  const login = await https('/api/v1/session', { method: 'POST', body: { login_id: 'takahashi.ns', password: DEMO_PASSWORD }, tls: device.tls, agent });
  assert.equal(login.status, 200);
  const cookie = login.headers['set-cookie'][0].split(';')[0];
  const before = await https('/api/v1/session', { cookie, tls: device.tls, agent });
  assert.equal(before.status, 200);

  const revoked = await admin.delete(`/api/v1/devices/${device.id}`);
  assert.equal(revoked.status, 200, revoked.text);
  assert.equal((await admin.delete(`/api/v1/devices/${device.id}`)).status, 409, 'twice is a conflict');

  const after = await https('/api/v1/session', { cookie, tls: device.tls, agent });
  assert.equal(after.socket, before.socket, 'the same keep-alive connection');
  assert.equal(after.status, 403);
  assert.match(after.json.error.message, /失効/);
  agent.destroy();

  await assert.rejects(https('/healthz', { tls: device.tls }), refusedAtHandshake);
  const entry = (await audit('device.revoke')).find((e) => e.target_id === String(device.id));
  assert.match(entry.detail, /1 sessions ended/);
});

test('devices are managed by their user and region administrators only', async () => {
  const nurse = await loggedIn(server.url, 'takahashi.ns', DEMO_PASSWORD);
  const satoId = await userId('sato.dr');
  assert.equal((await nurse.get(`/api/v1/users/${satoId}/devices`)).status, 403);
  assert.equal((await nurse.post(`/api/v1/users/${satoId}/devices`, { name: 'x' })).status, 403);
  const satoDevices = (await admin.get(`/api/v1/users/${satoId}/devices`)).json.devices;
  assert.ok(satoDevices.length >= 1);
  const r = await nurse.delete(`/api/v1/devices/${satoDevices[0].id}`);
  assert.equal(r.status, 403, 'another user\'s device cannot be revoked');
  assert.equal((await admin.post(`/api/v1/users/${satoId}/devices`, { name: '' })).status, 400);
  assert.equal((await admin.post(`/api/v1/users/${satoId}/devices`, { name: 'x', valid_days: 0 })).status, 400);

  const all = await admin.post(`/api/v1/users/${satoId}/devices/revoke-all`, {});
  assert.equal(all.status, 200);
  assert.ok(all.json.revoked >= 1);
  const after = (await admin.get(`/api/v1/users/${satoId}/devices`)).json.devices;
  assert.ok(after.every((d) => d.revoked_at && !d.usable));
});

test('with the region policy on, a password alone opens nothing; turning it on ends password-only sessions', async () => {
  const nurse = await loggedIn(server.url, 'takahashi.ns', DEMO_PASSWORD);
  assert.equal((await nurse.put('/api/v1/region/certificate-policy', { required: true })).status, 403);
  const on = await admin.put('/api/v1/region/certificate-policy', { required: true });
  assert.equal(on.status, 200, on.text);
  assert.equal(on.json.certificate_required, true);
  assert.equal((await nurse.get('/api/v1/session')).status, 401, 'sessions without a certificate ended');
  assert.equal((await admin.get('/api/v1/session')).status, 401);

  const plain = await new Client(server.url).login('sato.dr', DEMO_PASSWORD);
  assert.equal(plain.status, 403);
  assert.match(plain.json.error.message, /端末証明書/);
  assert.ok((await auditAs('device certificate required')).length >= 1);

  // The administrator's own demo certificate still opens the HTTPS door; from there the policy
  // can be switched off again.
  const own = { pfx: readFileSync(join(server.dir, 'tls/devices/demo-admin.p12')), passphrase: readFileSync(join(server.dir, 'tls/devices/demo-admin.password'), 'utf8') };
  const login = await https('/api/v1/session', { method: 'POST', body: { login_id: 'demo-admin', password: DEMO_PASSWORD }, tls: own });
  assert.equal(login.status, 200, login.text);
  const off = await https('/api/v1/region/certificate-policy', {
    method: 'PUT', body: { required: false }, tls: own, cookie: login.headers['set-cookie'][0].split(';')[0], csrf: login.json.csrf_token,
  });
  assert.equal(off.status, 200, off.text);
  assert.equal(off.json.certificate_required, false);
  admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
});

// Audit entries whose detail matches, read through a certificate session (the policy is on).
async function auditAs(detail) {
  const own = { pfx: readFileSync(join(server.dir, 'tls/devices/demo-admin.p12')), passphrase: readFileSync(join(server.dir, 'tls/devices/demo-admin.password'), 'utf8') };
  const login = await https('/api/v1/session', { method: 'POST', body: { login_id: 'demo-admin', password: DEMO_PASSWORD }, tls: own });
  const r = await https('/api/v1/audit?action=login&limit=50', { tls: own, cookie: login.headers['set-cookie'][0].split(';')[0] });
  assert.equal(r.status, 200, r.text);
  return r.json.items.filter((e) => e.outcome === 'denied' && e.detail === detail);
}
