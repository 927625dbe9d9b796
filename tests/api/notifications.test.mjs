// Notifications and their mail through a real SMTP server (aiosmtpd, STARTTLS required): a request
// to the doctor is mailed at once; a reply waits for the daily digest; quiet hours hold a mail
// unless it is urgent; a restricted post tells no one else; a refused address shows as failed to
// the administrator. No mail ever carries a person's name, a board's name, a sender or a word of
// what was written — only that something is waiting, and a link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';
import { startSmtp, freePort, createUserWithMail } from '../support/smtp.mjs';
import { jstHour, now } from '../support/clock.mjs';
import { eventually, sleep } from '../support/wait.mjs';
import { sqlite } from '../support/db.mjs';

let server;
let smtp;
let origin;
let admin;
let cm; // suzuki.cm
let dr; // sato.dr
let ns; // takahashi.ns
let team; // a demo care team with the three of them
const ids = {};
const SECRET_WORDS = ['血圧', '180', 'ワルファリン'];
const sql = (q) => sqlite(server.dir, q);
const NEVER_QUIET = { immediate: true, digest: true, digest_hour: 7, quiet_start: 0, quiet_end: 0 };

function assertNoHealthData(mail, personName) {
  const text = mail.subject + '\n' + mail.body;
  for (const word of [...SECRET_WORDS, personName, '佐藤', '鈴木', '高橋', '在宅医療']) {
    assert.ok(!text.includes(word), `「${word}」 in a mail: ${text}`);
  }
  assert.ok(mail.body.includes(`${origin}/`), 'a link to Musubi');
  assert.ok(mail.body.includes('患者さん・利用者さんの情報は含まれていません'));
}

before(async () => {
  smtp = await startSmtp({ refuse: ['bounce@example.jp'] });
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = await startServer({ env: { ...smtp.env, MUSUBI_LISTEN: `127.0.0.1:${port}`, MUSUBI_SERVER_PUBLIC_ORIGIN: origin } });
  [admin, cm, dr, ns] = await Promise.all(['demo-admin', 'suzuki.cm', 'sato.dr', 'takahashi.ns'].map((l) => loggedIn(server.url, l, DEMO_PASSWORD)));
  for (const [name, c] of Object.entries({ cm, dr, ns })) ids[name] = (await c.get('/api/v1/session')).json.user.id;
  const drTeams = new Set((await dr.get('/api/v1/care-teams')).json.items.map((t) => t.id));
  const nsTeams = new Set((await ns.get('/api/v1/care-teams')).json.items.map((t) => t.id));
  team = (await cm.get('/api/v1/care-teams')).json.items.find((t) => drTeams.has(t.id) && nsTeams.has(t.id));
  assert.ok(team);
  for (const c of [cm, dr, ns]) assert.equal((await c.put('/api/v1/me/notification-settings', NEVER_QUIET)).status, 200);
});
after(async () => {
  await server?.cleanup();
  smtp?.stop();
});

const mailsTo = (login) => smtp.messages().filter((m) => m.to.includes(`${login}@demo.musubi.invalid`));
// The first mail to `login` after the `before`-th.
const nextMail = (login, before) => eventually(() => mailsTo(login)[before], `a new mail to ${login}`);

test('a request to the doctor: in his list at once, and one mail that says only that something waits', async () => {
  const before = mailsTo('sato.dr').length;
  const post = await cm.post(`/api/v1/boards/${team.id}/posts`, {
    body: '血圧180が続いています。ワルファリンの量を確認してください', request_kind: 'answer', addressees: [ids.dr],
  });
  assert.equal(post.status, 201);
  const mail = await nextMail('sato.dr', before);
  assert.match(mail.subject, /【結び】.*確認をお願いします/);
  assert.ok(mail.body.includes('あなた宛ての依頼 1件'), mail.body);
  assertNoHealthData(mail, team.person.name);
  assert.equal(mail.tls, true, 'sent over STARTTLS');

  const list = (await dr.get('/api/v1/notifications')).json.items;
  const n = list.find((x) => x.post_id === post.json.id);
  assert.deepEqual([n.kind, n.board.id, n.read_at], ['request', team.id, null]);
  const counts = (await dr.get('/api/v1/inbox/counts')).json;
  assert.ok(counts.notifications_unread >= 1);
  const read = await dr.post('/api/v1/notifications/read', { id: n.id });
  assert.equal(read.json.unread, counts.notifications_unread - 1);
  // One mail for it: a second pass finds nothing new to send.
  await sleep(1500);
  assert.equal(mailsTo('sato.dr').length, before + 1);
});

