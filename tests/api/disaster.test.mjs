// Disaster mode (災害対応, C8) over real HTTP: the register on a person, a disaster the region
// administrator opens (every team with a 要援護者 in its areas is told on its board, the region
// gets a notice), one-tap safety status from the team (a tap sent twice counts once; a tap made
// offline earlier never overrides a newer one), the city's totals, map and labels, live, and the
// record kept after closing. Who may do what is checked here and in tests/hostile/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { Client, loggedIn } from '../support/client.mjs';
import { openLive } from '../support/live.mjs';
import { now } from '../support/clock.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let server;
let admin; // demo-admin: region administrator (and a professional)
let cm; // suzuki.cm: keeps the teams
let dr; // sato.dr: on every team here
let ns; // yoshida.02: on none of them
let coordinator; // a 防災担当 of the city, made here
const persons = {};
const areas = {};
let disaster;
let keyCount = 0;

const key = () => `test-key-${String(++keyCount).padStart(8, '0')}-${process.pid}`;
const jstIso = (ms) => new Date(ms + 9 * 3600e3).toISOString().slice(0, 19) + '+09:00';

function pdfText(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'musubi-pdf-'));
  try {
    writeFileSync(join(dir, 'list.pdf'), bytes);
    return execFileSync('pdftotext', ['-layout', join(dir, 'list.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function personWithTeam(name, kana) {
  const p = await cm.post('/api/v1/persons', { name, name_kana: kana, birth_date: '1938-05-01', sex: 'female' });
  assert.equal(p.status, 201, p.text);
  const me = (await cm.get('/api/v1/session')).json.user.id;
  const t = await cm.post(`/api/v1/persons/${p.json.id}/care-team`, { admin_user_id: me, team_role: 'care_manager' });
  assert.equal(t.status, 201, t.text);
  const drId = (await dr.get('/api/v1/session')).json.user.id;
  assert.equal((await cm.put(`/api/v1/boards/${t.json.id}/members/${drId}`, { team_role: 'primary_doctor' })).status, 200);
  return { ...p.json, board_id: t.json.id };
}

async function register(person, body) {
  const r = await cm.put(`/api/v1/persons/${person.id}/support-needs`, body);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

async function setStatus(client, body) {
  return client.post(`/api/v1/disasters/${disaster.id}/statuses`, { client_key: key(), ...body });
}

before(async () => {
  server = await startServer();
  [admin, cm, dr, ns] = await Promise.all(
    ['demo-admin', 'suzuki.cm', 'sato.dr', 'yoshida.02'].map((l) => loggedIn(server.url, l, DEMO_PASSWORD)),
  );
  const made = await admin.post('/api/v1/users', {
    login_id: 'bousai.city', name: '防災 太郎', name_kana: 'ぼうさい たろう', roles: ['disaster_coordinator'],
  });
  assert.equal(made.status, 201, made.text);
  coordinator = new Client(server.url);
  await coordinator.login('bousai.city', made.json.temporary_password);
  const changed = await coordinator.put('/api/v1/me/password', {
    current_password: made.json.temporary_password, new_password: 'bousai-pass-2027',
  });
  assert.equal(changed.status, 200, changed.text);
  for (const name of ['試験北地区', '試験東地区', '試験南地区']) {
    const a = await coordinator.post('/api/v1/disaster/areas', { name });
    assert.equal(a.status, 201, a.text);
    areas[name] = a.json;
  }
  persons.vent = await personWithTeam('災害 呼吸', 'さいがい こきゅう');
  persons.alone = await personWithTeam('災害 独居', 'さいがい どっきょ');
  persons.far = await personWithTeam('災害 遠方', 'さいがい えんぽう');
  persons.quiet = await personWithTeam('災害 静香', 'さいがい しずか');
  await register(persons.vent, { reasons: ['ventilator', 'bedridden'], priority: 1, latitude: 36.2135, longitude: 140.1041, area_id: areas['試験北地区'].id });
  await register(persons.alone, { reasons: ['living_alone'], priority: 3, latitude: 36.2101, longitude: 140.0998, area_id: areas['試験北地区'].id });
  await register(persons.far, { reasons: ['dementia'], priority: 2, latitude: 36.0824, longitude: 140.1110, area_id: areas['試験南地区'].id });
  await register(persons.quiet, { reasons: ['home_oxygen'], priority: 2, latitude: 36.1502, longitude: 140.0822, area_id: areas['試験東地区'].id });
});
after(() => server.cleanup());

test('the register: reasons, priority, place and area, kept by the team and the city, with clear refusals', async () => {
  const read = await dr.get(`/api/v1/persons/${persons.vent.id}/support-needs`);
  assert.equal(read.status, 200, read.text);
  assert.deepEqual(read.json.reasons, ['ventilator', 'bedridden']);
  assert.equal(read.json.priority, 1);
  assert.equal(read.json.area_name, '試験北地区');
  assert.equal(read.json.latitude, 36.2135);
  assert.equal(read.json.updated_by_name, (await cm.get('/api/v1/session')).json.user.name);
  assert.equal((await coordinator.get(`/api/v1/persons/${persons.vent.id}/support-needs`)).status, 200);

  const none = await dr.put(`/api/v1/persons/${persons.vent.id}/support-needs`, { reasons: [], priority: 4, latitude: 140.1, longitude: 36.2 });
  assert.equal(none.status, 400);
  const fields = Object.fromEntries(none.json.error.fields.map((f) => [f.field, f.message]));
  assert.match(fields.reasons, /1つ以上/);
  assert.match(fields.priority, /1〜3/);
  assert.match(fields.latitude, /緯度と経度が逆/);
  const half = await dr.put(`/api/v1/persons/${persons.vent.id}/support-needs`, { reasons: ['other'], priority: 2, latitude: 36.1 });
  assert.equal(half.json.error.fields[0].field, 'latitude');
  const noArea = await dr.put(`/api/v1/persons/${persons.vent.id}/support-needs`, { reasons: ['other'], priority: 2, area_id: 999999 });
  assert.equal(noArea.status, 400);
  assert.equal(noArea.json.error.fields[0].message, '地区が見つかりません');
  // Nothing of the refused ones was kept.
  assert.deepEqual((await dr.get(`/api/v1/persons/${persons.vent.id}/support-needs`)).json.reasons, ['ventilator', 'bedridden']);

  // Someone not on the team sees nothing and changes nothing.
  assert.equal((await ns.get(`/api/v1/persons/${persons.vent.id}/support-needs`)).status, 403);
  assert.equal((await ns.put(`/api/v1/persons/${persons.vent.id}/support-needs`, { registered: false })).status, 403);

  // An area's name is unique; a professional reads the names without the counts.
  const dup = await coordinator.post('/api/v1/disaster/areas', { name: '試験北地区' });
  assert.equal(dup.status, 409);
  const cityAreas = (await coordinator.get('/api/v1/disaster/areas')).json.items;
  assert.equal(cityAreas.find((a) => a.name === '試験北地区').persons, 2);
  const proAreas = (await ns.get('/api/v1/disaster/areas')).json.items;
  assert.equal(proAreas.find((a) => a.name === '試験北地区').persons, 0);

  // Out of the register and back.
  const temp = await personWithTeam('災害 一時', 'さいがい いちじ');
  await register(temp, { reasons: ['other'], priority: 3 });
  const out = await cm.put(`/api/v1/persons/${temp.id}/support-needs`, { registered: false });
  assert.deepEqual(out.json, { registered: false });
  assert.deepEqual((await cm.get(`/api/v1/persons/${temp.id}/support-needs`)).json, { registered: false });
});

test('the city imports its 避難行動要支援者名簿: all rows or none, matched by reading and birth date', async () => {
  const header = '氏名,ふりがな,生年月日,性別,住所,電話番号,地区,支援が必要な理由,優先度,緯度,経度,備考';
  const good = [
    header,
    // An existing person (registered above with a team): matched, not duplicated.
    '災害 呼吸,さいがい こきゅう,昭和13年5月1日,女,茨城県つくば市北条1,029-000-0001,試験北地区,人工呼吸器・寝たきり,最優先,36.2135,140.1041,',
    '名簿 一郎,めいぼ いちろう,1941-03-03,男,茨城県つくば市筑波2,029-000-0002,試験山地区,独居、認知症,,36.2201,140.1011,民生委員が見守り',
    '名簿 花子,メイボ ハナコ,1939/7/7,女,茨城県つくば市筑波3,,試験山地区,在宅酸素,,,,',
  ].join('\r\n');
  const bad = good.replace('独居、認知症', '独居、空を飛ぶ').replace('1939/7/7', '1939年13月1日');
  const refused = await coordinator.request('POST', '/api/v1/disaster/register/import', { raw: '\ufeff' + bad, headers: { 'Content-Type': 'text/csv' } });
  assert.equal(refused.status, 422, refused.text);
  assert.deepEqual(refused.json.errors.map((e) => [e.row, e.field]).sort(), [[2, '支援が必要な理由'], [3, '生年月日']]);
  assert.equal((await coordinator.get('/api/v1/disaster/areas')).json.items.some((a) => a.name === '試験山地区'), false, 'nothing written');

  const dry = await coordinator.request('POST', '/api/v1/disaster/register/import?dry_run=1', { raw: good, headers: { 'Content-Type': 'text/csv' } });
  assert.equal(dry.status, 200, dry.text);
  assert.deepEqual([dry.json.matched, dry.json.created, dry.json.areas_created, dry.json.imported], [1, 2, 1, false]);
  assert.equal((await cm.request('POST', '/api/v1/disaster/register/import', { raw: good, headers: { 'Content-Type': 'text/csv' } })).status, 403);

  const r = await coordinator.request('POST', '/api/v1/disaster/register/import', { raw: good, headers: { 'Content-Type': 'text/csv' } });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.matched, r.json.created, r.json.areas_created, r.json.imported], [1, 2, 1, true]);
  const found = await admin.get('/api/v1/persons?q=' + encodeURIComponent('めいぼ'));
  const hanako = found.json.items.find((p) => p.name === '名簿 花子');
  assert.ok(hanako, JSON.stringify(found.json));
  const needs = await coordinator.get(`/api/v1/persons/${hanako.id}/support-needs`);
  assert.deepEqual([needs.json.reasons, needs.json.priority, needs.json.area_name, needs.json.latitude], [['home_oxygen'], 1, '試験山地区', null]);
  const matched = await dr.get(`/api/v1/persons/${persons.vent.id}/support-needs`);
  assert.deepEqual(matched.json.reasons, ['ventilator', 'bedridden']);
  const missing = await coordinator.request('POST', '/api/v1/disaster/register/import', { raw: '氏名,生年月日\r\nx,1940-01-01', headers: { 'Content-Type': 'text/csv' } });
  assert.equal(missing.status, 422);
  assert.match(missing.json.errors[0].message, /ふりがな、支援が必要な理由/);
});

test('opening a disaster: the region administrator only; each team with a 要援護者 in its areas is told on its board', async () => {
  const body = { name: '震度6弱 地震（訓練）', kind: 'earthquake', drill: true, area_ids: [areas['試験北地区'].id, areas['試験南地区'].id] };
  assert.equal((await coordinator.post('/api/v1/disasters', body)).status, 403);
  assert.equal((await cm.post('/api/v1/disasters', body)).status, 403);
  const bad = await admin.post('/api/v1/disasters', { name: '', kind: 'meteor', area_ids: [] });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.json.error.fields.map((f) => f.field).sort(), ['kind', 'name']);
  const unknownArea = await admin.post('/api/v1/disasters', { ...body, area_ids: [999999] });
  assert.equal(unknownArea.status, 400);
  assert.equal((await admin.get('/api/v1/disasters')).json.items.length, 0, 'refusals opened nothing');

  const r = await admin.post('/api/v1/disasters', body);
  assert.equal(r.status, 201, r.text);
  disaster = r.json;
  assert.equal(disaster.teams_told, 3);
  assert.equal(disaster.kind_label, '地震');
  assert.equal(disaster.drill, true);
  assert.deepEqual(disaster.areas.map((a) => a.name).sort(), ['試験北地区', '試験南地区'].sort());
  assert.equal(disaster.closed_at, null);

  const board = await dr.get(`/api/v1/boards/${persons.vent.board_id}/posts`);
  const told = [...board.json.pinned, ...board.json.items].find((p) => p.body.startsWith('【災害対応・訓練】'));
  assert.ok(told, 'the team is told on its board');
  assert.equal(told.important, true);
  assert.match(told.body, new RegExp(`/disaster/${disaster.id}/mine`));
  const quietBoard = await dr.get(`/api/v1/boards/${persons.quiet.board_id}/posts`);
  assert.ok(![...quietBoard.json.pinned, ...quietBoard.json.items].some((p) => p.body.startsWith('【災害対応')), 'an area outside the disaster is not told');
  const notices = await ns.get('/api/v1/notices');
  assert.ok(notices.json.items.some((n) => n.title === '【災害対応・訓練】震度6弱 地震（訓練）'), 'every user gets the notice');

  const listed = await ns.get('/api/v1/disasters');
  assert.equal(listed.json.items[0].id, disaster.id);
});

test('one tap sets a status; the same tap again counts once; only the team may; the city sees it live', async () => {
  const cityLive = openLive(server.url, coordinator);
  await cityLive.until((l) => l.messages.some((m) => m.type === 'hello'));

  const mine = await dr.get(`/api/v1/disasters/${disaster.id}/mine`);
  assert.equal(mine.status, 200, mine.text);
  assert.deepEqual(mine.json.items.map((e) => e.name), ['災害 呼吸', '災害 遠方', '災害 独居'], 'priority first; 大穂 is outside');
  assert.ok(mine.json.items.every((e) => e.status === 'unchecked'));
  assert.deepEqual((await ns.get(`/api/v1/disasters/${disaster.id}/mine`)).json.items, []);

  const first = { person_id: persons.vent.id, status: 'safe', client_key: key() };
  const r = await dr.post(`/api/v1/disasters/${disaster.id}/statuses`, first);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.replayed, false);
  assert.equal(r.json.report.reported_by_name, (await dr.get('/api/v1/session')).json.user.name);
  assert.ok(r.json.report.reported_facility);
  const again = await dr.post(`/api/v1/disasters/${disaster.id}/statuses`, first);
  assert.equal(again.status, 200);
  assert.equal(again.json.replayed, true);
  assert.equal(again.json.report.id, r.json.report.id);
  // The key is the tap's: another person under it is a conflict, not a new report.
  const stolen = await dr.post(`/api/v1/disasters/${disaster.id}/statuses`, { ...first, person_id: persons.alone.id });
  assert.equal(stolen.status, 409);
  await cityLive.until((l) => l.messages.some((m) => m.type === 'disaster' && m.disaster_id === disaster.id));
  const message = cityLive.messages.find((m) => m.type === 'disaster');
  assert.deepEqual(Object.keys(message).sort(), ['disaster_id', 'type', 'version'], 'the live message names no person');
  await cityLive.close();

  const noted = await setStatus(dr, { person_id: persons.alone.id, status: 'noted' });
  assert.equal(noted.status, 400);
  assert.match(noted.json.error.fields[0].message, /特記事項/);
  assert.equal((await setStatus(dr, { person_id: persons.alone.id, status: 'lost' })).status, 400);
  assert.equal((await setStatus(dr, { person_id: persons.alone.id, status: 'safe', client_key: 'short' })).status, 400);
  assert.equal((await setStatus(ns, { person_id: persons.alone.id, status: 'safe' })).status, 403);
  assert.equal((await setStatus(coordinator, { person_id: persons.alone.id, status: 'safe' })).status, 403);
  const outside = await setStatus(dr, { person_id: persons.quiet.id, status: 'safe' });
  assert.equal(outside.status, 404);
  assert.match(outside.json.error.message, /台帳にない/);

  const history = await dr.get(`/api/v1/disasters/${disaster.id}/persons/${persons.vent.id}`);
  assert.equal(history.status, 200, history.text);
  assert.equal(history.json.history.length, 1, 'the replayed tap was not kept twice');
  assert.equal(history.json.entry.status, 'safe');
  assert.equal((await ns.get(`/api/v1/disasters/${disaster.id}/persons/${persons.vent.id}`)).status, 403);
});

