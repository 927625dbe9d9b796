// 停電情報連携 over real HTTP: a power company's gateway, enrolled with `musubi gateway
// add-overlay` (a token printed once), sends its outage meshes as GeoJSON. Each is kept as a new
// version of its name; the registered persons whose homes lie inside are counted, those with a
// device that needs electricity marked on the city's map, and their care teams told once — not
// again for the next version. A wrong token, a replay, invalid or oversized GeoJSON are refused
// (and audited), nothing half-stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { Client, loggedIn } from '../support/client.mjs';

let server;
let token;
let cm;
let dr;
let admin;
const persons = {};

// A square mesh of about 1 km around (lat, lon): [lon, lat] positions, closed.
const square = (lat, lon, d = 0.005) => [[
  [lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d],
]];
const outage = (meshes) => ({
  type: 'FeatureCollection',
  features: meshes.map(([lat, lon], i) => ({ type: 'Feature', properties: { name: `メッシュ${i + 1}` }, geometry: { type: 'Polygon', coordinates: square(lat, lon) } })),
});

async function send(body, bearer = token) {
  return new Client(server.url).request('POST', '/api/v1/gateway/overlays', {
    body, csrf: false, headers: bearer === null ? {} : { Authorization: `Bearer ${bearer}` },
  });
}

async function teamPosts(person) {
  const r = await cm.get(`/api/v1/boards/${person.board_id}/posts`);
  const byId = new Map([...r.json.pinned, ...r.json.items].map((p) => [p.id, p]));
  return [...byId.values()];
}

async function personAt(name, kana, reasons, lat, lon) {
  const p = await cm.post('/api/v1/persons', { name, name_kana: kana, birth_date: '1940-04-04', sex: 'male' });
  assert.equal(p.status, 201, p.text);
  const me = (await cm.get('/api/v1/session')).json.user.id;
  const t = await cm.post(`/api/v1/persons/${p.json.id}/care-team`, { admin_user_id: me, team_role: 'care_manager' });
  assert.equal(t.status, 201, t.text);
  const r = await cm.put(`/api/v1/persons/${p.json.id}/support-needs`, { reasons, priority: 1, latitude: lat, longitude: lon });
  assert.equal(r.status, 200, r.text);
  return { ...p.json, board_id: t.json.id };
}

before(async () => {
  server = await startServer();
  const enrolled = server.run(['gateway', 'add-overlay', '--region', 'tsukuba-demo', '--name', '東京電力パワーグリッド 停電情報']);
  assert.equal(enrolled.status, 0, enrolled.stderr);
  token = /トークン（この一度だけ表示します）: (\S+)/.exec(enrolled.stdout)[1];
  [cm, dr, admin] = await Promise.all(['suzuki.cm', 'sato.dr', 'demo-admin'].map((l) => loggedIn(server.url, l, DEMO_PASSWORD)));
  // Far from the demo's towns, so that only these homes are inside.
  persons.vent = await personAt('停電 呼吸', 'ていでん こきゅう', ['ventilator'], 36.3001, 140.3002);
  persons.alone = await personAt('停電 独居', 'ていでん どっきょ', ['living_alone'], 36.2998, 140.2997);
  persons.oxygen = await personAt('停電 酸素', 'ていでん さんそ', ['home_oxygen'], 36.4000, 140.4000);
});
after(() => server.cleanup());

test('an outage arrives: kept as version 1, the homes inside counted, the ventilator user’s team told', async () => {
  const r = await send({ event_id: 'TEPCO-0001', kind: 'outage', name: 'つくば市北部 停電', geojson: outage([[36.30, 140.30]]) });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.version, r.json.features, r.json.persons_inside, r.json.power_persons, r.json.teams_told], [1, 1, 2, 1, 1]);
  const told = (await teamPosts(persons.vent)).find((p) => p.body.startsWith('【停電情報】'));
  assert.ok(told, 'the team is told');
  assert.equal(told.important, true);
  assert.match(told.body, /電源/);
  assert.ok(!(await teamPosts(persons.alone)).some((p) => p.body.startsWith('【停電情報】')), 'no device, no post');

  // The city sees it over the map, the newest version with its shape.
  assert.equal((await dr.get('/api/v1/disaster/overlays')).status, 403);
  const list = await admin.get('/api/v1/disaster/overlays');
  assert.equal(list.status, 200, list.text);
  const o = list.json.items.find((x) => x.name === 'つくば市北部 停電');
  assert.deepEqual([o.kind, o.kind_label, o.version, o.persons_inside, o.power_persons, o.gateway_name], ['outage', '停電', 1, 2, 1, '東京電力パワーグリッド 停電情報']);
  assert.equal(o.geojson.type, 'FeatureCollection');
  assert.deepEqual(o.geojson.features[0].geometry.coordinates[0], square(36.30, 140.30), 'the positions as sent');
  assert.deepEqual(o.geojson.features[0].properties, { name: 'メッシュ1' });

  // On the city's map during a disaster, the homes inside are marked.
  const d = await admin.post('/api/v1/disasters', { name: '停電を伴う地震', kind: 'earthquake', drill: true, area_ids: [] });
  assert.equal(d.status, 201, d.text);
  const map = await admin.get(`/api/v1/disasters/${d.json.id}/map`);
  const flag = (p) => map.json.items.find((e) => e.person_id === p.id).in_outage;
  assert.deepEqual([flag(persons.vent), flag(persons.alone), flag(persons.oxygen)], [true, true, false]);
});

