// Mail into a group through a real MTA: Postfix receives the mail on SMTP and hands it to Musubi
// through contrib/postfix/musubi-mail-in. A member's mail from their registered address becomes
// their post with its attachment (ISO-2022-JP text read right); a stranger's mail, and a member's
// address used as From: by someone else's server, are bounced by Postfix and written to the audit
// log; nothing is posted. Musubi's own mail goes out through the same Postfix, and a bounce that
// comes back after Postfix accepted it marks that mail failed for the administrator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';
import { freePort } from '../support/smtp.mjs';
import { startPostfix, sendMail } from '../support/postfix.mjs';
import { eventually } from '../support/wait.mjs';
import { sqlite } from '../support/db.mjs';

const DOMAIN = 'groups.musubi.test';
let server;
let postfix;
let inboundToken;
let cm; // suzuki.cm, the group's administrator
let group;
const sql = (q) => sqlite(server.dir, q);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

before(async () => {
  const token = randomBytes(24).toString('base64url');
  inboundToken = token;
  const [port, smtpPort] = [await freePort(), await freePort()];
  server = await startServer({
    env: {
      MUSUBI_LISTEN: `127.0.0.1:${port}`,
      MUSUBI_MAIL_INBOUND_DOMAIN: DOMAIN,
      MUSUBI_MAIL_INBOUND_TOKEN: token,
      MUSUBI_MAIL_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MUSUBI_MAIL_FROM: `musubi@${DOMAIN}`,
      MUSUBI_MAIL_STARTTLS: 'off',
    },
  });
  postfix = await startPostfix({ domain: DOMAIN, musubiUrl: server.url, token, port: smtpPort });
  cm = await loggedIn(server.url, 'suzuki.cm', DEMO_PASSWORD);
  group = (await cm.post('/api/v1/groups', { name: '地域ケア会議', open: false })).json;
});
after(async () => {
  postfix?.stop();
  await server?.cleanup();
});

const posts = async () => (await cm.get(`/api/v1/boards/${group.id}/posts?limit=50`)).json.items;

