// A doctor's 「あなた宛て」 and search across teams: a nurse asks, the doctor answers from the
// inbox and the item leaves; important posts wait for an acknowledgement; the care manager
// reminds; search finds short and long Japanese words and never what the searcher may not see.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';
import { jstDate } from '../support/clock.mjs';

let server;
let dr; // sato.dr
let ns; // takahashi.ns
let cm; // suzuki.cm
let admin; // demo-admin: region administrator, on no team
let team;
let otherTeam; // a team the nurse is not on
const ids = {};

const inboxOf = async (c) => (await c.get('/api/v1/inbox')).json;
const search = (c, q, extra = '') => c.get('/api/v1/search?q=' + encodeURIComponent(q) + extra);

before(async () => {
  server = await startServer();
  [dr, ns, cm, admin] = await Promise.all(['sato.dr', 'takahashi.ns', 'suzuki.cm', 'demo-admin'].map((l) => loggedIn(server.url, l, DEMO_PASSWORD)));
  const teamsOf = async (c) => (await c.get('/api/v1/care-teams')).json.items;
  const [drTeams, nsTeams, cmTeams] = await Promise.all([teamsOf(dr), teamsOf(ns), teamsOf(cm)]);
  team = drTeams.find((t) => nsTeams.some((n) => n.id === t.id) && cmTeams.some((m) => m.id === t.id));
  assert.ok(team, 'a demo team with the doctor, the nurse and the care manager');
  otherTeam = cmTeams.find((t) => !nsTeams.some((n) => n.id === t.id));
  ids.dr = (await dr.get('/api/v1/session')).json.user.id;
  ids.ns = (await ns.get('/api/v1/session')).json.user.id;
  ids.cm = (await cm.get('/api/v1/session')).json.user.id;
});

after(async () => server?.cleanup());

test('a request to the doctor with the soonest deadline is first in the inbox, and leaves once answered', async () => {
  const before = await inboxOf(dr);
  const ask = await ns.post(`/api/v1/boards/${team.id}/posts`, {
    body: '右足の浮腫が増えています。利尿剤の調整についてご意見をください。',
    request_kind: 'answer', addressees: [ids.dr], deadline: jstDate(1),
  });
  assert.equal(ask.status, 201, ask.text);
  const inbox = await inboxOf(dr);
  assert.equal(inbox.counts.requests, before.counts.requests + 1);
  assert.equal(inbox.counts.needs_me, before.counts.needs_me + 1);
  assert.equal(inbox.items[0].reason, 'request');
  assert.equal(inbox.items[0].post.id, ask.json.id, 'soonest deadline on top');
  assert.equal(inbox.items[0].board.id, team.id);
  assert.equal((await dr.get('/api/v1/inbox/counts')).json.requests, inbox.counts.requests);
  // Reading alone does not answer an answer request.
  await dr.get(`/api/v1/boards/${team.id}/posts`);
  assert.ok((await inboxOf(dr)).items.some((i) => i.post.id === ask.json.id));
  const reply = await dr.post(`/api/v1/boards/${team.id}/posts`, { body: 'フロセミドを半錠増やしましょう。', parent_id: ask.json.id });
  assert.equal(reply.status, 201);
  const after = await inboxOf(dr);
  assert.ok(!after.items.some((i) => i.post.id === ask.json.id));
  assert.equal(after.counts.requests, before.counts.requests);
  // The reply reaches the nurse as a reply to her post (before she opens the board).
  const nurseInbox = await inboxOf(ns);
  const item = nurseInbox.items.find((i) => i.post.id === reply.json.id);
  assert.equal(item?.reason, 'reply');
  assert.equal(item.root.id, ask.json.id);
  const seen = (await ns.get(`/api/v1/boards/${team.id}/posts`)).json.items.find((p) => p.id === ask.json.id);
  assert.equal(seen.request.addressees[0].state, 'answered');
});

test('an important post waits in the inbox until acknowledged; the author is not asked', async () => {
  const post = await ns.post(`/api/v1/boards/${team.id}/posts`, { body: '本日より禁食です。', important: true });
  const item = (await inboxOf(dr)).items.find((i) => i.post.id === post.json.id);
  assert.equal(item?.reason, 'important');
  assert.ok(!(await inboxOf(ns)).items.some((i) => i.post.id === post.json.id));
  assert.equal((await dr.post(`/api/v1/posts/${post.json.id}/acknowledgements`)).status, 200);
  assert.ok(!(await inboxOf(dr)).items.some((i) => i.post.id === post.json.id));
});

test('the author or a team administrator reminds those who have not answered, once an hour', async () => {
  const ask = await ns.post(`/api/v1/boards/${team.id}/posts`, {
    body: '次回の担当者会議の日程をご確認ください。',
    request_kind: 'read', addressees: [ids.dr, ids.cm],
  });
  await cm.get(`/api/v1/boards/${team.id}/posts`); // the care manager has read it: done
  const reminded = await ns.post(`/api/v1/posts/${ask.json.id}/remind`);
  assert.equal(reminded.status, 200, reminded.text);
  assert.equal(reminded.json.reminded, 1);
  const item = (await inboxOf(dr)).items.find((i) => i.post.id === ask.json.id);
  assert.ok(item?.reminded_at, 'the doctor sees that he was reminded');
  const again = await ns.post(`/api/v1/posts/${ask.json.id}/remind`);
  assert.equal(again.status, 429);
  assert.match(again.json.error.message, /1時間/);
  const byAddressee = await dr.post(`/api/v1/posts/${ask.json.id}/remind`);
  assert.equal(byAddressee.status, 403);
  const plain = await ns.post(`/api/v1/boards/${team.id}/posts`, { body: '普通の投稿' });
  assert.equal((await ns.post(`/api/v1/posts/${plain.json.id}/remind`)).status, 400);
  assert.equal((await admin.post(`/api/v1/posts/${ask.json.id}/remind`)).status, 404, 'not a member: not found');
});

