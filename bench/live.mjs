// Live-updates benchmark (run by bench/board against a server on generated data):
//  1. delivery: 10 teams with 10 connected members each; posts at 100/s across them for 10 s;
//     latency from sending a post to each member receiving its event (p50/p99);
//  2. idle memory: 5,000 idle WebSocket connections, the server's RSS before and after.
// Usage: node bench/live.mjs BASE_URL SERVER_PID TEAMS_JSON   (TEAMS_JSON: {"board_id":[login ids]})
// Prints one line: RESULT p50_ms p99_ms deliveries posts rss_before_kib rss_after_kib connections
import { readFileSync } from 'node:fs';
import { Client } from '../tests/support/client.mjs';
import { openLive } from '../tests/support/live.mjs';

const [base, pid, teamsFile] = process.argv.slice(2);
const PASSWORD = 'musubi-demo-2026';
const RATE = 100;
const SECONDS = 10;
const IDLE = Number(process.env.BENCH_IDLE_CONNECTIONS ?? 5000);
const teams = JSON.parse(readFileSync(teamsFile, 'utf8'));
const rss = () => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]);
const percentile = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

// 1. Delivery latency.
const arrivals = new Map(); // post id → [ms since epoch of each arrival]
const posters = [];
const connections = [];
for (const [teamId, logins] of Object.entries(teams)) {
  for (const login of logins) {
    const c = new Client(base);
    const r = await c.login(login, PASSWORD);
    if (r.status !== 200) throw new Error(`login ${login}: ${r.status}`);
    const live = openLive(base, c);
    live.ws.on('message', (data) => {
      const m = JSON.parse(String(data));
      if (m.type === 'event' && m.kind === 'post.created') {
        if (!arrivals.has(m.post_id)) arrivals.set(m.post_id, []);
        arrivals.get(m.post_id).push(performance.now());
      }
    });
    connections.push(live);
  }
  const poster = new Client(base);
  await poster.login(logins[0], PASSWORD);
  posters.push({ teamId, client: poster });
}
await Promise.all(connections.map((l) => l.until((x) => x.messages.some((m) => m.type === 'hello'), 30000)));
const sent = new Map(); // post id → start time
const pending = [];
const started = performance.now();
for (let i = 0; i < RATE * SECONDS; i++) {
  const due = started + (i * 1000) / RATE;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const { teamId, client } = posters[i % posters.length];
  const t0 = performance.now();
  pending.push(
    client.post(`/api/v1/boards/${teamId}/posts`, { body: `配信遅延の計測 ${i}` }).then((r) => {
      if (r.status !== 201) throw new Error(`post: ${r.status} ${r.text}`);
      sent.set(r.json.id, t0);
    }),
  );
}
await Promise.all(pending);
await new Promise((r) => setTimeout(r, 2000));
const latencies = [];
for (const [postId, t0] of sent) for (const t of arrivals.get(postId) ?? []) latencies.push(t - t0);
latencies.sort((a, b) => a - b);

for (const l of connections) await l.close();

// 2. Memory per idle connection (one session; the cost is the connection, not the user).
const idleUser = new Client(base);
await idleUser.login(Object.values(teams)[0][1], PASSWORD);
await new Promise((r) => setTimeout(r, 1000));
const before = rss();
const idle = [];
for (let i = 0; i < IDLE; i++) {
  idle.push(openLive(base, idleUser));
  if (i % 200 === 199) await Promise.all(idle.slice(-200).map((l) => l.until((x) => x.messages.some((m) => m.type === 'hello') || x.closed, 30000)));
}
await Promise.all(idle.map((l) => l.until((x) => x.messages.some((m) => m.type === 'hello') || x.closed, 30000)));
await new Promise((r) => setTimeout(r, 2000));
const after = rss();
const open = idle.filter((l) => !l.closed).length;
for (const l of idle) l.ws.terminate();
console.log(
  `RESULT ${percentile(latencies, 50).toFixed(1)} ${percentile(latencies, 99).toFixed(1)} ${latencies.length} ` +
    `${sent.size} ${before} ${after} ${open}`,
);
process.exit(0);
