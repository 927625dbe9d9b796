// Requests whose framing is broken get an answer before the connection closes (RFC 9112): 400
// for a head or body that cannot be framed, 505 for a version we do not speak. Each is followed
// by a well-formed request on the same connection that must not be answered: after a framing
// error nothing that follows can be trusted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer } from '../support/server.mjs';

let server;
let host;
let port;
before(async () => {
  server = await startServer({ seed: true, env: { MUSUBI_SERVER_HEADER_TIMEOUT_SECONDS: '5' } });
  [host, port] = server.url.replace('http://', '').split(':');
});
after(() => server.cleanup());

// Sends the bytes, half-closes, and resolves with everything answered before the server closed.
function exchange(bytes) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), host);
    const got = [];
    socket.on('data', (d) => got.push(d));
    socket.on('close', () => resolve(Buffer.concat(got).toString('latin1')));
    socket.on('error', (e) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? resolve(Buffer.concat(got).toString('latin1')) : reject(e)));
    socket.on('connect', () => socket.end(bytes));
  });
}

const next = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';
const post = (headers, body = '') => `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${headers}\r\n${body}`;

const cases = [
  ['two different Content-Lengths', post('Content-Length: 4\r\nContent-Length: 5\r\n', '{}{}'), 400],
  ['Content-Length with Transfer-Encoding', post('Content-Length: 4\r\nTransfer-Encoding: chunked\r\n', '0\r\n\r\n'), 400],
  ['a negative Content-Length', post('Content-Length: -1\r\n'), 400],
  ['a Content-Length past 64 bits', post('Content-Length: 999999999999999999999999\r\n'), 400],
  ['a chunk size that overflows', post('Transfer-Encoding: chunked\r\n', 'fffffffffffffffffff\r\nx\r\n0\r\n\r\n'), 400],
  ['a chunk size that is not hex', post('Transfer-Encoding: chunked\r\n', 'zz\r\nx\r\n0\r\n\r\n'), 400],
  ['bare LF line ends', 'GET /healthz HTTP/1.1\nHost: x\n\n', 400],
  ['a NUL in a header value', 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Note: a\u0000b\r\n\r\n', 400],
  ['a header name with a space', 'GET /healthz HTTP/1.1\r\nHost: x\r\nBad Name: 1\r\n\r\n', 400],
  ['HTTP/0.9 (no version)', 'GET /healthz\r\n\r\n', 400],
  ['the HTTP/2 preface on a plain listener', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 505],
  ['an HTTP/2.0 request line', 'GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n', 505],
  ['HTTP/1.1 without Host', 'GET /healthz HTTP/1.1\r\n\r\n', 400],
  ['two Host headers', 'GET /healthz HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n', 400],
];

for (const [name, bytes, status] of cases) {
  test(`${name}: answered ${status}, then the connection is closed`, async () => {
    const answer = await exchange(bytes + next);
    assert.match(answer, new RegExp(`^HTTP/1\\.1 ${status} `), JSON.stringify(answer.slice(0, 200)));
    assert.match(answer, /Connection: close/i);
    assert.equal((answer.match(/HTTP\/1\.1 \d{3}/g) ?? []).length, 1, 'what followed was not answered');
    // The message is Japanese, in the same error shape as every other refusal.
    const body = answer.slice(answer.indexOf('\r\n\r\n') + 4);
    assert.match(Buffer.from(body, 'latin1').toString('utf8'), /"code":"(invalid_input|http_version)"/);
  });
}

test('HTTP/1.0 without Host is still served (Host is required from 1.1 on)', async () => {
  const answer = await exchange('GET /healthz HTTP/1.0\r\n\r\n');
  assert.match(answer, /^HTTP\/1\.[01] 200 /);
});

test('the server still answers after every kind of broken framing', async () => {
  const r = await fetch(`${server.url}/healthz`);
  assert.equal(r.status, 200);
});
