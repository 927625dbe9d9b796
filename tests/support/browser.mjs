// Debian's Chromium driven by playwright-core; never a downloaded browser.
import { after, before } from 'node:test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, startServer } from './server.mjs';
import { CLOCK_OFFSET_MS, now } from './clock.mjs';

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
  // Waits wait for what they need (an element, a response); this bound only ends a test that
  // would never pass, and leaves room for the sanitizer build on a busy machine.
  context.setDefaultTimeout(90_000);
  // On the test clock the page lives at the server's time (its 和暦 "today", deadlines, mutes).
  if (CLOCK_OFFSET_MS !== 0) await context.clock.install({ time: now() });
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

// The usual frame of a browser test file: a demo server and a browser for the whole file, and
// where screenshots go. Returns an object whose `server` and `browser` are set once `before` ran.
export function browserSuite(serverOptions = {}) {
  const suite = { server: null, browser: null, shots: join(ROOT, 'build', 'screenshots') };
  before(async () => {
    suite.server = await startServer(serverOptions);
    suite.browser = await launchBrowser();
    mkdirSync(suite.shots, { recursive: true });
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.cleanup();
  });
  return suite;
}
