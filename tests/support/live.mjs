// A live-updates client for tests (the `ws` package, as a browser would connect: session cookie
// and Origin). Collects every message; `until` waits for a condition on what has arrived.
import WebSocket from 'ws';
import { PATIENCE_MS } from './wait.mjs';

export function openLive(base, client, { after, origin = base, cookie = client?.cookie } = {}) {
  const url = base.replace(/^http/, 'ws') + '/api/v1/live' + (after === undefined ? '' : `?after=${after}`);
  const headers = {};
  if (origin) headers.Origin = origin;
  if (cookie) headers.Cookie = cookie;
  const ws = new WebSocket(url, { headers });
  const live = { ws, messages: [], closed: false, status: 0 };
  ws.on('message', (data) => live.messages.push(JSON.parse(String(data))));
  ws.on('close', () => (live.closed = true));
  ws.on('unexpected-response', (req, res) => {
    live.status = res.statusCode;
    live.closed = true;
  });
  ws.on('error', () => (live.closed = true));
  live.events = () => live.messages.filter((m) => m.type === 'event');
  live.until = async (predicate, ms = PATIENCE_MS) => {
    const end = Date.now() + ms;
    while (!predicate(live)) {
      if (Date.now() > end) throw new Error('live: timed out; got ' + JSON.stringify(live.messages).slice(0, 500));
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  live.close = async () => {
    if (live.closed) return;
    ws.close();
    await live.until((l) => l.closed);
  };
  return live;
}