test('a member’s mail to the group’s address becomes their post, with its attachment', async () => {
  assert.match(group.mail_address, new RegExp(`^group-[0-9a-f]{16}@${DOMAIN.replace(/\./g, '\\.')}$`));
  const dr = await loggedIn(server.url, 'sato.dr', DEMO_PASSWORD);
  const outsiderView = (await dr.get(`/api/v1/boards/${group.id}`));
  assert.equal(outsiderView.status, 404, 'the address is for members only');

  sendMail(postfix.port, {
    from: 'suzuki.cm@demo.musubi.invalid',
    to: group.mail_address,
    subject: '第3回会議の資料',
    text: '皆さま\n\n次回の会議資料を添付します。\nご確認ください。',
    files: [['会議資料.pdf', PDF, 'application/pdf']],
  });
  await postfix.waitForLog(/relay=musubi.*status=sent/);
  const post = (await posts()).find((p) => p.body.includes('第3回会議の資料'));
  assert.ok(post, 'posted');
  assert.equal(post.author.name, '鈴木 和也');
  assert.equal(post.body, '✉ 第3回会議の資料\n\n皆さま\n\n次回の会議資料を添付します。\nご確認ください。');
  assert.deepEqual(post.attachments.map((a) => [a.file_name, a.kind]), [['会議資料.pdf', 'pdf']]);
  const file = await cm.get(post.attachments[0].url);
  assert.equal(file.status, 200);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'post.create' AND target_id = '${post.id}' AND ip = 'mail'`), '1');
});

test('a stranger’s mail, and a member’s address forged by another sender, are bounced and logged', async () => {
  const before = (await posts()).length;
  sendMail(postfix.port, { from: 'stranger@example.jp', to: group.mail_address, subject: '広告', text: 'お得な情報' });
  await postfix.waitForLog(/relay=musubi.*status=bounced.*not a member/);
  // From: says the care manager, but the envelope is someone else's.
  sendMail(postfix.port, { from: 'suzuki.cm@demo.musubi.invalid', envelopeFrom: 'spoofer@example.jp', to: group.mail_address, subject: '偽装', text: 'なりすまし' });
  await eventually(() => postfix.log().match(/relay=musubi.*status=bounced/g)?.length >= 2, 'the second bounce');
  assert.equal(postfix.log().match(/relay=musubi.*status=bounced/g)?.length, 2, postfix.log());
  // An address no group has.
  sendMail(postfix.port, { from: 'suzuki.cm@demo.musubi.invalid', to: `group-0000000000000000@${DOMAIN}`, subject: 'x', text: 'x' });
  await postfix.waitForLog(/relay=musubi.*status=bounced.*no such group address/);
  assert.equal((await posts()).length, before, 'nothing posted');
  const refused = sql("SELECT detail FROM audit_log WHERE action = 'mail_in.refused' ORDER BY id").split('\n');
  assert.equal(refused.length, 3);
  assert.match(refused[0], /stranger@example\.jp/);
  assert.match(refused[1], /spoofer@example\.jp/);
  assert.match(refused[2], /unknown address/);
});

test('the endpoint is not there without the MTA’s token', async () => {
  const raw = 'From: suzuki.cm@demo.musubi.invalid\r\nSubject: x\r\n\r\nx\r\n';
  for (const headers of [{}, { 'X-Musubi-Inbound-Token': 'wrong' }]) {
    const r = await fetch(`${server.url}/api/v1/inbound-mail`, {
      method: 'POST',
      headers: { 'Content-Type': 'message/rfc822', 'X-Musubi-Sender': 'suzuki.cm@demo.musubi.invalid', 'X-Musubi-Recipient': group.mail_address, ...headers },
      body: raw,
    });
    assert.equal(r.status, 404);
  }
});

test('a mail Musubi sent that bounces after the relay took it is shown failed, with the reason', async () => {
  const admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
  const ns = await loggedIn(server.url, 'takahashi.ns', DEMO_PASSWORD);
  const dr = await loggedIn(server.url, 'sato.dr', DEMO_PASSWORD);
  await dr.put('/api/v1/me/notification-settings', { immediate: true, digest: true, digest_hour: 7, quiet_start: 0, quiet_end: 0 });
  const drId = (await dr.get('/api/v1/session')).json.user.id;
  const dm = (await ns.post('/api/v1/conversations', { user_ids: [drId] })).json;
  await ns.post(`/api/v1/boards/${dm.id}/posts`, { body: '明日の訪問時間のご相談です' });
  const mail = await eventually(async () => (await admin.get('/api/v1/region/mail')).json.items.find((m) => m.recipient === 'sato.dr@demo.musubi.invalid' && m.status === 'failed'), 'the bounced mail listed as failed');
  assert.equal(mail.kind, 'notification');
  assert.match(mail.last_error, /配送できませんでした.*mail leaves nothing in tests/);
  // Postfix took it first (so the relay's answer alone could not have told), then the bounce came back.
  assert.match(postfix.log(), /from=<bounce-\d+-[0-9a-f]{16}@groups\.musubi\.test>/);
  assert.match(postfix.log(), /to=<bounce-\d+-[0-9a-f]{16}@groups\.musubi\.test>, relay=musubi.*status=sent/);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'mail.bounced' AND target_id = '${mail.id}'`), '1');
  // A made-up bounce address is refused.
  const r = await fetch(`${server.url}/api/v1/inbound-mail`, {
    method: 'POST',
    headers: { 'X-Musubi-Inbound-Token': inboundToken, 'X-Musubi-Sender': '', 'X-Musubi-Recipient': `bounce-${mail.id}-0000000000000000@${DOMAIN}` },
    body: 'Subject: x\r\n\r\nx\r\n',
  });
  assert.equal(r.status, 404);
});
