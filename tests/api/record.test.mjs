// A person's record as the care team keeps it, over real HTTP: the doctor writes the 患者サマリ
// with dates in 和暦, the nurse corrects it, history shows who changed what; もしものとき is talked
// over twice; the consent with its signed paper; the region makes posting depend on consent; a
// 主治医意見書 goes from draft to final to PDF; the record leaves as FHIR and comes back into an
// empty region as the same record.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { musubiResult, startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { Client, loggedIn } from '../support/client.mjs';

let server;
let cm; // suzuki.cm, the team's administrator
let dr; // sato.dr
let ns; // takahashi.ns
let admin; // demo-admin, not on the team
let person;
let team;
const ids = {};
const names = {};

async function userId(client, login) {
  const r = await client.get('/api/v1/professionals?q=' + encodeURIComponent(login));
  return r.json.items.find((u) => u.id).id;
}

before(async () => {
  server = await startServer();
  [cm, dr, ns, admin] = await Promise.all(
    ['suzuki.cm', 'sato.dr', 'takahashi.ns', 'demo-admin'].map((l) => loggedIn(server.url, l, DEMO_PASSWORD)),
  );
  for (const l of ['suzuki.cm', 'sato.dr', 'takahashi.ns']) ids[l] = await userId(cm, l);
  for (const [l, c] of [['sato.dr', dr], ['takahashi.ns', ns]]) names[l] = (await c.get('/api/v1/session')).json.user.name;
  const p = await cm.post('/api/v1/persons', { name: '川口 トメ', name_kana: 'かわぐち とめ', birth_date: '昭和8年7月7日', sex: 'female', address: '茨城県つくば市北条1' });
  assert.equal(p.status, 201, p.text);
  assert.equal(p.json.birth_date, '1933-07-07', '和暦 typed, ISO kept');
  person = p.json;
  const t = await cm.post(`/api/v1/persons/${person.id}/care-team`, { admin_user_id: ids['suzuki.cm'], team_role: 'care_manager' });
  team = t.json;
  for (const [login, role] of [['sato.dr', 'primary_doctor'], ['takahashi.ns', 'visiting_nurse']]) {
    assert.equal((await cm.put(`/api/v1/boards/${team.id}/members/${ids[login]}`, { team_role: role })).status, 200);
  }
});
after(() => server.cleanup());

const summary = {
  conditions: [{ name: 'アルツハイマー型認知症', onset: '平成30年' }, { name: '2型糖尿病', onset: 'H27.4' }],
  medications: [{ name: 'ドネペジル 5mg', dosage: '1日1回 朝食後', prescriber: 'さくら在宅クリニック' }],
  allergies: [{ substance: 'ペニシリン', reaction: '発疹' }],
  adl: { eating: 'independent', bathing: 'partial' },
  care: { level: 'care2', valid_from: '令和8年4月1日', valid_to: '2027-03-31' },
  dementia_independence: 'IIb',
  living: 'alone',
  contacts: [{ name: '川口 花子', relation: '長女', phone: '０９０ー１２３４ー５６７８', key_person: true, next_of_kin: true }],
  insurance: { care_insured_number: '0123456789' },
};

test('the summary is kept in versions with what changed, and a stale edit is refused', async () => {
  const first = await dr.put(`/api/v1/persons/${person.id}/summary`, { version: 0, summary });
  assert.equal(first.status, 200, first.text);
  assert.equal(first.json.version, 1);
  assert.equal(first.json.summary.conditions[0].onset, '2018');
  assert.equal(first.json.summary.care.valid_from, '2026-04-01');
  assert.equal(first.json.summary.contacts[0].phone, '090-1234-5678');
  assert.equal(first.json.summary.insurance.care_insured_number, '••••••••89', 'masked');

  const edited = { ...first.json.summary, care: { ...first.json.summary.care, level: 'care3' } };
  const second = await ns.put(`/api/v1/persons/${person.id}/summary`, { version: 1, summary: edited });
  assert.equal(second.status, 200, second.text);
  assert.equal(second.json.changed_by_name, names['takahashi.ns']);
  assert.deepEqual(second.json.changes, ['要介護度: 要介護2 → 要介護3']);
  assert.equal(second.json.summary.insurance.care_insured_number, '••••••••89', 'the masked number sent back kept the real one');

  const stale = await dr.put(`/api/v1/persons/${person.id}/summary`, { version: 1, summary });
  assert.equal(stale.status, 409);
  assert.match(stale.json.error.message, /他の人が先に更新しました/);

  const history = await cm.get(`/api/v1/persons/${person.id}/summary/history`);
  assert.deepEqual(history.json.items.map((v) => v.version), [2, 1]);
  const v1 = await cm.get(`/api/v1/persons/${person.id}/summary?version=1`);
  assert.equal(v1.json.summary.care.level, 'care2');
});

