// A region that uses an external CA (C3, "or an external CA's certificates imported instead"):
// its CA certificate is imported on the shell (refused while devices of the built-in CA are
// usable), Musubi then issues nothing itself, and each certificate the external CA issued must
// be registered for its user before it gets past the handshake; revoking it works as for any
// device. Certificates are made with the openssl command, as an external CA would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTlsDemo, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';
import { httpsRequest } from '../support/https.mjs';
import { CLOCK_OFFSET_MS } from '../support/clock.mjs';

let server;
let admin;
let ca;

before(async () => {
  server = await startTlsDemo({ env: { MUSUBI_PKI_CA_KEY_PASSPHRASE: 'external ca test' } });
  ca = readFileSync(join(server.dir, 'tls/ca.pem'));
  admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
});
after(async () => server?.cleanup());

const openssl = (...args) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
// `days` from the server's today: openssl counts from the machine's, which the test clock may precede.
const validDays = (days) => String(days + Math.ceil(CLOCK_OFFSET_MS / 86400_000));

// A CA and a client certificate for `cn` signed by it, in the test's directory.
function makeCa(name) {
  const dir = server.dir;
  const key = join(dir, `${name}-ca.key`);
  const pem = join(dir, `${name}-ca.pem`);
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', pem, '-days', validDays(30), '-subj', `/CN=${name} CA`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  return { key, pem };
}
function makeClient(authority, cn, file) {
  const dir = server.dir;
  const key = join(dir, `${file}.key`);
  const csr = join(dir, `${file}.csr`);
  const pem = join(dir, `${file}.pem`);
  const ext = join(dir, `${file}.ext`);
  writeFileSync(ext, 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n');
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${cn}`);
  openssl('x509', '-req', '-in', csr, '-CA', authority.pem, '-CAkey', authority.key, '-CAcreateserial', '-out', pem, '-days', validDays(10), '-extfile', ext);
  return { pem, tls: { cert: readFileSync(pem), key: readFileSync(key) } };
}

const login = (tls) => httpsRequest(server.httpsUrl, ca, '/api/v1/session', { method: 'POST', body: { login_id: 'takahashi.ns', password: DEMO_PASSWORD }, tls });
const refused = /socket hang up|ECONNRESET|certificate|alert|handshake|403/i;

async function userId(loginId) {
  const r = await admin.get(`/api/v1/users?q=${loginId}&limit=5`);
  return r.json.items.find((u) => u.login_id === loginId).id;
}

test('an external CA replaces the built-in one, and only its registered certificates get in', async () => {
  const external = makeCa('External');
  const refusedImport = server.run(['region', 'import-ca', '--cert', external.pem]);
  assert.notEqual(refusedImport.status, 0);
  assert.match(refusedImport.stderr, /有効な端末証明書/);

  // The region gives up the built-in CA's devices first (the demo made one per demo login).
  for (const l of ['demo-admin', 'sato.dr', 'suzuki.cm', 'takahashi.ns', 'tanaka.msw', 'yamada.ems']) {
    assert.equal((await admin.post(`/api/v1/users/${await userId(l)}/devices/revoke-all`)).status, 200);
  }
  const notCa = makeClient(external, 'someone', 'not-a-ca');
  assert.notEqual(server.run(['region', 'import-ca', '--cert', notCa.pem]).status, 0, 'a leaf is no CA');
  const imported = server.run(['region', 'import-ca', '--cert', external.pem]);
  assert.equal(imported.status, 0, imported.stderr);

  const device = makeClient(external, 'takahashi.ns', 'takahashi');
  await assert.rejects(login(device.tls).then((r) => { if (r.status !== 200) throw new Error(String(r.status)); }), refused, 'unregistered: refused');

  const registered = server.run(['device', 'register', '--login', 'takahashi.ns', '--name', '病院支給のPC', '--cert', device.pem]);
  assert.equal(registered.status, 0, registered.stderr);
  const serial = /シリアル: ([0-9A-F]+)/.exec(registered.stdout)[1];
  const ok = await login(device.tls);
  assert.equal(ok.status, 200, ok.text);
  assert.equal(server.run(['device', 'register', '--login', 'takahashi.ns', '--name', 'again', '--cert', device.pem]).status === 0, false, 'registered once');

  // Musubi issues nothing under an external CA: neither directly nor by invitation.
  const nurse = await userId('takahashi.ns');
  const issue = await admin.post(`/api/v1/users/${nurse}/devices`, { name: 'x' });
  assert.equal(issue.status, 409);
  assert.match(issue.json.error.message, /外部の認証局/);

  // A certificate from some other CA cannot be registered.
  const stranger = makeClient(makeCa('Stranger'), 'takahashi.ns', 'stranger');
  const wrong = server.run(['device', 'register', '--login', 'takahashi.ns', '--name', 'x', '--cert', stranger.pem]);
  assert.notEqual(wrong.status, 0);
  assert.match(wrong.stderr, /地域の認証局が発行した/);

  assert.equal(server.run(['device', 'revoke', serial]).status, 0);
  await assert.rejects(login(device.tls).then((r) => { if (r.status !== 200) throw new Error(String(r.status)); }), refused, 'revoked: refused');
  const audit = await admin.get('/api/v1/audit?action=device.register&limit=5');
  assert.equal(audit.json.items.length, 1);
});
