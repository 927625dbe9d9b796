// Signing in on a phone: success, wrong password, lock-out, logout and session expiry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { launchBrowser, newPage, loginAs, PC } from '../support/browser.mjs';

let server;
let browser;
before(async () => {
  server = await startServer({
    env: { MUSUBI_LOGIN_FAILURES_BEFORE_DELAY: '100', MUSUBI_LOGIN_FAILURES_BEFORE_LOCK: '3', MUSUBI_SESSION_IDLE_TIMEOUT_SECONDS: '4' },
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.cleanup();
});

test('a doctor logs in on a phone and sees the home page with the last login', async () => {
  const { context, page } = await newPage(browser, server.url);
  await loginAs(page, 'sato.dr', DEMO_PASSWORD);
  await page.getByRole('heading', { name: /さん、こんにちは/ }).waitFor();
  assert.match(await page.locator('.brand-region').innerText(), /つくば市（デモ）/);
  assert.match(await page.locator('#last-login + p').innerText(), /初めてのログイン/);
  await context.close();

  const second = await newPage(browser, server.url, PC);
  await loginAs(second.page, 'sato.dr', DEMO_PASSWORD);
  await second.page.getByRole('heading', { name: /こんにちは/ }).waitFor();
  assert.match(await second.page.locator('#last-login + p').innerText(), /接続元 127\.0\.0\.1/);
  // A clinic's administrator manages staff but not the region's audit log.
  const menu = await second.page.locator('#main-nav').innerText();
  assert.match(menu, /利用者/);
  assert.doesNotMatch(menu, /監査ログ/);
  await second.context.close();
});

test('a wrong password shows a clear message and clears the password field', async () => {
  const { context, page } = await newPage(browser, server.url);
  await loginAs(page, 'suzuki.cm', 'wrong-password-1');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.equal((await alert.innerText()).trim(), 'ログインIDまたはパスワードが違います');
  assert.equal(await page.getByLabel('パスワード').inputValue(), '');
  await context.close();
});

test('after three failures the account is locked and the page says so', async () => {
  const { context, page } = await newPage(browser, server.url);
  for (let i = 0; i < 3; i++) {
    await loginAs(page, 'takahashi.ns', `wrong-password-${i}`);
    await page.getByRole('alert').waitFor();
  }
  await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByRole('alert').filter({ hasText: 'ロック' }).waitFor();
  assert.match(await page.getByRole('alert').innerText(), /一時的にロックされています/);
  await context.close();
});

test('logout returns to the login page and the back button shows nothing private', async () => {
  const { context, page } = await newPage(browser, server.url);
  await loginAs(page, 'demo-admin', DEMO_PASSWORD);
  await page.getByRole('heading', { name: /こんにちは/ }).waitFor();
  await page.getByRole('button', { name: 'メニュー' }).click();
  await page.locator('#main-nav').getByRole('button', { name: 'ログアウト' }).click();
  await page.getByText('ログアウトしました。').waitFor();
  await page.goto('/persons');
  await page.getByLabel('ログインID').waitFor();
  assert.equal(await page.locator('.list-row').count(), 0);
  await context.close();
});

test('an idle session expires and the user is told why', async () => {
  const { context, page } = await newPage(browser, server.url);
  await loginAs(page, 'demo-admin', DEMO_PASSWORD);
  await page.getByRole('heading', { name: /こんにちは/ }).waitFor();
  await page.waitForTimeout(5000);
  await page.getByRole('button', { name: 'メニュー' }).click();
  await page.locator('#main-nav').getByRole('link', { name: '支援対象者' }).click();
  await page.getByText('一定時間操作がなかったため').waitFor();
  assert.ok(await page.getByLabel('ログインID').isVisible());
  await context.close();
});
