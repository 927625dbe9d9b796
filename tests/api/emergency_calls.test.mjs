// The emergency-call system (緊急通報システム連携) over real HTTP: the city enrols its alarm centre
// with `musubi gateway add`, which prints a token once; the centre posts each event with it. A new
// event is an important post on the person's care team, notified to its members; the same event
// sent again posts nothing; a wrong token, bad input, an unknown person and a reused event id
// with other content are refused with a clear error, audited, and write nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { Client, loggedIn } from '../support/client.mjs';
import { eventually } from '../support/wait.mjs';
import { now } from '../support/clock.mjs';

let server;
let token;
let cm;
let dr;
let admin;
let person;
let team;

// The server's now, as the centre writes it (RFC 3339 in Japan time), moved by `minutes`.
function at(minutes = 0) {
  return new Date(now() + (9 * 60 + minutes) * 60_000).toISOString().slice(0, 19) + '+09:00';
}

async function send(body, bearer = token) {
  const client = new Client(server.url);
  return client.request('POST', '/api/v1/gateway/emergency-calls', {
    body, csrf: false, headers: bearer === null ? {} : { Authorization: `Bearer ${bearer}` },
  });
}

async function boardPosts() {
  const r = await cm.get(`/api/v1/boards/${team.id}/posts`);
  assert.equal(r.status, 200, r.text);
  // Pinned (important, not yet acknowledged) posts are also in the timeline: each post once.
  const byId = new Map([...r.json.pinned, ...r.json.items].map((p) => [p.id, p]));
  return [...byId.values()];
}

before(async () => {
  server = await startServer();
  const enrolled = server.run(['gateway', 'add', '--region', 'tsukuba-demo', '--name', 'つくば市緊急通報センター', '--facility', 'つくば市役所 地域包括支援課']);
  assert.equal(enrolled.status, 0, enrolled.stderr);
  token = /トークン（この一度だけ表示します）: (\S+)/.exec(enrolled.stdout)[1];
  [cm, dr, admin] = await Promise.all(['suzuki.cm', 'sato.dr', 'demo-admin'].map((l) => loggedIn(server.url, l, DEMO_PASSWORD)));
  const p = await cm.post('/api/v1/persons', { name: '根本 タケ', name_kana: 'ねもと たけ', birth_date: '1938-03-03', sex: 'female' });
  assert.equal(p.status, 201, p.text);
  person = p.json;
  const me = (await cm.get('/api/v1/session')).json.user.id;
  const t = await cm.post(`/api/v1/persons/${person.id}/care-team`, { admin_user_id: me, team_role: 'care_manager' });
  assert.equal(t.status, 201, t.text);
  team = t.json;
  const drId = (await dr.get('/api/v1/session')).json.user.id;
  assert.equal((await cm.put(`/api/v1/boards/${team.id}/members/${drId}`, { team_role: 'primary_doctor' })).status, 200);
});
after(() => server.cleanup());

test('a new event is an important post on the team, notified; sent again it posts nothing', async () => {
  const event = { event_id: 'TKB-20261207-0001', person_id: person.id, kind: 'ems_request', occurred_at: at(-5), note: 'ペンダント押下。応答なし。救急要請済み' };
  const r = await send(event);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.replayed, false);
  assert.ok(r.json.post_id);
  const posts = await boardPosts();
  const post = posts.find((p) => p.id === r.json.post_id);
  assert.ok(post, 'on the board');
  assert.equal(post.important, true);
  assert.equal(post.author.name, 'つくば市緊急通報センター');
  assert.equal(post.author.facility_name, 'つくば市役所 地域包括支援課');
  assert.match(post.body, /^【緊急通報】救急要請\n日時: \d{4}-\d\d-\d\d \d\d:\d\d\n通報元: つくば市緊急通報センター/);
  assert.match(post.body, /応答なし。救急要請済み/);
  assert.match(post.body, /受付番号: TKB-20261207-0001/);
  await eventually(async () => (await dr.get('/api/v1/notifications')).json.items.some((n) => n.post_id === r.json.post_id), 'the doctor is notified');

  // The centre did not get the answer and sends it again: the same answer, nothing posted.
  const again = await send(event);
  assert.equal(again.status, 200, again.text);
  assert.equal(again.json.replayed, true);
  assert.equal(again.json.id, r.json.id);
  assert.equal(again.json.post_id, r.json.post_id);
  assert.equal((await boardPosts()).filter((p) => /TKB-20261207-0001/.test(p.body)).length, 1);
});

