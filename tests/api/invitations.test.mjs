// Invitations by e-mail (C3) through a real SMTP server (aiosmtpd, STARTTLS required): the mail
// arrives with a one-time link and nothing else usable; following the link sets the password and
// issues the device certificate, which then logs in over the certificate listener. Reused,
// replaced and guessed links are refused and audited; a family member enrols an authenticator app
// instead and signs in on the public listener with a one-time code; a refused recipient shows up
// as a failed mail for the administrator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startTlsDemo, DEMO_PASSWORD } from '../support/server.mjs';
import { Client, loggedIn } from '../support/client.mjs';
import { httpsRequest } from '../support/https.mjs';
import { startSmtp, freePort, totpCode, createUserWithMail } from '../support/smtp.mjs';
import { now } from '../support/clock.mjs';
import { eventually } from '../support/wait.mjs';

let server;
let smtp;
let admin;
let ca;

before(async () => {
  smtp = await startSmtp({ refuse: ['nobody@example.jp'] });
  const port = await freePort();
  server = await startTlsDemo({
    env: {
      ...smtp.env,
      MUSUBI_LISTEN: `127.0.0.1:${port}`,
      MUSUBI_SERVER_PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
      MUSUBI_PKI_CA_KEY_PASSPHRASE: randomBytes(18).toString('base64url'),
    },
  });
  ca = readFileSync(join(server.dir, 'tls/ca.pem'));
  admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
});
after(async () => {
  await server?.cleanup();
  smtp?.stop();
});

const createUser = (loginId, email, roles) => createUserWithMail(admin, loginId, email, roles);
const linkOf = (mail) => /\/invitation#([\w-]{40,})/.exec(mail.body)?.[1];
const anonymous = () => new Client(server.url);

async function audit(action) {
  const r = await admin.get(`/api/v1/audit?action=${action}&limit=100`);
  assert.equal(r.status, 200, r.text);
  return r.json.items;
}

test('the invitation mail arrives over STARTTLS, and its link sets the password and issues a certificate that logs in', async () => {
  const user = await createUser('invited.ns', 'invited.ns@example.jp', ['professional']);
  const sent = await admin.post(`/api/v1/users/${user.id}/invitations`, { device_name: '訪問用iPad' });
  assert.equal(sent.status, 201, sent.text);
  assert.equal(sent.json.sets_password, true);
  assert.equal(sent.json.second_factor, 'certificate');

  const mail = await smtp.waitFor((m) => m.to.includes('invited.ns@example.jp'));
  assert.equal(mail.tls, true, 'sent after STARTTLS');
  assert.equal(mail.from, 'musubi@example.jp');
  assert.equal(mail.subject, '【結び Musubi】利用開始のご案内');
  assert.match(mail.body, /招待 花子 様/);
  assert.match(mail.body, /ログインID: invited\.ns/);
  assert.ok(mail.body.includes(`${server.url}/invitation#`), mail.body);
  assert.doesNotMatch(mail.body, /パスワード:|import_password/, 'no secret but the link itself');
  const token = linkOf(mail);
  assert.ok(token);

  const listed = await admin.get(`/api/v1/users/${user.id}/invitations`);
  assert.equal(listed.json.items[0].mail_status, 'sent');
  assert.equal(listed.json.items[0].state, 'open');

  const c = anonymous();
  const view = await c.post('/api/v1/invitations/lookup', { token });
  assert.equal(view.status, 200, view.text);
  assert.equal(view.json.login_id, 'invited.ns');
  assert.equal(view.json.device_name, '訪問用iPad');

  const weak = await c.post('/api/v1/invitations/accept', { token, password: 'short' });
  assert.equal(weak.status, 400);
  assert.ok(weak.json.error.fields.some((f) => f.field === 'password'));

  const password = 'Kango-2026-invite';
  const accepted = await c.post('/api/v1/invitations/accept', { token, password });
  assert.equal(accepted.status, 200, accepted.text);
  assert.match(accepted.json.import_password, /^[A-Za-z0-9]{16}$/);

  const again = await c.post('/api/v1/invitations/accept', { token, password });
  assert.equal(again.status, 404, 'a link works once');
  assert.match(again.json.error.message, /使えません/);
  assert.equal((await c.post('/api/v1/invitations/lookup', { token })).status, 404);

  const file = await fetch(server.url + accepted.json.download_path);
  assert.equal(file.status, 200);
  const pfx = Buffer.from(await file.arrayBuffer());
  const tls = { pfx, passphrase: accepted.json.import_password };
  const login = await httpsRequest(server.httpsUrl, ca, '/api/v1/session', { method: 'POST', body: { login_id: 'invited.ns', password }, tls });
  assert.equal(login.status, 200, login.text);
  assert.equal(login.json.must_change_password, false, 'the chosen password is not a temporary one');

  const used = await admin.get(`/api/v1/users/${user.id}/invitations`);
  assert.equal(used.json.items[0].state, 'used');
  const accepts = await audit('invitation.accept');
  assert.ok(accepts.some((e) => e.outcome === 'success' && /password set/.test(e.detail)));
});

