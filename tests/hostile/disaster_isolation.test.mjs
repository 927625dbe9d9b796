// Disaster mode against someone who should see nothing: a professional of another team and a
// facility's contact who answers one request on the board try every disaster route with the
// ids of persons not theirs; hostile text and oversized notes are refused or kept verbatim; a
// tap's key cannot be used to read or overwrite another's report; the live message names no
// person. Every refusal leaves the register and the statuses as they were.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';

let server;
let admin;
let cm;
let outsider; // yoshida.02: on none of these teams
let person;
let disaster;

before(async () => {
  server = await startServer();
  [admin, cm, outsider] = await Promise.all(
    ['demo-admin', 'suzuki.cm', 'yoshida.02'].map((l) => loggedIn(server.url, l, DEMO_PASSWORD)),
  );
  const p = await cm.post('/api/v1/persons', { name: '秘密 花子', name_kana: 'ひみつ はなこ', birth_date: '1940-02-02', sex: 'female' });
  assert.equal(p.status, 201, p.text);
  person = p.json;
  const me = (await cm.get('/api/v1/session')).json.user.id;
  assert.equal((await cm.post(`/api/v1/persons/${person.id}/care-team`, { admin_user_id: me, team_role: 'care_manager' })).status, 201);
  const reg = await cm.put(`/api/v1/persons/${person.id}/support-needs`, {
    reasons: ['ventilator'], priority: 1, latitude: 36.1, longitude: 140.1, note: '<script>alert(1)</script>',
  });
  assert.equal(reg.status, 200, reg.text);
  assert.equal(reg.json.note, '<script>alert(1)</script>', 'kept verbatim, never interpreted');
  const d = await admin.post('/api/v1/disasters', { name: '<img src=x onerror=alert(1)>', kind: 'flood', drill: true, area_ids: [] });
  assert.equal(d.status, 201, d.text);
  disaster = d.json;
  assert.equal(disaster.name, '<img src=x onerror=alert(1)>');
});
after(() => server.cleanup());

test('a professional outside the team reaches nothing of the person by any disaster route', async () => {
  const id = person.id;
  const d = disaster.id;
  const tries = [
    ['GET', `/api/v1/persons/${id}/support-needs`],
    ['PUT', `/api/v1/persons/${id}/support-needs`, { registered: false }],
    ['GET', `/api/v1/disasters/${d}/persons/${id}`],
    ['POST', `/api/v1/disasters/${d}/statuses`, { person_id: id, status: 'safe', client_key: 'outsider-key-000001' }],
    ['GET', `/api/v1/disasters/${d}/summary`],
    ['GET', `/api/v1/disasters/${d}/map`],
    ['PUT', `/api/v1/disasters/${d}/persons/${id}/label`, { label: 'red' }],
    ['POST', '/api/v1/disaster/areas', { name: '侵入地区' }],
    ['POST', `/api/v1/disasters/${d}/close`, {}],
  ];
  for (const [method, path, body] of tries) {
    const r = await outsider.request(method, path, { body });
    assert.equal(r.status, 403, `${method} ${path}: ${r.text}`);
    assert.doesNotMatch(r.text, /秘密|ひみつ|36\.1/, 'nothing of the person in a refusal');
  }
  const mine = await outsider.get(`/api/v1/disasters/${d}/mine`);
  assert.deepEqual(mine.json.items, []);
  // Nothing changed.
  const still = await cm.get(`/api/v1/persons/${id}/support-needs`);
  assert.equal(still.json.registered, true);
  const h = await cm.get(`/api/v1/disasters/${d}/persons/${id}`);
  assert.deepEqual(h.json.history, []);
  assert.equal(h.json.entry.label, '');
});

test('ids of no person, of no disaster and of the wrong kind are simply not found', async () => {
  for (const path of [`/api/v1/disasters/999999`, `/api/v1/disasters/999999/mine`, `/api/v1/disasters/0`, `/api/v1/disasters/abc/map`]) {
    assert.equal((await admin.get(path)).status, 404, path);
  }
  assert.equal((await admin.get('/api/v1/persons/999999/support-needs')).status, 404);
  const r = await cm.post(`/api/v1/disasters/${disaster.id}/statuses`, { person_id: 999999, status: 'safe', client_key: 'nobody-key-0000001' });
  assert.equal(r.status, 403);
});

test('a tap key cannot replay or read another member’s report', async () => {
  const key = 'shared-key-aaaaaaaaaaaa';
  const first = await cm.post(`/api/v1/disasters/${disaster.id}/statuses`, { person_id: person.id, status: 'safe', client_key: key });
  assert.equal(first.status, 201, first.text);
  const other = await outsider.post(`/api/v1/disasters/${disaster.id}/statuses`, { person_id: person.id, status: 'unreachable', client_key: key });
  assert.equal(other.status, 409);
  assert.doesNotMatch(other.text, /safe|秘密/, 'the first report is not shown to another user');
  const h = await cm.get(`/api/v1/disasters/${disaster.id}/persons/${person.id}`);
  assert.equal(h.json.history.length, 1);
  assert.equal(h.json.entry.status, 'safe');
});

test('oversized, malformed and unknown input is refused whole, nothing kept', async () => {
  const path = `/api/v1/persons/${person.id}/support-needs`;
  const long = await cm.put(path, { reasons: ['other'], priority: 2, note: 'あ'.repeat(501) });
  assert.equal(long.status, 400);
  assert.equal(long.json.error.fields[0].field, 'note');
  const wrongType = await cm.put(path, { reasons: 'ventilator', priority: '1', latitude: '36.1', longitude: 140 });
  assert.equal(wrongType.status, 400);
  const unknown = await cm.put(path, { reasons: ['other'], priority: 2, owner: 'me' });
  assert.equal(unknown.status, 400);
  assert.match(unknown.text, /owner/);
  const nan = await cm.request('PUT', path, { raw: '{"reasons":["other"],"priority":2,"latitude":NaN,"longitude":1}', headers: { 'Content-Type': 'application/json' } });
  assert.equal(nan.status, 400);
  const still = await cm.get(path);
  assert.deepEqual(still.json.reasons, ['ventilator']);
  assert.equal(still.json.note, '<script>alert(1)</script>');
  const hugeNote = await cm.post(`/api/v1/disasters/${disaster.id}/statuses`, { person_id: person.id, status: 'noted', note: 'x'.repeat(501), client_key: 'huge-note-key-000001' });
  assert.equal(hugeNote.status, 400);
  const tooMany = await admin.post('/api/v1/disasters', { name: 'x'.repeat(101), kind: 'flood' });
  assert.equal(tooMany.status, 400);
});

test('tiles are served only from their directory, never another file', async () => {
  // No tile directory in this server: every tile path is simply not found, signed in or not.
  for (const path of ['/tiles/std/1/1/1.png', '/tiles/..%2F..%2Fetc/1/1/passwd', '/tiles/std/1/1/..%2F..%2Fmusubi.db']) {
    const r = await cm.get(path);
    assert.equal(r.status, 404, path);
  }
});
