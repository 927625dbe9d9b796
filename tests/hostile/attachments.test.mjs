// Hostile uploads: lying sizes, decompression bombs, disguised and path-like files, aborted
// uploads. Each must be refused or rendered harmless without harm to the server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { join } from 'node:path';
import { startServer, rssKiB, assertMemoryGrowth, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';
import { pngBomb, png } from '../support/images.mjs';
import { sqlite } from '../support/db.mjs';

let server;
let ns;
let teamId;

before(async () => {
  server = await startServer();
  ns = await loggedIn(server.url, 'takahashi.ns', DEMO_PASSWORD);
  teamId = (await ns.get('/api/v1/care-teams')).json.items[0].id;
});
after(() => server.cleanup());

function upload(name, bytes, type = 'application/octet-stream') {
  return ns.request('POST', `/api/v1/boards/${teamId}/attachments?name=${encodeURIComponent(name)}`, {
    raw: bytes,
    headers: { 'Content-Type': type },
  });
}

// Sends the head and `body` on a raw socket; resolves with what the server answered.
function rawUpload(headLines, body, { closeAfterMs } = {}) {
  const [host, port] = server.url.replace('http://', '').split(':');
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), host);
    let answer = '';
    socket.on('data', (d) => (answer += d));
    socket.on('close', () => resolve(answer));
    socket.on('error', (e) => (['ECONNRESET', 'EPIPE'].includes(e.code) ? resolve(answer) : reject(e)));
    socket.on('connect', () => {
      socket.write(
        [`POST /api/v1/boards/${teamId}/attachments?name=x.bin HTTP/1.1`, 'Host: x', `Cookie: ${ns.cookie}`, `X-CSRF-Token: ${ns.csrf}`, ...headLines, '', ''].join('\r\n'),
      );
      if (body) socket.write(body);
      if (closeAfterMs !== undefined) setTimeout(() => socket.destroy(), closeAfterMs);
    });
  });
}

function sql(query) {
  return sqlite(server.dir, query);
}

test('a 5 GB upload with a lying Content-Length gets 413 at once, without memory growth', async () => {
  const before = rssKiB(server.proc.pid);
  const answer = await rawUpload(['Content-Length: 5000000000'], Buffer.alloc(256 * 1024));
  assert.match(answer, /^HTTP\/1\.1 413/);
  assert.match(answer, /100 MB/);
  const grown = rssKiB(server.proc.pid) - before;
  assertMemoryGrowth(grown, 4096, `RSS grew by ${grown} KiB`);
  assert.equal((await ns.get('/api/v1/care-teams')).status, 200);
});

test('a 40 MB upload streams into storage: memory grows far less than the file', async () => {
  const warm = await upload('warm.bin', Buffer.alloc(4 * 1024 * 1024, 1));
  assert.equal(warm.status, 201);
  const before = rssKiB(server.proc.pid);
  const big = Buffer.alloc(40 * 1024 * 1024, 3);
  const r = await upload('big.bin', big);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.size, big.length);
  const grown = rssKiB(server.proc.pid) - before;
  assertMemoryGrowth(grown, 16 * 1024, `RSS grew by ${grown} KiB for a 40 MB upload`);
  assert.equal(sql(`SELECT COUNT(*) FROM blob_chunks WHERE blob_id = (SELECT blob_id FROM attachments WHERE id = ${r.json.id})`), '40');
});

test('a decompression bomb (50,000 × 50,000 px PNG) is refused without decoding it', async () => {
  const before = rssKiB(server.proc.pid);
  const bomb = pngBomb(50000, 50000);
  const r = await upload('bomb.png', bomb, 'image/png');
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /画素数/);
  assert.match(r.json.error.message, /50000×50000/);
  const grown = rssKiB(server.proc.pid) - before;
  assertMemoryGrowth(grown, 8192, `RSS grew by ${grown} KiB`);
  assert.equal(sql('SELECT COUNT(*) FROM blobs WHERE complete = 0'), '0', 'nothing left behind');
  assert.equal(sql("SELECT COUNT(*) FROM attachments WHERE file_name = 'bomb.png'"), '0');
});

test('path-like, scripted and control-character file names are stored harmlessly', async () => {
  const cases = [
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\Windows\\win.ini', 'win.ini'],
    ['<img src=x onerror=alert(1)>.html', '<img src=x onerror=alert(1)>.html'],
    ['報告\r\nSet-Cookie: a=b.txt', '報告Set-Cookie: a=b.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['..', 'ファイル'],
    ['あ'.repeat(300) + '.txt', 'あ'.repeat(200)],
  ];
  for (const [given, stored] of cases) {
    const r = await upload(given, Buffer.from('data'));
    assert.equal(r.status, 201, given);
    assert.equal(r.json.file_name, stored, given);
    const res = await fetch(server.url + r.json.url, { headers: { Cookie: ns.cookie } });
    const disposition = res.headers.get('content-disposition');
    assert.match(disposition, /^attachment; filename="[A-Za-z0-9._-]*"; filename\*=UTF-8''[A-Za-z0-9._%-]*$/, given);
    assert.equal(res.headers.get('content-type'), 'application/octet-stream');
    assert.match(res.headers.get('content-security-policy'), /sandbox/);
    assert.equal(res.headers.get('set-cookie'), null);
  }
});

test('an SVG or HTML file with script is never served as a page or an image', async () => {
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>');
  const r = await upload('chart.svg', svg, 'image/svg+xml');
  assert.equal(r.json.kind, 'other');
  assert.equal(r.json.thumbnail_url, null);
  const res = await fetch(server.url + r.json.url, { headers: { Cookie: ns.cookie } });
  assert.equal(res.headers.get('content-type'), 'application/octet-stream');
  assert.match(res.headers.get('content-disposition'), /^attachment/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
});

test('a PDF with JavaScript (/OpenAction) is downloaded under a sandbox, never opened as a page of this site', async () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const r = await upload('script.pdf', pdf, 'application/pdf');
  assert.equal(r.json.kind, 'pdf');
  const res = await fetch(server.url + r.json.url, { headers: { Cookie: ns.cookie } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-disposition'), /^attachment/);
  assert.match(res.headers.get('content-security-policy'), /^sandbox/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
});

test('a file that only looks like an image is kept as a plain file, without a thumbnail', async () => {
  const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 0x41)]);
  const r = await upload('fake.jpg', fake, 'image/jpeg');
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.kind, 'other');
  assert.equal(r.json.thumbnail_url, null);
  const ok = await upload('real.png', png(3, 3));
  assert.equal(ok.json.kind, 'image');
});

test('an upload cut off midway leaves nothing behind', async () => {
  const blobsBefore = sql('SELECT COUNT(*) FROM blobs');
  await rawUpload(['Content-Length: 3000000'], Buffer.alloc(1500000, 9), { closeAfterMs: 300 });
  // The server notices the closed socket and removes the chunks it had written.
  let left = '';
  for (let i = 0; i < 50; i++) {
    left = sql('SELECT COUNT(*) FROM blobs');
    if (left === blobsBefore) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(left, blobsBefore);
  assert.equal(sql('SELECT COUNT(*) FROM blobs WHERE complete = 0'), '0');
});
