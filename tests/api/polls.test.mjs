// Polls and date scheduling as a care team and a committee use them: the care manager asks the
// team a question, members answer, the counts and who has not answered show, she reminds and
// exports; an anonymous survey tells nobody who answered what; a meeting date is found with
// ◯/△/× and fixed, which posts the decision; a poll past its deadline refuses answers; its
// author closes it early or moves the deadline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';
import { now } from '../support/clock.mjs';
import { eventually } from '../support/wait.mjs';
import { openLive } from '../support/live.mjs';
import { sqlite } from '../support/db.mjs';

let server;
let cm; // suzuki.cm
let dr; // sato.dr
let ns; // takahashi.ns
let msw; // tanaka.msw
let team; // a demo care team with cm, dr and ns
let group;
const ids = {};
const sql = (q) => sqlite(server.dir, q);
const nowSeconds = () => Math.floor(now() / 1000); // the server's clock, for times moved in the database
const mark = (options, values) => options.map((o, i) => ({ option_id: o.id, value: values[i] })).filter((m) => m.value !== undefined);

before(async () => {
  server = await startServer();
  [cm, dr, ns, msw] = await Promise.all(['suzuki.cm', 'sato.dr', 'takahashi.ns', 'tanaka.msw'].map((l) => loggedIn(server.url, l, DEMO_PASSWORD)));
  for (const [name, c] of Object.entries({ cm, dr, ns, msw })) ids[name] = (await c.get('/api/v1/session')).json.user.id;
  const cmTeams = (await cm.get('/api/v1/care-teams')).json.items;
  const drTeams = new Set((await dr.get('/api/v1/care-teams')).json.items.map((t) => t.id));
  const nsTeams = new Set((await ns.get('/api/v1/care-teams')).json.items.map((t) => t.id));
  team = cmTeams.find((t) => t.i_am_admin && drTeams.has(t.id) && nsTeams.has(t.id));
  assert.ok(team, 'a demo team with the three of them');
  group = (await cm.post('/api/v1/groups', { name: '地域ケア会議', open: false })).json;
  for (const who of ['dr', 'ns']) await cm.put(`/api/v1/boards/${group.id}/members/${ids[who]}`, { team_role: 'member', is_admin: false });
});
after(async () => server?.cleanup());

