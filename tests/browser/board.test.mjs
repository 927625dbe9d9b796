// The care-team board on phones: a nurse records a visit, the doctor sees it unread on the home
// page and acknowledges it, the nurse sees who acknowledged; a 特別便 stays between its audience;
// script in a post stays text; a care manager opens a team from the person's page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { launchBrowser, newPage, loginAs, signedIn, PC } from '../support/browser.mjs';

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.cleanup();
});

const as = (login, viewport) => signedIn(browser, server.url, login, DEMO_PASSWORD, viewport);

// The first demo team (阿部 ハル さん) has the nurse, the doctor, the care manager and the MSW.
// Opened by its link's address: a click on a list still settling on a busy machine was once lost
// (the heading never came; the list's own links are clicked in the other tests).
async function openFirstTeam(page) {
  const link = page.locator('a.list-row', { hasText: '阿部 ハル さん' }).first();
  await page.goto(await link.getAttribute('href'));
  await page.getByRole('heading', { name: '阿部 ハル さん' }).waitFor();
}

test('a visit record reaches the doctor as unread, who acknowledges it; the nurse sees who did', async () => {
  const nurse = await as('takahashi.ns');
  await openFirstTeam(nurse.page);
  await nurse.page.getByLabel('投稿の本文').fill('本日訪問。\n熱 37.8℃、咳あり。往診をご検討ください。');
  await nurse.page.getByLabel('分類').selectOption({ label: 'バイタル' });
  await nurse.page.getByLabel('重要', { exact: true }).check();
  await nurse.page.getByRole('button', { name: '投稿する' }).click();
  const mine = nurse.page.locator('.post', { hasText: '熱 37.8℃' });
  await mine.waitFor();
  assert.match(await mine.innerText(), /重要/);
  assert.match(await mine.locator('.post-body').innerText(), /本日訪問。\n熱 37.8℃/);

  const doctor = await as('sato.dr');
  const row = doctor.page.locator('.list-row', { hasText: '阿部 ハル さん' });
  assert.match(await row.innerText(), /未読 \d+/);
  await openFirstTeam(doctor.page);
  const post = doctor.page.locator('.post', { hasText: '熱 37.8℃' });
  await post.getByRole('button', { name: /確認する/ }).click();
  await post.getByRole('button', { name: /確認済み/ }).waitFor();
  await post.getByPlaceholder('返信する').fill('明日午前に往診します');
  await post.getByRole('button', { name: '返信' }).click();
  await doctor.page.locator('.reply', { hasText: '明日午前に往診します' }).waitFor();

  await nurse.page.reload();
  const again = nurse.page.locator('.post', { hasText: '熱 37.8℃' });
  await again.getByRole('button', { name: '確認 1人' }).click();
  await again.getByText(/佐藤 直子さんが確認しました/).waitFor();
  assert.match(await again.innerText(), /明日午前に往診します/);
  await nurse.context.close();
  await doctor.context.close();
});

test('a 特別便 is shown to the chosen member only', async () => {
  const doctor = await as('sato.dr', PC);
  await openFirstTeam(doctor.page);
  await doctor.page.getByLabel('投稿の本文').fill('ご家族の経済的なご事情について（ケアマネジャーさんのみ）');
  await doctor.page.getByLabel('特別便（選んだ人だけ）').check();
  await doctor.page.getByRole('group', { name: '見せる相手' }).getByLabel(/鈴木 和也/).check();
  await doctor.page.getByRole('button', { name: '投稿する' }).click();
  await doctor.page.locator('.post', { hasText: '経済的なご事情' }).waitFor();
  assert.match(await doctor.page.locator('.post', { hasText: '経済的なご事情' }).innerText(), /特別便: 鈴木 和也・佐藤 直子|特別便: 佐藤 直子・鈴木 和也/);

  const cm = await as('suzuki.cm');
  await openFirstTeam(cm.page);
  await cm.page.locator('.post', { hasText: '経済的なご事情' }).waitFor();
  const nurse = await as('takahashi.ns');
  await openFirstTeam(nurse.page);
  await nurse.page.locator('.post').first().waitFor();
  assert.equal(await nurse.page.getByText('経済的なご事情').count(), 0);
  for (const c of [doctor, cm, nurse]) await c.context.close();
});

test('script and HTML in a post are shown as text; links are clickable but inert', async () => {
  const nurse = await as('takahashi.ns');
  let dialog = false;
  nurse.page.on('dialog', async (d) => {
    dialog = true;
    await d.dismiss();
  });
  await openFirstTeam(nurse.page);
  const evil = '<img src=x onerror=alert(1)><script>alert(2)</script> 資料 https://example.jp/a?b=1';
  await nurse.page.getByLabel('投稿の本文').fill(evil);
  await nurse.page.getByRole('button', { name: '投稿する' }).click();
  const post = nurse.page.locator('.post', { hasText: '<script>alert(2)</script>' });
  await post.waitFor();
  assert.equal(await post.locator('.post-body').innerText(), evil);
  assert.equal(await post.locator('img').count(), 0);
  assert.equal(await post.locator('a[href="https://example.jp/a?b=1"]').count(), 1);
  assert.equal(await post.locator('a').first().getAttribute('rel'), 'noopener noreferrer');
  assert.equal(dialog, false);
  await nurse.context.close();
});

