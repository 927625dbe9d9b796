// A real Postfix for tests (Debian's postfix, started as a private instance with its own
// configuration, queue and log in a temporary directory): it accepts SMTP on a loopback port for
// the groups' mail domain and delivers through contrib/postfix/musubi-mail-in, exactly as an
// operator sets it up (docs/operations.md). Needs root (postfix's master runs as root).
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './server.mjs';
import { freePort } from './smtp.mjs';
import { PATIENCE_MS } from './wait.mjs';

// `port`: the SMTP port to listen on (free when not given); Musubi may send through it too (its
// bounces then come back through the same pipe).
export async function startPostfix({ domain, musubiUrl, token, port: wanted }) {
  const dir = mkdtempSync(join(tmpdir(), 'musubi-postfix-'));
  chmodSync(dir, 0o755);
  for (const d of ['etc', 'queue', 'data']) mkdirSync(join(dir, d));
  const uid = Number(execFileSync('id', ['-u', 'postfix'], { encoding: 'utf8' }));
  chownSync(join(dir, 'data'), uid, 0);
  // Where mail for any other domain goes: accepted, then bounced (so that bounces are real).
  const nowhere = join(dir, 'nowhere');
  writeFileSync(nowhere, '#!/bin/sh\necho "mail leaves nothing in tests" >&2\nexit 67\n');
  chmodSync(nowhere, 0o755);
  // The pipe runs as nobody, who may not reach the checkout (e.g. under /root): a copy beside.
  const pipe = join(dir, 'musubi-mail-in');
  copyFileSync(join(ROOT, 'contrib/postfix/musubi-mail-in'), pipe);
  chmodSync(pipe, 0o755);
  const tokenFile = join(dir, 'token');
  writeFileSync(tokenFile, token);
  chmodSync(tokenFile, 0o644);
  const port = wanted ?? (await freePort());
  const log = join(dir, 'maillog');
  writeFileSync(join(dir, 'etc/main.cf'), [
    'compatibility_level = 3.6',
    `queue_directory = ${dir}/queue`,
    `data_directory = ${dir}/data`,
    'inet_interfaces = loopback-only',
    'inet_protocols = ipv4',
    'myhostname = musubi-test.localdomain',
    'mydestination =',
    `relay_domains = ${domain}`,
    `transport_maps = inline:{ ${domain}=musubi: }`,
    'relay_recipient_maps =',
    'mynetworks = 127.0.0.0/8',
    'smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination',
    // Nothing leaves this machine: mail to any other domain is taken, then bounced to its envelope
    // sender (Musubi's bounce address; made-up senders' bounces end the same way).
    'default_transport = nowhere',
    `maillog_file_prefixes = ${tmpdir()}`,
    `maillog_file = ${log}`,
    '',
  ].join('\n'));
  const master = readFileSync('/etc/postfix/master.cf', 'utf8')
    .replace(/^smtp\s+inet\s.*$/m, `127.0.0.1:${port} inet n - n - - smtpd`);
  writeFileSync(join(dir, 'etc/master.cf'), master + [
    'nowhere unix - n n - - pipe',
    `  user=nobody argv=${nowhere}`,
    'musubi unix - n n - - pipe',
    `  user=nobody argv=${pipe} ${musubiUrl} ${tokenFile} \${sender} \${recipient}`,
    '',
  ].join('\n'));
  execFileSync('postfix', ['-c', join(dir, 'etc'), 'start'], { stdio: 'ignore' });
  const readLog = () => {
    try {
      return readFileSync(log, 'utf8');
    } catch {
      return '';
    }
  };
  return {
    port,
    log: readLog,
    // Waits until the log has a line matching `pattern` (a delivery's outcome).
    async waitForLog(pattern, timeoutMs = PATIENCE_MS) {
      for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
        const line = readLog().split('\n').find((l) => pattern.test(l));
        if (line) return line;
      }
      throw new Error(`postfix log has no line matching ${pattern}:\n${readLog()}`);
    },
    stop() {
      try {
        execFileSync('postfix', ['-c', join(dir, 'etc'), 'stop'], { stdio: 'ignore' });
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Sends a mail over SMTP with Python's smtplib (as a mail client would): `files` as
// [name, Buffer, type]; the text part in ISO-2022-JP, as Japanese mailers often send it.
export function sendMail(port, { from, envelopeFrom = from, to, subject, text, files = [] }) {
  const script = `
import smtplib, sys, json, base64
from email.message import EmailMessage
a = json.loads(sys.stdin.read())
m = EmailMessage()
m['From'] = a['from']; m['To'] = a['to']; m['Subject'] = a['subject']
m.set_content(a['text'], charset='iso-2022-jp')
for name, data, ctype in a['files']:
    main, sub = ctype.split('/')
    m.add_attachment(base64.b64decode(data), maintype=main, subtype=sub, filename=name)
with smtplib.SMTP('127.0.0.1', a['port']) as s:
    s.send_message(m, from_addr=a['envelope'], to_addrs=[a['to']])
`;
  execFileSync('python3', ['-c', script], {
    input: JSON.stringify({ port, from, envelope: envelopeFrom, to, subject, text, files: files.map(([n, b, t]) => [n, b.toString('base64'), t]) }),
  });
}
