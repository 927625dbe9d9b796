// A care team's board as a care manager, a doctor and a nurse use it: the team is opened, members
// join, posts, replies, edits with history, restricted posts, acknowledgements, read state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';

let server;
let cm; // suzuki.cm: facility administrator of a care-management office
let dr; // sato.dr
let ns; // takahashi.ns
let outsider; // a professional who is not on the team
let admin; // region administrator
let team;
const ids = {};

async function userId(client, login) {
  const r = await client.get('/api/v1/professionals?q=' + encodeURIComponent(login));
  assert.equal(r.status, 200);
  const found = r.json.items.find((u) => u.name && u.id);
  assert.ok(found, login);
  return found.id;
}

before(async () => {
  server = await startServer();
  [cm, dr, ns, admin] = await Promise.all(
    ['suzuki.cm', 'sato.dr', 'takahashi.ns', 'demo-admin'].map((l) => loggedIn(server.url, l, DEMO_PASSWORD)),
  );
  for (const l of ['suzuki.cm', 'sato.dr', 'takahashi.ns']) ids[l] = await userId(cm, l);
  // Any other professional of the region.
  const others = await cm.get('/api/v1/professionals?q=' + encodeURIComponent('abe.21'));
  const other = others.json.items.find((u) => !Object.values(ids).includes(u.id));
  assert.ok(other, 'an outsider exists in the demo');
  const reset = await admin.post(`/api/v1/users/${other.id}/reset-password`);
  const { Client } = await import('../support/client.mjs');
  outsider = new Client(server.url);
  await outsider.login(reset.json.login_id, reset.json.temporary_password);
  await outsider.put('/api/v1/me/password', { current_password: reset.json.temporary_password, new_password: 'outsider-pass-2027' });
  ids.outsider = other.id;

  const person = await cm.post('/api/v1/persons', {
    name: '浜田 キヨ', name_kana: 'はまだ きよ', birth_date: '1933-07-07', sex: 'female', address: '茨城県つくば市吾妻9丁目1-1',
  });
  assert.equal(person.status, 201);
  const created = await cm.post(`/api/v1/persons/${person.json.id}/care-team`, { admin_user_id: ids['suzuki.cm'], team_role: 'care_manager' });
  assert.equal(created.status, 201, created.text);
  team = created.json;
  for (const [login, role] of [['sato.dr', 'primary_doctor'], ['takahashi.ns', 'visiting_nurse']]) {
    const r = await cm.put(`/api/v1/boards/${team.id}/members/${ids[login]}`, { team_role: role });
    assert.equal(r.status, 200, r.text);
  }
});
after(() => server.cleanup());

