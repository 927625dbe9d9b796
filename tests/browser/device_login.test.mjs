// Logging in through the certificate listener in Chromium: with the device certificate the demo
// issued (imported as a PKCS#12 with its password, as a user would), the login page opens and
// sato.dr signs in; without one the page never loads; with it, another user's password is
// refused with a Japanese message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTlsDemo, DEMO_PASSWORD } from '../support/server.mjs';
import { launchBrowser, loginAs, signedIn, PC, PHONE } from '../support/browser.mjs';

let server;
let browser;
let dataDir;

before(async () => {
  server = await startTlsDemo({
    // What `musubi demo` serves with: its CA passphrase, so that administrators can issue.
    env: { MUSUBI_PKI_CA_KEY_PASSPHRASE: 'browser test passphrase' },
  });
  dataDir = server.dir;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.cleanup();
});

// MUSUBI_SHOTS=dir keeps the screenshots for looking at them (docs/screenshots).
const shots = () => process.env.MUSUBI_SHOTS ?? dataDir;

function withCertificate(login) {
  return browser.newContext({
    baseURL: server.httpsUrl,
    viewport: PHONE,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    ignoreHTTPSErrors: true, // the demo's server certificate comes from its own local CA
    clientCertificates: [{
      origin: server.httpsUrl,
      pfxPath: join(dataDir, `tls/devices/${login}.p12`),
      passphrase: readFileSync(join(dataDir, `tls/devices/${login}.password`), 'utf8'),
    }],
  });
}

test('with its device certificate a user signs in; without one the page does not load', async () => {
  const context = await withCertificate('sato.dr');
  const page = await context.newPage();
  await loginAs(page, 'sato.dr', DEMO_PASSWORD);
  await page.getByRole('heading', { name: /こんにちは/ }).waitFor();
  await page.screenshot({ path: join(shots(), 'device-login-phone.png') });
  await context.close();

  const bare = await browser.newContext({ baseURL: server.httpsUrl, ignoreHTTPSErrors: true });
  const barePage = await bare.newPage();
  await assert.rejects(barePage.goto('/'), /ERR_|net::|SSL|closed/i);
  await bare.close();
});

test('another user\'s password on this device is refused with a message', async () => {
  const context = await withCertificate('sato.dr');
  const page = await context.newPage();
  await loginAs(page, 'suzuki.cm', DEMO_PASSWORD);
  await page.getByText('この端末の証明書は別の利用者のものです').waitFor();
  assert.equal(await page.getByRole('heading', { name: /こんにちは/ }).count(), 0);
  await context.close();
});

