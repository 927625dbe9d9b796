// 私の大切な情報カード over real HTTP: a care team member issues the card (its number and the path
// its QR code opens); a crew opens that path and gets the emergency view, audited like a view; a
// card issued again makes the old one useless; anyone but a crew gets nothing from the path, and
// only the team issues or reads the card.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';

let server;
let cm; // on the team
let ns; // takahashi.ns: not on the team
let crew;
let admin;
let person;

const why = 'reason=dispatch&incident=R8-1207-0300';

before(async () => {
  server = await startServer();
  [cm, ns, crew, admin] = await Promise.all(
    ['suzuki.cm', 'takahashi.ns', 'yamada.ems', 'demo-admin'].map((l) => loggedIn(server.url, l, DEMO_PASSWORD)),
  );
  const p = await cm.post('/api/v1/persons', { name: '大塚 シヅ', name_kana: 'おおつか しづ', birth_date: '1935-05-05', sex: 'female' });
  assert.equal(p.status, 201, p.text);
  person = p.json;
  const me = (await cm.get('/api/v1/session')).json.user.id;
  assert.equal((await cm.post(`/api/v1/persons/${person.id}/care-team`, { admin_user_id: me, team_role: 'care_manager' })).status, 201);
  const c = await cm.post(`/api/v1/persons/${person.id}/consents`, {
    consenter: 'self', consenter_name: person.name, consented_on: '2026-01-10', scope: { care_team: true, ems: true },
  });
  assert.equal(c.status, 201, c.text);
});
after(() => server.cleanup());

test('the team issues a card; a crew opens its QR code; a new card makes the old one useless', async () => {
  const none = await cm.get(`/api/v1/persons/${person.id}/card`);
  assert.equal(none.status, 404);
  assert.equal(none.json.error.message, '情報カードはまだ発行されていません');

  const first = await cm.post(`/api/v1/persons/${person.id}/card`, {});
  assert.equal(first.status, 201, first.text);
  assert.match(first.json.number, /^\d{4}-\d{4}-\d{4}$/);
  assert.match(first.json.path, /^\/ems\/card\/[A-Za-z0-9_-]{20,}$/);
  assert.deepEqual((await cm.get(`/api/v1/persons/${person.id}/card`)).json, first.json);
  const token = first.json.path.split('/').pop();

  const view = await crew.get(`/api/v1/ems/cards/${token}?${why}`);
  assert.equal(view.status, 200, view.text);
  assert.equal(view.json.id, person.id);
  assert.equal(view.json.name, '大塚 シヅ');
  // Audited as a view, with its reason and incident.
  const audit = (await admin.get('/api/v1/audit?action=ems.view')).json.items;
  assert.ok(audit.some((e) => e.target_id === String(person.id) && e.detail.includes('incident=R8-1207-0300')), JSON.stringify(audit));

  // Lost card: issued again, the old QR code opens nothing.
  const second = await cm.post(`/api/v1/persons/${person.id}/card`, {});
  assert.equal(second.status, 201);
  assert.notEqual(second.json.path, first.json.path);
  assert.notEqual(second.json.number, first.json.number);
  const old = await crew.get(`/api/v1/ems/cards/${token}?${why}`);
  assert.equal(old.status, 404, old.text);
  assert.match(old.json.error.message, /このカードは使えません/);
  assert.equal((await crew.get(`/api/v1/ems/cards/${second.json.path.split('/').pop()}?${why}`)).status, 200);
});

test('the QR code is useless without a crew login; a reason is still needed; only the team handles the card', async () => {
  const card = (await cm.post(`/api/v1/persons/${person.id}/card`, {})).json;
  const token = card.path.split('/').pop();
  for (const who of [cm, ns, admin]) {
    const r = await who.get(`/api/v1/ems/cards/${token}?${why}`);
    assert.equal(r.status, 403, r.text);
    assert.ok(!r.text.includes('大塚'));
  }
  const anonymous = await fetch(`${server.url}/api/v1/ems/cards/${token}?${why}`);
  assert.equal(anonymous.status, 401);
  assert.ok(!(await anonymous.text()).includes('大塚'));
  const noReason = await crew.get(`/api/v1/ems/cards/${token}`);
  assert.equal(noReason.status, 400, noReason.text);
  // Not on the team: neither reads nor issues the card.
  assert.equal((await ns.get(`/api/v1/persons/${person.id}/card`)).status, 404);
  assert.equal((await ns.post(`/api/v1/persons/${person.id}/card`, {})).status, 404);
  assert.equal((await crew.get(`/api/v1/persons/${person.id}/card`)).status, 403);
  // Random tokens open nothing and look alike.
  for (const t of ['x', 'A'.repeat(24), token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')]) {
    const r = await crew.get(`/api/v1/ems/cards/${t}?${why}`);
    assert.equal(r.status, 404, r.text);
    assert.match(r.json.error.message, /このカードは使えません/);
  }
});

test('a card of a person who withdrew consent opens nothing but that fact', async () => {
  const card = (await cm.post(`/api/v1/persons/${person.id}/card`, {})).json;
  const consents = (await cm.get(`/api/v1/persons/${person.id}/consents`)).json;
  assert.equal((await cm.post(`/api/v1/consents/${consents.current.id}/withdraw`, { reason: '本人の申し出' })).status, 200);
  const r = await crew.get(`/api/v1/ems/cards/${card.path.split('/').pop()}?${why}`);
  assert.equal(r.status, 404, r.text);
  assert.equal(r.json.error.message, '情報提供の同意がありません');
});
