// Widening a notice's audience by a crafted request: a facility administrator reaches her own
// staff only, whatever fields she adds; a professional publishes nothing; no one reads a notice
// or its recipients list by id unless it is theirs to read.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';
import { sqlite } from '../support/db.mjs';

let server;
let admin; // demo-admin: region administrator
let ns; // takahashi.ns: administrator of her visiting nurse station
const sql = (q) => sqlite(server.dir, q);
const activeUsers = (where = '1') => Number(sql(`SELECT COUNT(*) FROM users u WHERE u.active = 1 AND ${where}`));

before(async () => {
  server = await startServer();
  [admin, ns] = await Promise.all(['demo-admin', 'takahashi.ns'].map((l) => loggedIn(server.url, l, DEMO_PASSWORD)));
  // A notice of the region's, to the doctors: none of the nurse's business.
  const doctors = (await admin.get('/api/v1/professions')).json.items.find((p) => p.name === '医師').id;
  const r = await admin.post('/api/v1/notices', { title: '医師の皆様へ', body: '本文', profession_ids: [doctors] });
  assert.equal(r.status, 201);
  // And one to everyone, the nurse included, that she did not write.
  assert.equal((await admin.post('/api/v1/notices', { title: '全員へ', body: '本文', ack_requested: true })).status, 201);
});
after(async () => server?.cleanup());

test('a facility administrator reaches only her own staff, however the request is crafted', async () => {
  const me = (await ns.get('/api/v1/session')).json.user;
  const staff = activeUsers(`u.facility_id = ${me.facility_id}`);
  assert.ok(staff >= 2 && staff < activeUsers());
  const before = Number(sql('SELECT COUNT(*) FROM notices'));
  // Naming facility kinds is an attempt to reach further: refused, not narrowed.
  const wide = await ns.post('/api/v1/notices', { title: '全体へ', body: '本文', facility_kinds: ['clinic', 'hospital'] });
  assert.equal(wide.status, 403);
  assert.match(wide.json.error.message, /自施設/);
  assert.equal((await ns.post('/api/v1/notices/audience', { facility_kinds: ['clinic'] })).status, 403);
  // Fields the API does not have (another facility, a region, a list of users) are refused by
  // name; without them the notice reaches her own staff.
  const refused = await ns.post('/api/v1/notices', {
    title: '今月の訪問予定', body: 'ステーション内の連絡です。', facility_id: 1, region_id: 99, user_ids: [1, 2, 3],
  });
  assert.equal(refused.status, 400, refused.text);
  assert.deepEqual(refused.json.error.fields.map((f) => f.field).sort(), ['facility_id', 'region_id', 'user_ids']);
  assert.equal(Number(sql('SELECT COUNT(*) FROM notices')), before);
  const crafted = await ns.post('/api/v1/notices', { title: '今月の訪問予定', body: 'ステーション内の連絡です。' });
  assert.equal(crafted.status, 201, crafted.text);
  assert.equal(crafted.json.recipients, staff);
  const outside = Number(sql(`SELECT COUNT(*) FROM notice_recipients r JOIN users u ON u.id = r.user_id WHERE r.notice_id = ${crafted.json.id} AND u.facility_id IS NOT ${me.facility_id}`));
  assert.equal(outside, 0);
  assert.equal(Number(sql('SELECT COUNT(*) FROM notices')), before + 1);
  // She sees her own notices only, and not the region's recipients lists.
  const regionNotice = (await admin.get('/api/v1/notices/sent')).json.items.find((n) => n.publisher.id !== me.id).id;
  assert.equal((await ns.get('/api/v1/notices/sent')).json.items.every((n) => n.publisher.id === me.id), true);
  assert.equal((await ns.get(`/api/v1/notices/${regionNotice}/recipients`)).status, 404);
  // A professional without an administrator role publishes nothing.
  const plain = await loggedIn(server.url, 'yoshida.02', DEMO_PASSWORD);
  assert.equal((await plain.post('/api/v1/notices', { title: 'x', body: 'y' })).status, 403);
  assert.equal((await plain.post('/api/v1/notices/audience', {})).status, 403);
  assert.equal((await plain.get('/api/v1/notices/sent')).status, 403);
});


test('every notice id tried by someone it was not sent to: not found, not confirmed, nothing read', async () => {
  const me = (await ns.get('/api/v1/session')).json.user;
  const others = sql(`SELECT id FROM notices n WHERE publisher_id != ${me.id} AND NOT EXISTS
                      (SELECT 1 FROM notice_recipients r WHERE r.notice_id = n.id AND r.user_id = ${me.id})`)
    .split('\n').filter(Boolean).map(Number);
  assert.ok(others.length >= 1);
  for (const id of [...others, 0, 999999]) {
    const read = await ns.get(`/api/v1/notices/${id}`);
    assert.equal(read.status, 404, `notice ${id}`);
    assert.doesNotMatch(read.text, /医師の皆様へ/);
    assert.equal((await ns.post(`/api/v1/notices/${id}/ack`, {})).status, 404);
    assert.equal((await ns.get(`/api/v1/notices/${id}/recipients`)).status, 404);
    assert.equal((await ns.post(`/api/v1/notices/${id}/remind`, {})).status, 404);
  }
  assert.equal(Number(sql(`SELECT COUNT(*) FROM notice_recipients WHERE user_id = ${me.id} AND notice_id IN (${others.join(',')})`)), 0);
  // Nor can she remind the recipients of a notice she only received.
  const received = sql(`SELECT notice_id FROM notice_recipients r JOIN notices n ON n.id = r.notice_id WHERE r.user_id = ${me.id} AND n.publisher_id != ${me.id}`)
    .split('\n').filter(Boolean).map(Number);
  assert.ok(received.length >= 1);
  for (const id of received) assert.equal((await ns.post(`/api/v1/notices/${id}/remind`, {})).status, 404, `received notice ${id}`);
  const touched = [...others, ...received].join(',') || '0';
  assert.equal(sql(`SELECT COUNT(*) FROM notices WHERE reminded_at IS NOT NULL AND id IN (${touched})`), '0');
  assert.equal(sql(`SELECT COUNT(*) FROM notifications WHERE kind = 'reminder' AND notice_id IN (${touched})`), '0');
});
