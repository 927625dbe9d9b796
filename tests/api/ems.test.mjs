// The emergency lookup (救急情報連携) over real HTTP: a crew of the fire department finds a person
// by kana typed any way, by a birth date in 和暦 (or only its year), by the last digits of a phone
// or part of the address, and opens the emergency view — もしものとき, the summary's key facts,
// the next of kin first. Only persons whose consent discloses to the fire department are shown;
// every lookup carries its reason and incident into the audit log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';

let server;
let cm; // suzuki.cm: registers the persons and keeps their records
let crew; // yamada.ems: つくば市消防本部
let admin; // demo-admin: reads the audit log
const persons = {};

const dispatch = 'reason=dispatch&incident=' + encodeURIComponent('R8-1207-0042');

async function personWithRecord({ name, kana, birth, phone, address, sex, ems, withdraw }) {
  const p = await cm.post('/api/v1/persons', { name, name_kana: kana, birth_date: birth, sex, phone, address });
  assert.equal(p.status, 201, p.text);
  const me = (await cm.get('/api/v1/session')).json.user.id;
  const t = await cm.post(`/api/v1/persons/${p.json.id}/care-team`, { admin_user_id: me, team_role: 'care_manager' });
  assert.equal(t.status, 201, t.text);
  const c = await cm.post(`/api/v1/persons/${p.json.id}/consents`, {
    consenter: 'self', consenter_name: name, consented_on: '令和8年1月10日', scope: { care_team: true, ems },
  });
  assert.equal(c.status, 201, c.text);
  if (withdraw) assert.equal((await cm.post(`/api/v1/consents/${c.json.id}/withdraw`, { reason: '本人の申し出' })).status, 200);
  return p.json;
}

before(async () => {
  server = await startServer();
  [cm, crew, admin] = await Promise.all(
    ['suzuki.cm', 'yamada.ems', 'demo-admin'].map((l) => loggedIn(server.url, l, DEMO_PASSWORD)),
  );
  persons.tome = await personWithRecord({
    name: '川口 トメ', kana: 'かわぐち とめ', birth: '昭和8年7月7日', sex: 'female',
    phone: '029-864-1234', address: '茨城県つくば市北条1番地', ems: true,
  });
  const s = await cm.put(`/api/v1/persons/${persons.tome.id}/summary`, {
    version: 0,
    summary: {
      conditions: [{ name: '慢性心不全' }, { name: '2型糖尿病' }],
      medications: [{ name: 'フロセミド 20mg', dosage: '1日1回 朝' }],
      allergies: [{ substance: 'ペニシリン', reaction: '発疹' }],
      devices: [{ name: 'ペースメーカー', note: '2019年植込み' }],
      vaccinations: [{ vaccine: '新型コロナウイルス', date: '令和8年10月' }],
      care: { level: 'care2' },
      living: 'alone',
      primary_doctor: { name: '佐藤 一郎', facility: 'さくら在宅クリニック', phone: '029-800-0301' },
      contacts: [
        { name: '川口 次郎', relation: '甥', phone: '029-111-2222' },
        { name: '川口 花子', relation: '長女', phone: '090-1234-5678', next_of_kin: true },
      ],
    },
  });
  assert.equal(s.status, 200, s.text);
  const acp = await cm.post(`/api/v1/persons/${persons.tome.id}/acp`, {
    plan: {
      discussed_on: '2026-10-01', participants: [{ name: '川口 トメ', role: '本人' }],
      treatments: { cpr: 'declines' }, place_of_death: 'home', proxy: { name: '川口 花子', relation: '長女', phone: '090-1234-5678' },
    },
  });
  assert.equal(acp.status, 201, acp.text);
  // Same reading, no disclosure to the fire department.
  persons.tomi = await personWithRecord({
    name: '川口 トミ', kana: 'カワグチ トミ', birth: '1933-02-01', sex: 'female', phone: '029-864-9999', address: '茨城県つくば市北条2番地', ems: false,
  });
  // Consented once, then withdrew.
  persons.ken = await personWithRecord({
    name: '川口 健', kana: 'かわぐち けん', birth: '1950-05-05', sex: 'male', phone: '029-864-5555', address: '茨城県つくば市北条3番地', ems: true, withdraw: true,
  });
});
after(() => server.cleanup());

