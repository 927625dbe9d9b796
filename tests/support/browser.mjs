// Debian's Chromium driven by playwright-core; never a downloaded browser.
import { chromium } from 'playwright-core';

export const PHONE = { width: 375, height: 812 };
export const PC = { width: 1366, height: 900 };

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--lang=ja-JP'],
  });
}

export async function newPage(browser, base, viewport = PHONE) {
  const context = await browser.newContext({ baseURL: base, viewport, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  return { context, page };
}

export async function loginAs(page, loginId, password) {
  await page.goto('/');
  await page.getByLabel('ログインID').fill(loginId);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
}

// A new browser context signed in as `loginId` (demo password), on the home page.
export async function signedIn(browser, base, loginId, password, viewport = PHONE) {
  const { context, page } = await newPage(browser, base, viewport);
  await loginAs(page, loginId, password);
  await page.getByRole('heading', { name: /こんにちは/ }).waitFor();
  return { context, page };
}