test('a named poll on a care team: answers, counts, who has not answered, inbox, reminder, CSV', async () => {
  const created = await cm.post(`/api/v1/boards/${team.id}/polls`, {
    body: '退院前カンファレンスの参加方法を教えてください', mode: 'single', options: ['来所', 'オンライン', '欠席'], free_text: true, deadline: '2099-12-24',
  });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.json.has_poll, true);
  const post = created.json.id;
  let poll = (await dr.get(`/api/v1/posts/${post}/poll`)).json;
  assert.deepEqual(poll.options.map((o) => o.label), ['来所', 'オンライン', '欠席']);
  assert.equal(poll.responders, 0);
  assert.ok(poll.not_answered.some((m) => m.user_id === ids.dr));
  const expected = poll.expected;

  // Waiting for my answer: in the inbox and its counts until answered.
  const inbox = (await dr.get('/api/v1/inbox')).json;
  assert.ok(inbox.items.some((i) => i.reason === 'poll' && i.post.id === post));
  assert.ok(inbox.counts.polls >= 1);
  const counts = (await dr.get('/api/v1/inbox/counts')).json;
  assert.equal(counts.polls, inbox.counts.polls);

  poll = (await dr.post(`/api/v1/posts/${post}/poll/answer`, { marks: mark(poll.options, [2]), comment: '15分遅れます' })).json;
  assert.deepEqual([poll.responders, poll.options[0].yes, poll.answered_by_me], [1, 1, true]);
  assert.ok(!(await dr.get('/api/v1/inbox')).json.items.some((i) => i.reason === 'poll' && i.post.id === post));
  const seen = (await cm.get(`/api/v1/posts/${post}/poll`)).json;
  assert.deepEqual(seen.answers.map((a) => [a.name, a.comment]), [['佐藤 直子', '15分遅れます']]);
  assert.equal(seen.not_answered.length, expected - 1);
  assert.equal(seen.can_manage, true);

  // Two choices on a single-choice poll, an unknown option, a malformed body: 400, nothing kept.
  assert.equal((await ns.post(`/api/v1/posts/${post}/poll/answer`, { marks: mark(poll.options, [2, 2]) })).status, 400);
  assert.equal((await ns.post(`/api/v1/posts/${post}/poll/answer`, { marks: [{ option_id: 999999, value: 2 }] })).status, 400);
  assert.equal((await ns.post(`/api/v1/posts/${post}/poll/answer`, { marks: 'x' })).status, 400);
  assert.equal((await ns.post(`/api/v1/posts/${post}/poll/answer`, { marks: [{ option_id: 'a', value: 2 }] })).status, 400);

  // Only the author or a team administrator reminds, once an hour; those who have not answered are told.
  assert.equal((await dr.post(`/api/v1/posts/${post}/poll/remind`)).status, 403);
  const reminded = await cm.post(`/api/v1/posts/${post}/poll/remind`);
  assert.deepEqual([reminded.status, reminded.json.reminded], [200, expected - 1]);
  assert.equal((await cm.post(`/api/v1/posts/${post}/poll/remind`)).status, 409);
  const nsItem = (await ns.get('/api/v1/inbox')).json.items.find((i) => i.reason === 'poll' && i.post.id === post);
  assert.ok(nsItem.reminded_at, 'the reminder shows on the waiting poll');

  const csv = await cm.get(`/api/v1/posts/${post}/poll.csv`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  // (fetch drops the UTF-8 BOM that Excel needs; the unit test checks it is there)
  assert.ok(csv.text.startsWith('氏名,所属,来所,オンライン,欠席,コメント,回答日時'), csv.text.slice(0, 80));
  assert.ok(csv.text.includes('佐藤 直子,さくら在宅クリニック,✓,,,15分遅れます,'));
  assert.ok(csv.text.includes('来所,1\r\n'));
  // Audited without what was answered.
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'poll.answer' AND target_id = '${post}' AND detail = ''`), '1');
});

test('an anonymous survey never reveals who answered what: not in the API, not in the CSV, not in the database', async () => {
  const created = await cm.post(`/api/v1/boards/${group.id}/polls`, {
    body: '研修会の満足度', mode: 'multiple', options: ['満足', '普通', '不満'], anonymous: true, free_text: true,
  });
  assert.equal(created.status, 201, created.text);
  const post = created.json.id;
  const options = (await dr.get(`/api/v1/posts/${post}/poll`)).json.options;
  const live = openLive(server.url, cm);
  await live.until((l) => l.messages.some((m) => m.type === 'hello'));
  assert.equal((await dr.post(`/api/v1/posts/${post}/poll/answer`, { marks: mark(options, [2, 2]), comment: '講師がよかった' })).status, 200);
  assert.equal((await ns.post(`/api/v1/posts/${post}/poll/answer`, { marks: mark(options, [undefined, undefined, 2]) })).status, 200);
  // The members' live connections are told that someone answered, not who.
  const answered = () => live.events().filter((e) => e.kind === 'poll.answered' && e.post_id === post);
  await live.until(() => answered().length === 2);
  assert.deepEqual(answered().map((e) => e.actor_id), [0, 0]);
  await live.close();
  assert.equal((await dr.post(`/api/v1/posts/${post}/poll/answer`, { marks: mark(options, [undefined, 2]) })).status, 409, 'no change: nothing links the answer to her');
  for (const viewer of [cm, dr, ns]) {
    const r = await viewer.get(`/api/v1/posts/${post}/poll`);
    assert.equal(r.json.answers, undefined);
    assert.equal(r.json.mine, null);
    assert.deepEqual(r.json.comments, ['講師がよかった']);
    assert.deepEqual(r.json.options.map((o) => o.yes), [1, 1, 1]);
    assert.equal(r.json.responders, 2);
    // Who has not answered is not shown either: watching that list shrink as a comment appears
    // would name the commenter. The count is enough for the reminder button.
    assert.deepEqual(r.json.not_answered, []);
    assert.equal(r.json.not_answered_count, r.json.expected - 2);
  }
  const csv = (await cm.get(`/api/v1/posts/${post}/poll.csv`)).text;
  for (const name of ['佐藤', '高橋', 'sato', 'takahashi']) assert.ok(!csv.includes(name), `${name} in the CSV`);
  assert.ok(csv.includes('講師がよかった'));
  assert.equal(sql(`SELECT COUNT(*) FROM poll_ballots WHERE post_id = ${post} AND (user_id IS NOT NULL OR answered_at IS NOT NULL)`), '0');
  // Who has answered is known (for reminders), but not next to any answer.
  assert.equal(sql(`SELECT COUNT(*) FROM poll_responders WHERE post_id = ${post}`), '2');
});

test('scheduling: ◯/△/× for every slot, the best slot highlighted, fixing it posts the decision', async () => {
  const created = await cm.post(`/api/v1/boards/${group.id}/polls`, {
    body: '12月の地域ケア会議の日程調整\n会場は市役所3階です', mode: 'schedule', options: ['12/10(木) 14:00', '12/11(金) 10:00', '12/14(月) 15:00'], deadline: '2099-12-08T17:00',
  });
  const post = created.json.id;
  const options = (await dr.get(`/api/v1/posts/${post}/poll`)).json.options;
  assert.equal((await dr.post(`/api/v1/posts/${post}/poll/answer`, { marks: mark(options, [2, 1]) })).status, 400, 'every slot needs an answer');
  await dr.post(`/api/v1/posts/${post}/poll/answer`, { marks: mark(options, [2, 1, 0]) });
  const after = (await ns.post(`/api/v1/posts/${post}/poll/answer`, { marks: mark(options, [1, 2, 0]) })).json;
  assert.deepEqual(after.options.map((o) => [o.yes, o.maybe, o.no]), [[1, 1, 0], [1, 1, 0], [0, 0, 2]]);
  assert.deepEqual(after.options.map((o) => o.best), [true, true, false], 'a tie highlights both');
  const changed = (await ns.post(`/api/v1/posts/${post}/poll/answer`, { marks: mark(options, [2, 2, 0]) })).json;
  assert.deepEqual(changed.options.map((o) => o.best), [true, false, false]);

  assert.equal((await dr.post(`/api/v1/posts/${post}/poll/fix`, { option_id: options[0].id })).status, 403);
  // No slot, or not an id: the field says what to do, and nothing is fixed.
  for (const body of [{}, { option_id: 'x' }]) {
    const bad = await cm.post(`/api/v1/posts/${post}/poll/fix`, body);
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json.error.fields.map((f) => f.field), ['option_id'], bad.text);
  }
  const fixed = await cm.post(`/api/v1/posts/${post}/poll/fix`, { option_id: options[0].id });
  assert.equal(fixed.status, 200, fixed.text);
  assert.equal(fixed.json.fixed_option_id, options[0].id);
  assert.equal(fixed.json.closed, true);
  const timeline = (await dr.get(`/api/v1/boards/${group.id}/posts`)).json;
  const decision = [...timeline.pinned, ...timeline.items].find((p) => p.id === fixed.json.decision_post_id);
  assert.equal(decision.body, '【日程決定】12/10(木) 14:00\n（12月の地域ケア会議の日程調整）');
  assert.equal(decision.important, true);
  assert.ok((await dr.get('/api/v1/inbox')).json.items.some((i) => i.reason === 'important' && i.post.id === decision.id));
  assert.equal((await cm.post(`/api/v1/posts/${post}/poll/fix`, { option_id: options[1].id })).status, 409);
  assert.equal((await ns.post(`/api/v1/posts/${post}/poll/answer`, { marks: mark(options, [0, 0, 0]) })).status, 409);
  const csv = (await cm.get(`/api/v1/posts/${post}/poll.csv`)).text;
  assert.ok(csv.includes('候補,◯,△,×\r\n12/10(木) 14:00,2,0,0'), csv);
});

test('past its deadline a poll refuses answers and leaves the inbox', async () => {
  const created = await cm.post(`/api/v1/boards/${team.id}/polls`, { body: '年末年始の訪問可否', mode: 'single', options: ['可', '不可'], deadline: '2099-01-01' });
  const post = created.json.id;
  const options = (await dr.get(`/api/v1/posts/${post}/poll`)).json.options;
  assert.equal((await dr.post(`/api/v1/posts/${post}/poll/answer`, { marks: mark(options, [2]) })).status, 200);
  // The deadline passes (moved in the database: the server reads it on every request).
  sql(`UPDATE polls SET deadline = ${nowSeconds() - 60} WHERE post_id = ${post}`);
  const late = await ns.post(`/api/v1/posts/${post}/poll/answer`, { marks: mark(options, [2]) });
  assert.equal(late.status, 409);
  assert.equal(late.json.error.message, '締め切りを過ぎているため回答できません');
  assert.equal((await dr.post(`/api/v1/posts/${post}/poll/answer`, { marks: mark(options, [undefined, 2]) })).status, 409, 'no change after the deadline');
  assert.equal((await ns.get(`/api/v1/posts/${post}/poll`)).json.closed, true);
  assert.ok(!(await ns.get('/api/v1/inbox')).json.items.some((i) => i.reason === 'poll' && i.post.id === post));
  assert.equal(sql(`SELECT COUNT(*) FROM poll_responders WHERE post_id = ${post}`), '1');
  // A deadline already past is refused when creating.
  assert.equal((await cm.post(`/api/v1/boards/${team.id}/polls`, { body: 'x', mode: 'single', options: ['a', 'b'], deadline: '2001-01-01' })).status, 400);
});

test('its author closes a poll early and reopens it with a later deadline; nobody else can', async () => {
  const post = (await cm.post(`/api/v1/boards/${group.id}/polls`, { body: '研修会のテーマ', mode: 'multiple', options: ['看取り', '口腔ケア', '認知症'], deadline: '2099-03-31T17:00' })).json.id;
  const options = (await dr.get(`/api/v1/posts/${post}/poll`)).json.options;
  assert.equal((await dr.post(`/api/v1/posts/${post}/poll/answer`, { marks: mark(options, [2, 2]) })).status, 200);
  assert.equal((await dr.post(`/api/v1/posts/${post}/poll/close`)).status, 403, 'a member does not close it');
  assert.equal((await dr.put(`/api/v1/posts/${post}/poll/deadline`, { deadline: '2099-04-30' })).status, 403);
  assert.equal((await msw.post(`/api/v1/posts/${post}/poll/close`)).status, 404, 'an outsider learns nothing');

  const closed = await cm.post(`/api/v1/posts/${post}/poll/close`);
  assert.equal(closed.status, 200, closed.text);
  assert.equal(closed.json.closed, true);
  assert.equal(closed.json.responders, 1);
  assert.ok(Date.parse(closed.json.deadline) <= now() + 1000, 'the deadline is now');
  const late = await ns.post(`/api/v1/posts/${post}/poll/answer`, { marks: mark(options, [undefined, undefined, 2]) });
  assert.equal(late.status, 409);
  assert.ok(!(await ns.get('/api/v1/inbox')).json.items.some((i) => i.reason === 'poll' && i.post.id === post), 'no longer waiting for her');
  assert.equal((await cm.post(`/api/v1/posts/${post}/poll/close`)).status, 409, 'closed once');

  for (const [deadline, field] of [['2001-01-01', 'deadline'], ['あした', 'deadline'], [42, 'deadline']]) {
    const bad = await cm.put(`/api/v1/posts/${post}/poll/deadline`, { deadline });
    assert.equal(bad.status, 400, JSON.stringify(deadline));
    assert.ok(bad.json.error.fields.some((f) => f.field === field), bad.text);
  }
  const reopened = await cm.put(`/api/v1/posts/${post}/poll/deadline`, { deadline: '2099-04-30T12:00' });
  assert.equal(reopened.status, 200, reopened.text);
  assert.equal(reopened.json.closed, false);
  assert.equal(reopened.json.deadline, '2099-04-30T03:00:00Z', '12:00 in Japan');
  assert.ok((await ns.get('/api/v1/inbox')).json.items.some((i) => i.reason === 'poll' && i.post.id === post), 'waiting for her again');
  assert.equal((await ns.post(`/api/v1/posts/${post}/poll/answer`, { marks: mark(options, [undefined, undefined, 2]) })).status, 200);
  const open = await cm.put(`/api/v1/posts/${post}/poll/deadline`, { deadline: '' });
  assert.equal(open.json.deadline, null, 'no deadline');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action IN ('poll.close', 'poll.deadline') AND target_id = '${post}'`), '3');
});

