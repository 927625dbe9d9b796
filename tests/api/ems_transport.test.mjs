// The transport report back (活動内容を共有する) over real HTTP: a crew reports what it did for a
// person, the report is kept in the person's 活動履歴 and shown in the emergency view next time,
// it is an important post from the fire facility on the care team's board, notified to the
// team's members, and asked as a read request of the city office's contact. The care team sees
// 「救急隊が閲覧しました」 with the time and the fire facility. Bad input, a person without
// consent and anyone but a crew write nothing. (A person the fire department may see has a
// consent, which only a care team records: every report finds a board to post on.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';
import { eventually } from '../support/wait.mjs';
import { now } from '../support/clock.mjs';

let server;
let cm; // suzuki.cm: keeps the records, administers the teams
let dr; // sato.dr: on the team
let crew; // yamada.ems: つくば市消防本部
let city; // demo-admin: the city office's designated contact
const persons = {};
const teams = {};

const why = { reason: 'dispatch', incident: 'R8-1207-0101' };
const whyQuery = 'reason=dispatch&incident=R8-1207-0101';

// The server's now in Japan time as the API takes it ("YYYY-MM-DDTHH:MM"), moved by `minutes`.
function jstMinute(minutes = 0) {
  return new Date(now() + (9 * 60 + minutes) * 60_000).toISOString().slice(0, 16);
}

async function personWithTeam({ name, kana, ems }) {
  const p = await cm.post('/api/v1/persons', { name, name_kana: kana, birth_date: '1936-04-01', sex: 'male' });
  assert.equal(p.status, 201, p.text);
  const me = (await cm.get('/api/v1/session')).json.user.id;
  const t = await cm.post(`/api/v1/persons/${p.json.id}/care-team`, { admin_user_id: me, team_role: 'care_manager' });
  assert.equal(t.status, 201, t.text);
  const drId = (await dr.get('/api/v1/session')).json.user.id;
  assert.equal((await cm.put(`/api/v1/boards/${t.json.id}/members/${drId}`, { team_role: 'primary_doctor' })).status, 200);
  teams[name] = t.json;
  const c = await cm.post(`/api/v1/persons/${p.json.id}/consents`, {
    consenter: 'self', consenter_name: name, consented_on: '令和8年1月10日', scope: { care_team: true, ems },
  });
  assert.equal(c.status, 201, c.text);
  return p.json;
}

