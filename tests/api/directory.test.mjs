// A city administrator registers facilities and staff; a facility administrator manages only
// their own staff.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { Client, loggedIn } from '../support/client.mjs';

let server;
let admin;
before(async () => {
  server = await startServer();
  admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
});
after(() => server.cleanup());

const facility = (over = {}) => ({
  name: '訪問看護ステーションこもれび',
  name_kana: 'ほうもんかんごすてーしょんこもれび',
  kind: 'visiting_nurse_station',
  postal_code: '3050031',
  address: '茨城県つくば市吾妻9丁目9-9',
  phone: '029-800-9999',
  ...over,
});

test('the region administrator registers and edits a facility', async () => {
  const created = await admin.post('/api/v1/facilities', facility());
  assert.equal(created.status, 201);
  assert.equal(created.json.kind_label, '訪問看護ステーション');
  assert.equal(created.json.postal_code, '305-0031', 'postal code is normalised');
  const id = created.json.id;
  const edited = await admin.put(`/api/v1/facilities/${id}`, facility({ phone: '029-800-1234' }));
  assert.equal(edited.json.phone, '029-800-1234');
  const list = await admin.get('/api/v1/facilities?q=' + encodeURIComponent('コモレビ'));
  assert.deepEqual(list.json.items.map((f) => f.id), [id], 'kana search folds katakana');
  const kinds = await admin.get('/api/v1/facilities?kind=hospital');
  assert.ok(kinds.json.items.length >= 2 && kinds.json.items.every((f) => f.kind === 'hospital'));
  const dup = await admin.post('/api/v1/facilities', facility());
  assert.equal(dup.status, 400);
  assert.match(dup.json.error.fields[0].message, /すでに登録/);
});

test('facility input is checked field by field', async () => {
  const r = await admin.post('/api/v1/facilities', { name: '', kind: 'spaceship', phone: 'abc', postal_code: '12' , name_kana: 'Hospital'});
  assert.equal(r.status, 400);
  const fields = r.json.error.fields.map((f) => f.field).sort();
  assert.deepEqual(fields, ['kind', 'name', 'name_kana', 'phone', 'postal_code']);
  const wrongType = await admin.post('/api/v1/facilities', { name: 42, kind: 'clinic' });
  assert.equal(wrongType.status, 400);
  assert.equal(wrongType.json.error.fields[0].message, '文字列で指定してください');
});

test('a new user gets a temporary password that must be changed', async () => {
  const facilities = await admin.get('/api/v1/facilities?kind=pharmacy');
  const professions = await admin.get('/api/v1/professions');
  const pharmacist = professions.json.items.find((p) => p.name === '薬剤師');
  const r = await admin.post('/api/v1/users', {
    login_id: 'kimura.ph', name: '木村 薫', name_kana: 'きむら かおる', facility_id: facilities.json.items[0].id,
    profession_id: pharmacist.id, email: 'kimura@example.jp', roles: ['professional'],
  });
  assert.equal(r.status, 201);
  assert.match(r.json.temporary_password, /^[A-Za-z0-9]{12}$/);
  assert.equal(r.json.must_change_password, true);
  const dup = await admin.post('/api/v1/users', { login_id: 'KIMURA.PH', name: 'x', name_kana: 'えっくす', roles: ['family'] });
  assert.equal(dup.status, 400);
  assert.equal(dup.json.error.fields.find((f) => f.field === 'login_id').message, 'このログインIDはすでに使われています');
  const c = new Client(server.url);
  assert.equal((await c.login('kimura.ph', r.json.temporary_password)).json.must_change_password, true);
});

test('deactivating a user ends their sessions and stops their login', async () => {
  const victim = await loggedIn(server.url, 'yoshida.02', DEMO_PASSWORD);
  const id = victim.csrf && (await victim.get('/api/v1/session')).json.user.id;
  const r = await admin.post(`/api/v1/users/${id}/deactivate`);
  assert.equal(r.status, 200);
  assert.equal(r.json.active, false);
  assert.equal((await victim.get('/api/v1/session')).status, 401);
  const again = await new Client(server.url).login('yoshida.02', DEMO_PASSWORD);
  assert.equal(again.status, 403);
  assert.match(again.json.error.message, /利用停止/);
  assert.equal((await admin.post(`/api/v1/users/${id}/reactivate`)).json.active, true);
  assert.equal((await new Client(server.url).login('yoshida.02', DEMO_PASSWORD)).status, 200);
});

