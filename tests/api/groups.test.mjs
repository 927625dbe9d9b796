// Groups (プロジェクト) and direct messages as a region uses them: the support centre starts a
// closed committee, a doctor asks to join and is approved, posts and requests work as on a care
// team and reach the inbox and search; an open training circle is joined in one step; two
// professionals talk one to one and nobody else can read it.
// (Crafted requests against groups and conversations: tests/hostile/group_isolation.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';
import { sqlite } from '../support/db.mjs';

let server;
let admin; // demo-admin: region administrator
let cm; // suzuki.cm: care manager
let dr; // sato.dr: doctor
let ns; // takahashi.ns: nurse
let msw; // tanaka.msw: hospital MSW, on none of this file's groups unless said
const ids = {};
const sql = (q) => sqlite(server.dir, q);

before(async () => {
  server = await startServer();
  [admin, cm, dr, ns, msw] = await Promise.all(
    ['demo-admin', 'suzuki.cm', 'sato.dr', 'takahashi.ns', 'tanaka.msw'].map((l) => loggedIn(server.url, l, DEMO_PASSWORD)),
  );
  for (const [name, c] of Object.entries({ cm, dr, ns, msw })) ids[name] = (await c.get('/api/v1/session')).json.user.id;
});
after(async () => server?.cleanup());

test('a closed group: created, found by others without its content, joined on approval', async () => {
  const created = await cm.post('/api/v1/groups', { name: '在宅医療・介護連携推進会議', description: '月1回の会議の連絡と資料', open: false });
  assert.equal(created.status, 201, created.text);
  const g = created.json;
  assert.equal(g.kind, 'group');
  assert.equal(g.person, null);
  assert.equal(g.me.is_admin, true, 'the creator administers it');
  ids.closed = g.id;

  // Others see that it exists, not what is in it.
  const listed = (await dr.get('/api/v1/groups')).json.items.find((x) => x.id === g.id);
  assert.deepEqual([listed.name, listed.open, listed.member, listed.member_count], ['在宅医療・介護連携推進会議', false, false, 1]);
  await cm.post(`/api/v1/boards/${g.id}/posts`, { body: '第3回会議は12月10日14時からです' });
  assert.equal((await dr.get(`/api/v1/boards/${g.id}/posts`)).status, 404);

  // A closed group takes a request; its administrator approves.
  const join = await dr.post(`/api/v1/groups/${g.id}/join`, { message: '参加させてください' });
  assert.deepEqual([join.status, join.json.joined], [200, false]);
  assert.equal((await dr.post(`/api/v1/groups/${g.id}/join`, {})).status, 409, 'one open request at a time');
  assert.equal((await dr.get('/api/v1/groups')).json.items.find((x) => x.id === g.id).join_requested, true);
  const requests = (await cm.get(`/api/v1/boards/${g.id}/join-requests`)).json.items;
  assert.deepEqual(requests.map((r) => [r.user_id, r.team_role_label, r.message]), [[ids.dr, 'メンバー', '参加させてください']]);
  assert.equal((await cm.post(`/api/v1/boards/${g.id}/join-requests/${ids.dr}/approve`)).status, 200);
  const timeline = (await dr.get(`/api/v1/boards/${g.id}/posts`)).json.items;
  assert.deepEqual(timeline.map((p) => p.body), ['第3回会議は12月10日14時からです']);

  // The administrator invites (adds) a member directly; a care role is refused on a group.
  assert.equal((await cm.put(`/api/v1/boards/${g.id}/members/${ids.ns}`, { team_role: 'visiting_nurse', is_admin: false })).status, 400);
  assert.equal((await cm.put(`/api/v1/boards/${g.id}/members/${ids.ns}`, { team_role: 'member', is_admin: false })).status, 200);
  const mine = (await ns.get('/api/v1/groups')).json.items.find((x) => x.id === g.id);
  assert.deepEqual([mine.member, mine.member_count, mine.unread], [true, 3, 1]);
  // Not in the care team list: that list is about persons.
  assert.ok(!(await ns.get('/api/v1/care-teams')).json.items.some((t) => t.id === g.id));
});