test('bad summary input is refused with a message per field and nothing saved', async () => {
  const wrongTypes = await dr.put(`/api/v1/persons/${person.id}/summary`, { version: 2, summary: { adl: 'all fine', contacts: 'x', conditions: [{ name: 5 }] } });
  assert.equal(wrongTypes.status, 400);
  assert.deepEqual(wrongTypes.json.error.fields.map((f) => f.field).sort(), ['adl', 'conditions[0].name', 'contacts']);
  const r = await dr.put(`/api/v1/persons/${person.id}/summary`, {
    version: 2,
    summary: { conditions: [{ name: '', onset: '昭和64年1月8日' }], care: { level: 'care9' }, contacts: [{ name: '' }] },
  });
  assert.equal(r.status, 400);
  const fields = r.json.error.fields.map((f) => f.field);
  for (const f of ['conditions[0].name', 'conditions[0].onset', 'care.level', 'contacts[0].name']) assert.ok(fields.includes(f), `${f} in ${fields}`);
  assert.match(r.json.error.fields.find((f) => f.field === 'conditions[0].onset').message, /昭和は64年1月7日まで/);
  assert.equal((await dr.get(`/api/v1/persons/${person.id}/summary`)).json.version, 2);
});

test('insurance numbers are revealed on request only, and each reveal is in the audit log', async () => {
  const r = await ns.post(`/api/v1/persons/${person.id}/summary/insurance`);
  assert.equal(r.status, 200);
  assert.equal(r.json.care_insured_number, '0123456789');
  const audit = await admin.get(`/api/v1/audit?action=summary.insurance_reveal&target_id=${person.id}`);
  assert.ok(audit.json.items.some((e) => e.actor_login === 'takahashi.ns'), audit.text);
});

test('もしものとき is a process: every conversation is kept and the latest leads the team page', async () => {
  const first = await dr.post(`/api/v1/persons/${person.id}/acp`, {
    plan: { discussed_on: '令和8年5月1日', participants: [{ name: '川口 トメ', role: '本人' }, { name: '主治医の先生', role: '主治医' }], treatments: { cpr: 'undecided' }, wishes: '家で猫と暮らしたい' },
  });
  assert.equal(first.status, 201, first.text);
  const second = await cm.post(`/api/v1/persons/${person.id}/acp`, {
    plan: { discussed_on: '2026-10-01', participants: [{ name: '川口 トメ', role: '本人' }, { name: '川口 花子', role: '長女' }], treatments: { cpr: 'declines', tube_feeding: 'declines' }, place_of_death: 'home', proxy: { name: '川口 花子', relation: '長女' } },
  });
  assert.equal(second.json.version, 2);
  const list = await ns.get(`/api/v1/persons/${person.id}/acp`);
  assert.deepEqual(list.json.items.map((e) => e.version), [2, 1]);
  assert.equal(list.json.items[1].plan.wishes, '家で猫と暮らしたい');
  const teamView = await ns.get(`/api/v1/boards/${team.id}`);
  assert.equal(teamView.json.record.acp_headline, '心肺蘇生: 希望しない・最期: 自宅・代理: 川口 花子（長女）');
  const empty = await dr.post(`/api/v1/persons/${person.id}/acp`, { plan: { discussed_on: '2026-10-02', participants: [] } });
  assert.equal(empty.status, 400);
});

