// Cross-site requests with a forged Host: with server.public_origin set, Origin (or Referer,
// where a browser sends no Origin) must name that origin, whatever Host the request claims.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';
import { freePort } from '../support/smtp.mjs';

let server;
let port;
let admin;
let origin;
before(async () => {
  port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = await startServer({ env: { MUSUBI_LISTEN: `127.0.0.1:${port}`, MUSUBI_SERVER_PUBLIC_ORIGIN: origin } });
  admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
});
after(() => server.cleanup());

// node:http, because fetch will not send a Host of our choosing.
function post(path, body, headers) {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = http.request({
      host: '127.0.0.1', port, path, method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload), Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf, ...headers },
    }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function professions() {
  return (await admin.get('/api/v1/professions')).json.items.map((p) => p.name);
}

test('another site that forges Host to match its Origin is refused, with a valid session and token', async () => {
  const r = await post('/api/v1/professions', { name: '偽ホスト職' }, { Host: 'evil.example', Origin: 'http://evil.example' });
  assert.equal(r.status, 403, r.text);
  assert.match(r.text, /別のサイトからの送信は受け付けません/);
  assert.ok(!(await professions()).includes('偽ホスト職'));
});

test('without Origin, a Referer from another site is refused and one from this site is not', async () => {
  const evil = await post('/api/v1/professions', { name: '偽リファラ職' }, { Host: 'evil.example', Referer: 'http://evil.example/page' });
  assert.equal(evil.status, 403, evil.text);
  const ours = await post('/api/v1/professions', { name: '正規リファラ職' }, { Referer: `${origin}/admin` });
  assert.equal(ours.status, 201, ours.text);
  const names = await professions();
  assert.ok(!names.includes('偽リファラ職'));
  assert.ok(names.includes('正規リファラ職'));
});

test('the public origin itself is accepted, even behind a proxy that passes another Host', async () => {
  const r = await post('/api/v1/professions', { name: '正規職' }, { Host: 'backend:8080', Origin: origin });
  assert.equal(r.status, 201, r.text);
});

test('another door of the same name (the certificate port) is accepted; another name on it is not', async () => {
  const door = await post('/api/v1/professions', { name: '別ポート職' }, { Host: '127.0.0.1:8443', Origin: 'http://127.0.0.1:8443' });
  assert.equal(door.status, 201, door.text);
  const rebound = await post('/api/v1/professions', { name: '別名職' }, { Host: 'localhost:' + port, Origin: 'http://localhost:' + port });
  assert.equal(rebound.status, 403, rebound.text);
});
