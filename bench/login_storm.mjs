// A login storm for bench/login_storm: CLIENTS loops, each logging a different user in again and
// again for SECONDS (a city's morning rush, or anyone who can reach the login page). A 503 (the
// login pool is full) is counted and retried after 50 ms, as a browser's user would try again.
// Usage: node bench/login_storm.mjs BASE_URL SECONDS LOGIN…
// Prints one line: RESULT logins logins_per_s p50_ms p99_ms busy_503 other_errors
const [base, seconds, ...logins] = process.argv.slice(2);
const PASSWORD = 'musubi-demo-2026';
const until = performance.now() + Number(seconds) * 1000;
const latencies = [];
let busy = 0;
let other = 0;

async function loop(login) {
  while (performance.now() < until) {
    const started = performance.now();
    const r = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: base },
      body: JSON.stringify({ login_id: login, password: PASSWORD }),
    });
    await r.arrayBuffer();
    if (r.status === 200) {
      latencies.push(performance.now() - started);
    } else if (r.status === 503) {
      busy++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    } else {
      other++;
      if (other === 1) console.error(`login ${login}: ${r.status}`);
    }
  }
}

const began = performance.now();
await Promise.all(logins.map(loop));
const elapsed = (performance.now() - began) / 1000;
latencies.sort((a, b) => a - b);
const at = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : 0);
console.log(
  `RESULT ${latencies.length} ${(latencies.length / elapsed).toFixed(1)} ${at(0.5).toFixed(1)} ${at(0.99).toFixed(1)} ${busy} ${other}`,
);
