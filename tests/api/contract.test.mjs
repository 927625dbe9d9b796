// The front end's types against the server's answers: a care team's day is played through the
// real server (a photo and a request, a reply, an important post, a poll, a group and a
// conversation, a notice, a form, an invitation), the answers of the main endpoints are written
// into a TypeScript file as object literals assigned to the interfaces of web/src/api/types.ts
// (`const boardView: BoardView = {...}`), and the TypeScript compiler must accept it. An object
// literal may neither miss a property its interface requires nor carry one it does not name, so
// a field added to or dropped from an answer — or from an interface — fails here, naming both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startServer, ROOT, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn, Client } from '../support/client.mjs';
import { sqlite } from '../support/db.mjs';
import { png } from '../support/images.mjs';
import { totpCode } from '../support/smtp.mjs';
import { eventually } from '../support/wait.mjs';
import { now } from '../support/clock.mjs';

const TYPES = join(ROOT, 'web/src/api/types');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

let server;
let dir;
// Each answer with the type the front end reads it as: { label, type, json }.
const samples = [];

// Calls the API as `who` and keeps the answer (any 2xx) as a sample of `type`.
async function sample(who, type, method, path, body) {
  const r = await who.client.request(method, path, body === undefined ? {} : { body });
  assert.ok(r.status >= 200 && r.status < 300, `${method} ${path} as ${who.login}: ${r.status} ${r.text}`);
  samples.push({ label: `${method} ${path} (${who.login})`, type, json: r.json });
  return r.json;
}

async function as(login) {
  return { login, client: await loggedIn(server.url, login, DEMO_PASSWORD) };
}

