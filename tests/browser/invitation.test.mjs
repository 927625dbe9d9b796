// The invitation as a user lives it, in Chromium: the mail arrives at a real SMTP server; its link
// opens the invitation page on the public listener, where the user chooses a password and
// downloads the certificate (with the import password shown on screen); the downloaded PKCS#12,
// loaded into a new browser context with playwright-core's clientCertificates, then opens the
// certificate listener and the user signs in with the chosen password. A family member sets up
// an authenticator app on the same page and signs in with a one-time code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startTlsDemo, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';
import { launchBrowser, loginAs, signedIn, PHONE, PC } from '../support/browser.mjs';
import { startSmtp, freePort, totpCode, createUserWithMail } from '../support/smtp.mjs';
import { now } from '../support/clock.mjs';

let server;
let smtp;
let browser;
let admin;

before(async () => {
  smtp = await startSmtp();
  const port = await freePort();
  server = await startTlsDemo({
    env: { ...smtp.env, MUSUBI_LISTEN: `127.0.0.1:${port}`, MUSUBI_SERVER_PUBLIC_ORIGIN: `http://127.0.0.1:${port}`, MUSUBI_PKI_CA_KEY_PASSPHRASE: 'browser invitation test' },
  });
  browser = await launchBrowser();
  admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
});
after(async () => {
  await browser?.close();
  await server?.cleanup();
  smtp?.stop();
});

const shots = () => process.env.MUSUBI_SHOTS ?? server.dir;

async function invite(loginId, email, roles) {
  const user = await createUserWithMail(admin, loginId, email, roles);
  assert.equal((await admin.post(`/api/v1/users/${user.id}/invitations`, {})).status, 201);
  const mail = await smtp.waitFor((m) => m.to.includes(email));
  return /(http:\/\/\S+\/invitation#[\w-]+)/.exec(mail.body)[1];
}

test('from the mail to a certificate login: password, download, import, sign in', async () => {
  const link = await invite('shinjin.ns', 'shinjin@example.jp', ['professional']);
  const context = await browser.newContext({ viewport: PHONE, locale: 'ja-JP', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole('heading', { name: '結びへの招待' }).waitFor();
  await page.getByText('shinjin.ns').first().waitFor();
  await page.screenshot({ path: join(shots(), 'invitation-phone.png'), fullPage: true });
  const password = 'Shinjin-2026-ns';
  await page.getByLabel('パスワードを決めてください').fill(password);
  await page.getByLabel('もう一度入力').fill(password);
  await page.getByRole('button', { name: 'パスワードを登録して証明書を受け取る' }).click();
  const importPassword = (await page.getByTestId('import-password').textContent()).trim();
  assert.match(importPassword, /^[A-Za-z0-9]{16}$/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '証明書をダウンロード' }).click()]);
  const pfxPath = join(server.dir, 'invited.p12');
  await download.saveAs(pfxPath);
  await page.getByText('このリンクはもう使えません').waitFor();
  await page.screenshot({ path: join(shots(), 'invitation-done-phone.png'), fullPage: true });
  await context.close();

  // The same link again: refused with a Japanese message.
  const again = await browser.newContext({ viewport: PHONE, locale: 'ja-JP' });
  const againPage = await again.newPage();
  await againPage.goto(link);
  await againPage.getByText('この招待リンクは使えません').waitFor();
  await again.close();

  const device = await browser.newContext({
    baseURL: server.httpsUrl, viewport: PC, locale: 'ja-JP', ignoreHTTPSErrors: true,
    clientCertificates: [{ origin: server.httpsUrl, pfxPath, passphrase: importPassword }],
  });
  const home = await device.newPage();
  await loginAs(home, 'shinjin.ns', password);
  await home.getByRole('heading', { name: /こんにちは/ }).waitFor();
  // The browser keeps nothing of the record beyond the session cookie (issue C3, item 4).
  await home.goto('/teams');
  await home.getByRole('heading', { name: 'ケアチーム' }).waitFor();
  await home.goto('/search');
  const kept = await home.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    databases: (await indexedDB.databases()).length,
    workers: (await navigator.serviceWorker.getRegistrations()).length,
    caches: (await caches.keys()).length,
  }));
  assert.deepEqual(kept, { local: 0, session: 0, databases: 0, workers: 0, caches: 0 });
  await device.close();
});