test('the region can make posting depend on consent; a consent with its signed paper lifts the warning', async () => {
  assert.equal((await admin.put('/api/v1/region/consent-policy', { consent_required_for: ['post'] })).status, 200);
  const refused = await dr.post(`/api/v1/boards/${team.id}/posts`, { body: '訪問しました' });
  assert.equal(refused.status, 403);
  assert.match(refused.json.error.message, /同意が必要です/);
  assert.equal((await admin.put('/api/v1/region/consent-policy', { consent_required_for: ['post', 'teleport'] })).status, 400);

  const paper = await cm.request('POST', `/api/v1/boards/${team.id}/attachments?name=${encodeURIComponent('同意書.pdf')}`, {
    raw: '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n',
    headers: { 'Content-Type': 'application/pdf' },
  });
  assert.equal(paper.status, 201, paper.text);
  // Someone else's upload cannot be claimed.
  const stolen = await dr.post(`/api/v1/persons/${person.id}/consents`, { consenter: 'self', consenter_name: '川口 トメ', consented_on: '2026-01-10', document_attachment_id: paper.json.id });
  assert.equal(stolen.status, 400);
  const c = await cm.post(`/api/v1/persons/${person.id}/consents`, {
    consenter: 'proxy', consenter_name: '川口 花子', proxy_relation: '長女', consented_on: '令和8年1月10日', expires_on: '2099-01-09',
    scope: { care_team: true, family: true, ems: true }, document_attachment_id: paper.json.id,
  });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.json.document.file_name, '同意書.pdf');
  // The whole team now sees the paper.
  assert.equal((await dr.get(`/api/v1/attachments/${paper.json.id}`)).status, 200);
  const overview = await ns.get(`/api/v1/persons/${person.id}/consents`);
  assert.equal(overview.json.state, 'valid');
  assert.deepEqual(overview.json.required_for, ['post']);
  assert.equal((await dr.post(`/api/v1/boards/${team.id}/posts`, { body: '訪問しました' })).status, 201);

  const withdrawn = await cm.post(`/api/v1/consents/${c.json.id}/withdraw`, { reason: '家族の申し出' });
  assert.equal(withdrawn.status, 200);
  assert.equal((await ns.get(`/api/v1/boards/${team.id}`)).json.record.consent, 'withdrawn');
  assert.equal((await dr.post(`/api/v1/boards/${team.id}/posts`, { body: 'もう一度' })).status, 403);
  assert.equal((await cm.post(`/api/v1/consents/${c.json.id}/withdraw`, { reason: '二度目' })).status, 409);
  await cm.post(`/api/v1/persons/${person.id}/consents`, { consenter: 'self', consenter_name: '川口 トメ', consented_on: '2026-02-01' });
  await admin.put('/api/v1/region/consent-policy', { consent_required_for: [] });
});

test('a 主治医意見書 is prefilled, edited, made final and printed as a PDF with its text', async () => {
  const templates = await dr.get('/api/v1/form-templates');
  assert.deepEqual(templates.json.items.map((t) => t.title), ['主治医意見書', '訪問看護指示書', '訪問看護報告書', '診療情報提供書']);
  const created = await dr.post(`/api/v1/persons/${person.id}/forms`, { template: 'shujii_ikensho' });
  assert.equal(created.status, 201, created.text);
  const form = created.json;
  assert.equal(form.values.person_name, '川口 トメ');
  assert.equal(form.values.diagnosis1, 'アルツハイマー型認知症');
  assert.equal(form.values.doctor_name, names['sato.dr']);
  const saved = await dr.put(`/api/v1/forms/${form.id}`, { version: form.version, values: { ...form.values, stability: '安定', special_care: '酸素療法' } });
  assert.equal(saved.status, 200, saved.text);
  const bad = await dr.put(`/api/v1/forms/${form.id}`, { version: saved.json.version, values: { stability: 'たぶん', evil: '<script>' } });
  assert.equal(bad.status, 400);
  const final = await dr.post(`/api/v1/forms/${form.id}/finalize`, { version: saved.json.version });
  assert.equal(final.json.state, 'final');
  assert.equal((await dr.put(`/api/v1/forms/${form.id}`, { version: final.json.version, values: {} })).status, 409);

  const pdf = await fetch(server.url + `/api/v1/forms/${form.id}/pdf`, { headers: { Cookie: ns.cookie } });
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const bytes = Buffer.from(await pdf.arrayBuffer());
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  const file = join(server.dir, 'form.pdf');
  writeFileSync(file, bytes);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  for (const expected of ['主治医意見書', '川口 トメ', 'アルツハイマー型認知症', '■安定', '■酸素療法', names['sato.dr']]) {
    assert.ok(text.includes(expected), `${expected} in the PDF`);
  }
  const audit = await admin.get(`/api/v1/audit?action=form.export_pdf&target_id=${person.id}`);
  assert.ok(audit.json.items.some((e) => e.actor_login === 'takahashi.ns'), 'printing is audited');
});

