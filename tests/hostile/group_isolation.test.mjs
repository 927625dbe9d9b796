// Outsiders against a closed group, a hidden group and a conversation: every board, group and
// conversation route with every id of theirs. A professional who is not a member sees nothing of
// a closed group but its name, and nothing at all of a hidden one; a third user — a region administrator included — sees nothing of a
// conversation, not even that it exists. The route list comes from `musubi routes`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';
import { sqlite } from '../support/db.mjs';

let server;
let routes;
let admin; // region administrator, on neither
let intruder; // tanaka.msw: a professional, on neither
let g; // the closed group's ids
let d; // the conversation's ids
let h; // a hidden group's ids
const HIDDEN_NAME = '非公開の事例検討会';
const GROUP_SECRET = '委員会だけの議題';
const DM_SECRET = 'ふたりだけの相談';
const sql = (q) => sqlite(server.dir, q);

before(async () => {
  server = await startServer();
  routes = server.run(['routes']).stdout.trim().split('\n').map((line) => {
    const [method, pattern] = line.split('\t');
    return { method, pattern };
  });
  let cm;
  let dr;
  [admin, intruder, cm, dr] = await Promise.all(['demo-admin', 'tanaka.msw', 'suzuki.cm', 'sato.dr'].map((l) => loggedIn(server.url, l, DEMO_PASSWORD)));
  const cmId = (await cm.get('/api/v1/session')).json.user.id;
  const drId = (await dr.get('/api/v1/session')).json.user.id;
  const group = (await cm.post('/api/v1/groups', { name: '虐待防止ケース会議', open: false })).json;
  await cm.put(`/api/v1/boards/${group.id}/members/${drId}`, { team_role: 'member', is_admin: false });
  const gp = [
    await cm.post(`/api/v1/boards/${group.id}/posts`, { body: GROUP_SECRET + '（全員）' }),
    await cm.post(`/api/v1/boards/${group.id}/posts`, { body: GROUP_SECRET + '（特別便）', restricted_to: [drId] }),
    await cm.post(`/api/v1/boards/${group.id}/posts`, { body: GROUP_SECRET + '（依頼）', request_kind: 'answer', addressees: [drId] }),
  ];
  const dm = (await dr.post('/api/v1/conversations', { user_ids: [cmId] })).json;
  const dp = [await dr.post(`/api/v1/boards/${dm.id}/posts`, { body: DM_SECRET })];
  dp.push(await cm.post(`/api/v1/boards/${dm.id}/posts`, { body: DM_SECRET + '（返信）', parent_id: dp[0].json.id }));
  for (const r of [...gp, ...dp]) assert.equal(r.status, 201, r.text);
  g = { board: group.id, members: [cmId, drId], posts: gp.map((r) => r.json.id) };
  const hidden = (await cm.post('/api/v1/groups', { name: HIDDEN_NAME, hidden: true })).json;
  const hp = await cm.post(`/api/v1/boards/${hidden.id}/posts`, { body: HIDDEN_NAME + 'の記録' });
  assert.equal(hp.status, 201, hp.text);
  h = { board: hidden.id, members: [cmId], posts: [hp.json.id] };
  d = { board: dm.id, members: [cmId, drId], posts: dp.map((r) => r.json.id) };
});
after(() => server.cleanup());

const BODY = { body: '侵入', reason: '侵入', name: '侵入', team_role: 'member', is_admin: true, version: 1, user_id: 1, parent_id: 1, user_ids: [1], mode: 'single', options: ['侵入A', '侵入B'], marks: [{ option_id: 1, value: 2 }], option_id: 1 };

async function tryEveryRoute(who, target, secret, skip) {
  const relevant = routes.filter((r) => /care-team|\/boards\/|\/posts|\/groups\/|\/attachments/.test(r.pattern) && r.pattern.includes('{id}'));
  let tried = 0;
  for (const r of relevant) {
    if (skip(r)) continue;
    const ids = r.pattern.startsWith('/api/v1/posts/') ? target.posts : r.pattern.startsWith('/api/v1/persons/') || r.pattern.startsWith('/api/v1/attachments/') ? [] : [target.board];
    for (const id of ids) {
      for (const user of target.members) {
        const path = r.pattern.replace('{id}', String(id)).replace('{user_id}', String(user));
        const res = await who.request(r.method, path, { body: r.method === 'GET' ? undefined : BODY });
        // 400: the body was refused before any lookup (a care role asked of a group), which tells
        // nothing about the board either.
        assert.ok([400, 403, 404].includes(res.status), `${r.method} ${path}: ${res.status} ${res.text}`);
        if (res.status === 400) assert.equal((await who.request(r.method, path.replace(`/${id}`, '/99999999'), { body: BODY })).status, 400);
        assert.ok(!res.text.includes(secret), `${r.method} ${path} leaked`);
        tried++;
      }
    }
  }
  return tried;
}

