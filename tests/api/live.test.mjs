// Live updates over WebSocket: members receive what changes on their boards at once; a client
// that reconnects after a gap receives what it missed, once and in order; a 特別便 and other
// teams never reach those who may not see them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';
import { openLive } from '../support/live.mjs';

let server;
let dr;
let ns;
let cm;
let team;
let otherTeam;

before(async () => {
  server = await startServer();
  [dr, ns, cm] = await Promise.all(['sato.dr', 'takahashi.ns', 'suzuki.cm'].map((l) => loggedIn(server.url, l, DEMO_PASSWORD)));
  const teamsOf = async (c) => (await c.get('/api/v1/care-teams')).json.items;
  const [drTeams, nsTeams, cmTeams] = await Promise.all([teamsOf(dr), teamsOf(ns), teamsOf(cm)]);
  team = drTeams.find((t) => nsTeams.some((n) => n.id === t.id) && cmTeams.some((m) => m.id === t.id));
  otherTeam = cmTeams.find((t) => !drTeams.some((d) => d.id === t.id));
  assert.ok(team);
});
after(async () => server?.cleanup());

const post = (c, body, extra = {}) => c.post(`/api/v1/boards/${team.id}/posts`, { body, ...extra });

// How fast they arrive is measured in bench/, not here: a test never races the machine's speed.
test('a new post, reply and acknowledgement reach a member live', async () => {
  const live = openLive(server.url, dr);
  await live.until((l) => l.messages.some((m) => m.type === 'hello'));
  const p = await post(ns, 'ライブ更新の確認');
  await live.until((l) => l.events().some((e) => e.post_id === p.json.id));
  const created = live.events().find((e) => e.post_id === p.json.id);
  assert.equal(created.kind, 'post.created');
  assert.equal(created.board_id, team.id);
  assert.equal(created.body, undefined, 'events carry no text');
  const r = await cm.post(`/api/v1/boards/${team.id}/posts`, { body: '了解', parent_id: p.json.id });
  await live.until((l) => l.events().some((e) => e.post_id === r.json.id && e.parent_id === p.json.id));
  await cm.post(`/api/v1/posts/${p.json.id}/acknowledgements`);
  await live.until((l) => l.events().some((e) => e.kind === 'post.acknowledged' && e.post_id === p.json.id));
  const seqs = live.events().map((e) => e.seq);
  assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
  await live.close();
});

test('after a drop, 50 posts made meanwhile arrive once each, in order', async () => {
  const first = openLive(server.url, dr);
  await first.until((l) => l.messages.some((m) => m.type === 'hello'));
  const last = first.messages.at(-1).seq;
  await first.close();
  const made = [];
  for (let i = 0; i < 50; i++) made.push((await post(ns, `不在中の投稿 ${i}`)).json.id);
  const again = openLive(server.url, dr, { after: last });
  await again.until((l) => l.messages.some((m) => m.type === 'hello'));
  const got = again.events().filter((e) => e.kind === 'post.created').map((e) => e.post_id);
  assert.deepEqual(got, made);
  const seqs = again.events().map((e) => e.seq);
  assert.equal(new Set(seqs).size, seqs.length, 'no event twice');
  assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
  // And it goes on live from there, without repeating any of them.
  const next = await post(ns, '再接続後の投稿');
  await again.until((l) => l.events().some((e) => e.post_id === next.json.id));
  assert.equal(again.events().filter((e) => made.includes(e.post_id)).length, 50);
  await again.close();
});

test('a 特別便 and its replies reach only its audience; other teams reach nobody else', async () => {
  const doctor = openLive(server.url, dr);
  const manager = openLive(server.url, cm);
  await Promise.all([doctor, manager].map((l) => l.until((x) => x.messages.some((m) => m.type === 'hello'))));
  const ids = { dr: (await dr.get('/api/v1/session')).json.user.id };
  const secret = await post(ns, '特別便のライブ確認', { restricted_to: [ids.dr] });
  await ns.post(`/api/v1/boards/${team.id}/posts`, { body: '特別便への返信', parent_id: secret.json.id });
  await dr.post(`/api/v1/posts/${secret.json.id}/acknowledgements`);
  const marker = await post(ns, '区切りの投稿');
  await doctor.until((l) => l.events().some((e) => e.post_id === marker.json.id));
  await manager.until((l) => l.events().some((e) => e.post_id === marker.json.id));
  assert.ok(doctor.events().some((e) => e.post_id === secret.json.id));
  assert.equal(doctor.events().filter((e) => e.post_id === secret.json.id || e.parent_id === secret.json.id).length, 3);
  assert.equal(manager.events().filter((e) => e.post_id === secret.json.id || e.parent_id === secret.json.id).length, 0);
  if (otherTeam) {
    const elsewhere = await cm.post(`/api/v1/boards/${otherTeam.id}/posts`, { body: '別チーム' });
    await manager.until((l) => l.events().some((e) => e.post_id === elsewhere.json.id));
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(!doctor.events().some((e) => e.board_id === otherTeam.id));
  }
  await doctor.close();
  await manager.close();
});

test('logging out ends the live connection', async () => {
  const { Client } = await import('../support/client.mjs');
  const c = new Client(server.url);
  await c.login('sato.dr', DEMO_PASSWORD);
  const live = openLive(server.url, c);
  await live.until((l) => l.messages.some((m) => m.type === 'hello'));
  assert.equal((await c.delete('/api/v1/session')).status, 200);
  await live.until((l) => l.closed);
  assert.ok(live.messages.some((m) => m.type === 'session_ended'));
});
