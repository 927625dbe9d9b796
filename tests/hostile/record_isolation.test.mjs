// A professional who is not on a person's care team tries every route of the person record
// (summary, history, insurance, ACP, consents, forms, PDF, FHIR) with that person's ids, and
// ids that do not exist: always 403, never a word of the record. The route list comes from
// `musubi routes`, so new record routes are covered. Hostile FHIR files change nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { Client, loggedIn } from '../support/client.mjs';

let server;
let routes;
let admin;
let owner; // sato.dr, on the team
let intruder; // takahashi.ns, not on it
let ids;
const SECRET = '秘密の持病';

before(async () => {
  server = await startServer();
  routes = server.run(['routes']).stdout.trim().split('\n').map((line) => {
    const [method, pattern] = line.split('\t');
    return { method, pattern };
  });
  admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
  owner = await loggedIn(server.url, 'sato.dr', DEMO_PASSWORD);
  intruder = await loggedIn(server.url, 'takahashi.ns', DEMO_PASSWORD);
  const me = (await owner.get('/api/v1/session')).json.user;
  const person = await admin.post('/api/v1/persons', { name: '隠岐 ハル', name_kana: 'おき はる', birth_date: '1938-02-02', sex: 'female' });
  assert.equal((await admin.post(`/api/v1/persons/${person.json.id}/care-team`, { admin_user_id: me.id, team_role: 'primary_doctor' })).status, 201);
  const summary = await owner.put(`/api/v1/persons/${person.json.id}/summary`, { version: 0, summary: { conditions: [{ name: SECRET }], insurance: { care_insured_number: '9876543210' } } });
  assert.equal(summary.status, 200, summary.text);
  await owner.post(`/api/v1/persons/${person.json.id}/acp`, { plan: { discussed_on: '2026-05-01', participants: [{ name: '本人' }], wishes: SECRET } });
  const consent = await owner.post(`/api/v1/persons/${person.json.id}/consents`, { consenter: 'self', consenter_name: '隠岐 ハル', consented_on: '2026-01-01', note: SECRET });
  const form = await owner.post(`/api/v1/persons/${person.json.id}/forms`, { template: 'shujii_ikensho' });
  ids = { person: person.json.id, consent: consent.json.id, form: form.json.id };
});
after(() => server.cleanup());

function bodyFor(method) {
  if (method === 'GET') return undefined;
  return { version: 1, summary: {}, plan: { discussed_on: '2026-01-01', participants: [{ name: 'x' }], wishes: 'x' }, consenter: 'self', consenter_name: 'x', consented_on: '2026-01-01', template: 'shujii_ikensho', values: {}, reason: 'x' };
}

test('every record route with the person’s ids answers 403 to a non-member and shows nothing', async () => {
  const record = routes.filter((r) => /persons\/\{id\}\/(summary|acp|consents|forms|fhir)|\/forms\/\{id\}|\/consents\/\{id\}/.test(r.pattern));
  assert.ok(record.length >= 14, `the record routes are listed: ${record.length}`);
  let tried = 0;
  for (const r of record) {
    const own = r.pattern.startsWith('/api/v1/forms/') ? ids.form : r.pattern.startsWith('/api/v1/consents/') ? ids.consent : ids.person;
    for (const id of [own, own + 100000]) {
      const res = await (bodyFor(r.method) ? intruder.requestKnownFields(r.method, r.pattern.replace('{id}', String(id)), bodyFor(r.method)) : intruder.request(r.method, r.pattern.replace('{id}', String(id))));
      assert.equal(res.status, 403, `${r.method} ${r.pattern} (${id}): ${res.status} ${res.text}`);
      assert.ok(!res.text.includes(SECRET) && !res.text.includes('隠岐') && !res.text.includes('9876'), `${r.method} ${r.pattern} leaked`);
      tried++;
    }
  }
  assert.ok(tried >= 28, `tried ${tried}`);
  // Nothing the intruder sent was written.
  const summary = await owner.get(`/api/v1/persons/${ids.person}/summary`);
  assert.equal(summary.json.version, 1);
  assert.equal((await owner.get(`/api/v1/persons/${ids.person}/acp`)).json.items.length, 1);
  assert.equal((await owner.get(`/api/v1/persons/${ids.person}/consents`)).json.items[0].withdrawn_at, null);
  const denied = await admin.get(`/api/v1/audit?actor=takahashi.ns&limit=500`);
  assert.ok(denied.json.items.filter((e) => e.outcome === 'denied').length >= tried - 2, 'each refusal is audited');
});