test('a reply waits for the daily digest, which counts what is waiting and is sent once', async () => {
  const mine = await dr.post(`/api/v1/boards/${team.id}/posts`, { body: '往診は木曜に変更します' });
  const reply = await ns.post(`/api/v1/boards/${team.id}/posts`, { body: '承知しました。ワルファリンは継続です', parent_id: mine.json.id });
  await eventually(async () => (await dr.get('/api/v1/notifications')).json.items.some((n) => n.post_id === reply.json.id), 'the reply in his notifications');
  const before = mailsTo('sato.dr').length;
  const run = server.run(['notify', '--digest-now']);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /digests queued: [1-9]/);
  const digest = await eventually(() => mailsTo('sato.dr').slice(before).find((m) => m.subject.includes('未確認の通知')), 'the digest');
  assert.ok(digest.body.includes('あなたの投稿への返信 1件'), digest.body);
  assertNoHealthData(digest, team.person.name);
  // Nothing new since: no second digest.
  const again = server.run(['notify', '--digest-now']);
  assert.equal(mailsTo('sato.dr').length, before + 1, again.stdout);
});

test('quiet hours hold a mail until morning unless it is urgent (important and addressed to me)', async () => {
  const hour = jstHour();
  await ns.put('/api/v1/me/notification-settings', { immediate: true, digest: true, digest_hour: 7, quiet_start: hour, quiet_end: (hour + 2) % 24 });
  const before = mailsTo('takahashi.ns').length;
  await cm.post(`/api/v1/boards/${team.id}/posts`, { body: '明日の訪問時間のご相談', request_kind: 'read', addressees: [ids.ns] });
  await sleep(2500);
  // (an immediate mail is what quiet hours hold; a digest is not this test's business)
  const immediate = () => mailsTo('takahashi.ns').slice(before).filter((m) => m.subject.includes('確認をお願いします'));
  assert.deepEqual(immediate().map((m) => m.body), [], 'held during quiet hours');
  await cm.post(`/api/v1/boards/${team.id}/posts`, { body: '急変の連絡です。至急お電話ください', important: true, request_kind: 'answer', addressees: [ids.ns] });
  const urgent = await eventually(() => immediate()[0], 'the urgent mail');
  assert.ok(urgent.body.includes('あなた宛ての依頼'), urgent.body);
  assert.ok(!urgent.body.includes('急変'));
  await ns.put('/api/v1/me/notification-settings', NEVER_QUIET);
});

test('no immediate mail for those who turned it off; a 特別便 tells no one outside its audience', async () => {
  await dr.put('/api/v1/me/notification-settings', { ...NEVER_QUIET, immediate: false });
  const drBefore = mailsTo('sato.dr').length;
  const nsBefore = (await ns.get('/api/v1/notifications')).json.items.length;
  const secret = await cm.post(`/api/v1/boards/${team.id}/posts`, { body: '家族内の事情について（内々）', important: true, restricted_to: [ids.dr] });
  assert.equal(secret.status, 201);
  await sleep(2000);
  assert.equal(mailsTo('sato.dr').length, drBefore, 'immediate mail off');
  assert.ok((await dr.get('/api/v1/notifications')).json.items.some((n) => n.post_id === secret.json.id && n.kind === 'important'));
  const nsList = (await ns.get('/api/v1/notifications')).json.items;
  assert.equal(nsList.length, nsBefore);
  assert.ok(!nsList.some((n) => n.post_id === secret.json.id));
  await dr.put('/api/v1/me/notification-settings', NEVER_QUIET);
  // Settings are checked.
  assert.equal((await dr.put('/api/v1/me/notification-settings', { ...NEVER_QUIET, quiet_start: 24 })).status, 400);
  assert.equal((await dr.put('/api/v1/me/notification-settings', { ...NEVER_QUIET, digest: 'yes' })).status, 400);
});

