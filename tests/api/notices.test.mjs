// Region notices (お知らせ) as a city office uses them: the region administrator writes to the
// doctors and asks them to confirm; each doctor reads and confirms; the office sees who has not.
// (A facility administrator's crafted requests: tests/hostile/notice_targeting.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';
import { openLive } from '../support/live.mjs';
import { now } from '../support/clock.mjs';
import { sqlite } from '../support/db.mjs';

let server;
let admin; // demo-admin: region administrator
let dr; // sato.dr: a doctor (administrator of his clinic)
let ns; // takahashi.ns: a nurse, administrator of her visiting nurse station
let professions;
const sql = (q) => sqlite(server.dir, q);

before(async () => {
  server = await startServer();
  [admin, dr, ns] = await Promise.all(['demo-admin', 'sato.dr', 'takahashi.ns'].map((l) => loggedIn(server.url, l, DEMO_PASSWORD)));
  professions = Object.fromEntries((await admin.get('/api/v1/professions')).json.items.map((p) => [p.name, p.id]));
});
after(async () => server?.cleanup());

const activeUsers = (where = '1') => Number(sql(`SELECT COUNT(*) FROM users u LEFT JOIN facilities f ON f.id = u.facility_id WHERE u.active = 1 AND ${where}`));

test('the region administrator writes to the doctors; each confirms; the office sees who has not', async () => {
  const doctors = activeUsers(`u.profession_id = ${professions['医師']}`);
  assert.ok(doctors >= 2, 'the demo region has several doctors');
  // The form shows how many the audience reaches before anything is sent.
  assert.equal((await admin.post('/api/v1/notices/audience', {})).json.recipients, activeUsers());
  assert.equal((await admin.post('/api/v1/notices/audience', { profession_ids: [professions['医師']] })).json.recipients, doctors);
  assert.equal((await admin.post('/api/v1/notices/audience', { facility_kinds: ['clinic'] })).json.recipients, activeUsers("f.kind = 'clinic'"));

  // Connected recipients are told at once; others are not.
  const drLive = openLive(server.url, dr);
  const nsLive = openLive(server.url, ns);
  await Promise.all([drLive, nsLive].map((l) => l.until((x) => x.messages.some((m) => m.type === 'hello'))));
  const sent = await admin.post('/api/v1/notices', {
    title: 'インフルエンザ予防接種の実施について',
    body: '本年度の高齢者インフルエンザ予防接種は10月1日から開始します。\n在宅の方への訪問接種をご検討ください。',
    ack_requested: true,
    important: true,
    profession_ids: [professions['医師']],
  });
  assert.equal(sent.status, 201, sent.text);
  assert.equal(sent.json.recipients, doctors);
  assert.equal(sent.json.read, 0);
  const id = sent.json.id;
  await drLive.until((l) => l.messages.some((m) => m.type === 'notice' && m.notice_id === id));
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(nsLive.messages.some((m) => m.type === 'notice'), false);
  await Promise.all([drLive.close(), nsLive.close()]);

  // The doctor has it, unread and waiting for confirmation; the nurse does not, not even by id.
  let mine = (await dr.get('/api/v1/notices')).json;
  assert.equal(mine.items[0].id, id);
  assert.equal(mine.items[0].read_at, null);
  assert.equal(mine.unread, 1);
  assert.equal(mine.unacknowledged, 1);
  assert.equal(mine.items[0].recipients, undefined, 'a recipient sees no counts');
  assert.equal((await ns.get('/api/v1/notices')).json.items.some((n) => n.id === id), false);
  assert.equal((await ns.get(`/api/v1/notices/${id}`)).status, 404);
  assert.equal((await ns.post(`/api/v1/notices/${id}/ack`, {})).status, 404);

  // Opening reads it; confirming is one call, and a second changes nothing.
  const opened = await dr.get(`/api/v1/notices/${id}`);
  assert.equal(opened.status, 200);
  assert.ok(opened.json.read_at);
  assert.equal(opened.json.acknowledged_at, null);
  assert.equal((await dr.get('/api/v1/notices')).json.unread, 0);
  const ack = await dr.post(`/api/v1/notices/${id}/ack`, {});
  assert.equal(ack.status, 200, ack.text);
  assert.ok(ack.json.acknowledged_at);
  assert.equal((await dr.post(`/api/v1/notices/${id}/ack`, {})).json.acknowledged_at, ack.json.acknowledged_at);
  assert.equal((await dr.get('/api/v1/notices')).json.unacknowledged, 0);

  // The office: counts on its list, and who has not confirmed.
  const list = (await admin.get('/api/v1/notices/sent')).json.items;
  const mineSent = list.find((n) => n.id === id);
  assert.deepEqual([mineSent.recipients, mineSent.read, mineSent.acknowledged], [doctors, 1, 1]);
  const drId = (await dr.get('/api/v1/session')).json.user.id;
  const all = (await admin.get(`/api/v1/notices/${id}/recipients`)).json.items;
  assert.equal(all.length, doctors);
  assert.ok(all.every((r) => r.profession === '医師'));
  assert.ok(all.find((r) => r.user_id === drId).acknowledged_at);
  const waiting = (await admin.get(`/api/v1/notices/${id}/recipients?state=unacknowledged`)).json.items;
  assert.equal(waiting.length, doctors - 1);
  assert.equal(waiting.some((r) => r.user_id === drId), false);
  assert.equal((await admin.get(`/api/v1/notices/${id}/recipients?state=everyone`)).status, 400);

  // Published and confirmed are in the audit log.
  const audit = (await admin.get('/api/v1/audit?limit=100')).json.items.map((e) => e.action);
  assert.ok(audit.includes('notice.publish') && audit.includes('notice.acknowledge'));
});

