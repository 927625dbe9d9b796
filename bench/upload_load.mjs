// Posters for bench/upload_load: CLIENTS loops, each posting to the board again and again for
// SECONDS as one logged-in user (a busy board), so that an upload can be timed beside them.
// Usage: node bench/upload_load.mjs BASE_URL SECONDS CLIENTS TEAM_ID COOKIE CSRF
// Prints one line: RESULT posts posts_per_s p50_ms p99_ms errors
const [base, seconds, clients, team, cookie, csrf] = process.argv.slice(2);
const until = performance.now() + Number(seconds) * 1000;
const latencies = [];
let errors = 0;

async function loop(n) {
  for (let i = 0; performance.now() < until; i++) {
    const started = performance.now();
    const r = await fetch(`${base}/api/v1/boards/${team}/posts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: base, Cookie: cookie, 'X-CSRF-Token': csrf },
      body: JSON.stringify({ body: `負荷 ${n}-${i}: 訪問しました。変わりありません。` }),
    });
    await r.arrayBuffer();
    if (r.status === 201) latencies.push(performance.now() - started);
    else if (++errors === 1) console.error(`post: ${r.status}`);
  }
}

const began = performance.now();
await Promise.all(Array.from({ length: Number(clients) }, (_, n) => loop(n)));
const elapsed = (performance.now() - began) / 1000;
latencies.sort((a, b) => a - b);
const at = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : 0);
console.log(`RESULT ${latencies.length} ${(latencies.length / elapsed).toFixed(1)} ${at(0.5).toFixed(1)} ${at(0.99).toFixed(1)} ${errors}`);
