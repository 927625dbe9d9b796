// Oversized, malformed and slow requests: refused early, without memory growth, without
// holding the server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, rssKiB, assertMemoryGrowth, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';

let server;
let host;
let port;
before(async () => {
  server = await startServer({ env: { MUSUBI_SERVER_HEADER_TIMEOUT_SECONDS: '2', MUSUBI_SERVER_IDLE_TIMEOUT_SECONDS: '2' } });
  [host, port] = server.url.replace('http://', '').split(':');
});
after(() => server.cleanup());

// Sends raw bytes and resolves with everything the server answered before closing.
function raw(chunks, { delayMs = 0, endAfter = true } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), host);
    let answer = '';
    socket.on('data', (d) => (answer += d));
    socket.on('close', () => resolve(answer));
    socket.on('error', (e) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? resolve(answer) : reject(e)));
    socket.on('connect', async () => {
      for (const c of chunks) {
        if (socket.destroyed) break;
        socket.write(c);
        if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      }
      if (endAfter && !socket.destroyed) socket.end();
    });
  });
}

test('a 10 MB JSON body gets 413 and the server does not grow', async () => {
  const admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
  const before = rssKiB(server.proc.pid);
  const big = JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024) });
  for (let i = 0; i < 5; i++) {
    // The server answers and closes without reading the body; the client may see the answer or,
    // if it is still sending, a reset. Either way nothing is read into memory.
    const r = await admin.post('/api/v1/facilities', undefined, { raw: big, headers: { 'Content-Type': 'application/json' } }).catch(() => null);
    if (r) {
      assert.equal(r.status, 413);
      assert.equal(r.json.error.code, 'too_large');
    }
  }
  const viaSocket = await raw([`POST /api/v1/facilities HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${big.length}\r\n\r\n`]);
  assert.match(viaSocket, /^HTTP\/1\.1 413/);
  const grown = rssKiB(server.proc.pid) - before;
  assertMemoryGrowth(grown, 4096, `RSS grew by ${grown} KiB`);
});

test('a lying Content-Length is refused before any body is read', async () => {
  const answer = await raw(['POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000000000\r\n\r\n{"a":']);
  assert.match(answer, /^HTTP\/1\.1 413/);
});

test('a chunked body past the limit gets 413', async () => {
  const chunk = 'a'.repeat(256 * 1024);
  const parts = ['POST /api/v1/session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n'];
  for (let i = 0; i < 8; i++) parts.push(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
  parts.push('0\r\n\r\n');
  const answer = await raw(parts);
  assert.match(answer, /^HTTP\/1\.1 413/);
});

test('both Content-Length and Transfer-Encoding (request smuggling) get 400 and the connection closed', async () => {
  const answer = await raw([
    'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n',
  ], { endAfter: false });
  assert.match(answer, /^HTTP\/1\.1 400/);
  assert.match(answer, /リクエストの形式が正しくありません/);
  assert.match(answer, /Connection: close/i);
  assert.equal((answer.match(/HTTP\/1\.1 /g) ?? []).length, 1, 'the smuggled request is not answered');
});

test('malformed JSON gets 400 with a Japanese message', async () => {
  const admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
  for (const body of ['{"name": ', 'null', '[1,2]', '"text"', '{"name": "\\ud800"}', '\u0000\u0001']) {
    const r = await admin.request('POST', '/api/v1/facilities', { raw: body, headers: { 'Content-Type': 'application/json' } });
    assert.equal(r.status, 400, body);
    assert.match(r.json.error.message, /JSON|入力/, body);
  }
});

test('invalid UTF-8 in a field is refused, not stored', async () => {
  const admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
  const body = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","kind":"clinic"}')]);
  const r = await admin.request('POST', '/api/v1/facilities', { raw: body, headers: { 'Content-Type': 'application/json' } });
  assert.equal(r.status, 400);
});

test('a header flood gets 431', async () => {
  const answer = await raw([`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Flood: ${'a'.repeat(64 * 1024)}\r\n\r\n`]);
  assert.match(answer, /^HTTP\/1\.1 431/);
});

test('many small headers are refused like one large one, and the server stays up', async () => {
  const many = Array.from({ length: 4000 }, (_, i) => `X-H${i}: ${i}`).join('\r\n');
  const answer = await raw([`GET /healthz HTTP/1.1\r\nHost: x\r\n${many}\r\n\r\n`]);
  assert.match(answer, /^HTTP\/1\.1 431/);
  const longLine = await raw([`GET /${'a'.repeat(100 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`]);
  assert.match(longLine, /^HTTP\/1\.1 (414|431|400)/);
  assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
});

test('paths that climb out of the web root reach no file: not the database, the config or the system', async () => {
  // Sent byte for byte: a browser or fetch() would tidy these paths before sending them.
  const paths = [
    '/../../../../etc/passwd',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/assets/..%2f..%2f..%2fmusubi.db',
    '/..%5c..%5c..%5cetc%5cpasswd',
    '/assets/../../musubi.db',
    '//etc/passwd',
    '/musubi.db',
    '/musubi.toml',
    '/read-journal.db',
    '/tls/ca-key.pem',
    '/%00/etc/passwd',
    '/index.html%00.png',
  ];
  for (const path of paths) {
    const answer = await raw([`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`]);
    const status = Number(answer.slice(9, 12));
    assert.ok([200, 400, 404].includes(status), `${path}: ${answer.slice(0, 80)}`);
    assert.doesNotMatch(answer, /root:x:0:0|SQLite format 3|BEGIN .*PRIVATE KEY/, path);
    // Where a page is answered at all, it is the app's own index page (client-side routes).
    if (status === 200) assert.match(answer, /<!doctype html>/i, path);
  }
});

test('slowloris clients are cut off and do not hold the server', async () => {
  const slow = [];
  const opened = Date.now();
  for (let i = 0; i < 60; i++) {
    const lines = ['GET /healthz HTTP/1.1\r\n'];
    for (let k = 0; k < 40; k++) lines.push(`X-Slow-${k}: ${k}\r\n`);
    slow.push(raw(lines, { delayMs: 300, endAfter: false }));
  }
  // The server still answers others at once.
  const res = await fetch(server.url + '/healthz', { signal: AbortSignal.timeout(5000) });
  assert.equal(res.status, 200);
  const answers = await Promise.all(slow);
  const held = (Date.now() - opened) / 1000;
  assert.ok(held < 8, `slow clients held for ${held}s (header timeout is 2s)`);
  assert.ok(answers.every((a) => !a.startsWith('HTTP/1.1 200')), 'no slow request was served');
});

test('an idle keep-alive connection is closed after the idle timeout', async () => {
  const started = Date.now();
  const answer = await raw(['GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'], { endAfter: false });
  assert.match(answer, /^HTTP\/1\.1 200/);
  assert.ok(Date.now() - started < 6000);
});