test('an administrator issues a certificate on the user page; the user downloads it, signs in with it and revokes it', async () => {
  const { context: adminContext, page: admin } = await signedIn(browser, server.url, 'demo-admin', DEMO_PASSWORD, PC);
  const users = await admin.evaluate(() => fetch('/api/v1/users?q=takahashi.ns&limit=5').then((r) => r.json()));
  const nurse = users.items.find((u) => u.login_id === 'takahashi.ns');
  await admin.goto(`/admin/users/${nurse.id}`);
  await admin.getByRole('heading', { name: '端末証明書' }).waitFor();
  await admin.getByLabel('端末の名前', { exact: true }).fill('訪問用iPad');
  await admin.getByRole('button', { name: '証明書を発行' }).click();
  const notice = admin.getByRole('status').filter({ hasText: '証明書を発行しました' });
  await notice.waitFor();
  const link = await notice.locator('code.copyable').first().textContent();
  const password = await notice.locator('code.password').textContent();
  assert.match(link, /\/device-setup#[\w-]{30,}$/);
  assert.match(password, /^[A-Za-z0-9]{16}$/);
  await admin.getByText('訪問用iPad').first().waitFor();
  await admin.screenshot({ path: join(shots(), 'device-issued-pc.png'), fullPage: true });

  // On the new device (no certificate yet) the user opens the link, reads the steps for an iPad
  // and downloads the file once; then imports it with the password.
  const fresh = await browser.newContext({ viewport: PHONE, locale: 'ja-JP', userAgent: 'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1', acceptDownloads: true });
  const setup = await fresh.newPage();
  await setup.goto(link);
  await setup.getByRole('heading', { name: '端末証明書の受け取り' }).waitFor();
  await setup.getByText('プロファイルがダウンロード済み').waitFor();
  const [download] = await Promise.all([setup.waitForEvent('download'), setup.getByRole('button', { name: '証明書をダウンロード' }).click()]);
  const p12 = join(dataDir, 'takahashi-ipad.p12');
  await download.saveAs(p12);
  await setup.getByText('このリンクはもう使えません').waitFor();
  await setup.screenshot({ path: join(shots(), 'device-setup-phone.png'), fullPage: true });
  const again = await fresh.newPage();
  await again.goto(link);
  await again.getByRole('button', { name: '証明書をダウンロード' }).click();
  await again.getByText(/使えません（使用済みか期限切れです）/).waitFor();
  await fresh.close();

  const context = await browser.newContext({
    baseURL: server.httpsUrl, viewport: PHONE, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', ignoreHTTPSErrors: true,
    clientCertificates: [{ origin: server.httpsUrl, pfxPath: p12, passphrase: password }],
  });
  const page = await context.newPage();
  await loginAs(page, 'takahashi.ns', DEMO_PASSWORD);
  await page.getByRole('heading', { name: /こんにちは/ }).waitFor();
  await page.goto('/account');
  const row = page.locator('li.device-row', { hasText: '訪問用iPad' });
  await row.getByText('有効', { exact: true }).waitFor();
  await row.getByText(/最終利用/).waitFor();
  await row.getByText('この端末', { exact: true }).waitFor();
  await page.screenshot({ path: join(shots(), 'device-account-phone.png'), fullPage: true });

  page.once('dialog', (d) => d.accept());
  await row.getByRole('button', { name: /失効する/ }).click();
  // Its own session ended with it: the next request is refused and the page leaves the account.
  await page.getByLabel('ログインID').or(page.getByText(/失効/)).first().waitFor();
  // Nothing more through this certificate: 403 on a connection still open, no new handshake.
  const after = await context.newPage();
  const response = await after.goto('/').catch(() => null);
  assert.ok(response === null || response.status() === 403, `status ${response?.status()}`);
  await context.close();

  await admin.reload();
  await admin.locator('li.device-row', { hasText: '訪問用iPad' }).getByText('失効', { exact: true }).waitFor();
  await adminContext.close();
});

test('turning the certificate requirement on in the settings logs out password-only sessions', async () => {
  const { context, page } = await signedIn(browser, server.url, 'demo-admin', DEMO_PASSWORD, PC);
  await page.goto('/admin/settings');
  await page.getByRole('heading', { name: 'ログインの二要素認証' }).waitFor();
  await page.getByText('端末証明書がなくてもログインできます').waitFor();
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: '端末証明書を必須にする' }).click();
  // Its own password-only session ended with the change: the next request brings the login page.
  await page.getByLabel('ログインID').waitFor();
  await loginAs(page, 'demo-admin', DEMO_PASSWORD);
  await page.getByText(/端末証明書を入れた端末からしかログインできません/).waitFor();
  await context.close();

  // Over the certificate door the administrator switches it back for the other tests.
  const secure = await withCertificate('demo-admin');
  const admin = await secure.newPage();
  await loginAs(admin, 'demo-admin', DEMO_PASSWORD);
  await admin.getByRole('heading', { name: /こんにちは/ }).waitFor();
  await admin.goto('/admin/settings');
  await admin.getByText('端末証明書が必要です').waitFor();
  await admin.setViewportSize(PC);
  await admin.screenshot({ path: join(shots(), 'settings-certificates-pc.png'), fullPage: true });
  admin.once('dialog', (d) => d.accept());
  await admin.getByRole('button', { name: '必須をやめる' }).click();
  await admin.getByText('端末証明書がなくてもログインできます').waitFor();
  await secure.close();
});