test('a professional outside a closed group: every route refused, only its name is listed', async () => {
  // Asking to join a closed group is what outsiders may do; everything else is refused.
  const tried = await tryEveryRoute(intruder, g, GROUP_SECRET, (r) => r.method === 'POST' && r.pattern === '/api/v1/groups/{id}/join');
  assert.ok(tried > 30, `tried ${tried}`);
  const listed = await intruder.get('/api/v1/groups');
  assert.ok(!listed.text.includes(GROUP_SECRET));
  const row = listed.json.items.find((x) => x.id === g.board);
  assert.deepEqual([row.member, row.unread, row.last_post_at], [false, 0, null], 'no activity is shown to outsiders');
  assert.equal((await intruder.get('/api/v1/search?q=' + encodeURIComponent('委員会だけ'))).json.items.length, 0);
  assert.ok(!(await intruder.get('/api/v1/inbox')).text.includes(GROUP_SECRET));
  assert.equal(sql(`SELECT COUNT(*) FROM board_members WHERE board_id = ${g.board}`), '2', 'nobody got in');
});

test('a professional outside a hidden group: not even its name, by any route, asking to join included', async () => {
  const tried = await tryEveryRoute(intruder, h, HIDDEN_NAME, () => false);
  assert.ok(tried > 25, `tried ${tried}`); // one member and one post: fewer combinations
  for (const path of ['/api/v1/groups', '/api/v1/inbox', '/api/v1/notifications', '/api/v1/search?q=' + encodeURIComponent('事例検討')]) {
    assert.ok(!(await intruder.get(path)).text.includes(HIDDEN_NAME), path);
  }
  assert.equal(sql(`SELECT COUNT(*) FROM board_members WHERE board_id = ${h.board}`), '1', 'nobody got in');
  assert.equal(sql(`SELECT COUNT(*) FROM board_join_requests WHERE board_id = ${h.board}`), '0');
});

test('a third user and the region administrator: nothing of a conversation, not even that it exists', async () => {
  for (const who of [intruder, admin]) {
    const tried = await tryEveryRoute(who, d, DM_SECRET, () => false);
    assert.ok(tried > 30, `tried ${tried}`);
    const list = await who.get('/api/v1/conversations');
    assert.ok(!list.json.items.some((c) => c.id === d.board));
    assert.ok(!(await who.get('/api/v1/groups')).json.items.some((x) => x.id === d.board), 'not listed as a group');
    assert.equal((await who.get('/api/v1/search?q=' + encodeURIComponent('ふたりだけ'))).json.items.length, 0);
  }
  assert.equal(sql(`SELECT COUNT(*) FROM board_members WHERE board_id = ${d.board}`), '2');
  assert.equal(sql(`SELECT COUNT(*) FROM posts WHERE board_id = ${d.board}`), '2', 'nothing was written into it');
});

test('group routes do not open care teams or conversations by another door', async () => {
  const careTeam = Number(sql("SELECT id FROM boards WHERE kind = 'care' LIMIT 1"));
  for (const id of [careTeam, d.board]) {
    assert.equal((await intruder.post(`/api/v1/groups/${id}/join`, {})).status, 404, `join ${id}`);
    assert.equal((await admin.put(`/api/v1/groups/${id}`, { name: '乗っ取り' })).status, 404, `rename ${id}`);
  }
  assert.equal(sql(`SELECT COUNT(*) FROM board_join_requests WHERE board_id IN (${careTeam}, ${d.board})`), '0');
  assert.equal(sql(`SELECT COUNT(*) FROM boards WHERE name = '乗っ取り'`), '0');
});