async function timeline(client, boardId) {
  const r = await client.get(`/api/v1/boards/${boardId}/posts`);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

before(async () => {
  server = await startServer();
  [cm, dr, crew, city] = await Promise.all(
    ['suzuki.cm', 'sato.dr', 'yamada.ems', 'demo-admin'].map((l) => loggedIn(server.url, l, DEMO_PASSWORD)),
  );
  persons.ichiro = await personWithTeam({ name: '森田 一郎', kana: 'もりた いちろう', ems: true });
  persons.jiro = await personWithTeam({ name: '森田 次郎', kana: 'もりた じろう', ems: false });
});
after(() => server.cleanup());

test('a transport report is kept, shown next time, posted to the team, notified, and asked of the city', async () => {
  const hospitals = await crew.get('/api/v1/ems/hospitals');
  assert.equal(hospitals.status, 200, hospitals.text);
  const hospital = hospitals.json.items.find((h) => h.name === 'つくば中央病院');
  assert.ok(hospital, JSON.stringify(hospitals.json));

  const at = jstMinute(-20);
  const r = await crew.post(`/api/v1/ems/persons/${persons.ichiro.id}/transports`, {
    ...why, occurred_at: at, outcome: 'transported', hospital_id: hospital.id, note: '呼吸苦の訴え。酸素投与しながら搬送',
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.outcome_label, '搬送');
  assert.equal(r.json.hospital_name, 'つくば中央病院');
  assert.equal(r.json.fire_facility, 'つくば市消防本部');
  assert.ok(r.json.post_id, 'posted on the team board');

  // The emergency view shows it in the 活動履歴 next time.
  const view = await crew.get(`/api/v1/ems/persons/${persons.ichiro.id}?${whyQuery}`);
  assert.equal(view.status, 200, view.text);
  assert.deepEqual(view.json.transports.map((t) => [t.id, t.outcome, t.hospital_name]), [[r.json.id, 'transported', 'つくば中央病院']]);
  // Whom else to call: the team's care manager and the city office.
  assert.equal(view.json.team_contact.role, 'ケアマネジャー');
  assert.equal(view.json.team_contact.facility, '居宅介護支援事業所つくしの里');
  assert.match(view.json.team_contact.phone, /^029-/);
  assert.deepEqual(view.json.city_contacts.map((c) => [c.name, c.phone]), [['つくば市役所 地域包括支援課', '029-800-0901']]);

  // An important post on the board, by the crew of the fire facility.
  const board = await timeline(dr, teams['森田 一郎'].id);
  const post = [...board.pinned, ...board.items].find((p) => p.id === r.json.post_id);
  assert.ok(post, 'the doctor sees the report');
  assert.equal(post.important, true);
  assert.equal(post.author.facility_name, 'つくば市消防本部');
  assert.match(post.body, /【救急隊からの報告】搬送/);
  assert.match(post.body, /搬送先: つくば中央病院/);
  assert.match(post.body, /事案番号: R8-1207-0101/);
  assert.match(post.body, /酸素投与しながら搬送/);

  // In the doctor's inbox and notifications as an important post.
  const inbox = await dr.get('/api/v1/inbox');
  assert.ok(inbox.json.items.some((i) => i.post.id === r.json.post_id && i.reason === 'important'), inbox.text);
  await eventually(async () => (await dr.get('/api/v1/notifications')).json.items.some((n) => n.post_id === r.json.post_id),
    'the report in the doctor\'s notifications');

  // The city office's contact is asked to read it (and may open it).
  const cityInbox = await city.get('/api/v1/inbox');
  assert.ok(cityInbox.json.items.some((i) => i.post.id === r.json.post_id && i.reason === 'request'), cityInbox.text);

  // The care team sees the fire department's work: the view, with time and station, no crew name.
  const activity = await dr.get(`/api/v1/persons/${persons.ichiro.id}/ems-activity`);
  assert.equal(activity.status, 200, activity.text);
  assert.equal(activity.json.transports[0].id, r.json.id);
  assert.ok(activity.json.views.length >= 1);
  assert.deepEqual(Object.keys(activity.json.views[0]).sort(), ['at', 'fire_facility']);
  assert.equal(activity.json.views[0].fire_facility, 'つくば市消防本部');
});

test('bad input is refused field by field and writes nothing', async () => {
  const path = `/api/v1/ems/persons/${persons.ichiro.id}/transports`;
  const before = (await crew.get(`/api/v1/ems/persons/${persons.ichiro.id}?${whyQuery}`)).json.transports.length;
  const postsBefore = (await timeline(cm, teams['森田 一郎'].id)).items.length;
  const cases = [
    [{ ...why, occurred_at: jstMinute(), outcome: 'flew' }, 'outcome'],
    [{ ...why, occurred_at: jstMinute(120), outcome: 'not_transported' }, 'occurred_at'],
    [{ ...why, occurred_at: '2026-13-01T10:00', outcome: 'not_transported' }, 'occurred_at'],
    [{ ...why, occurred_at: '', outcome: 'not_transported' }, 'occurred_at'],
    [{ ...why, occurred_at: jstMinute(-60 * 24 * 8), outcome: 'not_transported' }, 'occurred_at'],
    [{ ...why, occurred_at: jstMinute(), outcome: 'transported' }, 'hospital_name'],
    [{ ...why, occurred_at: jstMinute(), outcome: 'transported', hospital_id: 999999 }, 'hospital_id'],
    [{ ...why, occurred_at: jstMinute(), outcome: 'treated_on_site', note: 'あ'.repeat(1001) }, 'note'],
    [{ reason: 'dispatch', incident: '', occurred_at: jstMinute(), outcome: 'treated_on_site' }, 'incident'],
    [{ ...why, occurred_at: jstMinute(), outcome: 'treated_on_site', extra: 1 }, 'extra'],
  ];
  for (const [body, field] of cases) {
    const r = await crew.post(path, body);
    assert.equal(r.status, 400, `${JSON.stringify(body).slice(0, 120)}: ${r.status} ${r.text}`);
    assert.ok(r.json.error.fields.some((f) => f.field === field), `${field} named: ${r.text}`);
  }
  assert.equal((await crew.get(`/api/v1/ems/persons/${persons.ichiro.id}?${whyQuery}`)).json.transports.length, before);
  assert.equal((await timeline(cm, teams['森田 一郎'].id)).items.length, postsBefore);
});

test('a person without consent to disclosure gets nothing written', async () => {
  const body = { ...why, occurred_at: jstMinute(), outcome: 'not_transported', note: '家族に引き継ぎ' };
  const refused = await crew.post(`/api/v1/ems/persons/${persons.jiro.id}/transports`, body);
  assert.equal(refused.status, 404, refused.text);
  assert.equal(refused.json.error.message, '情報提供の同意がありません');
  const board = await timeline(cm, teams['森田 次郎'].id);
  assert.ok(![...board.pinned, ...board.items].some((p) => /救急隊からの報告/.test(p.body)));
  assert.deepEqual((await cm.get(`/api/v1/persons/${persons.jiro.id}/ems-activity`)).json.transports, []);
  // A person id that does not exist looks the same.
  const none = await crew.post('/api/v1/ems/persons/99999999/transports', body);
  assert.equal(none.status, 404, none.text);
  assert.equal(none.json.error.message, '情報提供の同意がありません');
});

test('only a crew reports; only the care team reads the activity', async () => {
  const body = { ...why, occurred_at: jstMinute(), outcome: 'treated_on_site' };
  const byDoctor = await dr.post(`/api/v1/ems/persons/${persons.ichiro.id}/transports`, body);
  assert.equal(byDoctor.status, 403, byDoctor.text);
  assert.equal((await dr.get('/api/v1/ems/hospitals')).status, 403);
  // The crew's account reaches nothing of the care network.
  assert.equal((await crew.get(`/api/v1/persons/${persons.ichiro.id}/ems-activity`)).status, 403);
  // A professional who is not on the team learns nothing.
  const outsider = await loggedIn(server.url, 'takahashi.ns', DEMO_PASSWORD);
  const r = await outsider.get(`/api/v1/persons/${persons.ichiro.id}/ems-activity`);
  assert.ok([403, 404].includes(r.status), `${r.status} ${r.text}`);
  assert.ok(!/つくば中央病院/.test(r.text));
});

test('the region reviews every crew lookup: who, when, why, the incident and which persons, with CSV', async () => {
  // One search that shows 一郎, refused lookups, and a training search without an incident.
  const s = await crew.get(`/api/v1/ems/search?name_kana=${encodeURIComponent('もりた いちろう')}&reason=desk&incident=${encodeURIComponent('R8 1207 0200')}`);
  assert.equal(s.status, 200, s.text);
  assert.equal((await crew.get(`/api/v1/ems/persons/${persons.jiro.id}?${whyQuery}`)).status, 404);

  const r = await city.get('/api/v1/ems/lookups');
  assert.equal(r.status, 200, r.text);
  const items = r.json.items;
  const search = items.find((e) => e.action === 'search' && e.incident === 'R8 1207 0200');
  assert.ok(search, r.text);
  assert.equal(search.reason_label, '指令台での確認');
  assert.equal(search.crew.login, 'yamada.ems');
  assert.equal(search.crew.facility, 'つくば市消防本部');
  assert.ok(search.crew.name.length > 0);
  assert.deepEqual(search.persons.map((p) => p.name), ['森田 一郎']);
  assert.match(search.detail, /matches=1/);
  const refused = items.find((e) => e.action === 'view' && e.outcome === 'denied' && e.persons.some((p) => p.id === persons.jiro.id));
  assert.ok(refused, 'a refused view is in the review');
  assert.equal(refused.incident, 'R8-1207-0101');
  const transport = items.find((e) => e.action === 'transport' && e.outcome === 'success');
  assert.ok(transport && transport.persons[0].name === '森田 一郎', 'the transport report is in it');
  // Newest first; the care team's own reads of the activity are not crew lookups.
  assert.deepEqual(items.map((e) => e.id), [...items.map((e) => e.id)].sort((a, b) => b - a));
  assert.ok(items.every((e) => ['search', 'view', 'transport'].includes(e.action)));

  // Paging: the second page starts below the first.
  const first = (await city.get('/api/v1/ems/lookups?limit=2')).json;
  assert.equal(first.items.length, 2);
  const second = (await city.get(`/api/v1/ems/lookups?limit=2&before=${first.next_before}`)).json;
  assert.ok(second.items.every((e) => e.id < first.items[1].id + 1 && !first.items.some((f) => f.id === e.id)));

  const csv = await city.get('/api/v1/ems/lookups.csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0], '日時,操作,結果,隊員,ログインID,所属,理由,事案番号,対象者,詳細');
  assert.ok(lines.some((l) => l.includes('検索') && l.includes('指令台での確認') && l.includes('R8 1207 0200') && l.includes(`森田 一郎(${persons.ichiro.id})`)), csv.text);
  assert.ok(lines.some((l) => l.includes('閲覧,拒否')), 'refusals are in the CSV');

  // Only the region administrator reviews.
  for (const who of [crew, dr, cm]) {
    assert.equal((await who.get('/api/v1/ems/lookups')).status, 403);
    assert.equal((await who.get('/api/v1/ems/lookups.csv')).status, 403);
  }
});