test('the office reminds those who have not confirmed, once an hour; nobody else can', async () => {
  const doctors = activeUsers(`u.profession_id = ${professions['医師']}`);
  const sent = await admin.post('/api/v1/notices', { title: '在宅医療研修会の出欠', body: '12月15日までにご確認ください。', ack_requested: true, profession_ids: [professions['医師']] });
  const id = sent.json.id;
  assert.equal(sent.json.reminded_at, null);
  assert.equal((await dr.post(`/api/v1/notices/${id}/ack`, {})).status, 200);
  // A doctor who administers his clinic, and a facility administrator it was not sent to.
  assert.equal((await dr.post(`/api/v1/notices/${id}/remind`, {})).status, 404);
  assert.equal((await ns.post(`/api/v1/notices/${id}/remind`, {})).status, 404);
  const reminded = await admin.post(`/api/v1/notices/${id}/remind`, {});
  assert.equal(reminded.status, 200, reminded.text);
  assert.equal(reminded.json.reminded, doctors - 1, 'every doctor but the one who confirmed');
  assert.equal(sql(`SELECT COUNT(*) FROM notifications WHERE notice_id = ${id} AND kind = 'reminder' AND read_at IS NULL`), String(doctors - 1));
  assert.equal((await dr.get('/api/v1/notifications')).json.items.some((n) => n.notice_id === id && n.kind === 'reminder'), false);
  const again = await admin.post(`/api/v1/notices/${id}/remind`, {});
  assert.equal(again.status, 409);
  assert.equal(again.json.error.message, '再通知は1時間に1回までです');
  const shown = (await admin.get(`/api/v1/notices/${id}`)).json;
  assert.ok(Math.abs(Date.parse(shown.reminded_at) - now()) < 60_000, shown.reminded_at);
  assert.equal((await admin.get('/api/v1/audit?limit=100')).json.items.filter((e) => e.action === 'notice.remind' && e.target_id === String(id)).length, 1);
});

test('bad notices are refused with the field and a Japanese message; nothing is sent', async () => {
  const before = Number(sql('SELECT COUNT(*) FROM notices'));
  const empty = await admin.post('/api/v1/notices', { title: '', body: '' });
  assert.equal(empty.status, 400);
  assert.deepEqual(empty.json.error.fields.map((f) => f.field).sort(), ['body', 'title']);
  const kind = await admin.post('/api/v1/notices', { title: 't', body: 'b', facility_kinds: ['spaceport'] });
  assert.equal(kind.status, 400);
  assert.match(kind.json.error.message + JSON.stringify(kind.json.error.fields), /施設種別/);
  assert.equal((await admin.post('/api/v1/notices', { title: 't', body: 'b', profession_ids: [999999] })).status, 400);
  assert.equal((await admin.post('/api/v1/notices', { title: 't', body: 'b', profession_ids: 'doctors' })).status, 400);
  // An audience nobody is in (a 職種 just added, which no user has yet) sends nothing.
  const nobody = (await admin.post('/api/v1/professions', { name: '臨床検査技師' })).json.id;
  assert.equal(activeUsers(`u.profession_id = ${nobody}`), 0);
  const none = await admin.post('/api/v1/notices', { title: 't', body: 'b', profession_ids: [nobody] });
  assert.equal(none.status, 400);
  assert.match(none.json.error.message, /送信先/);
  assert.equal((await admin.post('/api/v1/notices', { title: 'x'.repeat(101), body: 'b' })).status, 400);
  assert.equal(Number(sql('SELECT COUNT(*) FROM notices')), before);
  // Confirming a notice that asks for no confirmation is a conflict, not a silent success.
  const plain = await admin.post('/api/v1/notices', { title: '研修会のご案内', body: '12月の多職種研修会の資料です。' });
  assert.equal(plain.status, 201);
  assert.equal((await dr.post(`/api/v1/notices/${plain.json.id}/ack`, {})).status, 409);
});
