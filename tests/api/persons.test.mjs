// Persons: registered by a care-management office, found by kana however it is typed, edited
// without losing a colleague's change, and kept from administrators of other facilities.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';

let server;
let admin;
let cm; // facility administrator of a care-management office
before(async () => {
  server = await startServer();
  admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
  cm = await loggedIn(server.url, 'suzuki.cm', DEMO_PASSWORD);
});
after(() => server.cleanup());

const person = (over = {}) => ({
  name: '小松 ヨシ', name_kana: 'こまつ よし', birth_date: '1936-03-03', sex: 'female',
  postal_code: '305-0044', address: '茨城県つくば市並木9丁目9-1', phone: '029-900-9001', ...over,
});

test('a care manager registers a person and reads it back', async () => {
  const r = await cm.post('/api/v1/persons', person());
  assert.equal(r.status, 201);
  assert.equal(r.json.version, 1);
  const got = await cm.get(`/api/v1/persons/${r.json.id}`);
  assert.equal(got.status, 200);
  assert.equal(got.json.name, '小松 ヨシ');
  assert.equal(got.json.birth_date, '1936-03-03');
});

test('kana search treats hiragana, katakana, half-width and spaces alike', async () => {
  await admin.post('/api/v1/persons', person({ name: '久保田 ヴィオラ', name_kana: 'くぼた ゔぃおら' }));
  for (const q of ['くぼた', 'クボタ', 'ｸﾎﾞﾀ', 'くぼ た', '久保田', 'ゔぃおら', 'ヴィオラ']) {
    const r = await admin.get('/api/v1/persons?q=' + encodeURIComponent(q));
    assert.equal(r.status, 200, q);
    assert.deepEqual(r.json.items.map((p) => p.name), ['久保田 ヴィオラ'], `search ${q}`);
  }
  assert.equal((await admin.get('/api/v1/persons?q=' + encodeURIComponent('存在しない人'))).json.items.length, 0);
});

test('bad person input is refused with a message per field', async () => {
  const r = await cm.post('/api/v1/persons', { name: '', name_kana: 'Yamada', birth_date: '1950-02-30', sex: 'robot', phone: 'call me' });
  assert.equal(r.status, 400);
  assert.deepEqual(r.json.error.fields.map((f) => f.field).sort(), ['birth_date', 'name', 'name_kana', 'phone', 'sex']);
  assert.ok(r.json.error.fields.every((f) => /[ぁ-んァ-ン一-龥]/.test(f.message)), 'messages are Japanese');
});

test('two editors at once: the second save is refused, nothing is lost silently', async () => {
  const created = (await cm.post('/api/v1/persons', person({ name: '同時 編集', name_kana: 'どうじ へんしゅう' }))).json;
  const first = await cm.put(`/api/v1/persons/${created.id}`, { ...person({ name: '同時 編集', name_kana: 'どうじ へんしゅう', phone: '029-111-1111' }), version: created.version });
  assert.equal(first.status, 200);
  assert.equal(first.json.version, 2);
  const second = await admin.put(`/api/v1/persons/${created.id}`, { ...person({ name: '同時 編集', name_kana: 'どうじ へんしゅう', phone: '029-222-2222' }), version: created.version });
  assert.equal(second.status, 409);
  assert.equal((await cm.get(`/api/v1/persons/${created.id}`)).json.phone, '029-111-1111');
});

test('paging returns every person once, in kana order', async () => {
  const names = [];
  let cursor = '';
  do {
    const r = await admin.get(`/api/v1/persons?limit=4&cursor=${encodeURIComponent(cursor)}`);
    names.push(...r.json.items.map((p) => p.name_kana));
    cursor = r.json.next_cursor ?? '';
  } while (cursor);
  const total = (await admin.get('/api/v1/persons?limit=200')).json.items.length;
  assert.equal(names.length, total);
  assert.equal(new Set(names).size <= names.length, true);
  const keys = names.map((n) => n.replace(/\s/g, ''));
  assert.deepEqual(keys, [...keys].sort(), 'ordered by reading');
});

test("a facility administrator sees only their facility's persons; a denied read is audited", async () => {
  const other = await loggedIn(server.url, 'takahashi.ns', DEMO_PASSWORD); // visiting-nurse station admin
  const mine = (await cm.post('/api/v1/persons', person({ name: '秘密 花子', name_kana: 'ひみつ はなこ' }))).json;
  assert.equal((await other.get(`/api/v1/persons/${mine.id}`)).status, 404);
  assert.equal((await other.put(`/api/v1/persons/${mine.id}`, { ...person(), version: 1 })).status, 404);
  const list = await other.get('/api/v1/persons?q=' + encodeURIComponent('ひみつ'));
  assert.equal(list.json.items.length, 0);
  const audit = await admin.get(`/api/v1/audit?target_type=person&target_id=${mine.id}`);
  const denied = audit.json.items.filter((e) => e.outcome === 'denied' && e.actor_login === 'takahashi.ns');
  assert.ok(denied.some((e) => e.action === 'person.read'));
  assert.ok(denied.some((e) => e.action === 'person.update'));
  // A plain professional cannot reach persons at all yet (care teams come with the board).
  const doctor = await loggedIn(server.url, 'yoshida.02', DEMO_PASSWORD);
  assert.equal((await doctor.get('/api/v1/persons')).status, 403);
});