test('a group board works like a care team: requests reach the inbox, search finds it, 特別便 stays private', async () => {
  const g = ids.closed;
  const ask = await cm.post(`/api/v1/boards/${g}/posts`, {
    body: '議事録の確認をお願いします（ワーキング部会）', request_kind: 'answer', addressees: [ids.dr], deadline: '2099-12-01',
  });
  assert.equal(ask.status, 201, ask.text);
  const item = (await dr.get('/api/v1/inbox')).json.items.find((i) => i.post.id === ask.json.id);
  assert.equal(item.reason, 'request');
  assert.deepEqual([item.board.kind, item.board.name, item.board.person], ['group', '在宅医療・介護連携推進会議', null]);
  assert.equal((await dr.post(`/api/v1/boards/${g}/posts`, { body: '確認しました', parent_id: ask.json.id })).status, 201);
  assert.ok(!(await dr.get('/api/v1/inbox')).json.items.some((i) => i.post.id === ask.json.id && i.reason === 'request'));

  const hits = (await dr.get('/api/v1/search?q=' + encodeURIComponent('ワーキング部会'))).json.items;
  assert.deepEqual(hits.map((h) => [h.post.id, h.board.kind]), [[ask.json.id, 'group']]);
  assert.equal((await msw.get('/api/v1/search?q=' + encodeURIComponent('ワーキング部会'))).json.items.length, 0, 'not a member');

  const secret = await cm.post(`/api/v1/boards/${g}/posts`, { body: '委員の交代について（内々）', restricted_to: [ids.dr] });
  assert.equal(secret.status, 201);
  assert.ok((await dr.get(`/api/v1/boards/${g}/posts`)).json.items.some((p) => p.id === secret.json.id));
  assert.ok(!(await ns.get(`/api/v1/boards/${g}/posts`)).json.items.some((p) => p.id === secret.json.id));
  assert.equal((await ns.get('/api/v1/search?q=' + encodeURIComponent('委員の交代'))).json.items.length, 0);
});

test('an open group is joined in one step, members can leave, the last administrator cannot', async () => {
  const g = (await ns.post('/api/v1/groups', { name: '訪問看護 研修サークル', description: '', open: true })).json;
  const join = await msw.post(`/api/v1/groups/${g.id}/join`, {});
  assert.deepEqual([join.status, join.json.joined], [200, true]);
  assert.equal((await msw.get(`/api/v1/boards/${g.id}/posts`)).status, 200);
  assert.equal((await msw.post(`/api/v1/groups/${g.id}/join`, {})).status, 409, 'already a member');
  // Only an administrator changes the group.
  assert.equal((await msw.put(`/api/v1/groups/${g.id}`, { name: '乗っ取り', open: true })).status, 404);
  const renamed = await ns.put(`/api/v1/groups/${g.id}`, { name: '訪問看護 研修会', description: '毎月第2水曜', open: false });
  assert.deepEqual([renamed.status, renamed.json.name, renamed.json.open], [200, '訪問看護 研修会', false]);
  assert.equal((await ns.put(`/api/v1/groups/${g.id}`, { name: '' })).status, 400);
  assert.equal((await msw.delete(`/api/v1/boards/${g.id}/members/${ids.msw}`)).status, 200);
  assert.equal((await msw.get(`/api/v1/boards/${g.id}/posts`)).status, 404, 'gone after leaving');
  assert.equal((await ns.delete(`/api/v1/boards/${g.id}/members/${ids.ns}`)).status, 409);
  const actions = sql(`SELECT action FROM audit_log WHERE target_id = '${g.id}' AND target_type = 'group' ORDER BY id`).split('\n');
  assert.deepEqual(actions, ['group.create', 'group.join', 'group.update']);
});

test('a hidden group is not listed to others and takes no join requests; its members add people', async () => {
  assert.equal((await cm.post('/api/v1/groups', { name: '不可', open: true, hidden: true })).status, 400, 'hidden cannot be open');
  const created = await cm.post('/api/v1/groups', { name: '困難事例検討会（非公開）', description: '個別ケースの相談', hidden: true });
  assert.equal(created.status, 201, created.text);
  const g = created.json;
  assert.deepEqual([g.hidden, g.open], [true, false]);
  await cm.post(`/api/v1/boards/${g.id}/posts`, { body: '次回は12月15日です' });

  // To a professional not on it, it does not exist: not listed, and every door says 404 like a missing id.
  assert.ok(!(await msw.get('/api/v1/groups')).json.items.some((x) => x.id === g.id));
  for (const [method, path, body] of [
    ['POST', `/api/v1/groups/${g.id}/join`, {}],
    ['GET', `/api/v1/boards/${g.id}`],
    ['GET', `/api/v1/boards/${g.id}/posts`],
  ]) {
    const hidden = await msw.request(method, path, { body });
    const missing = await msw.request(method, path.replace(`/${g.id}`, '/99999999'), { body });
    assert.deepEqual([hidden.status, hidden.json?.error?.message], [404, missing.json?.error?.message], `${method} ${path}`);
  }
  assert.equal(sql(`SELECT COUNT(*) FROM board_join_requests WHERE board_id = ${g.id}`), '0');

  // The region administrator sees it in the list (marked), but cannot ask to join either.
  const seen = (await admin.get('/api/v1/groups')).json.items.find((x) => x.id === g.id);
  assert.deepEqual([seen?.hidden, seen?.member], [true, false]);
  assert.equal((await admin.post(`/api/v1/groups/${g.id}/join`, {})).status, 409);

  // A member adds someone; the group is then in their list like any other.
  assert.equal((await cm.put(`/api/v1/boards/${g.id}/members/${ids.msw}`, { team_role: 'member', is_admin: false })).status, 200);
  const mine = (await msw.get('/api/v1/groups')).json.items.find((x) => x.id === g.id);
  assert.deepEqual([mine?.hidden, mine?.member], [true, true]);
  assert.deepEqual((await msw.get(`/api/v1/boards/${g.id}/posts`)).json.items.map((p) => p.body), ['次回は12月15日です']);

  // Made listed again by its administrator: then others see it.
  const edited = await cm.put(`/api/v1/groups/${g.id}`, { name: g.name, description: g.description, open: false, hidden: false });
  assert.deepEqual([edited.status, edited.json.hidden], [200, false]);
  assert.ok((await dr.get('/api/v1/groups')).json.items.some((x) => x.id === g.id));
});

