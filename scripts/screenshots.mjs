// Takes screenshots of the main pages at phone and PC size into docs/screenshots/ (for the
// README and for looking at what we built). Usage: node scripts/screenshots.mjs
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, ROOT, DEMO_PASSWORD } from '../tests/support/server.mjs';
import { launchBrowser, newPage, loginAs, PHONE, PC } from '../tests/support/browser.mjs';
import { loggedIn } from '../tests/support/client.mjs';
import { png } from '../tests/support/images.mjs';

const out = process.argv[2] ?? join(ROOT, 'docs/screenshots');
mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
// A visit record with a photo and a report, so that the board shows files.
const nurse = await loggedIn(server.url, 'takahashi.ns', DEMO_PASSWORD);
const teamId = (await nurse.get('/api/v1/care-teams')).json.items.find((t) => t.person.name === '阿部 ハル').id;
const files = [];
for (const [name, bytes, type] of [
  ['右かかと.png', png(320, 240, [196, 120, 110]), 'image/png'],
  ['訪問看護報告書_11月.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'), 'application/pdf'],
]) {
  const up = await nurse.request('POST', `/api/v1/boards/${teamId}/attachments?name=${encodeURIComponent(name)}`, { raw: bytes, headers: { 'Content-Type': type } });
  files.push(up.json.id);
}
await nurse.post(`/api/v1/boards/${teamId}/posts`, { body: '右かかとの発赤、前回より縮小しています。写真と今月の報告書を添付します。', attachment_ids: files });
// A 主治医意見書 started by the doctor, for the form editor.
const doctorApi = await loggedIn(server.url, 'sato.dr', DEMO_PASSWORD);
const personId = (await doctorApi.get(`/api/v1/boards/${teamId}`)).json.person.id;
const form = (await doctorApi.post(`/api/v1/persons/${personId}/forms`, { template: 'shujii_ikensho' })).json;
// A notice from the city office to the doctors, asking them to confirm.
const office = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
const doctorsId = (await office.get('/api/v1/professions')).json.items.find((p) => p.name === '医師').id;
const notice = (await office.post('/api/v1/notices', {
  title: '年末年始の休日当番医について',
  body: '12月29日から1月3日までの当番医をお知らせします。\n在宅の方の急変時は、まず主治医へご連絡ください。',
  ack_requested: true,
  profession_ids: [doctorsId],
})).json;
// A committee (group) with a poll and a date scheduling the doctor has answered, and a message.
const cm = await loggedIn(server.url, 'suzuki.cm', DEMO_PASSWORD);
const idOf = async (c) => (await c.get('/api/v1/session')).json.user.id;
const [drId, nsId] = [await idOf(doctorApi), await idOf(nurse)];
const group = (await cm.post('/api/v1/groups', { name: '在宅医療・介護連携推進会議', description: '月1回の推進会議の連絡と資料の共有（事務局：地域包括支援センター）', open: false })).json;
for (const id of [drId, nsId]) await cm.put(`/api/v1/boards/${group.id}/members/${id}`, { team_role: 'member', is_admin: false });
await nurse.post(`/api/v1/boards/${group.id}/posts`, { body: '次回は在宅看取りの事例を持っていきます。' });
const choice = (await cm.post(`/api/v1/boards/${group.id}/polls`, { body: '研修会の参加方法を教えてください', mode: 'single', options: ['会場で参加', 'オンラインで参加', '欠席'], free_text: true })).json;
const slots = (await cm.post(`/api/v1/boards/${group.id}/polls`, { body: '12月の推進会議の日程調整', mode: 'schedule', options: ['12/10(木) 14:00', '12/11(金) 10:00', '12/14(月) 15:00'], deadline: '2099-12-08' })).json;
const optionsOf = async (post) => (await cm.get(`/api/v1/posts/${post.id}/poll`)).json.options;
const choiceOptions = await optionsOf(choice);
await nurse.post(`/api/v1/posts/${choice.id}/poll/answer`, { marks: [{ option_id: choiceOptions[1].id, value: 2 }], comment: '15分ほど遅れます' });
const slotOptions = await optionsOf(slots);
await nurse.post(`/api/v1/posts/${slots.id}/poll/answer`, { marks: slotOptions.map((o, i) => ({ option_id: o.id, value: [2, 1, 0][i] })) });
const dm = (await nurse.post('/api/v1/conversations', { user_ids: [drId] })).json;
await nurse.post(`/api/v1/boards/${dm.id}/posts`, { body: '先生、明日の訪問は14時でよろしいでしょうか。' });
await doctorApi.post(`/api/v1/boards/${dm.id}/posts`, { body: 'はい、14時でお願いします。' });
try {
  for (const [size, viewport] of [['phone', PHONE], ['pc', PC]]) {
    const { context, page } = await newPage(browser, server.url, viewport);
    await page.goto('/');
    await page.getByLabel('ログインID').waitFor();
    await page.screenshot({ path: join(out, `login-${size}.png`) });
    await loginAs(page, 'demo-admin', DEMO_PASSWORD);
    await page.getByRole('heading', { name: /こんにちは/ }).waitFor();
    await page.screenshot({ path: join(out, `home-${size}.png`), fullPage: true });
    for (const [name, path, wait] of [
      ['persons', '/persons', '.list-row'],
      ['person', '/persons/3', '#name'],
      ['facilities', '/admin/facilities', '.list-row'],
      ['users', '/admin/users', '.list-row'],
      ['user', '/admin/users/3', '#name'],
      ['import', '/admin/users/import', '#csv-text'],
      ['audit', '/admin/audit', '.audit-table'],
      ['account', '/account', '#current_password'],
      ['settings', '/admin/settings', '.tag-row'],
      ['notice-new', '/notices/new', '#notice-title'],
      ['notice-sent', `/notices/${notice.id}`, '.recipients'],
    ]) {
      await page.goto(path);
      await page.locator(wait).first().waitFor();
      await page.screenshot({ path: join(out, `${name}-${size}.png`), fullPage: size === 'phone' ? false : true });
    }
    await context.close();
    // A doctor's day: the inbox (あなた宛て) on the home page, a search, then one team's board.
    const doctor = await newPage(browser, server.url, viewport);
    await doctor.page.goto('/');
    await loginAs(doctor.page, 'sato.dr', DEMO_PASSWORD);
    await doctor.page.locator('.inbox-card').first().waitFor();
    await doctor.page.screenshot({ path: join(out, `inbox-${size}.png`), fullPage: size !== 'phone' });
    await doctor.page.goto('/notices');
    await doctor.page.locator('.notice-row').first().waitFor();
    await doctor.page.screenshot({ path: join(out, `notices-${size}.png`), fullPage: size !== 'phone' });
    await doctor.page.goto('/search?q=' + encodeURIComponent('血圧'));
    await doctor.page.locator('.search-hit').first().waitFor();
    await doctor.page.screenshot({ path: join(out, `search-${size}.png`), fullPage: size !== 'phone' });
    await doctor.page.goto('/teams');
    await doctor.page.locator('.list-row').first().waitFor();
    await doctor.page.screenshot({ path: join(out, `board-home-${size}.png`), fullPage: size !== 'phone' });
    await doctor.page.locator('.list-row').first().click();
    await doctor.page.locator('.post').first().waitFor();
    await doctor.page.screenshot({ path: join(out, `board-team-${size}.png`), fullPage: true });
    await doctor.page.getByRole('tab', { name: 'ファイル' }).click();
    await doctor.page.locator('.attachments--grid img').first().waitFor();
    await doctor.page.screenshot({ path: join(out, `board-files-${size}.png`), fullPage: true });
    // The person record: summary, もしものとき, consent, documents and one document's editor.
    for (const [tab, wait, name] of [
      ['患者サマリ', '.record-card', 'record-summary'],
      ['もしものとき', '.acp', 'record-acp'],
      ['同意書', '.consent', 'record-consent'],
      ['文書', '.new-form', 'record-forms'],
    ]) {
      await doctor.page.getByRole('tab', { name: tab }).click();
      await doctor.page.locator(wait).first().waitFor();
      await doctor.page.screenshot({ path: join(out, `${name}-${size}.png`), fullPage: size !== 'phone' });
    }
    // Groups, a poll to answer, the date scheduling, a conversation and the notifications.
    for (const [name, path, wait] of [
      ['groups', '/groups', '.list-row'],
      ['group', `/groups/${group.id}`, '.poll'],
      ['messages', '/messages', '.list-row'],
      ['message', `/messages/${dm.id}`, '.post'],
      ['notifications', '/notifications', '.notification'],
    ]) {
      await doctor.page.goto(path);
      await doctor.page.locator(wait).first().waitFor();
      await doctor.page.screenshot({ path: join(out, `${name}-${size}.png`), fullPage: size !== 'phone' });
    }
    await doctor.page.goto(`/groups/${group.id}`);
    const schedule = doctor.page.locator('.poll', { hasText: '日程調整' });
    await schedule.scrollIntoViewIfNeeded();
    await doctor.page.screenshot({ path: join(out, `schedule-${size}.png`) });
    await doctor.page.goto(`/forms/${form.id}`);
    await doctor.page.locator('.form-editor').waitFor();
    await doctor.page.screenshot({ path: join(out, `form-editor-${size}.png`), fullPage: size !== 'phone' });
    await doctor.context.close();
  }
} finally {
  await browser.close();
  await server.cleanup();
}
console.log('screenshots in', out);
