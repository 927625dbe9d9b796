// A real SMTP server for tests (aiosmtpd from Debian's python3-aiosmtpd, STARTTLS with a
// throw-away certificate), and helpers to read what it received.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { ROOT } from './server.mjs';
import { now } from './clock.mjs';
import { PATIENCE_MS } from './wait.mjs';

export async function startSmtp({ refuse = [] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'musubi-smtp-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'], { stdio: 'ignore' });
  const outdir = join(dir, 'mail');
  execFileSync('mkdir', ['-p', outdir]);
  const portFile = join(dir, 'port');
  const proc = spawn('/usr/bin/python3', [join(ROOT, 'tests/support/smtp_server.py'), '--outdir', outdir, '--cert', cert, '--key', key, '--port-file', portFile, '--refuse', ...refuse], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  let exited = null;
  proc.once('exit', (code) => (exited = code));
  // The server writes its port to a file once it listens (a file, not a pipe: nothing to miss).
  let port = 0;
  for (const until = Date.now() + 15000; !port; await new Promise((r) => setTimeout(r, 50))) {
    if (exited !== null) throw new Error(`SMTP server exited (${exited}): ${stderr}`);
    if (Date.now() > until) throw new Error('SMTP server did not start: ' + stderr);
    try {
      port = Number(readFileSync(portFile, 'utf8'));
    } catch {}
  }
  return {
    port,
    // What musubi needs to send through it, STARTTLS required and the certificate trusted.
    env: { MUSUBI_MAIL_SMTP_URL: `smtp://localhost:${port}`, MUSUBI_MAIL_FROM: 'musubi@example.jp', MUSUBI_MAIL_STARTTLS: 'required', MUSUBI_MAIL_CA_FILE: cert },
    messages: () => readMessages(outdir),
    waitFor: (predicate, timeoutMs = PATIENCE_MS) => waitForMessage(outdir, predicate, timeoutMs),
    stop: () => {
      proc.stdin.end();
      proc.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Each received mail: envelope (from, to, tls), headers, decoded subject and body.
export function readMessages(outdir) {
  return readdirSync(outdir)
    .filter((f) => f.endsWith('.eml'))
    .sort((a, b) => parseInt(a) - parseInt(b))
    .map((f) => {
      const raw = readFileSync(join(outdir, f), 'utf8');
      const envelope = JSON.parse(readFileSync(join(outdir, f.replace('.eml', '.json')), 'utf8'));
      const [head, ...rest] = raw.split('\r\n\r\n');
      const subject = [...head.matchAll(/=\?UTF-8\?B\?([^?]+)\?=/g)].map((m) => Buffer.from(m[1], 'base64').toString('utf8')).join('');
      const body = Buffer.from(rest.join('\r\n\r\n').replace(/\s+/g, ''), 'base64').toString('utf8');
      return { ...envelope, raw, head, subject, body };
    });
}

async function waitForMessage(outdir, predicate, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const found = readMessages(outdir).find(predicate);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no such mail arrived');
}

// A free loopback port (for a public origin that must be known before the server starts).
export function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// The RFC 6238 code an authenticator app would show for a base32 secret (at the server's time).
export async function totpCode(base32Secret, at = now()) {
  const { createHmac } = await import('node:crypto');
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of base32Secret) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', Buffer.from(bytes)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}

// A user with an e-mail address, made by `admin` (a signed-in Client): professionals in the
// region's first facility, family members in none. Returns the user as the API answers it.
export async function createUserWithMail(admin, loginId, email, roles) {
  const facilities = await admin.get('/api/v1/facilities?limit=1');
  const r = await admin.post('/api/v1/users', {
    login_id: loginId, name: '招待 花子', name_kana: 'しょうたい はなこ', email, roles,
    facility_id: roles.includes('family') ? undefined : facilities.json.items[0].id,
  });
  if (r.status !== 201) throw new Error(`creating ${loginId}: ${r.status} ${r.text}`);
  return r.json;
}
