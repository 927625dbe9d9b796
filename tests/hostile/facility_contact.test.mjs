// A hospital's contact (地域連携室) brought onto a care team by a request addressed to the hospital.
// Where the region says "the request only", the contact reads the request and its thread and
// nothing else — not the other posts (timeline, pinned, search, inbox, files, live events,
// notifications), not the person's record, not a consent's paper — on every path. The team sees
// who came through which facility. When the region switches back to "record", the contact reads
// the board and the record like any member.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { Client, loggedIn } from '../support/client.mjs';
import { openLive } from '../support/live.mjs';
import { eventually } from '../support/wait.mjs';

let server;
let admin;
let cm; // suzuki.cm, the team's administrator
let dr; // sato.dr, on the team
let contact; // the hospital's designated contact
let hospital;
let team;
let personId;
const ids = {};
const SECRET = '退院後の在宅酸素の件（他の投稿）';
const IMPORTANT = '重要：服薬の変更（他の投稿）';
const ASK = '入院中の経過を教えてください（窓口への依頼）';

const upload = (client, name, text) =>
  client.request('POST', `/api/v1/boards/${team.id}/attachments?name=${encodeURIComponent(name)}`, {
    raw: Buffer.from(text),
    headers: { 'Content-Type': 'application/octet-stream' },
  });

before(async () => {
  server = await startServer();
  admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
  cm = await loggedIn(server.url, 'suzuki.cm', DEMO_PASSWORD);
  dr = await loggedIn(server.url, 'sato.dr', DEMO_PASSWORD);
  ids.cm = (await cm.get('/api/v1/session')).json.user.id;
  ids.dr = (await dr.get('/api/v1/session')).json.user.id;
  hospital = (await cm.get('/api/v1/facilities?kind=hospital')).json.items.find((f) => f.contact_user_id);
  assert.ok(hospital, 'the demo hospital has a designated contact');

  const policy = await admin.put('/api/v1/region/contact-policy', { contact_access: 'request' });
  assert.equal(policy.status, 200, policy.text);
  assert.equal(policy.json.contact_access, 'request');

  const person = await cm.post('/api/v1/persons', { name: '窓口 テスト', name_kana: 'まどぐち てすと', birth_date: '1936-03-03', sex: 'female' });
  personId = person.json.id;
  team = (await cm.post(`/api/v1/persons/${personId}/care-team`, { admin_user_id: ids.cm, team_role: 'care_manager' })).json;
  assert.equal((await cm.put(`/api/v1/boards/${team.id}/members/${ids.dr}`, { team_role: 'primary_doctor' })).status, 200);
  await cm.put(`/api/v1/persons/${personId}/summary`, { version: 0, summary: { conditions: [{ name: '秘密の持病' }] } });
  await cm.post(`/api/v1/persons/${personId}/acp`, { plan: { discussed_on: '2026-05-01', participants: [{ name: '本人' }], treatments: { cpr: 'declines' } } });
  const paper = await upload(cm, '同意書.pdf', '%PDF-1.4 consent paper');
  const consent = await cm.post(`/api/v1/persons/${personId}/consents`, { consenter: 'self', consenter_name: '窓口 テスト', consented_on: '2026-01-01', document_attachment_id: paper.json.id });
  assert.equal(consent.status, 201, consent.text);
  ids.paper = paper.json.id;

  const file = await upload(cm, '他の資料.txt', 'other file');
  ids.other = (await cm.post(`/api/v1/boards/${team.id}/posts`, { body: SECRET, attachment_ids: [file.json.id] })).json.id;
  ids.important = (await cm.post(`/api/v1/boards/${team.id}/posts`, { body: IMPORTANT, important: true })).json.id;
  const askFile = await upload(cm, '紹介状.txt', 'referral');
  const ask = await cm.post(`/api/v1/boards/${team.id}/posts`, {
    body: ASK,
    request_kind: 'answer',
    addressed_facilities: [hospital.id],
    attachment_ids: [askFile.json.id],
  });
  assert.equal(ask.status, 201, ask.text);
  ids.ask = ask.json.id;
  ids.askFile = askFile.json.id;

  const reset = await admin.post(`/api/v1/users/${hospital.contact_user_id}/reset-password`);
  contact = new Client(server.url);
  await contact.login(reset.json.login_id, reset.json.temporary_password);
  await contact.put('/api/v1/me/password', { current_password: reset.json.temporary_password, new_password: 'contact-pass-2027' });
});
after(() => server.cleanup());

test('the team sees that the hospital’s contact joined, and for the request only', async () => {
  const page = await dr.get(`/api/v1/boards/${team.id}`);
  const joined = page.json.members.find((m) => m.user_id === hospital.contact_user_id);
  assert.ok(joined, 'the contact is listed');
  assert.equal(joined.team_role, 'hospital_liaison');
  assert.deepEqual(joined.via_facility, { id: hospital.id, name: hospital.name });
  assert.equal(joined.request_only, true);
  const entry = (await admin.get('/api/v1/audit?action=care_team.member_add&limit=50')).json.items.find((e) => e.target_id === String(team.id));
  assert.match(entry.detail, /request only/);
});