test('the team shows its person, members with roles and a missing-consent flag', async () => {
  const r = await dr.get(`/api/v1/boards/${team.id}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.person.name, '浜田 キヨ');
  assert.equal(r.json.record.consent, 'missing');
  const roles = Object.fromEntries(r.json.members.map((m) => [m.user_id, m.team_role_label]));
  assert.equal(roles[ids['sato.dr']], '主治医');
  assert.equal(roles[ids['suzuki.cm']], 'ケアマネジャー');
  assert.equal(r.json.me.user_id, ids['sato.dr']);
  const opened = await cm.post(`/api/v1/persons/${team.person.id}/care-team`, { admin_user_id: ids['suzuki.cm'], team_role: 'care_manager' });
  assert.equal(opened.status, 409, 'one team per person');
  // Without its administrator, the field says who to choose.
  const headless = await cm.post(`/api/v1/persons/${team.person.id}/care-team`, { team_role: 'care_manager' });
  assert.deepEqual([headless.status, headless.json.error.fields.map((f) => f.field)], [400, ['admin_user_id']]);
});

test('only a team administrator adds members, and the last administrator cannot leave', async () => {
  const r = await dr.put(`/api/v1/boards/${team.id}/members/${ids.outsider}`, { team_role: 'pharmacist' });
  assert.equal(r.status, 404);
  const bad = await cm.put(`/api/v1/boards/${team.id}/members/${ids.outsider}`, { team_role: 'wizard' });
  assert.equal(bad.status, 400);
  const last = await cm.delete(`/api/v1/boards/${team.id}/members/${ids['suzuki.cm']}`);
  assert.equal(last.status, 409);
});

test('a post and a reply appear on the timeline, newest first, with unread counts', async () => {
  const tags = (await ns.get('/api/v1/post-tags')).json.items;
  const visit = tags.find((t) => t.name === '訪問記録');
  const p = await ns.post(`/api/v1/boards/${team.id}/posts`, { body: '訪問しました。\n血圧 128/76', tag_id: visit.id });
  assert.equal(p.status, 201, p.text);
  assert.equal(p.json.body, '訪問しました。\n血圧 128/76');
  assert.equal(p.json.tag.name, '訪問記録');
  const before = (await dr.get('/api/v1/care-teams')).json.items.find((t) => t.id === team.id);
  assert.equal(before.unread, 1);
  const reply = await dr.post(`/api/v1/boards/${team.id}/posts`, { body: '了解です', parent_id: p.json.id });
  assert.equal(reply.status, 201);
  // A reply to a reply joins the same thread (one level).
  const nested = await cm.post(`/api/v1/boards/${team.id}/posts`, { body: '共有ありがとうございます', parent_id: reply.json.id });
  assert.equal(nested.json.parent_id, p.json.id);
  const later = await cm.post(`/api/v1/boards/${team.id}/posts`, { body: '会議の日程です', important: true });
  const timeline = await dr.get(`/api/v1/boards/${team.id}/posts`);
  assert.equal(timeline.status, 200);
  assert.deepEqual(timeline.json.items.slice(0, 2).map((x) => x.id), [later.json.id, p.json.id]);
  assert.deepEqual(timeline.json.items[1].replies.map((x) => x.body), ['了解です', '共有ありがとうございます']);
  assert.equal(timeline.json.items[0].important, true);
  assert.equal(timeline.json.items[0].read_by_me, false, 'unread when first shown');
  const after = (await dr.get('/api/v1/care-teams')).json.items.find((t) => t.id === team.id);
  assert.equal(after.unread, 0, 'what was shown is now read');
});

test('an edit keeps every earlier version; a stale edit is refused; only the author edits', async () => {
  const p = await ns.post(`/api/v1/boards/${team.id}/posts`, { body: '体温 37.9℃' });
  const e1 = await ns.put(`/api/v1/posts/${p.json.id}`, { body: '体温 37.2℃（訂正）', version: 1 });
  assert.equal(e1.status, 200);
  assert.equal(e1.json.version, 2);
  assert.ok(e1.json.edited_at);
  const stale = await ns.put(`/api/v1/posts/${p.json.id}`, { body: '別の画面から', version: 1 });
  assert.equal(stale.status, 409);
  assert.equal((await dr.put(`/api/v1/posts/${p.json.id}`, { body: '他人の編集', version: 2 })).status, 403);
  const history = await dr.get(`/api/v1/posts/${p.json.id}/versions`);
  assert.deepEqual(history.json.items.map((v) => v.body), ['体温 37.2℃（訂正）', '体温 37.9℃']);
});

test('delete is soft, needs a reason, and hides the text', async () => {
  const p = await ns.post(`/api/v1/boards/${team.id}/posts`, { body: '誤って投稿' });
  assert.equal((await ns.delete(`/api/v1/posts/${p.json.id}`, { body: {} })).status, 400);
  assert.equal((await dr.delete(`/api/v1/posts/${p.json.id}`, { body: { reason: '他人' } })).status, 403);
  assert.equal((await ns.delete(`/api/v1/posts/${p.json.id}`, { body: { reason: '別の方の記録でした' } })).status, 200);
  const shown = (await cm.get(`/api/v1/boards/${team.id}/posts`)).json.items.find((x) => x.id === p.json.id);
  assert.ok(shown.deleted_at);
  assert.equal(shown.body, '');
  assert.equal(shown.delete_reason, '別の方の記録でした');
});

test('acknowledgement: one tap, who acknowledged and who has not', async () => {
  const p = await cm.post(`/api/v1/boards/${team.id}/posts`, { body: '退院日が決まりました', important: true });
  const a = await dr.post(`/api/v1/posts/${p.json.id}/acknowledgements`);
  assert.equal(a.status, 200);
  assert.deepEqual(a.json.acknowledged.map((x) => x.user_id), [ids['sato.dr']]);
  assert.deepEqual(a.json.not_yet.map((x) => x.user_id), [ids['takahashi.ns']]);
  await dr.post(`/api/v1/posts/${p.json.id}/acknowledgements`); // twice is once
  const seen = await cm.get(`/api/v1/posts/${p.json.id}/acknowledgements`);
  assert.equal(seen.json.acknowledged.length, 1);
});

test('a restricted post is seen by its audience only: not in the timeline, counts, replies or by id', async () => {
  await ns.post(`/api/v1/boards/${team.id}/read-all`);
  await cm.post(`/api/v1/boards/${team.id}/read-all`);
  const secret = await dr.post(`/api/v1/boards/${team.id}/posts`, { body: 'ご家族の事情について', restricted_to: [ids['suzuki.cm']] });
  assert.equal(secret.status, 201, secret.text);
  assert.equal(secret.json.restricted, true);
  assert.deepEqual([...secret.json.audience].sort(), [ids['suzuki.cm'], ids['sato.dr']].sort());
  const unreadOf = async (c) => (await c.get('/api/v1/care-teams')).json.items.find((t) => t.id === team.id).unread;
  assert.equal(await unreadOf(cm), 1, 'the care manager in the audience has it unread');
  const reply = await cm.post(`/api/v1/boards/${team.id}/posts`, { body: '承知しました', parent_id: secret.json.id });
  assert.equal(reply.status, 201);

  const nsTeams = (await ns.get('/api/v1/care-teams')).json.items.find((t) => t.id === team.id);
  const nsTimeline = await ns.get(`/api/v1/boards/${team.id}/posts?limit=100`);
  assert.ok(!nsTimeline.text.includes('ご家族の事情'), 'not in the timeline');
  assert.ok(!nsTimeline.text.includes('承知しました'), 'its replies neither');
  assert.equal((await ns.get(`/api/v1/posts/${secret.json.id}/acknowledgements`)).status, 404);
  assert.equal((await ns.get(`/api/v1/posts/${secret.json.id}/versions`)).status, 404);
  assert.equal((await ns.post(`/api/v1/posts/${secret.json.id}/acknowledgements`)).status, 404);
  assert.equal((await ns.post(`/api/v1/boards/${team.id}/posts`, { body: 'x', parent_id: secret.json.id })).status, 404);
  assert.equal(nsTeams.unread, 0, 'not counted as unread for the nurse');
  assert.equal(await unreadOf(cm), 0, 'answering a thread reads it');
  const cmTimeline = await cm.get(`/api/v1/boards/${team.id}/posts?limit=100`);
  assert.ok(cmTimeline.text.includes('ご家族の事情'));
  const bad = await dr.post(`/api/v1/boards/${team.id}/posts`, { body: 'x', restricted_to: [ids.outsider] });
  assert.equal(bad.status, 400, 'the audience must be on the team');
});

test('someone not on the team sees nothing of it; a region administrator sees members, not posts', async () => {
  for (const [method, path] of [
    ['GET', `/api/v1/boards/${team.id}`],
    ['GET', `/api/v1/boards/${team.id}/posts`],
    ['POST', `/api/v1/boards/${team.id}/posts`],
    ['POST', `/api/v1/boards/${team.id}/read-all`],
  ]) {
    const r = await (method === 'POST' ? outsider.requestKnownFields(method, path, { body: 'のぞき' }) : outsider.request(method, path));
    assert.equal(r.status, 404, `${method} ${path}`);
  }
  assert.ok(!(await outsider.get('/api/v1/care-teams')).json.items.some((t) => t.id === team.id));
  const adminView = await admin.get(`/api/v1/boards/${team.id}`);
  assert.equal(adminView.status, 200);
  assert.ok(adminView.json.members.length >= 3);
  assert.equal((await admin.get(`/api/v1/boards/${team.id}/posts`)).status, 404);
});

test('timeline paging stays correct while others post', async () => {
  const made = [];
  for (let i = 0; i < 12; i++) made.push((await ns.post(`/api/v1/boards/${team.id}/posts`, { body: `記録 ${i}` })).json.id);
  const first = await dr.get(`/api/v1/boards/${team.id}/posts?limit=5`);
  await cm.post(`/api/v1/boards/${team.id}/posts`, { body: '割り込み' });
  const second = await dr.get(`/api/v1/boards/${team.id}/posts?limit=5&before=${first.json.next_before}`);
  const seen = [...first.json.items, ...second.json.items].map((x) => x.id);
  assert.equal(new Set(seen).size, 10);
  assert.deepEqual(seen, [...made].reverse().slice(0, 10));
});

test('mark all read clears the unread count', async () => {
  await ns.post(`/api/v1/boards/${team.id}/posts`, { body: '未読を作る' });
  assert.ok((await cm.get('/api/v1/care-teams')).json.items.find((t) => t.id === team.id).unread > 0);
  const r = await cm.post(`/api/v1/boards/${team.id}/read-all`);
  assert.equal(r.status, 200);
  assert.equal((await cm.get('/api/v1/care-teams')).json.items.find((t) => t.id === team.id).unread, 0);
});

test('board reads and writes are in the audit log', async () => {
  const r = await admin.get('/api/v1/audit?action=post.&limit=200');
  const actions = new Set(r.json.items.map((e) => e.action));
  for (const a of ['post.create', 'post.reply', 'post.edit', 'post.delete', 'post.acknowledge', 'post.list']) assert.ok(actions.has(a), a);
  const team_reads = await admin.get(`/api/v1/audit?action=care_team.&target_id=${team.id}&limit=200`);
  assert.ok(team_reads.json.items.some((e) => e.action === 'care_team.read' && e.actor_login === 'sato.dr'));
});

test('a request to named members shows each addressee’s state to the author', async () => {
  const r = await cm.post(`/api/v1/boards/${team.id}/posts`, {
    body: '退院前カンファレンスの日程について、ご意見をください',
    request_kind: 'answer',
    deadline: '2099-12-01T17:00',
    addressees: [ids['sato.dr'], ids['takahashi.ns']],
  });
  assert.equal(r.status, 201, r.text);
  const state = (post) => Object.fromEntries(post.request.addressees.map((a) => [a.user_id, a.state]));
  assert.deepEqual(state(r.json), { [ids['sato.dr']]: 'unread', [ids['takahashi.ns']]: 'unread' });
  assert.equal(r.json.request.deadline, '2099-12-01T08:00:00Z', '17:00 in Japan');
  assert.equal(r.json.request.overdue, false);

  await ns.get(`/api/v1/boards/${team.id}/posts?limit=100`); // the nurse has seen it
  await dr.post(`/api/v1/boards/${team.id}/posts`, { body: '12/1 午後なら参加できます', parent_id: r.json.id });
  const seen = (await cm.get(`/api/v1/boards/${team.id}/posts?limit=100`)).json.items.find((p) => p.id === r.json.id);
  assert.deepEqual(state(seen), { [ids['sato.dr']]: 'answered', [ids['takahashi.ns']]: 'read' });
  assert.deepEqual(seen.request.addressees.map((a) => a.done).sort(), [false, true]);
  await ns.post(`/api/v1/posts/${r.json.id}/acknowledgements`);
  const acked = (await cm.get(`/api/v1/boards/${team.id}/posts?limit=100`)).json.items.find((p) => p.id === r.json.id);
  assert.equal(state(acked)[ids['takahashi.ns']], 'acknowledged');
});

test('request input is checked: addressees on the team, a future deadline, a known kind', async () => {
  const base = { body: '確認してください', request_kind: 'read' };
  const bad = [
    [{ ...base, addressees: [ids.outsider] }, 'addressees'],
    [{ ...base }, 'addressees'],
    [{ ...base, addressees: [ids['sato.dr']], deadline: '2001-01-01' }, 'deadline'],
    [{ ...base, addressees: [ids['sato.dr']], deadline: '2026-02-30' }, 'deadline'],
    [{ ...base, request_kind: 'urgent', addressees: [ids['sato.dr']] }, 'request_kind'],
  ];
  for (const [body, field] of bad) {
    const r = await cm.post(`/api/v1/boards/${team.id}/posts`, body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.ok(r.json.error.fields.some((f) => f.field === field), `${field}: ${r.text}`);
  }
});

test('a request to a hospital reaches its 地域連携室 contact, who hands it on to a colleague', async () => {
  const facilities = (await cm.get('/api/v1/facilities?kind=hospital')).json.items;
  const hospital = facilities.find((f) => f.contact_user_id);
  assert.ok(hospital, 'the demo hospital has a designated contact');
  const r = await cm.post(`/api/v1/boards/${team.id}/posts`, {
    body: '入院中の経過と退院予定を教えてください',
    request_kind: 'answer',
    addressed_facilities: [hospital.id],
    restricted_to: [ids['sato.dr']],
  });
  assert.equal(r.status, 201, r.text);
  const to = r.json.request.addressees[0];
  assert.equal(to.user_id, hospital.contact_user_id);
  assert.equal(to.via_facility.name, hospital.name);
  assert.ok(r.json.audience.includes(hospital.contact_user_id), 'a restricted request reaches its addressee');
  const members = (await cm.get(`/api/v1/boards/${team.id}`)).json.members;
  assert.ok(members.some((m) => m.user_id === hospital.contact_user_id && m.team_role === 'hospital_liaison'));

  // The contact logs in, sees it, and hands it on to a ward nurse of the same hospital.
  const reset = await admin.post(`/api/v1/users/${hospital.contact_user_id}/reset-password`);
  const { Client } = await import('../support/client.mjs');
  const contact = new Client(server.url);
  await contact.login(reset.json.login_id, reset.json.temporary_password);
  await contact.put('/api/v1/me/password', { current_password: reset.json.temporary_password, new_password: 'contact-pass-2027' });
  const mine = (await contact.get(`/api/v1/boards/${team.id}/posts?limit=100`)).json.items.find((p) => p.id === r.json.id);
  assert.ok(mine, 'the contact sees the restricted request');
  const staff = (await admin.get(`/api/v1/users?facility_id=${hospital.id}`)).json.items;
  const colleague = staff.find((u) => u.id !== hospital.contact_user_id && u.active);
  const outsiderHandOn = await contact.post(`/api/v1/posts/${r.json.id}/hand-on`, { user_id: ids['takahashi.ns'] });
  assert.equal(outsiderHandOn.status, 400, 'only to a colleague of the same facility');
  const nobody = await contact.post(`/api/v1/posts/${r.json.id}/hand-on`, {});
  assert.deepEqual([nobody.status, nobody.json.error.fields.map((f) => f.field)], [400, ['user_id']]);
  const handed = await contact.post(`/api/v1/posts/${r.json.id}/hand-on`, { user_id: colleague.id });
  assert.equal(handed.status, 200, handed.text);
  assert.deepEqual(handed.json.request.addressees.map((a) => a.user_id), [colleague.id]);
  assert.ok(handed.json.audience.includes(colleague.id));
  assert.equal((await dr.post(`/api/v1/posts/${r.json.id}/hand-on`, { user_id: colleague.id })).status, 403);
  const nurseView = await ns.get(`/api/v1/boards/${team.id}/posts?limit=100`);
  assert.ok(!nurseView.text.includes('入院中の経過'), 'still restricted for the nurse');
});

test('two edits at once: one wins, the other is told to reload, and no version is lost', async () => {
  const p = await ns.post(`/api/v1/boards/${team.id}/posts`, { body: '初版' });
  const [a, b] = await Promise.all([
    ns.put(`/api/v1/posts/${p.json.id}`, { body: '端末Aの編集', version: 1 }),
    ns.put(`/api/v1/posts/${p.json.id}`, { body: '端末Bの編集', version: 1 }),
  ]);
  assert.deepEqual([a.status, b.status].sort(), [200, 409]);
  const loser = a.status === 409 ? '端末Aの編集' : '端末Bの編集';
  const winner = a.status === 200 ? '端末Aの編集' : '端末Bの編集';
  const retried = await ns.put(`/api/v1/posts/${p.json.id}`, { body: loser, version: 2 });
  assert.equal(retried.status, 200);
  const history = await ns.get(`/api/v1/posts/${p.json.id}/versions`);
  assert.deepEqual(history.json.items.map((v) => v.body), [loser, winner, '初版']);
});

test('an important post stays pinned for each member until that member acknowledges it', async () => {
  const p = await cm.post(`/api/v1/boards/${team.id}/posts`, { body: '退院日変更のお知らせ', important: true });
  await cm.post(`/api/v1/boards/${team.id}/posts`, { body: 'あとの投稿' });
  const pinnedFor = async (client) => (await client.get(`/api/v1/boards/${team.id}/posts?limit=1`)).json.pinned.map((x) => x.id);
  assert.ok((await pinnedFor(dr)).includes(p.json.id));
  assert.ok((await pinnedFor(ns)).includes(p.json.id));
  assert.ok(!(await pinnedFor(cm)).includes(p.json.id), 'not pinned for its author');
  await dr.post(`/api/v1/posts/${p.json.id}/acknowledgements`);
  assert.ok(!(await pinnedFor(dr)).includes(p.json.id));
  assert.ok((await pinnedFor(ns)).includes(p.json.id), 'still pinned for who has not acknowledged');
  const second = await ns.get(`/api/v1/boards/${team.id}/posts?limit=1&before=${p.json.id + 100}`);
  assert.deepEqual(second.json.pinned, [], 'only the first page carries the pinned posts');
});

test('a professional finds a team only by exact reading and birth date, asks to join, and an administrator approves', async () => {
  const lookup = (client, kana, birth) => client.get(`/api/v1/care-teams/lookup?name_kana=${encodeURIComponent(kana)}&birth_date=${birth}`);
  assert.equal((await lookup(outsider, 'はまだ', '1933-07-07')).json.items.length, 0, 'a partial reading finds nothing');
  assert.equal((await lookup(outsider, 'はまだ きよ', '1933-07-08')).json.items.length, 0, 'a wrong birth date finds nothing');
  assert.equal((await lookup(outsider, 'はまだ', '')).status, 400);
  // Katakana or no space: the same reading.
  const found = await lookup(outsider, 'ハマダキヨ', '1933-07-07');
  assert.equal(found.status, 200, found.text);
  assert.deepEqual(found.json.items.map((i) => [i.board_id, i.member, i.join_requested]), [[team.id, false, false]]);
  assert.equal((await outsider.get(`/api/v1/boards/${team.id}/posts`)).status, 404, 'finding is not reading');

  const who = { name_kana: 'はまだ きよ', birth_date: '1933-07-07' };
  assert.equal((await outsider.post(`/api/v1/boards/${team.id}/join-requests`, { ...who, team_role: 'wizard' })).status, 400);
  assert.equal((await outsider.post(`/api/v1/boards/${team.id}/join-requests`, { team_role: 'pharmacist' })).status, 404, 'a team id alone is not enough');
  assert.equal((await outsider.post(`/api/v1/boards/${team.id}/join-requests`, { ...who, birth_date: '1933-07-08', team_role: 'pharmacist' })).status, 404);
  const asked = await outsider.post(`/api/v1/boards/${team.id}/join-requests`, { ...who, team_role: 'pharmacist', message: '薬局の山田です。服薬管理で関わります' });
  assert.equal(asked.status, 201, asked.text);
  assert.equal((await outsider.post(`/api/v1/boards/${team.id}/join-requests`, { ...who, team_role: 'pharmacist' })).status, 409);
  assert.equal((await lookup(outsider, 'はまだ きよ', '1933-07-07')).json.items[0].join_requested, true);

  assert.equal((await dr.get(`/api/v1/boards/${team.id}/join-requests`)).status, 404, 'only administrators see requests');
  assert.equal((await dr.post(`/api/v1/boards/${team.id}/join-requests/${ids.outsider}/approve`)).status, 404);
  const pending = await cm.get(`/api/v1/boards/${team.id}/join-requests`);
  assert.deepEqual(pending.json.items.map((r) => [r.user_id, r.team_role_label, r.message]), [[ids.outsider, '薬剤師', '薬局の山田です。服薬管理で関わります']]);
  const approved = await cm.post(`/api/v1/boards/${team.id}/join-requests/${ids.outsider}/approve`);
  assert.equal(approved.status, 200);
  assert.ok(approved.json.members.some((m) => m.user_id === ids.outsider && m.team_role === 'pharmacist' && !m.is_admin));
  assert.equal((await outsider.get(`/api/v1/boards/${team.id}/posts`)).status, 200, 'a member now');
  assert.equal((await cm.get(`/api/v1/boards/${team.id}/join-requests`)).json.items.length, 0);
  assert.equal((await cm.post(`/api/v1/boards/${team.id}/join-requests/${ids.outsider}/approve`)).status, 404, 'decided once');
  // Leave again, ask again, and be declined.
  await cm.delete(`/api/v1/boards/${team.id}/members/${ids.outsider}`);
  await outsider.post(`/api/v1/boards/${team.id}/join-requests`, { ...who, team_role: 'pharmacist' });
  assert.equal((await cm.post(`/api/v1/boards/${team.id}/join-requests/${ids.outsider}/decline`)).status, 200);
  assert.equal((await outsider.get(`/api/v1/boards/${team.id}/posts`)).status, 404);
  const audit = await admin.get('/api/v1/audit?action=care_team.join');
  assert.deepEqual([...new Set(audit.json.items.map((e) => e.action))].sort(), ['care_team.join_approve', 'care_team.join_decline', 'care_team.join_request']);
});

test('categories are edited per region: added, renamed, retired (kept on old posts, refused for new ones)', async () => {
  assert.equal((await cm.post('/api/v1/post-tags', { name: '褥瘡' })).status, 403, 'region administrators only');
  const added = await admin.post('/api/v1/post-tags', { name: '褥瘡' });
  assert.equal(added.status, 201, added.text);
  assert.equal((await admin.post('/api/v1/post-tags', { name: '褥瘡' })).status, 409);
  assert.equal((await admin.post('/api/v1/post-tags', { name: '' })).status, 400);
  const used = await ns.post(`/api/v1/boards/${team.id}/posts`, { body: '仙骨部 2cm', tag_id: added.json.id });
  assert.equal(used.status, 201);
  const retired = await admin.put(`/api/v1/post-tags/${added.json.id}`, { name: '褥瘡・皮膚', sort_order: 9, retired: true });
  assert.equal(retired.status, 200, retired.text);
  assert.ok(!(await ns.get('/api/v1/post-tags')).json.items.some((t) => t.id === added.json.id), 'not offered any more');
  assert.ok((await admin.get('/api/v1/post-tags?all=1')).json.items.some((t) => t.id === added.json.id && t.retired));
  assert.equal((await ns.post(`/api/v1/boards/${team.id}/posts`, { body: '新しい投稿', tag_id: added.json.id })).status, 400);
  const old = (await ns.get(`/api/v1/boards/${team.id}/posts?limit=50`)).json.items.find((p) => p.id === used.json.id);
  assert.equal(old.tag.name, '褥瘡・皮膚', 'old posts keep their (renamed) category');
  const edited = await ns.put(`/api/v1/posts/${used.json.id}`, { body: '仙骨部 1.5cm', version: 1, tag_id: added.json.id });
  assert.equal(edited.status, 200, 'an edit may keep a retired category');
  assert.equal((await ns.put(`/api/v1/posts/${used.json.id}`, { body: 'x', version: 2, tag_id: 999999 })).status, 400, 'but not take an unknown one');
  assert.equal((await admin.put('/api/v1/post-tags/999999', { name: 'x' })).status, 404);
});