test('a tap made offline earlier is kept in the history but does not override a newer status', async () => {
  const newer = await setStatus(dr, { person_id: persons.far.id, status: 'noted', note: '避難所（北条小学校）へ避難' });
  assert.equal(newer.status, 201, newer.text);
  const offline = await setStatus(dr, {
    person_id: persons.far.id, status: 'unreachable', observed_at: jstIso(now() - 60_000),
  });
  assert.equal(offline.status, 201, offline.text);
  const h = await dr.get(`/api/v1/disasters/${disaster.id}/persons/${persons.far.id}`);
  assert.equal(h.json.entry.status, 'noted');
  assert.equal(h.json.entry.note, '避難所（北条小学校）へ避難');
  assert.deepEqual(h.json.history.map((x) => x.status).sort(), ['noted', 'unreachable'], 'both kept');
  // A phone's clock ahead of the server's is taken as now, never as the future.
  const ahead = await setStatus(dr, { person_id: persons.far.id, status: 'safe', observed_at: jstIso(now() + 3600e3) });
  assert.equal(ahead.status, 201);
  assert.ok(Date.parse(ahead.json.report.observed_at) <= Date.parse(ahead.json.report.received_at));
  // (Whether that tap, taken as now, is newer than the note depends on the second each arrived
  // in.) A tap sent at once is the newest: it is current whatever the seconds.
  const again = await setStatus(dr, { person_id: persons.far.id, status: 'noted', note: '避難所（北条小学校）へ避難' });
  assert.equal(again.status, 201, again.text);
  assert.equal((await dr.get(`/api/v1/disasters/${disaster.id}/persons/${persons.far.id}`)).json.entry.status, 'noted');
  const malformed = await setStatus(dr, { person_id: persons.far.id, status: 'safe', observed_at: 'yesterday' });
  assert.equal(malformed.status, 400);
});