test('the contact reads the request and its thread, and nothing else of the board', async () => {
  const reply = await dr.post(`/api/v1/boards/${team.id}/posts`, { body: '補足です（依頼への返信）', parent_id: ids.ask });
  assert.equal(reply.status, 201);
  const timeline = await contact.get(`/api/v1/boards/${team.id}/posts?limit=100`);
  assert.equal(timeline.status, 200);
  assert.deepEqual(timeline.json.items.map((p) => p.id), [ids.ask]);
  assert.deepEqual(timeline.json.items[0].replies.map((r) => r.id), [reply.json.id]);
  assert.deepEqual(timeline.json.pinned, [], 'the important post is not pinned for the contact');
  assert.ok(!timeline.text.includes(SECRET) && !timeline.text.includes(IMPORTANT));
  assert.equal((await contact.get(`/api/v1/posts/${ids.other}/versions`)).status, 404);
  assert.equal((await contact.get(`/api/v1/posts/${ids.other}/acknowledgements`)).status, 404);
  assert.equal((await contact.post(`/api/v1/posts/${ids.important}/acknowledgements`)).status, 404);

  const page = await contact.get(`/api/v1/boards/${team.id}`);
  assert.equal(page.json.record, null, 'no もしものとき or consent badge');
  assert.equal(page.json.me.request_only, true);

  for (const word of ['他の投稿', '服薬', '在宅酸素', '他の資料']) {
    const found = await contact.get('/api/v1/search?q=' + encodeURIComponent(word));
    assert.equal(found.status, 200);
    assert.equal(found.json.items.length, 0, word);
    assert.ok(!found.text.includes(SECRET));
  }
  assert.equal((await contact.get('/api/v1/search?q=' + encodeURIComponent('経過'))).json.items.length, 1);

  const inbox = (await contact.get('/api/v1/inbox')).json;
  assert.deepEqual([...new Set(inbox.items.map((i) => i.post.id))].filter((id) => id !== reply.json.id), [ids.ask]);
  assert.equal(inbox.counts.important, 0);
  const teams = (await contact.get('/api/v1/care-teams')).json.items.find((t) => t.id === team.id);
  assert.ok(teams.unread <= 2, `unread counts only the thread: ${teams.unread}`);

  const files = await contact.get(`/api/v1/boards/${team.id}/attachments`);
  assert.deepEqual(files.json.items.map((f) => f.id), [ids.askFile]);
  assert.equal((await contact.get(`/api/v1/attachments/${ids.askFile}`)).status, 200);
  const otherFile = (await cm.get(`/api/v1/boards/${team.id}/attachments`)).json.items.find((f) => f.file_name === '他の資料.txt');
  assert.equal((await contact.get(`/api/v1/attachments/${otherFile.id}`)).status, 404);
  assert.equal((await contact.get(`/api/v1/attachments/${ids.paper}`)).status, 404, 'the consent paper is the record');

  const notifications = (await contact.get('/api/v1/notifications')).json.items;
  assert.ok(!notifications.some((n) => n.post_id === ids.important || n.post_id === ids.other), 'told only of the request');
});

test('the contact reads no part of the person’s record', async () => {
  for (const path of ['summary', 'acp', 'consents', 'forms', 'fhir']) {
    const r = await contact.get(`/api/v1/persons/${personId}/${path}`);
    assert.equal(r.status, 403, `${path}: ${r.status}`);
    assert.ok(!r.text.includes('秘密の持病'));
  }
});

test('the contact answers the request but cannot post to the board', async () => {
  const top = await contact.post(`/api/v1/boards/${team.id}/posts`, { body: '掲示板への投稿' });
  assert.equal(top.status, 403);
  assert.match(top.json.error.message, /返信/);
  const answer = await contact.post(`/api/v1/boards/${team.id}/posts`, { body: '経過は良好です', parent_id: ids.ask });
  assert.equal(answer.status, 201, answer.text);
  const toOther = await contact.post(`/api/v1/boards/${team.id}/posts`, { body: '横から', parent_id: ids.other });
  assert.equal(toOther.status, 404);
  const ask = (await cm.get(`/api/v1/boards/${team.id}/posts?limit=100`)).json.items.find((p) => p.id === ids.ask);
  assert.equal(ask.request.addressees.find((a) => a.user_id === hospital.contact_user_id).state, 'answered');
});

test('live events reach the contact for the request’s thread only', async () => {
  const live = openLive(server.url, contact);
  await live.until((l) => l.messages.some((m) => m.type === 'hello'));
  const other = await cm.post(`/api/v1/boards/${team.id}/posts`, { body: 'ライブで流れる他の投稿' });
  const inThread = await cm.post(`/api/v1/boards/${team.id}/posts`, { body: 'ライブで流れる返信', parent_id: ids.ask });
  await live.until((l) => l.events().some((e) => e.post_id === inThread.json.id));
  // Events are delivered in order: the other post's came first, so it would be here by now.
  assert.ok(!live.events().some((e) => e.post_id === other.json.id), JSON.stringify(live.events()));
  await live.close();
});

test('the region’s switch back to "record" opens the board and record to the contact', async () => {
  const policy = await admin.put('/api/v1/region/contact-policy', { contact_access: 'record' });
  assert.equal(policy.json.contact_access, 'record');
  const bad = await admin.put('/api/v1/region/contact-policy', { contact_access: 'everything' });
  assert.deepEqual([bad.status, bad.json.error.fields.map((f) => f.field)], [400, ['contact_access']]);
  assert.equal((await cm.put('/api/v1/region/contact-policy', { contact_access: 'request' })).status, 403);
  const timeline = await contact.get(`/api/v1/boards/${team.id}/posts?limit=100`);
  assert.ok(timeline.json.items.some((p) => p.id === ids.other));
  assert.equal((await contact.get(`/api/v1/persons/${personId}/summary`)).status, 200);
  await eventually(async () => (await contact.get('/api/v1/inbox')).json.counts.important === 1, 'the important post now needs the contact');
  const audit = (await admin.get('/api/v1/audit?action=region.contact_access&limit=10')).json.items;
  assert.match(audit[0].detail, /contact_access=record, 1 contacts changed/);
});