test('a resent invitation replaces the earlier link; guessed and reused links are refused and audited', async () => {
  const user = await createUser('twice.cm', 'twice.cm@example.jp', ['professional']);
  await admin.post(`/api/v1/users/${user.id}/invitations`, {});
  const first = linkOf(await smtp.waitFor((m) => m.to.includes('twice.cm@example.jp')));
  await admin.post(`/api/v1/users/${user.id}/invitations`, {});
  const second = linkOf(await smtp.waitFor((m) => m.to.includes('twice.cm@example.jp') && linkOf(m) !== first));
  const c = anonymous();
  assert.equal((await c.post('/api/v1/invitations/lookup', { token: first })).status, 404, 'replaced');
  assert.equal((await c.post('/api/v1/invitations/lookup', { token: second })).status, 200);
  const guessed = await c.post('/api/v1/invitations/accept', { token: randomBytes(32).toString('base64url'), password: 'Guess-2026-abcdef' });
  assert.equal(guessed.status, 404);
  assert.equal((await c.post('/api/v1/invitations/lookup', { token: '' })).status, 404);
  const refusals = [...(await audit('invitation.open')), ...(await audit('invitation.accept_start'))].filter((e) => e.outcome === 'denied');
  assert.ok(refusals.some((e) => e.detail === 'replaced by a newer invitation'));
  assert.ok(refusals.some((e) => e.detail === 'unknown link'));
  // The state the administrator sees.
  const items = (await admin.get(`/api/v1/users/${user.id}/invitations`)).json.items;
  assert.deepEqual(items.map((i) => i.state), ['open', 'replaced']);
});

test('`musubi user invite` on the shell queues the mail, and the running server sends it', async () => {
  await createUser('shell.invite', 'shell.invite@example.jp', ['professional']);
  const r = server.run(['user', 'invite', 'shell.invite', '--device-name', '事務所のPC']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /送信待ち/);
  const mail = await smtp.waitFor((m) => m.to.includes('shell.invite@example.jp'));
  assert.ok(linkOf(mail));
  const noMail = server.run(['user', 'invite', 'shell.invite'], { MUSUBI_MAIL_SMTP_URL: '' });
  assert.notEqual(noMail.status, 0);
  assert.match(noMail.stderr, /mail\.smtp_url/);
});

test('only administrators send invitations, to users they manage, with a registered address', async () => {
  const target = await createUser('noaddress.ph', '', ['professional']);
  // A professional who is no administrator (the demo's first user of each facility is one).
  const plain = await createUser('plain.pt', 'plain.pt@example.jp', ['professional']);
  const reset = await admin.post(`/api/v1/users/${plain.id}/reset-password`);
  const professional = new Client(server.url);
  assert.equal((await professional.login('plain.pt', reset.json.temporary_password)).status, 200);
  assert.equal((await professional.post(`/api/v1/users/${target.id}/invitations`, {})).status, 403);
  const noMail = await admin.post(`/api/v1/users/${target.id}/invitations`, {});
  assert.equal(noMail.status, 400);
  assert.match(noMail.json.error.message, /メールアドレス/);
  assert.equal((await admin.post('/api/v1/users/999999/invitations', {})).status, 404);
});

