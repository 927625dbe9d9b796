// Attacks on live updates: a page of another site, no session or a forged one, and a client that
// never reads its socket while events pour in (it is cut off; the server does not grow).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { startServer, rssKiB, assertMemoryGrowth, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';
import { openLive } from '../support/live.mjs';
import { PATIENCE_MS } from '../support/wait.mjs';

let server;
let dr;
let ns;
let team;

before(async () => {
  server = await startServer({ env: { MUSUBI_LIVE_IDLE_TIMEOUT_SECONDS: '2', MUSUBI_LIVE_MAX_QUEUED_BYTES: '65536' } });
  [dr, ns] = await Promise.all(['sato.dr', 'takahashi.ns'].map((l) => loggedIn(server.url, l, DEMO_PASSWORD)));
  const nsTeams = (await ns.get('/api/v1/care-teams')).json.items;
  team = (await dr.get('/api/v1/care-teams')).json.items.find((t) => nsTeams.some((n) => n.id === t.id));
});
after(async () => server?.cleanup());

test('a WebSocket from another origin, without Origin, or without a valid session is refused', async () => {
  const cases = [
    [{ origin: 'https://evil.example' }, 403],
    [{ origin: '' }, 403],
    [{ cookie: '' }, 401],
    [{ cookie: 'musubi_session=forged-token-123' }, 401],
  ];
  for (const [options, status] of cases) {
    const live = openLive(server.url, dr, options);
    await live.until((l) => l.closed);
    assert.equal(live.status, status, JSON.stringify(options));
    assert.equal(live.messages.length, 0);
  }
  const bad = openLive(server.url, dr, { after: -5 });
  await bad.until((l) => l.closed);
  assert.equal(bad.status, 400);
});

// The kernel's view of our end of a TCP connection: CLOSE_WAIT means the server has closed it
// (a paused socket would not notice by itself).
function tcpState(localPort) {
  const hex = localPort.toString(16).toUpperCase().padStart(4, '0');
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6'].filter((f) => existsSync(f))) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[1]?.endsWith(':' + hex)) return { '01': 'ESTABLISHED', '08': 'CLOSE_WAIT' }[f[3]] ?? f[3];
    }
  }
  return 'GONE';
}

test('a client that never reads is disconnected, and the server does not grow', async () => {
  const url = new URL(server.url);
  const socket = net.connect(Number(url.port), url.hostname);
  await new Promise((r) => socket.once('connect', r));
  socket.write(
    `GET /api/v1/live HTTP/1.1\r\nHost: ${url.host}\r\nOrigin: ${server.url}\r\nCookie: ${dr.cookie}\r\n` +
      'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  const head = await new Promise((r) => socket.once('data', (d) => r(String(d))));
  assert.match(head, /^HTTP\/1\.1 101/);
  socket.pause(); // from here on nothing is read, not even the server's pings
  socket.on('error', () => {});
  assert.equal(tcpState(socket.localPort), 'ESTABLISHED');
  const before = rssKiB(server.proc.pid);
  const started = Date.now();
  const closedByServer = () => tcpState(socket.localPort) !== 'ESTABLISHED';
  for (let i = 0; i < 300 && !closedByServer(); i++) await ns.post(`/api/v1/boards/${team.id}/posts`, { body: `読まれない相手への投稿 ${i}` });
  while (!closedByServer() && Date.now() - started < PATIENCE_MS) await new Promise((r) => setTimeout(r, 100));
  assert.ok(closedByServer(), 'the silent client was disconnected');
  socket.destroy();
  const grown = rssKiB(server.proc.pid) - before;
  assertMemoryGrowth(grown, 16 * 1024, `server grew by ${grown} KiB`);
  // Others are not affected.
  const live = openLive(server.url, dr);
  await live.until((l) => l.messages.some((m) => m.type === 'hello'));
  await live.close();
});