test('direct messages: one conversation per set of people, in the inbox, named by the others', async () => {
  const start = await dr.post('/api/v1/conversations', { user_ids: [ids.ns] });
  assert.equal(start.status, 201, start.text);
  const again = await ns.post('/api/v1/conversations', { user_ids: [ids.dr] });
  assert.deepEqual([again.status, again.json.id], [200, start.json.id], 'the same two people reuse their conversation');
  const three = await dr.post('/api/v1/conversations', { user_ids: [ids.ns, ids.cm] });
  assert.equal(three.status, 201);
  assert.notEqual(three.json.id, start.json.id);
  ids.direct = start.json.id;

  const sent = await dr.post(`/api/v1/boards/${ids.direct}/posts`, { body: '明日の訪問時間を30分遅らせられますか', important: true });
  assert.equal(sent.status, 201);
  const mine = (await ns.get('/api/v1/conversations')).json.items;
  assert.deepEqual(mine.map((c) => [c.id, c.kind, c.name, c.unread]).find((c) => c[0] === ids.direct), [ids.direct, 'direct', '佐藤 直子', 1]);
  const item = (await ns.get('/api/v1/inbox')).json.items.find((i) => i.post.id === sent.json.id);
  assert.deepEqual([item.reason, item.board.kind], ['important', 'direct']);
  assert.equal((await ns.post(`/api/v1/boards/${ids.direct}/posts`, { body: '大丈夫です', parent_id: sent.json.id })).status, 201);

  // Nobody is added to a conversation, not even by a region administrator; facilities are not addressed.
  assert.equal((await dr.put(`/api/v1/boards/${ids.direct}/members/${ids.cm}`, { team_role: 'member', is_admin: false })).status, 404);
  assert.equal((await admin.put(`/api/v1/boards/${ids.direct}/members/${ids.cm}`, { team_role: 'member', is_admin: false })).status, 404);
  const facilities = (await dr.get('/api/v1/facilities')).json.items;
  const viaFacility = await dr.post(`/api/v1/boards/${ids.direct}/posts`, { body: 'x', request_kind: 'read', addressed_facilities: [facilities[0].id] });
  assert.equal(viaFacility.status, 400);
  assert.equal(sql(`SELECT COUNT(*) FROM board_members WHERE board_id = ${ids.direct}`), '2');

  // Bad input.
  assert.equal((await dr.post('/api/v1/conversations', { user_ids: [] })).status, 400);
  assert.equal((await dr.post('/api/v1/conversations', { user_ids: [ids.dr] })).status, 400, 'not with myself alone');
  assert.equal((await dr.post('/api/v1/conversations', { user_ids: [999999] })).status, 400);
  assert.equal((await dr.post('/api/v1/conversations', { user_ids: 'x' })).status, 400);
});

test('care teams survive the schema change: every care team still names its person', async () => {
  assert.equal(sql("SELECT COUNT(*) FROM boards WHERE kind = 'care' AND person_id IS NULL"), '0');
  assert.equal(sql("SELECT COUNT(*) FROM boards WHERE kind != 'care' AND person_id IS NOT NULL"), '0');
  assert.equal(sql('PRAGMA foreign_key_check'), '');
  const teams = (await cm.get('/api/v1/care-teams')).json.items;
  assert.ok(teams.length > 0);
  assert.ok(teams.every((t) => t.kind === 'care' && t.person.name));
});