test('a wrong token, bad input, an unknown person or a reused id are refused, audited, and post nothing', async () => {
  const before = (await boardPosts()).length;
  const good = { event_id: 'TKB-20261207-0100', person_id: person.id, kind: 'call', occurred_at: at(), note: '' };
  for (const bearer of [null, '', 'not-the-token', token.slice(0, -1)]) {
    const r = await send(good, bearer);
    assert.equal(r.status, 401, `${bearer}: ${r.text}`);
    assert.equal(r.json.error.message, '通報システムの認証に失敗しました');
  }
  const bad = [
    [{ ...good, event_id: '' }, 'event_id'],
    [{ ...good, event_id: 'スペース あり' }, 'event_id'],
    [{ ...good, event_id: 'x'.repeat(101) }, 'event_id'],
    [{ ...good, person_id: undefined }, 'person_id'],
    [{ ...good, person_id: -1 }, 'person_id'],
    [{ ...good, kind: 'fire' }, 'kind'],
    [{ ...good, occurred_at: '2026-12-07 22:40' }, 'occurred_at'],
    [{ ...good, occurred_at: '2026-02-30T10:00:00+09:00' }, 'occurred_at'],
    [{ ...good, occurred_at: at(120) }, 'occurred_at'],
    [{ ...good, occurred_at: at(-60 * 24 * 8) }, 'occurred_at'],
    [{ ...good, note: 'あ'.repeat(1001) }, 'note'],
    [{ ...good, extra: true }, 'extra'],
  ];
  for (const [body, field] of bad) {
    const r = await send(body);
    assert.equal(r.status, 400, `${field}: ${r.status} ${r.text}`);
    assert.ok(r.json.error.fields.some((f) => f.field === field), `${field}: ${r.text}`);
  }
  const unknown = await send({ ...good, person_id: 99999999 });
  assert.equal(unknown.status, 404, unknown.text);
  assert.equal(unknown.json.error.message, '対象者が見つかりません');
  // An id already used for another event.
  assert.equal((await send({ ...good, event_id: 'TKB-20261207-0200' })).status, 201);
  const reused = await send({ ...good, event_id: 'TKB-20261207-0200', kind: 'welfare_check' });
  assert.equal(reused.status, 409, reused.text);
  assert.equal((await boardPosts()).length, before + 1, 'only the one good event was posted');

  const audit = (await admin.get('/api/v1/audit?action=gateway.call&limit=100')).json.items;
  assert.ok(audit.filter((e) => e.outcome === 'denied' && e.detail === 'unknown token').length >= 4, 'wrong tokens are audited');
  assert.ok(audit.some((e) => e.outcome === 'denied' && e.detail.startsWith('invalid input')), 'bad input is audited');
  assert.ok(audit.some((e) => e.outcome === 'denied' && e.detail === 'unknown person'), 'unknown persons are audited');
  assert.ok(audit.some((e) => e.outcome === 'denied' && e.detail.startsWith('conflicting event')), 'a reused id is audited');
  assert.ok(audit.some((e) => e.outcome === 'denied' && e.detail.startsWith('replayed event')), 'a replay is audited');
});

test("the gateway's account never signs in, and a session is no way in", async () => {
  // Signed in as a professional, the route still wants the gateway's token.
  const r = await dr.post('/api/v1/gateway/emergency-calls', { event_id: 'x-1', person_id: person.id, kind: 'call', occurred_at: at() });
  assert.equal(r.status, 401, r.text);
  const users = (await admin.get('/api/v1/users?q=gateway')).json.items;
  const account = users.find((u) => u.name === 'つくば市緊急通報センター');
  assert.ok(account, JSON.stringify(users));
  assert.equal(account.active, false);
  assert.deepEqual(account.roles, []);
});