test('search finds one-, two- and longer words, in any kana width, with the matches marked', async () => {
  const p = await ns.post(`/api/v1/boards/${team.id}/posts`, { body: '夜間に転倒あり。ﾌﾗﾂｷが強く、微熱 37.4℃。' });
  const cases = [
    ['熱', true],
    ['転倒', true],
    ['ふらつき', true],
    ['フラツキ', true],
    ['微熱 転倒', true],
    ['37.4', true],
    ['転倒 めまい', false],
  ];
  for (const [q, found] of cases) {
    const r = await search(dr, q);
    assert.equal(r.status, 200, q);
    assert.equal(r.json.items.some((i) => i.post.id === p.json.id), found, q);
  }
  const hit = (await search(dr, 'ふらつき')).json.items.find((i) => i.post.id === p.json.id);
  assert.deepEqual(hit.excerpt.filter((x) => x.match).map((x) => x.text), ['ﾌﾗﾂｷ']);
  assert.equal(hit.excerpt.map((x) => x.text).join(''), p.json.body);
  assert.equal(hit.board.person.id, team.person.id);
});

test('search never shows a 特別便 to others or another team, not even in the count', async () => {
  const secret = await ns.post(`/api/v1/boards/${team.id}/posts`, { body: '秘匿語ヨウソ 家族関係の相談', restricted_to: [ids.dr] });
  assert.equal(secret.status, 201);
  for (const q of ['ヨウソ', '秘匿', '秘', '家族関係の相談']) {
    const cmSees = await search(cm, q);
    assert.equal(cmSees.json.total, 0, q);
    assert.equal(cmSees.json.items.length, 0, q);
    assert.ok((await search(dr, q)).json.items.some((i) => i.post.id === secret.json.id), q);
    assert.equal((await search(admin, q)).json.total, 0, q);
  }
  if (otherTeam) {
    const elsewhere = await cm.post(`/api/v1/boards/${otherTeam.id}/posts`, { body: '別チームだけの言葉ミズバショウ' });
    assert.equal(elsewhere.status, 201);
    assert.equal((await search(ns, 'ミズバショウ')).json.total, 0);
    assert.equal((await search(ns, 'ミズバショウ', `&board=${otherTeam.id}`)).json.total, 0);
    assert.equal((await search(cm, 'ミズバショウ')).json.total, 1);
  }
});

test('filters, paging and order; bad input gets a clear 400', async () => {
  for (let i = 0; i < 3; i++) await dr.post(`/api/v1/boards/${team.id}/posts`, { body: `褥瘡の処置 ${i} 回目`, important: i === 1 });
  const page1 = await search(dr, '褥瘡', `&board=${team.id}&limit=2&author=${ids.dr}`);
  assert.equal(page1.json.items.length, 2);
  assert.equal(page1.json.total, 3);
  assert.ok(page1.json.next_before);
  const page2 = await search(dr, '褥瘡', `&board=${team.id}&limit=2&author=${ids.dr}&before=${page1.json.next_before}`);
  assert.equal(page2.json.items.length, 1);
  assert.equal(page2.json.next_before, null);
  assert.equal((await search(dr, '褥瘡', '&important=1')).json.total, 1);
  const best = await search(dr, '褥瘡', '&order=best&limit=2');
  assert.equal(best.status, 200);
  assert.equal(best.json.next_offset, 2);
  for (const [q, extra] of [['', ''], ['あ'.repeat(101), ''], ['熱', '&order=random'], ['熱', '&from=2026-13-01'], ['熱', '&board=abc'], ['褥\u0000瘡"', '']]) {
    const r = await search(dr, q, extra);
    assert.equal(r.status, 400, `${q.slice(0, 5)} ${extra}`);
    assert.match(r.json.error.message, /[ぁ-んァ-ン一-龥]/, 'a Japanese message');
  }
  // A broken percent-encoding (not UTF-8) is refused before any handler reads it (found by fuzz_http).
  const broken = await dr.get('/api/v1/search?q=%E7%8');
  assert.equal(broken.status, 400);
  assert.match(broken.json.error.message, /使えない文字/);
});

test('searches and inbox views are audited without the words searched', async () => {
  await search(dr, '監査テスト語');
  await inboxOf(dr);
  const log = (await admin.get('/api/v1/audit?limit=50')).json.items;
  const s = log.find((e) => e.action === 'post.search' && e.actor_user_id === ids.dr);
  assert.ok(s, 'search audited');
  assert.ok(!JSON.stringify(s).includes('監査テスト語'));
  assert.ok(log.some((e) => e.action === 'inbox.view' && e.actor_user_id === ids.dr));
});