test('a crew finds a person by kana typed any way, by 和暦 birth date, phone digits or address part', async () => {
  for (const q of [
    'name_kana=' + encodeURIComponent('ｶﾜｸﾞﾁﾄﾒ'),
    'name_kana=' + encodeURIComponent('カワグチ　トメ'),
    'name=' + encodeURIComponent('川口 トメ'),
    'birth_date=' + encodeURIComponent('昭和8年7月7日'),
    'birth_date=' + encodeURIComponent('S8.7.7') + '&sex=female',
    'phone=' + encodeURIComponent('１２３４'),
    'phone=' + encodeURIComponent('(029) 864-1234'),
    'address=' + encodeURIComponent('北条1番地'),
  ]) {
    const r = await crew.get(`/api/v1/ems/search?${q}&${dispatch}`);
    assert.equal(r.status, 200, `${q}: ${r.text}`);
    const found = r.json.items.filter((i) => i.consented);
    assert.deepEqual(found.map((i) => i.id), [persons.tome.id], q);
    assert.equal(found[0].birth_date_wareki, '昭和8年7月7日');
    assert.equal(found[0].name_kana, 'かわぐち とめ');
    assert.ok(found[0].age >= 93, `age ${found[0].age}`);
  }
});

test('a match without consent says so and nothing else; a withdrawn consent discloses nothing', async () => {
  const r = await crew.get(`/api/v1/ems/search?name_kana=${encodeURIComponent('かわぐち')}&${dispatch}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.total, 3);
  assert.equal(r.json.items.length, 3);
  assert.equal(r.json.items[0].id, persons.tome.id, 'the consented one first');
  const silent = r.json.items.filter((i) => !i.consented);
  assert.equal(silent.length, 2);
  for (const i of silent) {
    assert.deepEqual(Object.keys(i).sort(), ['consented', 'message']);
    assert.equal(i.message, '情報提供の同意がありません');
  }
  assert.ok(!r.text.includes('トミ') && !r.text.includes('健') && !r.text.includes('9999'), r.text);
  for (const p of [persons.tomi, persons.ken]) {
    const v = await crew.get(`/api/v1/ems/persons/${p.id}?${dispatch}`);
    assert.equal(v.status, 404);
    assert.equal(v.json.error.message, '情報提供の同意がありません');
  }
  // A year alone narrows to that year's births.
  const year = await crew.get(`/api/v1/ems/search?birth_date=${encodeURIComponent('昭和8年')}&${dispatch}`);
  const shown = year.json.items.filter((i) => i.consented);
  assert.ok(shown.some((i) => i.id === persons.tome.id), year.text);
  assert.ok(shown.every((i) => i.birth_date.startsWith('1933-')), year.text);
  assert.ok(year.json.total >= 2, 'トメ and トミ were both born in 1933');
  assert.equal(year.json.items.length, year.json.total);
});

test('the emergency view puts もしものとき first, then the facts a crew needs, next of kin first', async () => {
  const r = await crew.get(`/api/v1/ems/persons/${persons.tome.id}?${dispatch}`);
  assert.equal(r.status, 200, r.text);
  const v = r.json;
  assert.equal(v.name, '川口 トメ');
  assert.equal(v.acp.headline, '心肺蘇生: 希望しない・最期: 自宅・代理: 川口 花子（長女）');
  assert.deepEqual(v.acp.proxy, { name: '川口 花子', relation: '長女', phone: '090-1234-5678' });
  assert.equal(v.acp.discussed_on, '2026-10-01');
  assert.equal(v.summary.lives_alone, true);
  assert.equal(v.summary.living, '独居');
  assert.equal(v.summary.care_level, '要介護2');
  assert.deepEqual(v.summary.conditions.map((c) => c.name), ['慢性心不全', '2型糖尿病']);
  assert.deepEqual(v.summary.allergies, [{ substance: 'ペニシリン', reaction: '発疹' }]);
  assert.deepEqual(v.summary.devices, [{ name: 'ペースメーカー', note: '2019年植込み' }]);
  assert.deepEqual(v.summary.vaccinations, [{ vaccine: '新型コロナウイルス', date: '2026-10' }]);
  assert.equal(v.summary.primary_doctor.phone, '029-800-0301');
  assert.deepEqual(v.summary.contacts.map((c) => c.name), ['川口 花子', '川口 次郎']);
  assert.ok(v.summary.saved_at, 'each part with its date');
  assert.ok(!('insurance' in v.summary), 'no insurance numbers for the crew');
});

test('a lookup without a narrowing criterion, a reason or an incident is refused', async () => {
  const cases = [
    [`sex=female&${dispatch}`, 'criteria'],
    [dispatch, 'criteria'],
    [`name_kana=${encodeURIComponent('か')}&${dispatch}`, 'name_kana'],
    [`phone=12&${dispatch}`, 'phone'],
    [`birth_date=${encodeURIComponent('昭和64年1月8日')}&${dispatch}`, 'birth_date'],
    [`name_kana=${encodeURIComponent('かわぐち')}`, 'reason'],
    [`name_kana=${encodeURIComponent('かわぐち')}&reason=dispatch`, 'incident'],
    [`name_kana=${encodeURIComponent('かわぐち')}&reason=curiosity&incident=1`, 'reason'],
  ];
  for (const [q, field] of cases) {
    const r = await crew.get(`/api/v1/ems/search?${q}`);
    assert.equal(r.status, 400, q);
    assert.ok(r.json.error.fields.some((f) => f.field === field), `${q}: ${r.text}`);
    assert.match(r.json.error.fields[0].message, /[ぁ-んァ-ン一-龥]/, 'a Japanese message');
  }
  const training = await crew.get(`/api/v1/ems/search?name_kana=${encodeURIComponent('かわぐち')}&reason=training`);
  assert.equal(training.status, 200, 'training needs no incident number');
  const reasons = await crew.get('/api/v1/ems/reasons');
  assert.deepEqual(reasons.json.items.map((r) => r.label), ['救急出場', '指令台での確認', '訓練']);
});

test('every search and view is in the audit log with its reason, incident and the persons shown', async () => {
  const r = await admin.get('/api/v1/audit?action=ems.view');
  assert.equal(r.status, 200, r.text);
  const views = r.json.items.filter((e) => e.actor_login === 'yamada.ems');
  assert.ok(views.some((e) => e.target_id === String(persons.tome.id) && e.outcome === 'success' && e.detail.includes('incident=R8-1207-0042')), r.text);
  assert.ok(views.some((e) => e.target_id === String(persons.tomi.id) && e.outcome === 'denied'), 'a refused view is logged too');
  const searches = (await admin.get('/api/v1/audit?action=ems.search')).json.items;
  const one = searches.find((e) => e.detail.includes('reason=dispatch') && e.detail.includes('matches=3'));
  assert.ok(one, JSON.stringify(searches));
  assert.equal(one.target_id, String(persons.tome.id), 'only the persons shown are named');
  assert.match(one.detail, /reason=dispatch/);
});

test('only the fire department uses the lookup', async () => {
  const dr = await loggedIn(server.url, 'sato.dr', DEMO_PASSWORD);
  const r = await dr.get(`/api/v1/ems/search?name_kana=${encodeURIComponent('かわぐち')}&${dispatch}`);
  assert.equal(r.status, 403);
  assert.equal((await dr.get(`/api/v1/ems/persons/${persons.tome.id}?${dispatch}`)).status, 403);
});

test("a crew's session ends after the region's shorter idle time (10 minutes unless it says otherwise)", async () => {
  const dr = await loggedIn(server.url, 'sato.dr', DEMO_PASSWORD);
  assert.equal((await dr.get('/api/v1/session')).json.idle_timeout_seconds, 30 * 60, 'the care network keeps the server default');
  assert.equal((await crew.get('/api/v1/session')).json.idle_timeout_seconds, 10 * 60);
  assert.equal((await admin.get('/api/v1/region')).json.ems_idle_timeout_seconds, 600);
  for (const bad of [0, 61, -5]) {
    const r = await admin.put('/api/v1/region/session-policy', { idle_timeout_minutes: 0, absolute_timeout_hours: 0, ems_idle_timeout_minutes: bad });
    assert.equal(r.status, 400, r.text);
    assert.ok(r.json.error.fields.some((f) => f.field === 'ems_idle_timeout_minutes'));
  }
  const set = await admin.put('/api/v1/region/session-policy', { idle_timeout_minutes: 0, absolute_timeout_hours: 0, ems_idle_timeout_minutes: 3 });
  assert.equal(set.status, 200, set.text);
  assert.equal(set.json.ems_idle_timeout_seconds, 180);
  const next = await loggedIn(server.url, 'yamada.ems', DEMO_PASSWORD);
  assert.equal((await next.get('/api/v1/session')).json.idle_timeout_seconds, 180, 'from the next sign-in');
  assert.equal((await loggedIn(server.url, 'sato.dr', DEMO_PASSWORD).then((c) => c.get('/api/v1/session'))).json.idle_timeout_seconds, 30 * 60);
  // Back to the default for the other tests of this file.
  assert.equal((await admin.put('/api/v1/region/session-policy', { idle_timeout_minutes: 0, absolute_timeout_hours: 0, ems_idle_timeout_minutes: 10 })).status, 200);
});