test('an edit shows 編集済み with the earlier version; a delete leaves the reason', async () => {
  const nurse = await as('takahashi.ns', PC);
  await openFirstTeam(nurse.page);
  await nurse.page.getByLabel('投稿の本文').fill('血圧 180/100');
  await nurse.page.getByRole('button', { name: '投稿する' }).click();
  const post = nurse.page.locator('.post', { hasText: '血圧 180/100' });
  await post.getByRole('button', { name: '編集' }).click();
  await nurse.page.getByLabel('投稿を編集').fill('血圧 130/80（入力誤りを訂正）');
  await nurse.page.getByRole('button', { name: '保存' }).click();
  const edited = nurse.page.locator('.post', { hasText: '入力誤りを訂正' });
  await edited.getByRole('button', { name: '編集済み' }).click();
  await edited.getByText('第1版').waitFor();
  assert.match(await edited.locator('.history').innerText(), /血圧 180\/100/);
  nurse.page.once('dialog', (d) => d.accept('別の方の記録でした'));
  await edited.getByRole('button', { name: '削除' }).click();
  await nurse.page.getByText(/この投稿は削除されました.*理由: 別の方の記録でした/).waitFor();
  await nurse.context.close();
});

test('a care manager opens the care team from the person page and adds the doctor', async () => {
  const cm = await as('suzuki.cm', PC);
  await cm.page.goto('/persons/new');
  await cm.page.getByLabel('氏名').fill('新井 トミ');
  await cm.page.getByLabel('ふりがな').fill('あらい とみ');
  await cm.page.getByLabel('生年月日').fill('1937-02-11');
  await cm.page.getByLabel('性別').selectOption('female');
  await cm.page.getByRole('button', { name: '登録する' }).click();
  await cm.page.getByText('保存しました。').waitFor();
  await cm.page.getByRole('button', { name: 'ケアチームを作る' }).click();
  await cm.page.getByRole('heading', { name: '新井 トミ さん' }).waitFor();
  assert.match(await cm.page.locator('.consent-banner').innerText(), /同意なし/);
  await cm.page.getByText(/メンバー（1人）/).click();
  await cm.page.getByLabel('名前・ふりがなで探す').fill('sato.dr');
  await cm.page.getByLabel('チームでの役割').selectOption({ label: '主治医' });
  await cm.page.locator('.candidate', { hasText: '佐藤 直子' }).getByRole('button', { name: '追加' }).click();
  await cm.page.getByText(/メンバー（2人）/).waitFor();
  await cm.context.close();

  const doctor = await as('sato.dr');
  await doctor.page.getByRole('link', { name: /新井 トミ さん/ }).waitFor();
  await doctor.context.close();
});

test('a request: the doctor sees it addressed to him and answers; the care manager sees 返信済み', async () => {
  const cm = await as('suzuki.cm', PC);
  await openFirstTeam(cm.page);
  await cm.page.getByLabel('投稿の本文').fill('訪問診療の頻度を月2回に増やせるか、ご意見をください');
  await cm.page.getByLabel('宛先・依頼').check();
  await cm.page.getByRole('group', { name: '宛先' }).getByLabel(/佐藤 直子/).check();
  await cm.page.getByLabel('期限').fill('2099-12-01T17:00');
  await cm.page.getByRole('button', { name: '投稿する' }).click();
  const asked = cm.page.locator('.post', { hasText: '訪問診療の頻度' });
  await asked.locator('.request').waitFor();
  assert.match(await asked.locator('.request').innerText(), /返信のお願い[\s\S]*佐藤 直子[\s\S]*未読/);

  const doctor = await as('sato.dr');
  await openFirstTeam(doctor.page);
  const post = doctor.page.locator('.post', { hasText: '訪問診療の頻度' });
  await post.getByText('あなたへの依頼').waitFor();
  await post.getByPlaceholder('返信する').fill('可能です。来月から月2回にします');
  await post.getByRole('button', { name: '返信' }).click();
  await doctor.page.locator('.reply', { hasText: '来月から月2回' }).waitFor();

  await cm.page.reload();
  const done = cm.page.locator('.post', { hasText: '訪問診療の頻度' });
  await done.locator('.state', { hasText: '返信済み' }).waitFor();
  await cm.context.close();
  await doctor.context.close();
});

