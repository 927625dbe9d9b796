// Waiting for what a test needs (a mail, a row, a live message), never for a fixed time. The
// bound only ends a test that would never pass: it leaves room for the sanitizer build on a busy
// machine, so that a slower pass is never a flakier one.
export const PATIENCE_MS = 90_000;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The first truthy value of `probe()` (which may be async), asked every `everyMs`.
export async function eventually(probe, what, { timeoutMs = PATIENCE_MS, everyMs = 100 } = {}) {
  for (const until = Date.now() + timeoutMs; ; await sleep(everyMs)) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
  }
}
