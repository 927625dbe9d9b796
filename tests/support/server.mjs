// Starts a real musubi server for a test: its own data directory, a free loopback port, the
// demo region seeded. Nothing is mocked.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = process.env.MUSUBI_BIN ?? join(ROOT, 'build/musubi');
export const DEMO_PASSWORD = 'musubi-demo-2026';

export function musubi(args, env, options = {}) {
  return execFileSync(BIN, args, { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

// Runs musubi and returns { status, stdout, stderr } without throwing on a non-zero exit.
export function musubiResult(args, env) {
  try {
    return { status: 0, stdout: musubi(args, env), stderr: '' };
  } catch (e) {
    return { status: e.status, stdout: String(e.stdout ?? ''), stderr: String(e.stderr ?? '') };
  }
}

export async function startServer({ env = {}, seed = true, dataDir } = {}) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'musubi-test-'));
  const baseEnv = {
    MUSUBI_DATA_DIR: dir,
    MUSUBI_LISTEN: '127.0.0.1:0',
    MUSUBI_TLS_LISTEN: 'off',
    MUSUBI_SERVER_ACCESS_LOG: join(dir, 'access.log'),
    MUSUBI_SERVER_WEB_ROOT: join(ROOT, 'web/dist'),
    ...env,
  };
  if (seed) musubi(['demo', '--no-serve'], baseEnv);
  const serveEnv = { ...baseEnv };
  if (serveEnv.MUSUBI_TLS_LISTEN === 'off') delete serveEnv.MUSUBI_TLS_LISTEN;
  const server = { dir, env: baseEnv, proc: null, url: '', httpsUrl: '', stderr: '' };
  await launch(server, serveEnv);
  server.restart = async (extraEnv = {}) => launch(server, { ...serveEnv, ...extraEnv });
  server.stop = async (signal = 'SIGTERM') => {
    if (!server.proc || server.proc.exitCode !== null) return server.proc?.exitCode;
    const exited = new Promise((r) => server.proc.once('exit', (code, sig) => r(code ?? sig)));
    server.proc.kill(signal);
    return exited;
  };
  server.cleanup = async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  server.run = (args, extraEnv = {}) => musubiResult(args, { ...baseEnv, ...extraEnv });
  return server;
}

// The demo with its HTTPS door: local CA and server certificate, a device certificate per demo
// login in <dir>/tls/devices/ (<login>.p12 and <login>.password), and the server listening on both.
export async function startTlsDemo({ env = {} } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'musubi-tls-'));
  const tlsEnv = { MUSUBI_TLS_LISTEN: '127.0.0.1:0', ...env };
  musubi(['demo', '--no-serve'], { MUSUBI_DATA_DIR: dataDir, ...tlsEnv });
  return startServer({
    dataDir,
    seed: false,
    env: {
      ...tlsEnv,
      MUSUBI_SERVER_TLS_CERTIFICATE: join(dataDir, 'tls/server.pem'),
      MUSUBI_SERVER_TLS_PRIVATE_KEY: join(dataDir, 'tls/server-key.pem'),
    },
  });
}

async function launch(server, env) {
  const proc = spawn(BIN, ['serve'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  server.proc = proc;
  server.stderr = '';
  proc.stderr.on('data', (d) => (server.stderr += d));
  await new Promise((resolvePromise, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + out + server.stderr)), 15000);
    proc.stdout.on('data', (d) => {
      out += d;
      const http = out.match(/listening on (http:\/\/\S+)/);
      const https = out.match(/listening on (https:\/\/\S+)/);
      const wantHttps = Boolean(env.MUSUBI_TLS_LISTEN);
      if (http && (!wantHttps || https)) {
        server.url = http[1];
        server.httpsUrl = https ? https[1] : '';
        clearTimeout(timer);
        resolvePromise();
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}): ${out}${server.stderr}`));
    });
  });
}

// Under AddressSanitizer (scripts/test's sanitizer pass) memory figures measure the sanitizer's
// shadow memory and quarantine, not Musubi: the bound is not checked there; everything else is.
export const SANITIZED = process.env.MUSUBI_SANITIZED === '1';

export function assertMemoryGrowth(grownKiB, limitKiB, message) {
  if (SANITIZED) return;
  if (!(grownKiB < limitKiB)) throw new Error(message);
}

// Resident set size of a process in KiB (Linux).
export function rssKiB(pid) {
  const status = execFileSync('cat', [`/proc/${pid}/status`], { encoding: 'utf8' });
  return Number(status.match(/VmRSS:\s+(\d+)/)[1]);
}