test('a pharmacist finds 阿部 ハル by reading and birth date, asks to join, and the care manager approves', async () => {
  const { loggedIn, Client } = await import('../support/client.mjs');
  const admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
  const person = (await admin.get('/api/v1/persons?q=' + encodeURIComponent('あべ はる'))).json.items[0];
  // A professional of the region who is on no team yet, with a password of their own.
  const candidates = (await admin.get('/api/v1/users?limit=100')).json.items.filter((u) => u.roles.includes('professional') && !u.roles.includes('facility_admin'));
  const pharmacist = candidates.find((u) => !['sato.dr', 'takahashi.ns', 'tanaka.msw', 'suzuki.cm'].includes(u.login_id));
  assert.ok(pharmacist);
  const reset = await admin.post(`/api/v1/users/${pharmacist.id}/reset-password`);
  const own = new Client(server.url);
  await own.login(reset.json.login_id, reset.json.temporary_password);
  await own.put('/api/v1/me/password', { current_password: reset.json.temporary_password, new_password: 'pharmacist-pass-2027' });

  const { context, page } = await newPage(browser, server.url);
  await loginAs(page, reset.json.login_id, 'pharmacist-pass-2027');
  await page.getByRole('heading', { name: /こんにちは/ }).waitFor();
  await page.goto('/teams');
  await page.locator('summary', { hasText: 'ほかのケアチームに参加を申請する' }).click();
  await page.getByLabel('ふりがな（フルネーム）').fill(person.name_kana);
  await page.getByLabel('生年月日').fill(person.birth_date);
  await page.getByLabel('あなたのチームでの役割').selectOption({ label: '薬剤師' });
  await page.getByRole('button', { name: '探す' }).click();
  await page.getByText('阿部 ハル さん').waitFor();
  await page.getByRole('button', { name: '参加を申請' }).click();
  await page.getByText('申請済み（承認待ち）').waitFor();
  await context.close();

  const cm = await as('suzuki.cm');
  await openFirstTeam(cm.page);
  const requests = cm.page.getByRole('region', { name: /参加の申請/ });
  await requests.getByText(pharmacist.name).waitFor();
  await requests.getByRole('button', { name: '承認' }).click();
  await requests.waitFor({ state: 'detached' });
  await cm.page.getByText(/メンバー（\d+人）/).click();
  await cm.page.locator('.member-list li', { hasText: pharmacist.name }).getByText('薬剤師').waitFor();
  await cm.context.close();
});

test('a hospital’s contact joins for the request only: the team sees it, the contact sees the request alone', async () => {
  const { loggedIn } = await import('../support/client.mjs');
  const api = await loggedIn(server.url, 'suzuki.cm', DEMO_PASSWORD);
  const admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
  const hospital = (await api.get('/api/v1/facilities?kind=hospital')).json.items.find((f) => f.contact_user_id);
  const contactLogin = (await admin.get(`/api/v1/users?facility_id=${hospital.id}`)).json.items.find((u) => u.id === hospital.contact_user_id).login_id;

  // The city chooses "the request only" on its settings page.
  const city = await as('demo-admin', PC);
  await city.page.goto('/admin/settings');
  await city.page.getByLabel(/依頼だけを見る/).check();
  await city.page.getByRole('region', { name: '施設宛ての依頼と窓口' }).getByRole('button', { name: '保存' }).click();
  await city.page.getByText('施設の窓口が見られる範囲を保存しました').waitFor();
  await city.context.close();

  const me = (await api.get('/api/v1/session')).json.user.id;
  const person = await api.post('/api/v1/persons', { name: '窓口 ブラウザ', name_kana: 'まどぐち ぶらうざ', birth_date: '1937-04-04', sex: 'male' });
  const team = (await api.post(`/api/v1/persons/${person.json.id}/care-team`, { admin_user_id: me, team_role: 'care_manager' })).json;
  await api.post(`/api/v1/boards/${team.id}/posts`, { body: 'チーム内だけの申し送り' });
  const asked = await api.post(`/api/v1/boards/${team.id}/posts`, { body: '退院前カンファレンスの日程を教えてください', request_kind: 'answer', addressed_facilities: [hospital.id] });
  assert.equal(asked.status, 201, asked.text);

  const cm = await as('suzuki.cm', PC);
  await cm.page.goto(`/teams/${team.id}`);
  await cm.page.getByText(`${hospital.name}の窓口（`).waitFor();
  assert.match(await cm.page.locator('.contacts-joined').innerText(), /が参加しました（依頼とその返信だけを見られます）/);

  const contact = await as(contactLogin);
  await contact.page.goto(`/teams/${team.id}`);
  await contact.page.getByText('あなた宛ての依頼とその返信だけが表示されます').waitFor();
  await contact.page.locator('.post', { hasText: '退院前カンファレンス' }).waitFor();
  assert.equal(await contact.page.getByText('チーム内だけの申し送り').count(), 0);
  assert.equal(await contact.page.getByRole('tab', { name: '患者サマリ' }).count(), 0, 'no record tabs');
  assert.equal(await contact.page.getByLabel('投稿の本文').count(), 0, 'no composer for the board');
  await contact.context.close();
  await cm.context.close();
  await admin.put('/api/v1/region/contact-policy', { contact_access: 'record' });
});