test('a facility administrator sees and manages only their own staff', async () => {
  const fa = await loggedIn(server.url, 'tanaka.msw', DEMO_PASSWORD);
  const me = (await fa.get('/api/v1/session')).json.user;
  const list = await fa.get('/api/v1/users?limit=200');
  assert.ok(list.json.items.length >= 2);
  assert.ok(list.json.items.every((u) => u.facility_id === me.facility_id));
  // Someone of another facility is invisible.
  const all = await admin.get('/api/v1/users?limit=200');
  const stranger = all.json.items.find((u) => u.facility_id !== me.facility_id);
  assert.equal((await fa.get(`/api/v1/users/${stranger.id}`)).status, 404);
  assert.equal((await fa.post(`/api/v1/users/${stranger.id}/deactivate`)).status, 404);
  assert.equal((await fa.post(`/api/v1/users/${stranger.id}/reset-password`)).status, 404);
  // Cannot create a region administrator nor staff of another facility.
  const escalate = await fa.post('/api/v1/users', { login_id: 'evil.admin', name: '悪 太郎', name_kana: 'あく たろう', facility_id: me.facility_id, roles: ['region_admin'] });
  assert.equal(escalate.status, 400);
  assert.ok(escalate.json.error.fields.some((f) => f.field === 'roles'));
  const elsewhere = await fa.post('/api/v1/users', { login_id: 'other.place', name: '他 花子', name_kana: 'た はなこ', facility_id: stranger.facility_id, roles: ['professional'] });
  assert.equal(elsewhere.status, 400);
  const ok = await fa.post('/api/v1/users', { login_id: 'new.nurse', name: '新人 看護', name_kana: 'しんじん かんご', facility_id: me.facility_id, roles: ['professional'] });
  assert.equal(ok.status, 201);
});

test('user paging walks every user exactly once', async () => {
  const seen = new Set();
  let cursor = '';
  let pages = 0;
  do {
    const r = await admin.get(`/api/v1/users?limit=7&cursor=${encodeURIComponent(cursor)}`);
    assert.equal(r.status, 200);
    for (const u of r.json.items) {
      assert.ok(!seen.has(u.id), `user ${u.id} twice`);
      seen.add(u.id);
    }
    cursor = r.json.next_cursor ?? '';
    pages++;
  } while (cursor && pages < 50);
  const total = (await admin.get('/api/v1/users?limit=200')).json.items.length;
  assert.equal(seen.size, total);
  assert.ok(pages > 3);
});

test('CSV import reports every bad row and imports nothing until all are right', async () => {
  const header = 'ログインID,氏名,ふりがな,施設,職種,メール,電話,権限\r\n';
  const bad = header +
    'ok.one,正しい 一郎,ただしい いちろう,さくら在宅クリニック,医師,,,専門職\r\n' +
    'bad id!,悪い 二郎,わるい じろう,さくら在宅クリニック,医師,,,専門職\r\n' +
    'ok.three,三郎,Saburo,存在しない病院,宇宙飛行士,not-mail,,王様\r\n' +
    'ok.one,重複 四郎,じゅうふく しろう,,,,,家族\r\n';
  const r1 = await admin.request('POST', '/api/v1/users/import', { raw: bad, headers: { 'Content-Type': 'text/csv' } });
  assert.equal(r1.status, 422);
  assert.equal(r1.json.imported, false);
  const rows = new Set(r1.json.errors.map((e) => e.row));
  assert.deepEqual([...rows].sort(), [2, 3, 4]);
  const row3 = r1.json.errors.filter((e) => e.row === 3).map((e) => e.field).sort();
  assert.deepEqual(row3, ['email', 'facility', 'name_kana', 'profession', 'roles']);
  assert.equal((await admin.get('/api/v1/users?q=ok.one')).json.items.length, 0, 'nothing half-imported');

  const good = header + 'ok.one,正しい 一郎,ただしい いちろう,さくら在宅クリニック,医師,ok1@example.jp,,専門職;施設管理者\r\n' +
    '"ok.two","二行 目子","にぎょう めこ",竹園ファミリークリニック,看護師,,,専門職\r\n';
  const dry = await admin.request('POST', '/api/v1/users/import?dry_run=1', { raw: good, headers: { 'Content-Type': 'text/csv' } });
  assert.equal(dry.status, 200);
  assert.equal(dry.json.imported, false);
  assert.equal((await admin.get('/api/v1/users?q=ok.one')).json.items.length, 0, 'dry run writes nothing');
  const r2 = await admin.request('POST', '/api/v1/users/import', { raw: good, headers: { 'Content-Type': 'text/csv' } });
  assert.equal(r2.status, 201);
  assert.equal(r2.json.created.length, 2);
  assert.deepEqual(r2.json.created[0].roles, ['facility_admin', 'professional']);
  assert.ok(r2.json.created.every((u) => u.temporary_password.length === 12));
});

test('a region administrator adds a 職種 and sets the password rules', async () => {
  const p = await admin.post('/api/v1/professions', { name: '公認心理師' });
  assert.equal(p.status, 201);
  assert.equal((await admin.post('/api/v1/professions', { name: '公認心理師' })).status, 409);
  const policy = await admin.put('/api/v1/region/password-policy', { min_length: 12, require_letter_and_digit: true });
  assert.equal(policy.json.password_policy.min_length, 12);
  assert.equal((await admin.put('/api/v1/region/password-policy', { min_length: 4 })).status, 400);
  const region = await admin.get('/api/v1/region');
  assert.equal(region.json.facility_kinds.length, 11);
  await admin.put('/api/v1/region/password-policy', { min_length: 10, require_letter_and_digit: true });
});
