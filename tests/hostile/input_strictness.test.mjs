// What the author asked for is done or refused, never dropped: unknown fields and repeated keys
// are refused on every route that reads JSON, and 特別便 asked of a reply or a poll is refused
// with a message, not turned into a public post.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';

let server;
let routes;
let admin; // region administrator
let cm; // suzuki.cm: facility administrator, opens the team
let dr; // sato.dr, on the team
let team;
let post; // a public post on the team's board
const ids = {};

// Routes whose body is not a JSON object of fields (a file, a CSV, a mail, a FHIR Bundle).
const NOT_JSON = new Set([
  'POST /api/v1/boards/{id}/attachments',
  'POST /api/v1/users/import',
  'POST /api/v1/inbound-mail',
  'POST /api/v1/fhir/import',
  'POST /api/v1/disaster/register/import', // CSV
]);

before(async () => {
  server = await startServer();
  routes = server.run(['routes']).stdout.trim().split('\n').map((line) => {
    const [method, pattern, access] = line.split('\t');
    return { method, pattern, access };
  });
  [admin, cm, dr] = await Promise.all(['demo-admin', 'suzuki.cm', 'sato.dr'].map((l) => loggedIn(server.url, l, DEMO_PASSWORD)));
  for (const l of ['suzuki.cm', 'sato.dr']) {
    const r = await cm.get('/api/v1/professionals?q=' + encodeURIComponent(l));
    ids[l] = r.json.items[0].id;
  }
  const person = await cm.post('/api/v1/persons', { name: '厳格 トメ', name_kana: 'げんかく とめ', birth_date: '1931-03-03', sex: 'female' });
  assert.equal(person.status, 201, person.text);
  const created = await cm.post(`/api/v1/persons/${person.json.id}/care-team`, { admin_user_id: ids['suzuki.cm'], team_role: 'care_manager' });
  assert.equal(created.status, 201, created.text);
  team = created.json;
  assert.equal((await cm.put(`/api/v1/boards/${team.id}/members/${ids['sato.dr']}`, { team_role: 'primary_doctor' })).status, 200);
  const consent = await cm.post(`/api/v1/persons/${person.json.id}/consents`, { consenter: 'self', consenter_name: '厳格 トメ', consented_on: '2026-01-01' });
  assert.equal(consent.status, 201, consent.text);
  const p = await cm.post(`/api/v1/boards/${team.id}/posts`, { body: '公開の投稿です' });
  assert.equal(p.status, 201, p.text);
  post = p.json;
});
after(() => server.cleanup());

const fieldsOf = (r) => (r.json?.error?.fields ?? []).map((f) => f.field);

async function searchFinds(client, word) {
  const r = await client.get('/api/v1/search?q=' + encodeURIComponent(word));
  assert.equal(r.status, 200, r.text);
  return r.json.items.length;
}

test('a reply asked to be 特別便 is refused with a message, and nothing is posted', async () => {
  const r = await dr.post(`/api/v1/boards/${team.id}/posts`, { body: '返信の秘密ワード甲', parent_id: post.id, restricted_to: [ids['sato.dr']] });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r), ['restricted_to']);
  assert.match(r.json.error.fields[0].message, /特別便/);
  assert.equal(await searchFinds(cm, '返信の秘密ワード甲'), 0);
  // Without the restriction the same reply is fine.
  assert.equal((await dr.post(`/api/v1/boards/${team.id}/posts`, { body: '返信です', parent_id: post.id })).status, 201);
});

test('a poll asked to be 特別便 is refused with a message, and no poll is made', async () => {
  const r = await dr.post(`/api/v1/boards/${team.id}/polls`, { body: '秘密の投票乙', mode: 'choice', options: ['はい', 'いいえ'], restricted_to: [ids['sato.dr']] });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r), ['restricted_to']);
  assert.equal(await searchFinds(cm, '秘密の投票乙'), 0);
});

test('an unknown field is refused by name, and nothing is posted', async () => {
  const r = await dr.post(`/api/v1/boards/${team.id}/posts`, { body: '余計な項目丙', admin: true });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r), ['admin']);
  assert.equal(r.json.error.fields[0].message, 'この項目は受け付けていません');
  assert.equal(await searchFinds(cm, '余計な項目丙'), 0);
});

test('a key given twice is refused, at the top and inside, and nothing is posted', async () => {
  const twice = await dr.request('POST', `/api/v1/boards/${team.id}/posts`, {
    raw: '{"body":"二度書き丁","body":"上書き丁"}', headers: { 'Content-Type': 'application/json' },
  });
  assert.equal(twice.status, 400, twice.text);
  assert.match(twice.json.error.message, /同じ項目が2回/);
  const nested = await dr.request('PUT', `/api/v1/persons/${team.person.id}/summary`, {
    raw: '{"version":0,"summary":{"conditions":[],"conditions":[{"name":"x"}]}}', headers: { 'Content-Type': 'application/json' },
  });
  assert.equal(nested.status, 400, nested.text);
  assert.equal(await searchFinds(cm, '二度書き丁'), 0);
  assert.equal(await searchFinds(cm, '上書き丁'), 0);
});

test('every route that reads JSON names an unknown field in its refusal', async () => {
  const writes = routes.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && !NOT_JSON.has(`${r.method} ${r.pattern}`));
  assert.ok(writes.length >= 40, `${writes.length} routes`);
  const { Client } = await import('../support/client.mjs');
  const anonymous = new Client(server.url);
  const crew = await loggedIn(server.url, 'yamada.ems', DEMO_PASSWORD); // the fire department's routes
  const named = [];
  for (const route of writes) {
    const path = route.pattern.replace(/\{[a-z_]+\}/g, '1');
    const who = route.access === 'public' ? anonymous : route.access === 'roles:ems' ? crew : admin;
    const r = await who.request(route.method, path, { body: { zz_not_a_field: 1 } });
    // The body is read before anything is looked up or done: whatever the id, the answer is 400
    // and names the field. (So logging out with a field does not log out.)
    if (r.status !== 400 || !fieldsOf(r).includes('zz_not_a_field')) named.push(`${route.method} ${route.pattern} → ${r.status}`);
  }
  assert.deepEqual(named, []);
  assert.equal((await admin.get('/api/v1/session')).status, 200, 'still signed in');
});
