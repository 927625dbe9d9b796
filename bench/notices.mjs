// Region notice benchmark (run by bench/notices against a server on generated data with 30,000
// users): 5,000 of them connected over WebSocket (sessions made beforehand by bench/notices, as
// logging 5,000 people in would measure argon2id instead); the region administrator publishes a
// notice to everyone; the time to publish (the HTTP answer) and, for each connected recipient,
// from the request to its `notice` message. Then, once the notifier has written everyone's row,
// the time to remind every recipient (nobody has confirmed): one upsert of as many rows.
// Usage: node bench/notices.mjs BASE_URL SERVER_PID TOKENS_FILE
// Prints one line: RESULT publish_ms recipients deliveries p50_ms p99_ms last_ms rss_before
// rss_after remind_ms reminded
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { Client } from '../tests/support/client.mjs';

const [base, pid, tokensFile] = process.argv.slice(2);
const tokens = readFileSync(tokensFile, 'utf8').split('\n').filter(Boolean);
const rss = () => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]);
const percentile = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const rssBefore = rss();
const arrivals = [];
let t0 = 0;
const sockets = [];
let ready = 0;
await new Promise((resolve, reject) => {
  let i = 0;
  // Opened 100 at a time, as a city's staff arrive over the morning rather than in one instant.
  const openSome = () => {
    for (let k = 0; k < 100 && i < tokens.length; k++, i++) {
      const ws = new WebSocket(base.replace(/^http/, 'ws') + '/api/v1/live', {
        headers: { Origin: base, Cookie: `musubi_session=${tokens[i]}` },
      });
      ws.on('message', (data) => {
        const m = JSON.parse(String(data));
        if (m.type === 'hello' && ++ready === tokens.length) resolve();
        if (m.type === 'notice') arrivals.push(performance.now() - t0);
      });
      ws.on('unexpected-response', (_req, res) => reject(new Error(`live refused: ${res.statusCode}`)));
      ws.on('error', reject);
      sockets.push(ws);
    }
    if (i < tokens.length) setTimeout(openSome, 20);
  };
  openSome();
});
await new Promise((r) => setTimeout(r, 1000));
const rssAfter = rss();

const admin = new Client(base);
const login = await admin.login('demo-admin', 'musubi-demo-2026');
if (login.status !== 200) throw new Error(`login: ${login.status}`);
t0 = performance.now();
const published = await admin.post('/api/v1/notices', {
  title: '年末年始の休日当番医について',
  body: '12月29日から1月3日までの当番医をお知らせします。在宅の方の急変時は、まず主治医へご連絡ください。',
  ack_requested: true,
});
const publishMs = performance.now() - t0;
if (published.status !== 201) throw new Error(`publish: ${published.status} ${published.text}`);
const deadline = Date.now() + 30000;
while (arrivals.length < tokens.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
arrivals.sort((a, b) => a - b);
for (const ws of sockets) ws.terminate();
// The notifier writes the notice's rows right after it is published (it is woken then); the
// reminder brings each of them back, which is the case that costs the most.
await new Promise((r) => setTimeout(r, 3000));
const t1 = performance.now();
const reminded = await admin.post(`/api/v1/notices/${published.json.id}/remind`, {});
const remindMs = performance.now() - t1;
if (reminded.status !== 200) throw new Error(`remind: ${reminded.status} ${reminded.text}`);
console.log(
  `RESULT ${publishMs.toFixed(1)} ${published.json.recipients} ${arrivals.length} ${percentile(arrivals, 50).toFixed(1)} ` +
    `${percentile(arrivals, 99).toFixed(1)} ${arrivals[arrivals.length - 1].toFixed(1)} ${rssBefore} ${rssAfter} ` +
    `${remindMs.toFixed(1)} ${reminded.json.reminded}`,
);
process.exit(0);