test('sent again it changes nothing; a new version tells no team twice', async () => {
  const body = { event_id: 'TEPCO-0001', kind: 'outage', name: 'つくば市北部 停電', geojson: outage([[36.30, 140.30]]) };
  const again = await send(body);
  assert.equal(again.status, 200, again.text);
  assert.equal(again.json.replayed, true);
  assert.equal(again.json.version, 1);
  const reused = await send({ ...body, geojson: outage([[36.40, 140.40]]) });
  assert.equal(reused.status, 409);

  // Version 2 widens the outage to the oxygen user's home: only that team is told now.
  const wider = await send({ event_id: 'TEPCO-0002', kind: 'outage', name: 'つくば市北部 停電', geojson: outage([[36.30, 140.30], [36.40, 140.40]]) });
  assert.equal(wider.status, 201, wider.text);
  assert.deepEqual([wider.json.version, wider.json.persons_inside, wider.json.power_persons, wider.json.teams_told], [2, 3, 2, 1]);
  const ventPosts = (await teamPosts(persons.vent)).filter((p) => p.body.startsWith('【停電情報】'));
  assert.equal(ventPosts.length, 1, 'told once');
  assert.ok((await teamPosts(persons.oxygen)).some((p) => p.body.startsWith('【停電情報】')));
  const list = await admin.get('/api/v1/disaster/overlays');
  assert.equal(list.json.items.filter((x) => x.name === 'つくば市北部 停電').length, 1, 'the newest version only');
});

test('a wrong token, invalid geometry, bad coordinates and too much are refused whole and audited', async () => {
  const valid = { event_id: 'BAD-1', kind: 'outage', name: '検証', geojson: outage([[36.0, 140.0]]) };
  assert.equal((await send(valid, null)).status, 401);
  const wrong = await send(valid, 'x'.repeat(43));
  assert.equal(wrong.status, 401);
  assert.equal(wrong.json.error.message, '連携システムの認証に失敗しました');

  const open = structuredClone(valid.geojson);
  open.features[0].geometry.coordinates[0].pop();
  const cases = [
    [{ ...valid, event_id: 'BAD-2', geojson: open }, /閉じていません|4点以上/],
    [{ ...valid, event_id: 'BAD-3', geojson: { type: 'Point', coordinates: [140, 36] } }, /FeatureCollection/],
    [{ ...valid, event_id: 'BAD-4', geojson: outage([[95, 140.0]]) }, /緯度は -90〜90/],
    [{ ...valid, event_id: 'BAD-5', geojson: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[['140', '36'], [1, 1], [2, 2], ['140', '36']]] } }] } }, /数値/],
    [{ ...valid, event_id: 'BAD-6', kind: 'meteor' }, /kind/],
    // Small triangles, so that 5,001 of them stay under the body limit (1 MiB).
    [{ ...valid, event_id: 'BAD-7', geojson: { type: 'FeatureCollection', features: Array.from({ length: 5001 }, () => ({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } })) } }, /5000 件まで/],
  ];
  for (const [body, message] of cases) {
    const r = await send(body);
    assert.equal(r.status, 400, `${body.event_id}: ${r.text.slice(0, 200)}`);
    assert.match(JSON.stringify(r.json.error.fields), message, body.event_id);
  }
  const list = await admin.get('/api/v1/disaster/overlays');
  assert.ok(!list.json.items.some((x) => x.name === '検証'), 'nothing stored');
  const audit = await admin.get('/api/v1/audit?action=gateway.overlay');
  const denied = audit.json.items.filter((e) => e.outcome === 'denied');
  assert.ok(denied.length >= 9, `${denied.length} refusals audited`);
  assert.ok(denied.some((e) => e.detail === 'unknown token'));
});