test('a family member sets up an authenticator app on the invitation page and signs in with a code', async () => {
  const link = await invite('kazoku.a', 'kazoku@example.jp', ['family']);
  const context = await browser.newContext({ viewport: PC, locale: 'ja-JP' });
  const page = await context.newPage();
  await page.goto(link);
  const password = 'Kazoku-2026-app';
  await page.getByLabel('パスワードを決めてください').fill(password);
  await page.getByLabel('もう一度入力').fill(password);
  await page.getByRole('button', { name: '認証アプリを設定する' }).click();
  await page.getByRole('img', { name: '認証アプリで読み取るQRコード' }).waitFor();
  const secret = (await page.locator('code.secret-key').textContent()).replace(/\s/g, '');
  await page.screenshot({ path: join(shots(), 'invitation-totp-pc.png'), fullPage: true });
  await page.getByLabel('ワンタイムコード').fill(await totpCode(secret));
  await page.getByRole('button', { name: '設定を完了する' }).click();
  await page.getByTestId('recovery-codes').waitFor();
  const codes = await page.getByTestId('recovery-codes').locator('code').allTextContents();
  assert.equal(codes.length, 10);

  // Sign in on the public listener: the password, then the code the app shows next.
  await page.getByRole('link', { name: 'ログイン画面へ' }).click();
  await page.getByLabel('ログインID').fill('kazoku.a');
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByLabel('ワンタイムコード（6桁）').waitFor();
  await page.screenshot({ path: join(shots(), 'login-code-pc.png') });
  await page.getByLabel('ワンタイムコード（6桁）').fill(await totpCode(secret, now() + 30_000));
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByRole('heading', { name: /こんにちは/ }).waitFor();

  // On the account page: ten new recovery codes for a code of a later step.
  await page.goto(server.url + '/account');
  await page.getByText('回復コードの残り: 10個').waitFor();
  // The login used the next step's code; a code is accepted once its step is past that one.
  await new Promise((r) => setTimeout(r, 30_000 - (now() % 30_000) + 300));
  await page.getByLabel('アプリの6桁のコード').fill(await totpCode(secret, now() + 30_000));
  await page.getByRole('button', { name: '回復コードを作り直す' }).click();
  await page.getByTestId('new-recovery-codes').waitFor();
  const renewed = await page.getByTestId('new-recovery-codes').locator('code').allTextContents();
  assert.equal(renewed.length, 10);
  assert.equal(renewed.filter((c) => codes.includes(c)).length, 0);
  await context.close();
});

test('the administrator sends an invitation from the user page, sees it used, and sets the region policy', async () => {
  const { context, page } = await signedIn(browser, server.url, 'demo-admin', DEMO_PASSWORD, PC);
  const users = await page.evaluate(() => fetch('/api/v1/users?q=shinjin.ns&limit=5').then((r) => r.json()));
  const shinjin = users.items.find((u) => u.login_id === 'shinjin.ns');
  await page.goto(`/admin/users/${shinjin.id}`);
  await page.getByRole('heading', { name: '招待メール' }).waitFor();
  await page.getByRole('cell', { name: /使用済み/ }).waitFor();  // from the first test
  await page.getByLabel('端末の名前（任意）').fill('訪問用iPad 2台目');
  await page.getByRole('button', { name: '招待メールを送る' }).click();
  await page.getByText('招待メールを送信待ちにしました').waitFor();
  await smtp.waitFor((m) => m.to.includes('shinjin@example.jp') && m.subject.includes('端末の追加'));
  await page.reload();
  await page.getByRole('cell', { name: /送信済み/ }).first().waitFor();
  await page.getByRole('heading', { name: '招待メール' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots(), 'user-invitations-pc.png'), fullPage: true });
  await context.close();

  const phone = await signedIn(browser, server.url, 'demo-admin', DEMO_PASSWORD, PHONE);
  await phone.page.goto('/admin/settings');
  await phone.page.getByRole('heading', { name: '端末と認証アプリ' }).waitFor();
  await phone.page.getByLabel('1人あたりの端末の上限（台）').fill('3');
  await phone.page.getByLabel('救急隊', { exact: true }).check();
  const policy = phone.page.getByRole('region', { name: '端末と認証アプリ' });
  await policy.getByRole('button', { name: '保存', exact: true }).click();
  await policy.getByText('保存しました').waitFor();
  const region = await phone.page.evaluate(() => fetch('/api/v1/region').then((r) => r.json()));
  assert.equal(region.max_devices_per_user, 3);
  assert.deepEqual([...region.totp_roles].sort(), ['ems', 'family']);
  const sessions = phone.page.getByRole('region', { name: '自動ログアウト' });
  await sessions.getByLabel('操作がないときの自動ログアウト（分）').fill('15');
  await sessions.getByRole('button', { name: '保存', exact: true }).click();
  await sessions.getByText('保存しました').waitFor();
  const withTimeout = await phone.page.evaluate(() => fetch('/api/v1/region').then((r) => r.json()));
  assert.equal(withTimeout.session_idle_timeout_seconds, 900);
  await phone.page.getByRole('heading', { name: '送信メールの状況' }).scrollIntoViewIfNeeded();
  await phone.page.getByText(/shinjin@example.jp・/).first().waitFor();
  await phone.page.screenshot({ path: join(shots(), 'region-sign-in-policy-phone.png'), fullPage: true });
  await phone.context.close();
});

test('the 証明書が必要です page explains what to do, without a session', async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: 'ja-JP' });
  const page = await context.newPage();
  await page.goto(server.url + '/certificate-required');
  await page.getByRole('heading', { name: '証明書が必要です' }).waitFor();
  await page.getByText('端末をなくした・盗まれた').waitFor();
  await page.screenshot({ path: join(shots(), 'certificate-required-phone.png'), fullPage: true });
  await context.close();
});