test('hostile FHIR files are refused whole, with nothing imported', async () => {
  const before = (await admin.get('/api/v1/persons?limit=200')).json.items.length;
  const nest = (depth) => {
    let s = '"x"';
    for (let i = 0; i < depth; i++) s = `{"a":${s}}`;
    return s;
  };
  const patient = { resourceType: 'Patient', name: [{ text: '偽物 太郎', extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation', valueCode: 'IDE' }] }, { text: 'ニセモノ タロウ', extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation', valueCode: 'SYL' }] }], birthDate: '1950-01-01', gender: 'male' };
  const cases = [
    ['not JSON', '{"resourceType": "Bundle", '],
    ['deep nesting', `{"resourceType":"Bundle","entry":[{"resource":${nest(50000)}}]}`],
    ['huge entry array', JSON.stringify({ resourceType: 'Bundle', entry: Array.from({ length: 5000 }, () => ({ resource: { resourceType: 'Condition' } })) })],
    ['wrong types', JSON.stringify({ resourceType: 'Bundle', entry: [{ resource: { ...patient, birthDate: 19500101, name: 'x' } }] })],
    ['a condition about another patient', JSON.stringify({ resourceType: 'Bundle', entry: [{ fullUrl: 'urn:uuid:1', resource: patient }, { resource: { resourceType: 'Condition', code: { text: '偽' }, subject: { reference: 'Patient/42' } } }] })],
    ['an array for a body', '[]'],
  ];
  for (const [name, body] of cases) {
    const r = await admin.request('POST', '/api/v1/fhir/import', { raw: body, headers: { 'Content-Type': 'application/json' } });
    assert.ok([400, 413].includes(r.status), `${name}: ${r.status} ${r.text.slice(0, 200)}`);
    if (r.status === 400) assert.ok(r.json.error.message, name);
  }
  // A professional (no administrator role) may not import at all.
  const facility = (await admin.get('/api/v1/facilities?limit=1')).json.items[0].id;
  const made = await admin.post('/api/v1/users', { login_id: 'plain.pro', name: '一般 職員', name_kana: 'いっぱん しょくいん', roles: ['professional'], facility_id: facility, email: '' });
  assert.equal(made.status, 201, made.text);
  const plain = new Client(server.url);
  await plain.login('plain.pro', made.json.temporary_password);
  await plain.put('/api/v1/me/password', { current_password: made.json.temporary_password, new_password: 'plain-pro-pass-2027' });
  const good = JSON.stringify({ resourceType: 'Bundle', entry: [{ resource: patient }] });
  assert.equal((await plain.request('POST', '/api/v1/fhir/import', { raw: good, headers: { 'Content-Type': 'application/json' } })).status, 403);
  assert.equal((await admin.get('/api/v1/persons?limit=200')).json.items.length, before, 'nothing half-imported');
  assert.equal((await admin.get('/healthz')).status, 200, 'the server is still there');
});

test('a region administrator who is not on the team sees its board page without the record', async () => {
  await owner.post(`/api/v1/persons/${ids.person}/acp`, { plan: { discussed_on: '2026-06-01', participants: [{ name: '本人' }], treatments: { cpr: 'declines' }, place_of_death: 'home', proxy: { name: '隠岐 一郎', relation: '長男' } } });
  const team = (await owner.get('/api/v1/care-teams')).json.items.find((t) => t.person?.id === ids.person);
  const mine = await owner.get(`/api/v1/boards/${team.id}`);
  assert.match(mine.json.record.acp_headline, /心肺蘇生/, 'the team sees the banner');
  const theirs = await admin.get(`/api/v1/boards/${team.id}`);
  assert.equal(theirs.status, 200, 'she manages the team');
  assert.equal(theirs.json.me, null);
  assert.equal(theirs.json.record, null, 'no もしものとき, no consent');
  assert.ok(!/心肺蘇生|長男|一郎|consent_expires_on/.test(theirs.text), theirs.text);
  assert.equal((await admin.get(`/api/v1/persons/${ids.person}/acp`)).status, 403, 'as the record itself answers');
});

test('one duplicate rule for registering and importing; another facility\'s person is never named', async () => {
  const cm = await loggedIn(server.url, 'suzuki.cm', DEMO_PASSWORD); // her care-management office
  const registered = await cm.post('/api/v1/persons', { name: '重複 ミツ', name_kana: 'ちょうふく みつ', birth_date: '1939-09-09', sex: 'female' });
  assert.equal(registered.status, 201, registered.text);
  const kana = (text, code) => ({ text, extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation', valueCode: code }] });
  const bundle = JSON.stringify({ resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Patient', name: [kana('別名 ミツ', 'IDE'), kana('チョウフク ミツ', 'SYL')], birthDate: '1939-09-09', gender: 'female' } }] });
  const fhir = (client, query = '') => client.request('POST', '/api/v1/fhir/import' + query, { raw: bundle, headers: { 'Content-Type': 'application/fhir+json' } });

  // takahashi.ns administers another facility: she cannot see that person, so nothing names them.
  const imported = await fhir(intruder);
  assert.equal(imported.status, 201, imported.text);
  assert.ok(!imported.text.includes('重複'), 'the other facility\'s person is not named');
  const own = await intruder.post('/api/v1/persons', { name: '重複 ミツ', name_kana: 'ちょうふく みつ', birth_date: '1939-09-09', sex: 'female' });
  assert.equal(own.status, 409, 'her own import is now the duplicate she sees');
  assert.match(own.json.error.message, /別名 ミツさん/);
  assert.ok(!own.text.includes('重複 ミツさん'));

  // In her own scope the care manager is told, by name, on both routes; "a different person" lets her go on.
  for (const again of [await cm.post('/api/v1/persons', { name: '重複 ミツ', name_kana: 'チョウフク ミツ', birth_date: '1939-09-09', sex: 'female' }), await fhir(cm)]) {
    assert.equal(again.status, 409, again.text);
    assert.match(again.json.error.message, /重複 ミツさん/);
    assert.deepEqual(again.json.error.fields.map((f) => f.field), ['different_person']);
  }
  assert.equal((await cm.post('/api/v1/persons', { name: '重複 ミツ', name_kana: 'ちょうふく みつ', birth_date: '1939-09-09', sex: 'female', different_person: true })).status, 201);
  assert.equal((await fhir(cm, '?different_person=1')).status, 201);
  // Registering a namesake anyway is on the record, for both routes.
  const declared = (await admin.get('/api/v1/audit?actor=suzuki.cm&action=person.&limit=50')).json.items.filter((e) => /declared a different person/.test(e.detail));
  assert.deepEqual(declared.map((e) => e.action).sort(), ['person.create', 'person.import_fhir']);
});