before(async () => {
  // A mail relay that is never reached: invitations and notifications queue their mail, and the
  // region's mail log has something to show.
  server = await startServer({
    env: { MUSUBI_MAIL_SMTP_URL: 'smtp://127.0.0.1:9', MUSUBI_MAIL_FROM: 'musubi@example.jp', MUSUBI_SERVER_PUBLIC_ORIGIN: 'http://127.0.0.1:9' },
  });
  dir = mkdtempSync(join(tmpdir(), 'musubi-contract-'));
  const [admin, dr, cm, ns] = await Promise.all(['demo-admin', 'sato.dr', 'suzuki.cm', 'takahashi.ns'].map(as));
  const get = (who, type, path) => sample(who, type, 'GET', path);
  const post = (who, type, path, body) => sample(who, type, 'POST', path, body ?? {});
  const put = (who, type, path, body) => sample(who, type, 'PUT', path, body);

  // Session and own account.
  await get(admin, 'SessionInfo', '/api/v1/session');
  const cmId = (await get(cm, 'SessionInfo', '/api/v1/session')).user.id;
  await get(cm, 'Items<SessionRow>', '/api/v1/me/sessions');
  await get(cm, 'DeviceList', '/api/v1/devices');
  await get(cm, 'SecondFactorStatus', '/api/v1/account/second-factor');
  await get(cm, 'NotificationSettings', '/api/v1/me/notification-settings');
  await put(cm, 'NotificationSettings', '/api/v1/me/notification-settings', { immediate: true, digest: true, digest_hour: 7, quiet_start: 21, quiet_end: 7 });

  // The region and its directory.
  await get(cm, 'RegionInfo', '/api/v1/region');
  await put(admin, 'Region', '/api/v1/region/session-policy', { idle_timeout_minutes: 0, absolute_timeout_hours: 0 });
  await get(cm, 'Items<Profession>', '/api/v1/professions');
  await get(cm, 'Items<RegionTag>', '/api/v1/post-tags');
  await get(admin, 'Items<RegionTag>', '/api/v1/post-tags?all=1');
  await get(cm, 'Items<CodeLabel>', '/api/v1/care-team-roles');
  await get(cm, 'Items<Colleague>', '/api/v1/professionals?q=' + encodeURIComponent('さとう'));
  const facilities = await get(admin, 'Items<Facility>', '/api/v1/facilities?include_inactive=1');
  await get(cm, 'Facility', `/api/v1/facilities/${facilities.items[0].id}`);
  const users = await get(admin, 'Page<User>', '/api/v1/users?limit=3');
  await get(admin, 'User', `/api/v1/users/${users.items[0].id}`);
  // A CSV import refused for a row (422 with the problems), then one that creates a user.
  for (const [csv, path, status] of [
    ['ログインID,氏名,ふりがな,権限\ncontract.csv,契約 太郎,けいやく たろう,専門職\n', '/api/v1/users/import?dry_run=1', 422],
    ['ログインID,氏名,ふりがな,権限\ncontract.csv,契約 太郎,けいやく たろう,家族\n', '/api/v1/users/import', 201],
  ]) {
    const r = await admin.client.request('POST', path, { raw: csv, headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
    assert.equal(r.status, status, r.text);
    samples.push({ label: `POST ${path} (demo-admin)`, type: 'ImportResult', json: r.json });
  }

  // A care team's day on the first team of the care manager.
  const teams = await get(cm, 'Items<BoardSummary>', '/api/v1/care-teams');
  const team = teams.items[0];
  const base = `/api/v1/boards/${team.id}`;
  const photo = await ns.client.request('POST', `${base}/attachments?name=${encodeURIComponent('褥瘡の写真.png')}`, { raw: png(64, 48), headers: { 'Content-Type': 'image/png' } });
  assert.equal(photo.status, 201, photo.text);
  samples.push({ label: `POST ${base}/attachments (takahashi.ns)`, type: 'Attachment', json: photo.json });
  const asked = await post(ns, 'Post', `${base}/posts`, {
    body: '褥瘡の写真です。処置の方針についてご返事ください。',
    attachment_ids: [photo.json.id],
    request_kind: 'answer',
    addressees: [cmId],
    deadline: '2099-12-01T17:00',
  });
  await post(dr, 'Post', `${base}/posts`, { body: '明日から抗菌薬を変更します。', important: true });
  const mine = await post(cm, 'Post', `${base}/posts`, { body: '来週の担当者会議の資料を共有します。' });
  await post(dr, 'Post', `${base}/posts`, { body: '拝見しました。', parent_id: mine.id });
  await put(ns, 'Post', `/api/v1/posts/${asked.id}`, { body: asked.body + '（追記）', version: asked.version, tag_id: null });
  await get(ns, 'Items<PostVersion>', `/api/v1/posts/${asked.id}/versions`);
  const poll = await post(dr, 'Post', `${base}/polls`, { body: '次回の訪問日', mode: 'single', options: ['月曜', '水曜'], anonymous: false, free_text: true, deadline: '' });
  const unanswered = await get(dr, 'Poll', `/api/v1/posts/${poll.id}/poll`);
  await post(ns, 'Poll', `/api/v1/posts/${poll.id}/poll/answer`, { marks: [{ option_id: unanswered.options[0].id, value: 2 }], comment: '月曜の午前なら' });
  await get(dr, 'Poll', `/api/v1/posts/${poll.id}/poll`);
  await get(cm, 'Poll', `/api/v1/posts/${poll.id}/poll`);

  await get(cm, 'BoardView', base);
  await get(cm, 'TimelinePage', `${base}/posts?limit=20`);
  await get(cm, 'FilesPage', `${base}/attachments?limit=30`);
  await get(cm, 'InboxView', '/api/v1/inbox');
  await get(cm, 'InboxCounts', '/api/v1/inbox/counts');
  await get(cm, 'SearchPage', '/api/v1/search?q=' + encodeURIComponent('褥瘡'));
  await post(cm, 'AcknowledgementView', `/api/v1/posts/${asked.id}/acknowledgements`);
  await get(ns, 'AcknowledgementView', `/api/v1/posts/${asked.id}/acknowledgements`);
  await put(cm, 'MuteState', `${base}/mute`, { muted: true, minutes: 60 });
  await put(cm, 'MuteState', `${base}/mute`, { muted: false });
  await get(ns, 'Items<CareTeamMatch>', '/api/v1/care-teams/lookup?' + new URLSearchParams({ name_kana: team.person.name_kana, birth_date: (await cm.client.get(base)).json.person.birth_date }));

  // The person and their record.
  const personId = team.person.id;
  await get(admin, 'Page<Person>', '/api/v1/persons?limit=3');
  await get(admin, 'Person', `/api/v1/persons/${personId}`);
  await get(admin, 'PersonCareTeam', `/api/v1/persons/${personId}/care-team`);
  await get(cm, 'Vocabularies', '/api/v1/record-vocabularies');
  await get(cm, 'SummaryView', `/api/v1/persons/${personId}/summary`);
  await get(cm, 'Items<SummaryVersion>', `/api/v1/persons/${personId}/summary/history`);
  await post(cm, 'Insurance', `/api/v1/persons/${personId}/summary/insurance`);
  await get(cm, 'Items<AcpEntry>', `/api/v1/persons/${personId}/acp`);
  await get(cm, 'ConsentOverview', `/api/v1/persons/${personId}/consents`);

  // The emergency lookup, once the person's consent discloses to the fire department.
  const consent = await cm.client.post(`/api/v1/persons/${personId}/consents`, { consenter: 'self', consenter_name: team.person.name, consented_on: '2026-01-10', scope: { care_team: true, ems: true } });
  assert.equal(consent.status, 201, consent.text);
  const crew = await as('yamada.ems');
  const why = 'reason=dispatch&incident=R8-0001';
  await get(crew, 'EmsReasons', '/api/v1/ems/reasons');
  await get(crew, 'EmsSearchResult', `/api/v1/ems/search?name_kana=${encodeURIComponent(team.person.name_kana)}&${why}`);
  await get(crew, 'EmsSearchResult', `/api/v1/ems/search?address=${encodeURIComponent('つくば市')}&${why}`);
  const hospitals = await get(crew, 'Items<EmsHospital>', '/api/v1/ems/hospitals');
  const jstNow = new Date(now() + 9 * 3600_000).toISOString().slice(0, 16);
  await sample(crew, 'EmsTransport', 'POST', `/api/v1/ems/persons/${personId}/transports`, {
    reason: 'dispatch', incident: 'R8-0001', occurred_at: jstNow, outcome: 'transported', hospital_id: hospitals.items[0].id, note: '意識清明',
  });
  await get(crew, 'EmergencyView', `/api/v1/ems/persons/${personId}?${why}`);
  await get(cm, 'EmsActivity', `/api/v1/persons/${personId}/ems-activity`);
  await get(cm, 'Items<FormTemplate>', '/api/v1/form-templates');
  const form = await post(cm, 'RecordForm', `/api/v1/persons/${personId}/forms`, { template: 'shujii_ikensho' });
  await get(cm, 'RecordForm', `/api/v1/forms/${form.id}`);
  await get(cm, 'Items<RecordForm>', `/api/v1/persons/${personId}/forms`);
  const bundle = await cm.client.get(`/api/v1/persons/${personId}/fhir`);
  assert.equal(bundle.status, 200, bundle.text);
  const fhir = await admin.client.request('POST', '/api/v1/fhir/import?different_person=1', { raw: bundle.text, headers: { 'Content-Type': 'application/fhir+json' } });
  assert.equal(fhir.status, 201, fhir.text);
  samples.push({ label: 'POST /api/v1/fhir/import (demo-admin)', type: 'FhirImportResult', json: fhir.json });

  // A group with a join request, and a conversation.
  const group = await post(cm, 'BoardView', '/api/v1/groups', { name: '在宅医療・介護連携推進会議', description: '月1回の会議', open: false, hidden: false });
  await post(dr, '{ joined: boolean }', `/api/v1/groups/${group.id}/join`, { message: '参加させてください' });
  await get(cm, 'Items<JoinRequest>', `/api/v1/boards/${group.id}/join-requests`);
  await get(dr, 'Items<GroupSummary>', '/api/v1/groups');
  await post(cm, 'MemberList', `/api/v1/boards/${group.id}/join-requests/${(await dr.client.get('/api/v1/session')).json.user.id}/approve`);
  await get(cm, 'Items<GroupSummary>', '/api/v1/groups');
  const talk = await post(cm, '{ id: number }', '/api/v1/conversations', { user_ids: [(await ns.client.get('/api/v1/session')).json.user.id] });
  await post(cm, 'Post', `/api/v1/boards/${talk.id}/posts`, { body: '明日の訪問時間を教えてください。' });
  await get(cm, 'Items<BoardSummary>', '/api/v1/conversations');
  await get(ns, 'BoardView', `/api/v1/boards/${talk.id}`);

  // A notice asking for confirmation.
  await post(admin, '{ recipients: number }', '/api/v1/notices/audience', { facility_kinds: [], profession_ids: [] });
  const notice = await post(admin, 'Notice', '/api/v1/notices', { title: '研修会のお知らせ', body: '12月10日に研修会を開きます。', important: true, ack_requested: true, facility_kinds: [], profession_ids: [] });
  await get(cm, 'NoticeList', '/api/v1/notices');
  await get(cm, 'Notice', `/api/v1/notices/${notice.id}`);
  await post(cm, 'Notice', `/api/v1/notices/${notice.id}/ack`);
  await get(admin, 'NoticeList', '/api/v1/notices/sent');
  await get(admin, 'Notice', `/api/v1/notices/${notice.id}`);
  await get(admin, 'RecipientPage', `/api/v1/notices/${notice.id}/recipients?state=all&limit=100`);

  // Notifications are written by the notifier just after the changes above.
  const notified = await eventually(async () => {
    const r = await cm.client.get('/api/v1/notifications?limit=50');
    return r.json.items.some((n) => n.notice_id) && r.json.items.some((n) => n.board) ? r : null;
  }, 'the care manager’s notifications');
  samples.push({ label: 'GET /api/v1/notifications?limit=50 (suzuki.cm)', type: 'NotificationList', json: notified.json });
  await post(cm, '{ unread: number }', '/api/v1/notifications/read', {});

  // An invitation for a family member, who sets up an authenticator app through its link.
  const family = await post(admin, 'User', '/api/v1/users', { login_id: 'contract.family', name: '阿部 恵子', name_kana: 'あべ けいこ', email: 'contract.family@example.jp', roles: ['family'] });
  await post(admin, 'Invitation', `/api/v1/users/${family.id}/invitations`, { device_name: '' });
  await get(admin, 'Items<Invitation>', `/api/v1/users/${family.id}/invitations`);
  await get(admin, 'SecondFactorStatus', `/api/v1/users/${family.id}/second-factor`);
  await get(admin, 'Items<MailItem>', '/api/v1/region/mail');
  const mailBody = sqlite(server.dir, "SELECT body FROM mail_outbox WHERE recipient = 'contract.family@example.jp' ORDER BY id DESC LIMIT 1");
  const token = /\/invitation#([\w-]{40,})/.exec(mailBody)?.[1];
  assert.ok(token, 'the invitation mail carries its link');
  const visitor = { login: 'anonymous', client: new Client(server.url) };
  await post(visitor, 'InvitationInfo', '/api/v1/invitations/lookup', { token });
  const setup = await post(visitor, 'TotpSetup', '/api/v1/invitations/totp', { token });
  await post(visitor, 'InvitationAccepted', '/api/v1/invitations/accept', { token, password: 'contract-family-2026', one_time_code: await totpCode(setup.secret) });

  await get(admin, 'AuditPage', '/api/v1/audit?limit=50');
});
after(async () => {
  await server?.cleanup();
  if (dir && !process.env.MUSUBI_CONTRACT_KEEP) rmSync(dir, { recursive: true, force: true });
});

// The TypeScript file: one typed constant per answer, each after a comment naming its request.
// Returns the text and, per line, the request it belongs to.
function typedFile(list) {
  const names = new Set(list.flatMap((s) => s.type.match(/\b[A-Z]\w*/g) ?? []));
  const lines = [`import type { ${[...names].sort().join(', ')} } from ${JSON.stringify(TYPES)};`, ''];
  const owner = [null, null];
  list.forEach((s, i) => {
    const body = `// ${s.label}\nexport const answer${i}: ${s.type} = ${JSON.stringify(s.json, null, 2)};\n`.split('\n');
    for (const line of body) {
      lines.push(line);
      owner.push(s.label);
    }
  });
  return { text: lines.join('\n'), owner };
}

// Runs the compiler over the files; its diagnostics as lines, each with the request it is about.
function compile(files) {
  let out = '';
  try {
    execFileSync(process.execPath, [TSC, '--noEmit', '--strict', '--target', 'ES2020', '--module', 'ESNext', '--moduleResolution', 'Bundler', '--skipLibCheck', ...files.map((f) => f.path)], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    out = String(e.stdout ?? '') + String(e.stderr ?? '');
    if (!out) throw e;
  }
  return out
    .split('\n')
    .filter((l) => /error TS\d+/.test(l))
    .map((l) => {
      const f = files.find((x) => l.includes(basename(x.path) + '('));
      const line = Number(/\((\d+),\d+\)/.exec(l)?.[1]);
      return { file: f?.path, text: f ? `${l}\n    ↳ ${f.owner[line] ?? '?'}` : l };
    });
}

test('every answer the front end reads matches its interface in web/src/api/types.ts', () => {
  assert.ok(samples.length >= 60, `answers collected: ${samples.length}`);
  // Two deliberate disagreements, to show that the check sees both directions: a field the
  // interface does not have, and one it needs that the answer lacks.
  const session = samples.find((s) => s.type === 'SessionInfo').json;
  const { csrf_token: _dropped, ...withoutToken } = session;
  const mutated = [
    { label: 'an answer with a field too many', type: 'SessionInfo', json: { ...session, surprise: 1 } },
    { label: 'an answer with a field missing', type: 'SessionInfo', json: withoutToken },
  ];
  const real = { path: join(dir, 'contract.ts'), ...typedFile(samples) };
  const probe = { path: join(dir, 'self_check.ts'), ...typedFile(mutated) };
  writeFileSync(real.path, real.text);
  writeFileSync(probe.path, probe.text);

  const problems = compile([real, probe]);
  const disagreements = problems.filter((p) => p.file !== probe.path);
  assert.equal(disagreements.length, 0, `the server's answers and web/src/api/types.ts disagree:\n${disagreements.map((p) => p.text).join('\n')}`);
  const caught = problems.filter((p) => p.file === probe.path).map((p) => p.text);
  assert.equal(caught.length, 2, `the self-check should fail twice:\n${caught.join('\n')}`);
  assert.match(caught.join('\n'), /'"surprise"' does not exist in type 'SessionInfo'/);
  assert.match(caught.join('\n'), /'csrf_token' is missing/);
});