test('a muted board tells the member only what is theirs; only members may mute', async () => {
  const muted = await ns.put(`/api/v1/boards/${team.id}/mute`, { muted: true });
  assert.deepEqual([muted.status, muted.json], [200, { muted: true, muted_until: null }]);
  assert.equal((await ns.get(`/api/v1/boards/${team.id}`)).json.me.muted, true);
  assert.equal((await ns.get('/api/v1/care-teams')).json.items.find((t) => t.id === team.id).muted, true, 'marked in her list');
  assert.equal((await cm.get('/api/v1/care-teams')).json.items.find((t) => t.id === team.id).muted, false, 'not in the others\'');
  assert.ok(!('muted' in (await ns.get(`/api/v1/boards/${team.id}`)).json.members[0]), 'nobody else learns it');
  const broadcast = await cm.post(`/api/v1/boards/${team.id}/posts`, { body: '来週から訪問曜日が変わります', important: true });
  const asked = await cm.post(`/api/v1/boards/${team.id}/posts`, { body: '薬の残数を教えてください', request_kind: 'answer', addressees: [ids.ns] });
  const isTold = async (client, postId) => (await client.get('/api/v1/notifications')).json.items.some((n) => n.post_id === postId);
  const told = (postId) => eventually(() => isTold(ns, postId), `her notification of post ${postId}`);
  assert.ok(await told(asked.json.id), 'a request addressed to her still comes');
  // The notifier tells everyone of a post in one pass: once the others are told, she would be.
  await eventually(() => isTold(dr, broadcast.json.id), 'the others are told');
  assert.equal(await isTold(ns, broadcast.json.id), false, 'the important post does not');
  const inbox = (await ns.get('/api/v1/inbox')).json.items;
  assert.ok(inbox.some((i) => i.post.id === broadcast.json.id && i.reason === 'important'), 'still in her inbox');

  assert.deepEqual((await ns.put(`/api/v1/boards/${team.id}/mute`, { muted: false })).json, { muted: false, muted_until: null });
  assert.equal((await ns.put(`/api/v1/boards/${team.id}/mute`, { muted: 'no' })).status, 400);
  for (const minutes of [0, -5, 43201, 'an hour', 1.5]) {
    const bad = await ns.put(`/api/v1/boards/${team.id}/mute`, { muted: true, minutes });
    assert.equal(bad.status, 400, JSON.stringify(minutes));
    assert.ok(bad.json.error.fields.some((f) => f.field === 'minutes'), bad.text);
  }
  assert.equal((await ns.get(`/api/v1/boards/${team.id}`)).json.me.muted, false, 'nothing written');

  // Muted for an hour; when the hour is over (moved in the database) the next post tells her again.
  const hour = await ns.put(`/api/v1/boards/${team.id}/mute`, { muted: true, minutes: 60 });
  assert.equal(hour.status, 200, hour.text);
  assert.ok(Math.abs(Date.parse(hour.json.muted_until) - (now() + 3600_000)) < 60_000, hour.json.muted_until);
  assert.equal((await ns.get(`/api/v1/boards/${team.id}`)).json.me.muted_until, hour.json.muted_until);
  sql(`UPDATE board_members SET muted_until = ${Math.floor(now() / 1000) - 1} WHERE board_id = ${team.id} AND user_id = ${ids.ns}`);
  const later = await cm.post(`/api/v1/boards/${team.id}/posts`, { body: '訪問時間の変更があります', important: true });
  assert.ok(await told(later.json.id), 'told again once the mute is over');
  assert.equal((await ns.get(`/api/v1/boards/${team.id}`)).json.me.muted, false);
  // Someone not on the team, and a team that does not exist: the same 404.
  const outsider = await loggedIn(server.url, 'tanaka.msw', DEMO_PASSWORD);
  const hers = new Set((await outsider.get('/api/v1/care-teams')).json.items.map((t) => t.id));
  const foreign = (await cm.get('/api/v1/care-teams')).json.items.find((t) => !hers.has(t.id));
  assert.ok(foreign, 'a team she is not on');
  for (const id of [foreign.id, 999999]) {
    assert.equal((await outsider.put(`/api/v1/boards/${id}/mute`, { muted: true })).status, 404);
  }
});

test('a direct message to an address the relay refuses shows as failed to the administrator', async () => {
  const user = await createUserWithMail(admin, 'bounce.user', 'bounce@example.jp', ['professional']);
  // Not held for the quiet hours (a new user's are 21:00–07:00), whatever the hour of the run.
  const bounce = await loggedIn(server.url, 'bounce.user', user.temporary_password);
  assert.equal((await bounce.put('/api/v1/me/password', { current_password: user.temporary_password, new_password: 'bounce-pass-2027' })).status, 200);
  assert.equal((await bounce.put('/api/v1/me/notification-settings', NEVER_QUIET)).status, 200);
  const dm = (await dr.post('/api/v1/conversations', { user_ids: [user.id] })).json;
  await dr.post(`/api/v1/boards/${dm.id}/posts`, { body: 'ご相談があります' });
  const failed = await eventually(async () => (await admin.get('/api/v1/region/mail')).json.items.find((m) => m.recipient === 'bounce@example.jp' && m.status === 'failed'), 'the refused mail listed as failed');
  assert.equal(failed.kind, 'notification');
  assert.ok(failed.last_error.length > 0);
});