test('a day before it closes, a poll reminds by itself those who have not answered', async () => {
  const post = (await cm.post(`/api/v1/boards/${group.id}/polls`, { body: '次回の会場', mode: 'single', options: ['市役所', '医師会館'], deadline: '2099-06-30' })).json.id;
  const options = (await dr.get(`/api/v1/posts/${post}/poll`)).json.options;
  assert.equal((await dr.post(`/api/v1/posts/${post}/poll/answer`, { marks: mark(options, [2]) })).status, 200);
  // Asked two days ago, closing in five hours (moved in the database); any write wakes the notifier.
  sql(`UPDATE polls SET deadline = ${nowSeconds() + 5 * 3600} WHERE post_id = ${post}; UPDATE posts SET created_at = created_at - 2 * 86400 WHERE id = ${post}`);
  await cm.post(`/api/v1/boards/${group.id}/posts`, { body: '資料は当日配ります' });
  const kindFor = async (client) => (await client.get('/api/v1/notifications')).json.items.find((n) => n.post_id === post)?.kind;
  await eventually(async () => (await kindFor(ns)) === 'reminder', 'the reminder of the nurse, who has not answered');
  assert.notEqual(await kindFor(dr), 'reminder', 'the doctor has');
  assert.equal(await kindFor(cm), undefined, 'nor its author');
  const waiting = (await ns.get('/api/v1/inbox')).json.items.find((i) => i.reason === 'poll' && i.post.id === post);
  assert.ok(waiting.reminded_at, '催促 on the waiting poll');
  assert.ok(sql(`SELECT auto_reminded_at FROM polls WHERE post_id = ${post}`), 'reminded once');
});