test('a family member enrols an authenticator app and signs in with a one-time code where certificates are required', async () => {
  const user = await createUser('family.member', 'family@example.jp', ['family']);
  const sent = await admin.post(`/api/v1/users/${user.id}/invitations`, {});
  assert.equal(sent.status, 201, sent.text);
  assert.equal(sent.json.second_factor, 'totp');
  const token = linkOf(await smtp.waitFor((m) => m.to.includes('family@example.jp')));
  const c = anonymous();
  const view = await c.post('/api/v1/invitations/lookup', { token });
  assert.equal(view.json.second_factor, 'totp');
  const enrol = await c.post('/api/v1/invitations/totp', { token });
  assert.equal(enrol.status, 200, enrol.text);
  assert.match(enrol.json.otpauth_uri, /^otpauth:\/\/totp\/.*secret=[A-Z2-7]{32}/);
  const password = 'Family-2026-code';
  const wrong = await c.post('/api/v1/invitations/accept', { token, password, one_time_code: '000000' === (await totpCode(enrol.json.secret)) ? '111111' : '000000' });
  assert.equal(wrong.status, 400);
  const done = await c.post('/api/v1/invitations/accept', { token, password, one_time_code: await totpCode(enrol.json.secret) });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.recovery_codes.length, 10);

  // The demo region lets passwords alone in; require certificates, as a real region does.
  const policy = await httpsAdmin();
  assert.equal((await policy.put('/api/v1/region/certificate-policy', { required: true })).status, 200);
  const noCode = await anonymous().login('family.member', password);
  assert.equal(noCode.status, 401);
  assert.equal(noCode.json.error.fields[0].field, 'one_time_code');
  const doctor = await anonymous().login('sato.dr', DEMO_PASSWORD);
  assert.equal(doctor.status, 403, 'a professional still needs the certificate');
  // The code of the next step: the enrolment used this step's.
  const next = await totpCode(enrol.json.secret, now() + 30_000);
  const withCode = await anonymous().post('/api/v1/session', { login_id: 'family.member', password, one_time_code: next });
  assert.equal(withCode.status, 200, withCode.text);
  const replay = await anonymous().post('/api/v1/session', { login_id: 'family.member', password, one_time_code: next });
  assert.equal(replay.status, 401, 'a code works once');
  const recovery = await anonymous().post('/api/v1/session', { login_id: 'family.member', password, one_time_code: done.json.recovery_codes[0].toUpperCase() });
  assert.equal(recovery.status, 200, 'a recovery code, typed in capitals');
  const status = await policy.get(`/api/v1/users/${user.id}/second-factor`);
  assert.deepEqual(status.json, { totp_allowed: true, enrolled: true, recovery_codes_left: 9 });
  assert.equal((await policy.put('/api/v1/region/certificate-policy', { required: false })).status, 200);
  admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);  // its plain session ended with the policy
});

test('mail the relay refuses is shown to the administrator as failed', async () => {
  const user = await createUser('bounce.dr', 'nobody@example.jp', ['professional']);
  assert.equal((await admin.post(`/api/v1/users/${user.id}/invitations`, {})).status, 201);
  const item = await eventually(async () => {
    const first = (await admin.get(`/api/v1/users/${user.id}/invitations`)).json.items[0];
    return first.mail_status !== 'queued' && first;
  }, 'the invitation mail tried');
  assert.equal(item.mail_status, 'failed');
  assert.match(item.mail_error, /550/);
  const log = await admin.get('/api/v1/region/mail');
  const failed = log.json.items.find((m) => m.recipient === 'nobody@example.jp');
  assert.equal(failed.status, 'failed');
  assert.equal(failed.body, undefined, 'bodies (with their links) are never listed');
  assert.equal((await (await loggedIn(server.url, 'sato.dr', DEMO_PASSWORD)).get('/api/v1/region/mail')).status, 403);
});

// The administrator over the certificate listener (its session survives turning the policy on).
async function httpsAdmin() {
  const pfx = readFileSync(join(server.dir, 'tls/devices/demo-admin.p12'));
  const passphrase = readFileSync(join(server.dir, 'tls/devices/demo-admin.password'), 'utf8').trim();
  const tls = { pfx, passphrase };
  const login = await httpsRequest(server.httpsUrl, ca, '/api/v1/session', { method: 'POST', body: { login_id: 'demo-admin', password: DEMO_PASSWORD }, tls });
  assert.equal(login.status, 200, login.text);
  const cookie = login.headers['set-cookie'][0].split(';')[0];
  const csrf = login.json.csrf_token;
  const call = (method) => (path, body) => httpsRequest(server.httpsUrl, ca, path, { method, body, cookie, csrf, tls });
  return { get: call('GET'), put: call('PUT') };
}