test('the city sees totals by status, area and priority, the map, only what changed, and sets labels', async () => {
  assert.equal((await dr.get(`/api/v1/disasters/${disaster.id}/summary`)).status, 403);
  assert.equal((await dr.get(`/api/v1/disasters/${disaster.id}/map`)).status, 403);
  const summary = await coordinator.get(`/api/v1/disasters/${disaster.id}/summary`);
  assert.equal(summary.status, 200, summary.text);
  assert.deepEqual(summary.json.totals, { all: 3, unchecked: 1, safe: 1, noted: 1, unreachable: 0 });
  const hojo = summary.json.areas.find((a) => a.name === '試験北地区');
  assert.deepEqual([hojo.all, hojo.safe, hojo.unchecked], [2, 1, 1]);
  assert.ok(!summary.json.areas.some((a) => a.name === '試験東地区'), 'only the disaster areas');
  assert.deepEqual(summary.json.priorities.map((p) => [p.priority, p.all]), [[1, 1], [2, 1], [3, 1]]);

  const map = await coordinator.get(`/api/v1/disasters/${disaster.id}/map`);
  assert.equal(map.status, 200, map.text);
  assert.equal(map.json.full, true);
  assert.equal(map.json.items.length, 3);
  const vent = map.json.items.find((e) => e.person_id === persons.vent.id);
  assert.deepEqual([vent.latitude, vent.longitude, vent.status], [36.2135, 140.1041, 'safe']);

  // The same as points: an array per person in the order of "fields", areas by id.
  const points = await coordinator.get(`/api/v1/disasters/${disaster.id}/map?format=points`);
  assert.equal(points.status, 200, points.text);
  const at = Object.fromEntries(points.json.fields.map((f, i) => [f, i]));
  const ventPoint = points.json.items.find((p) => p[at.person_id] === persons.vent.id);
  assert.deepEqual([ventPoint[at.name], ventPoint[at.latitude], ventPoint[at.longitude], ventPoint[at.status], ventPoint[at.needs_power]], ['災害 呼吸', 36.2135, 140.1041, 'safe', 1]);
  const areaNames = new Map(points.json.areas);
  assert.equal(areaNames.get(ventPoint[at.area_id]), '試験北地区');
  assert.equal(points.json.items.length, 3);
  assert.ok(!points.text.includes('029-'), 'no phone, no address in the points');

  const label = await coordinator.put(`/api/v1/disasters/${disaster.id}/persons/${persons.alone.id}/label`, { label: 'red' });
  assert.equal(label.status, 200, label.text);
  assert.equal(label.json.label, 'red');
  assert.equal((await coordinator.put(`/api/v1/disasters/${disaster.id}/persons/${persons.alone.id}/label`, { label: 'purple' })).status, 400);
  assert.equal((await dr.put(`/api/v1/disasters/${disaster.id}/persons/${persons.alone.id}/label`, { label: 'blue' })).status, 403);

  const delta = await coordinator.get(`/api/v1/disasters/${disaster.id}/map?since=${map.json.version}`);
  assert.equal(delta.json.full, false);
  assert.deepEqual(delta.json.items.map((e) => [e.person_id, e.label]), [[persons.alone.id, 'red']]);
  assert.ok(delta.json.version > map.json.version);
  assert.equal((await coordinator.get(`/api/v1/disasters/${disaster.id}/map?since=-1`)).status, 400);

  const audit = await admin.get('/api/v1/audit?action=disaster.');
  const actions = new Set(audit.json.items.map((e) => e.action));
  for (const a of ['disaster.open', 'disaster.status', 'disaster.map', 'disaster.summary', 'disaster.label', 'disaster.mine']) {
    assert.ok(actions.has(a), `${a} is audited`);
  }
});

