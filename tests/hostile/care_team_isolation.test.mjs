// A member of team A tries every board route with every id of team B: its team, its person, its
// posts (open, restricted, reply, request), its members. Nothing of B may be read, listed,
// counted or changed. The route list comes from `musubi routes`, so new board routes are covered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { Client, loggedIn } from '../support/client.mjs';

let server;
let routes;
let intruder; // takahashi.ns: on the demo teams, not on team B
let owner; // the administrator of team B
let b; // ids of team B's things
const SECRET = 'チームBだけの記録';

async function freshUser(admin, login) {
  const list = (await admin.get('/api/v1/users?q=' + login)).json.items;
  const reset = await admin.post(`/api/v1/users/${list[0].id}/reset-password`);
  const c = new Client(server.url);
  await c.login(reset.json.login_id, reset.json.temporary_password);
  await c.put('/api/v1/me/password', { current_password: reset.json.temporary_password, new_password: 'isolation-pass-2027' });
  return { client: c, id: list[0].id };
}

before(async () => {
  server = await startServer();
  routes = server.run(['routes']).stdout.trim().split('\n').map((line) => {
    const [method, pattern] = line.split('\t');
    return { method, pattern };
  });
  const admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
  intruder = await loggedIn(server.url, 'takahashi.ns', DEMO_PASSWORD);
  const o = await freshUser(admin, 'abe.21');
  owner = o.client;
  const mate = await freshUser(admin, 'kato.19');
  const person = await admin.post('/api/v1/persons', { name: '秘密 花子', name_kana: 'ひみつ はなこ', birth_date: '1940-01-01', sex: 'female' });
  const team = await admin.post(`/api/v1/persons/${person.json.id}/care-team`, { admin_user_id: o.id, team_role: 'visiting_nurse' });
  await owner.put(`/api/v1/boards/${team.json.id}/members/${mate.id}`, { team_role: 'helper' });
  const open = await owner.post(`/api/v1/boards/${team.json.id}/posts`, { body: SECRET + '（全員）' });
  const restricted = await owner.post(`/api/v1/boards/${team.json.id}/posts`, { body: SECRET + '（特別便）', restricted_to: [mate.id] });
  const reply = await owner.post(`/api/v1/boards/${team.json.id}/posts`, { body: SECRET + '（返信）', parent_id: open.json.id });
  const request = await owner.post(`/api/v1/boards/${team.json.id}/posts`, { body: SECRET + '（依頼）', request_kind: 'answer', addressees: [mate.id] });
  for (const r of [open, restricted, reply, request]) assert.equal(r.status, 201, r.text);
  b = { team: team.json.id, person: person.json.id, owner: o.id, mate: mate.id, posts: [open.json.id, restricted.json.id, reply.json.id, request.json.id] };
});
after(() => server.cleanup());

function bodyFor(method) {
  if (method === 'GET') return undefined;
  return { body: '侵入', reason: '侵入', team_role: 'other', is_admin: true, version: 1, user_id: 1, admin_user_id: 1, parent_id: 1, mode: 'single', options: ['侵入A', '侵入B'], marks: [{ option_id: 1, value: 2 }], option_id: 1 };
}

test('every board route with every id of team B answers 403 or 404 and shows nothing of it', async () => {
  const board = routes.filter((r) => /care-team|\/boards\/|\/posts/.test(r.pattern));
  assert.ok(board.length >= 14, 'the board routes are listed');
  let tried = 0;
  for (const r of board) {
    const ids = r.pattern.startsWith('/api/v1/posts/') ? b.posts : r.pattern.startsWith('/api/v1/persons/') ? [b.person] : [b.team];
    if (!r.pattern.includes('{id}')) continue;
    for (const id of ids) {
      for (const user of [b.owner, b.mate]) {
        const path = r.pattern.replace('{id}', String(id)).replace('{user_id}', String(user));
        if (r.method === 'POST' && r.pattern === '/api/v1/persons/{id}/care-team') continue; // admins only: 403 by role
        const res = await (bodyFor(r.method) ? intruder.requestKnownFields(r.method, path, bodyFor(r.method)) : intruder.request(r.method, path));
        assert.ok([403, 404].includes(res.status), `${r.method} ${path}: ${res.status} ${res.text}`);
        assert.ok(!res.text.includes(SECRET) && !res.text.includes('秘密 花子'), `${r.method} ${path} leaked`);
        tried++;
      }
    }
  }
  assert.ok(tried > 40, `tried ${tried}`);
});

test('team B is not in the intruder’s list or counts, and nothing of it changed', async () => {
  const mine = await intruder.get('/api/v1/care-teams');
  assert.ok(!mine.text.includes('秘密 花子'));
  assert.ok(!mine.json.items.some((t) => t.id === b.team));
  const members = (await owner.get(`/api/v1/boards/${b.team}`)).json.members;
  assert.deepEqual(members.map((m) => m.user_id).sort(), [b.owner, b.mate].sort());
  const posts = (await owner.get(`/api/v1/boards/${b.team}/posts?limit=100`)).json.items;
  assert.equal(posts.length, 3);
  assert.ok(posts.every((p) => !p.deleted_at && p.version === 1 && p.acknowledgements === 0));
  assert.ok(!JSON.stringify(posts).includes('侵入'));
});

test('guessing post ids across the whole range finds nothing outside the intruder’s teams', async () => {
  const top = Math.max(...b.posts) + 5;
  for (let id = 1; id <= top; id++) {
    const r = await intruder.get(`/api/v1/posts/${id}/acknowledgements`);
    if (b.posts.includes(id)) assert.equal(r.status, 404, `post ${id}`);
    assert.ok(!r.text.includes(SECRET));
  }
});

test('guessing birth dates through the team lookup is stopped after 20 misses an hour, and audited', async () => {
  const lookup = (birth) => intruder.get(`/api/v1/care-teams/lookup?name_kana=${encodeURIComponent('ひみつ はなこ')}&birth_date=${birth}`);
  for (let day = 2; day <= 21; day++) {
    const r = await lookup(`1940-01-${String(day).padStart(2, '0')}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.items.length, 0);
  }
  // The 21st try is refused, even with the right birth date: the guess is not confirmed.
  const stopped = await lookup('1940-01-01');
  assert.equal(stopped.status, 429, stopped.text);
  assert.match(stopped.json.error.message, /照会を一時的に止めています/);
  assert.ok(!stopped.text.includes('ひみつ'));
  // The region administrator sees it in the audit log.
  const admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
  const audit = await admin.get('/api/v1/audit?action=care_team.lookup&actor=takahashi.ns&limit=50');
  assert.equal(audit.status, 200, audit.text);
  assert.equal(audit.json.items.filter((e) => e.outcome === 'denied').length, 1);
  assert.equal(audit.json.items.filter((e) => e.detail === '0 found').length, 20);
});
