// HTTPS with the demo's local CA: the certificate verifies, the session cookie is Secure, HSTS is
// sent, and old protocol versions are refused. The HTTPS listener asks for a device certificate:
// these requests present the one the demo issued for sato.dr.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTlsDemo, DEMO_PASSWORD } from '../support/server.mjs';

let server;
let ca;
let device;
before(async () => {
  // The demo makes its local CA and server certificate when HTTPS is on and no certificate is set.
  server = await startTlsDemo();
  const dataDir = server.dir;
  ca = readFileSync(join(dataDir, 'tls/ca.pem'));
  device = {
    pfx: readFileSync(join(dataDir, 'tls/devices/sato.dr.p12')),
    passphrase: readFileSync(join(dataDir, 'tls/devices/sato.dr.password'), 'utf8'),
  };
});
after(async () => server?.cleanup());

function https(path, { method = 'GET', body, tls = {} } = {}) {
  const url = new URL(path, server.httpsUrl);
  return new Promise((resolve, reject) => {
    const req = request(url, { method, ca, ...device, headers: body ? { 'Content-Type': 'application/json', Origin: server.httpsUrl } : {}, ...tls }, (res) => {
      const protocol = res.socket.getProtocol();
      let data = '';
      res.on('data', (d) => (data += d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: data, protocol }));
    });
    req.on('error', reject);
    if (body) req.write(JSON.stringify(body));
    req.end();
  });
}

test('the demo certificate verifies against the demo CA and login sets a Secure cookie', async () => {
  assert.match(server.httpsUrl, /^https:\/\/127\.0\.0\.1:\d+$/);
  const r = await https('/api/v1/session', { method: 'POST', body: { login_id: 'sato.dr', password: DEMO_PASSWORD } });
  assert.equal(r.status, 200, r.body);
  const cookie = r.headers['set-cookie'][0];
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.match(cookie, /Secure/);
  assert.match(r.headers['strict-transport-security'], /max-age=\d+/);
});

test('the front end is served over HTTPS too', async () => {
  const r = await https('/');
  assert.equal(r.status, 200);
  assert.match(r.body, /<div id="app">|<html/);
});

test('TLS 1.1 is refused; TLS 1.3 is used when offered', async () => {
  await assert.rejects(https('/healthz', { tls: { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' } }));
  const r = await https('/healthz');
  assert.equal(r.status, 200);
  assert.equal(r.protocol, 'TLSv1.3');
});

test('weak TLS 1.2 cipher suites (no forward secrecy, CBC) are refused', async () => {
  for (const ciphers of ['AES128-SHA', 'AES256-GCM-SHA384', 'ECDHE-RSA-AES128-SHA']) {
    await assert.rejects(https('/healthz', { tls: { maxVersion: 'TLSv1.2', ciphers } }), /handshake|cipher|alert/i, ciphers);
  }
  const strong = await https('/healthz', { tls: { maxVersion: 'TLSv1.2' } });
  assert.equal(strong.status, 200);
  assert.equal(strong.protocol, 'TLSv1.2');
});

test('a client that does not trust the CA stops at the handshake', async () => {
  await assert.rejects(
    new Promise((resolve, reject) => {
      const req = request(new URL('/healthz', server.httpsUrl), { ...device }, (res) => resolve(res.statusCode));
      req.on('error', reject);
      req.end();
    }),
    /self[- ]signed|unable to verify|certificate/i,
  );
});