test('the city prints the list by area and status as a PDF with whom to call', async () => {
  const path = `/api/v1/disasters/${disaster.id}/list.pdf?area_id=${areas['試験北地区'].id}`;
  assert.equal((await dr.get(path)).status, 403);
  const res = await fetch(server.url + path, { headers: { Cookie: coordinator.cookie } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const text = pdfText(Buffer.from(await res.arrayBuffer()));
  assert.match(text, /要援護者 安否確認リスト（訓練）/);
  assert.match(text, /試験北地区/);
  assert.match(text, /災害 呼吸/);
  assert.match(text, /人工呼吸器/);
  assert.match(text, /安否確認済み/);
  const cmName = (await cm.get('/api/v1/session')).json.user.name;
  assert.ok(text.includes(cmName), 'the care manager to call');
  assert.doesNotMatch(text, /災害 遠方/, 'another area is left out');
  const unchecked = await fetch(`${server.url}/api/v1/disasters/${disaster.id}/list.pdf?status=unchecked`, { headers: { Cookie: coordinator.cookie } });
  const uncheckedText = pdfText(Buffer.from(await unchecked.arrayBuffer()));
  assert.match(uncheckedText, /災害 独居/);
  assert.doesNotMatch(uncheckedText, /災害 呼吸/);
  assert.equal((await coordinator.get(`/api/v1/disasters/${disaster.id}/list.pdf?status=lost`)).status, 400);
});

test('a large map is sent compressed to a client that accepts gzip', async () => {
  // Enough registered persons in the whole region to be worth compressing.
  const given = ['あい', 'いく', 'うた', 'えみ', 'おと', 'かな', 'きく', 'くみ', 'けい', 'こう', 'さち', 'しほ'];
  for (let i = 0; i < 12; i++) {
    const p = await personWithTeam(`災害 多数${i}`, `さいがい ${given[i]}`);
    await register(p, { reasons: ['bedridden'], priority: 2, latitude: 36.1 + i / 1000, longitude: 140.1, area_id: areas['試験北地区'].id });
  }
  const res = await fetch(`${server.url}/api/v1/disasters/${disaster.id}/map`, {
    headers: { Cookie: coordinator.cookie, 'Accept-Encoding': 'gzip' },
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-encoding'), 'gzip');
  const body = await res.json(); // fetch decompresses
  assert.equal(body.items.length, 15);
  const plain = await fetch(`${server.url}/api/v1/disasters/${disaster.id}/map`, {
    headers: { Cookie: coordinator.cookie, 'Accept-Encoding': 'gzip;q=0' },
  });
  assert.equal(plain.headers.get('content-encoding'), null);
});

test('closing keeps the record: everything readable, no new status, a tap already received still answers', async () => {
  const tap = { person_id: persons.alone.id, status: 'safe', client_key: key() };
  assert.equal((await dr.post(`/api/v1/disasters/${disaster.id}/statuses`, tap)).status, 201);
  assert.equal((await coordinator.post(`/api/v1/disasters/${disaster.id}/close`)).status, 403);
  const closed = await admin.post(`/api/v1/disasters/${disaster.id}/close`);
  assert.equal(closed.status, 200, closed.text);
  assert.ok(closed.json.closed_at);
  assert.equal((await admin.post(`/api/v1/disasters/${disaster.id}/close`)).status, 409);
  const late = await setStatus(dr, { person_id: persons.vent.id, status: 'unreachable' });
  assert.equal(late.status, 409);
  assert.equal(late.json.error.message, 'この災害対応は終了しています');
  const replay = await dr.post(`/api/v1/disasters/${disaster.id}/statuses`, tap);
  assert.equal(replay.status, 200, 'a queued tap that had arrived gets its first answer');
  assert.equal(replay.json.replayed, true);
  const summary = await coordinator.get(`/api/v1/disasters/${disaster.id}/summary`);
  assert.deepEqual([summary.json.totals.safe, summary.json.totals.noted], [2, 1]);
  const list = await dr.get('/api/v1/disasters');
  assert.equal(list.json.items.find((d) => d.id === disaster.id).closed_at, closed.json.closed_at);
});