test('no polls in a conversation; outsiders neither see nor answer a closed group’s poll', async () => {
  const dm = (await dr.post('/api/v1/conversations', { user_ids: [ids.ns] })).json;
  assert.equal((await dr.post(`/api/v1/boards/${dm.id}/polls`, { body: 'x', mode: 'single', options: ['a', 'b'] })).status, 400);
  const post = (await cm.post(`/api/v1/boards/${group.id}/polls`, { body: '委員の推薦', mode: 'single', options: ['Aさん', 'Bさん'] })).json.id;
  const options = (await dr.get(`/api/v1/posts/${post}/poll`)).json.options;
  for (const path of [`/api/v1/posts/${post}/poll`, `/api/v1/posts/${post}/poll.csv`]) {
    const r = await msw.get(path);
    assert.equal(r.status, 404, path);
    assert.ok(!r.text.includes('推薦'));
  }
  for (const [path, body] of [[`/api/v1/posts/${post}/poll/answer`, { marks: mark(options, [2]) }], [`/api/v1/posts/${post}/poll/remind`, {}], [`/api/v1/posts/${post}/poll/fix`, { option_id: options[0].id }], [`/api/v1/posts/${post}/poll/close`, {}]]) {
    assert.equal((await msw.post(path, body)).status, 404, path);
  }
  assert.equal((await msw.post(`/api/v1/boards/${group.id}/polls`, { body: 'x', mode: 'single', options: ['a', 'b'] })).status, 404);
  assert.equal(sql(`SELECT COUNT(*) FROM poll_responders WHERE post_id = ${post}`), '0');
});