test('FHIR: a team administrator exports, and an empty region imports the same record', async () => {
  assert.equal((await ns.get(`/api/v1/persons/${person.id}/fhir`)).status, 403, 'only team administrators export');
  const exported = await cm.get(`/api/v1/persons/${person.id}/fhir`);
  assert.equal(exported.status, 200, exported.text);
  assert.match(exported.headers.get('content-type'), /application\/fhir\+json/);
  const bundle = exported.json;
  assert.equal(bundle.resourceType, 'Bundle');
  const kinds = bundle.entry.map((e) => e.resource.resourceType);
  for (const k of ['Patient', 'Condition', 'AllergyIntolerance', 'MedicationStatement', 'Consent']) assert.ok(kinds.includes(k), k);

  const dir = mkdtempSync(join(tmpdir(), 'musubi-fhir-'));
  const env = { MUSUBI_DATA_DIR: dir };
  const init = musubiResult(['init', '--region-code', 'mito', '--region-name', '水戸市', '--admin-login', 'mito-admin', '--admin-name', '水戸 太郎', '--admin-kana', 'みと たろう', '--admin-password', 'Kairo-Hikari-2026'], env);
  assert.equal(init.status, 0, init.stderr);
  assert.equal(musubiResult(['region', 'certificate-policy', 'off'], env).status, 0);
  const empty = await startServer({ seed: false, dataDir: dir });
  try {
    const mito = await loggedIn(empty.url, 'mito-admin', 'Kairo-Hikari-2026');
    const r = await mito.request('POST', '/api/v1/fhir/import', { raw: JSON.stringify(bundle), headers: { 'Content-Type': 'application/fhir+json' } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.conditions, 2);
    assert.deepEqual(r.json.skipped.sort(), ['Consent', 'Consent', 'MedicationStatement']);
    const imported = r.json.person;
    assert.equal(imported.name, person.name);
    assert.equal(imported.birth_date, person.birth_date);
    assert.equal(imported.sex, person.sex);
    assert.equal(imported.address, person.address);
    // Read it back as a member of a team around the imported person.
    const me = (await mito.get('/api/v1/session')).json.user;
    assert.equal((await mito.post(`/api/v1/persons/${imported.id}/care-team`, { admin_user_id: me.id, team_role: 'other' })).status, 201);
    const s = (await mito.get(`/api/v1/persons/${imported.id}/summary`)).json.summary;
    assert.deepEqual(s.conditions, [
      { name: 'アルツハイマー型認知症', onset: '2018', note: '' },
      { name: '2型糖尿病', onset: '2015-04', note: '' },
    ]);
    assert.deepEqual(s.allergies, [{ substance: 'ペニシリン', reaction: '発疹' }]);
    // The same person again is a conflict, and nothing is written twice.
    const again = await mito.request('POST', '/api/v1/fhir/import', { raw: JSON.stringify(bundle), headers: { 'Content-Type': 'application/json' } });
    assert.equal(again.status, 409);
    assert.equal((await mito.get('/api/v1/persons?q=' + encodeURIComponent('かわぐち'))).json.items.length, 1);
    // A type that is a number, not a string, is a clear 400 (it once made the reader throw).
    for (const odd of [{ resourceType: 1 }, { ...bundle, entry: bundle.entry.map((e, i) => (i === 0 ? { ...e, resource: { ...e.resource, resourceType: 7 } } : e)) }]) {
      const r = await mito.request('POST', '/api/v1/fhir/import', { raw: JSON.stringify(odd), headers: { 'Content-Type': 'application/fhir+json' } });
      assert.equal(r.status, 400, r.text);
      assert.match(r.json.error.message, /[ぁ-んァ-ン一-龯]/);
    }
  } finally {
    await empty.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
});
