// The city's administrator at work: registers a facility, a user and a person, finds a person by
// kana, and sees that hostile text stays text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { launchBrowser, newPage, loginAs, PC, PHONE } from '../support/browser.mjs';

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

async function adminPage(viewport = PHONE) {
  const { context, page } = await newPage(browser, server.url, viewport);
  await loginAs(page, 'demo-admin', DEMO_PASSWORD);
  await page.getByRole('heading', { name: /こんにちは/ }).waitFor();
  return { context, page };
}

test('register a facility; a missing field is marked', async () => {
  const { context, page } = await adminPage(PC);
  await page.goto('/admin/facilities/new');
  await page.getByLabel('施設名').fill('はなみずき薬局');
  await page.getByRole('button', { name: '登録する' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.locator('#kind-error').innerText(), /施設の種類を選んでください/);
  assert.equal(await page.getByLabel('種類').getAttribute('aria-invalid'), 'true');
  await page.getByLabel('種類').selectOption('pharmacy');
  await page.getByLabel('電話番号').fill('029-800-7777');
  await page.getByRole('button', { name: '登録する' }).click();
  await page.getByText('保存しました。').waitFor();
  assert.match(page.url(), /\/admin\/facilities\/\d+$/);
  await page.goto('/admin/facilities');
  await page.getByPlaceholder('施設名・ふりがなで検索').fill('はなみずき');
  await page.locator('.list-row', { hasText: 'はなみずき薬局' }).waitFor();
  await context.close();
});

test('register a user: the temporary password is shown once', async () => {
  const { context, page } = await adminPage();
  await page.goto('/admin/users/new');
  await page.getByLabel('ログインID').fill('mori.pt');
  await page.getByLabel('氏名').fill('森 理学');
  await page.getByLabel('ふりがな').fill('もり りがく');
  await page.getByLabel('所属施設').selectOption({ label: 'つくば中央病院' });
  await page.getByLabel('職種').selectOption({ label: '理学療法士' });
  await page.getByRole('button', { name: '登録して仮パスワードを発行' }).click();
  const secret = page.locator('code.secret');
  await secret.waitFor();
  assert.match(await secret.innerText(), /^[A-Za-z0-9]{12}$/);
  await page.goto('/admin/users');
  await page.getByPlaceholder('名前・ふりがな・ログインIDで検索').fill('もり');
  await page.locator('.list-row', { hasText: '森 理学' }).waitFor();
  await context.close();
});

test('register a person, then find them by katakana and by half-width kana', async () => {
  const { context, page } = await adminPage();
  await page.goto('/persons/new');
  await page.getByLabel('氏名').fill('宮本 タケ');
  await page.getByLabel('ふりがな').fill('みやもと たけ');
  await page.getByLabel('生年月日').fill('1938-05-05');
  await page.getByLabel('性別').selectOption('female');
  await page.getByLabel('住所').fill('茨城県つくば市松代9丁目9-9');
  await page.getByRole('button', { name: '登録する' }).click();
  await page.getByText('保存しました。').waitFor();
  for (const q of ['ミヤモト', 'ﾐﾔﾓﾄ', 'みやもと']) {
    await page.goto('/persons');
    await page.getByLabel('名前・ふりがなで検索').fill(q);
    // The unfiltered first page may already show the row: wait until the filter has applied.
    await page.waitForFunction(() => document.querySelectorAll('.list-row').length === 1);
    assert.match(await page.locator('.list-row').innerText(), /宮本 タケ/, q);
    assert.match(await page.locator('.list-row').innerText(), /1938年（昭和13年）5月5日/);
  }
  await context.close();
});

test('registering the same reading and birth date again names the person; a namesake is registered by choice', async () => {
  const { context, page } = await adminPage();
  await page.goto('/persons/new');
  await page.getByLabel('氏名').fill('宮本 タケ');
  await page.getByLabel('ふりがな').fill('ミヤモト タケ');
  await page.getByLabel('生年月日').fill('1938-05-05');
  await page.getByLabel('性別').selectOption('female');
  await page.getByRole('button', { name: '登録する' }).click();
  await page.getByRole('alert').getByText(/宮本 タケさん）がすでに登録されています/).waitFor();
  assert.match(page.url(), /\/persons\/new$/, 'nothing registered');
  await page.getByLabel(/別の方として登録する/).check();
  await page.getByRole('button', { name: '登録する' }).click();
  await page.getByText('保存しました。').waitFor();
  await page.goto('/persons');
  await page.getByLabel('名前・ふりがなで検索').fill('みやもと');
  await page.waitForFunction(() => document.querySelectorAll('.list-row').length === 2);
  await context.close();
});

test('script and HTML in names are shown as text, never run', async () => {
  const { context, page } = await adminPage(PC);
  let dialog = false;
  page.on('dialog', async (d) => {
    dialog = true;
    await d.dismiss();
  });
  // Fits the 50-character name limit.
  const evil = '<img src=x onerror=alert(1)><b>太郎</b>';
  await page.goto('/persons/new');
  await page.getByLabel('氏名').fill(evil);
  await page.getByLabel('ふりがな').fill('あくい');
  await page.getByLabel('生年月日').fill('1950-01-01');
  await page.getByLabel('性別').selectOption('other');
  await page.getByRole('button', { name: '登録する' }).click();
  await page.getByText('保存しました。').waitFor();
  await page.goto('/persons?q=' + encodeURIComponent('あくい'));
  await page.locator('.list-row').first().waitFor();
  assert.equal((await page.locator('.list-row strong').first().innerText()).trim(), evil);
  assert.equal(await page.locator('.list-row img').count(), 0);
  assert.equal(dialog, false);
  await context.close();
});

test('CSV import marks the bad rows and imports nothing', async () => {
  const { context, page } = await adminPage(PC);
  await page.goto('/admin/users/import');
  await page.getByLabel('またはここに貼り付け').fill('ログインID,氏名,ふりがな,権限\nok.csv,正しい 人,ただしい ひと,専門職\nbad id,悪い 人,わるい ひと,専門職\n');
  await page.getByRole('button', { name: '登録する' }).click();
  await page.getByText('件の問題があります').waitFor();
  assert.match(await page.locator('table[aria-label="CSVの問題"]').innerText(), /3行目/);
  await context.close();
});

test('the audit log shows what the administrator just did', async () => {
  const { context, page } = await adminPage(PC);
  await page.goto('/persons/1');
  await page.getByLabel('氏名').waitFor();
  await page.goto('/admin/audit');
  await page.locator('.audit-table').waitFor();
  const text = await page.locator('.audit-table tbody').innerText();
  assert.match(text, /支援対象者の閲覧/);
  assert.match(text, /demo-admin/);
  await context.close();
});

test('a professional is kept out of administration pages', async () => {
  const { context, page } = await newPage(browser, server.url);
  await loginAs(page, 'yoshida.02', DEMO_PASSWORD);
  await page.getByRole('heading', { name: /こんにちは/ }).waitFor();
  assert.doesNotMatch(await page.locator('#main-nav').innerText(), /監査ログ|利用者|支援対象者/);
  await page.goto('/admin/audit');
  await page.getByRole('heading', { name: 'この画面を見る権限がありません' }).waitFor();
  await page.goto('/no/such/page');
  await page.getByRole('heading', { name: 'ページが見つかりません' }).waitFor();
  await context.close();
});

test('the region administrator adds a category and retires one; the composer offers exactly the active ones', async () => {
  const { page, context } = await adminPage(PC);
  await page.goto('/admin/settings');
  await page.getByRole('heading', { name: '地域の設定' }).waitFor();
  await page.getByLabel('新しい分類名').fill('褥瘡');
  await page.getByRole('button', { name: '追加' }).click();
  await page.getByText('分類「褥瘡」を追加しました').waitFor();
  const meeting = page.getByRole('listitem', { name: '分類 会議' });
  await meeting.getByLabel('使わない').check();
  await meeting.getByRole('button', { name: '保存' }).click();
  await page.getByText('分類「会議」を保存しました').waitFor();
  await context.close();

  const nurse = await newPage(browser, server.url);
  await loginAs(nurse.page, 'takahashi.ns', DEMO_PASSWORD);
  await nurse.page.locator('a.list-row', { hasText: '阿部 ハル さん' }).first().click();
  // The categories arrive after the page: wait for the list, then read it.
  await nurse.page.getByLabel('分類').locator('option', { hasText: '褥瘡' }).waitFor({ state: 'attached' });
  const options = await nurse.page.getByLabel('分類').locator('option').allInnerTexts();
  assert.ok(options.includes('褥瘡'), options.join(','));
  assert.ok(!options.includes('会議'), 'a retired category is not offered');
  await nurse.context.close();
});
