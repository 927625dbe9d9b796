// When the audit log no longer matches its checkpoints and the region chose to keep serving reads
// (audit.on_anchor_mismatch = read_only): every page says so, and a change is refused in Japanese.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { ROOT, startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { launchBrowser, signedIn, PC } from '../support/browser.mjs';
import { sqlite } from '../support/db.mjs';

let server;
let browser;
const shots = join(ROOT, 'build', 'screenshots');
before(async () => {
  server = await startServer({ env: { MUSUBI_AUDIT_ANCHOR_SYSLOG: 'off', MUSUBI_AUDIT_ON_ANCHOR_MISMATCH: 'read_only' } });
  await server.stop(); // checkpoints the head
  sqlite(server.dir, 'DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  sqlite(server.dir, 'DELETE FROM audit_log WHERE id > (SELECT MAX(id) - 3 FROM audit_log)');
  await server.restart();
  browser = await launchBrowser();
  mkdirSync(shots, { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.cleanup();
});

test('every page shows the read-only banner, the board still reads, and a post is refused with the reason', async () => {
  const { context, page } = await signedIn(browser, server.url, 'suzuki.cm', DEMO_PASSWORD);
  const banner = page.getByRole('alert').filter({ hasText: 'いまは閲覧だけできます' });
  await banner.waitFor();
  await page.screenshot({ path: join(shots, 'read-only-phone.png'), fullPage: true });
  await page.goto('/teams');
  await page.locator('a.list-row', { hasText: '阿部 ハル さん' }).first().waitFor();
  await banner.waitFor();
  await context.close();

  const pc = await signedIn(browser, server.url, 'suzuki.cm', DEMO_PASSWORD, PC);
  await pc.page.locator('a.list-row', { hasText: '阿部 ハル さん' }).first().click();
  await pc.page.getByRole('heading', { name: '阿部 ハル さん' }).waitFor();
  await pc.page.getByRole('alert').filter({ hasText: 'いまは閲覧だけできます' }).waitFor();
  await pc.page.getByLabel('投稿の本文').fill('読み取り専用のときの投稿');
  await pc.page.getByRole('button', { name: '投稿する' }).click();
  await pc.page.getByText('いまは閲覧だけできます（監査ログの確認で問題が見つかりました）').waitFor();
  await pc.page.screenshot({ path: join(shots, 'read-only-pc.png'), fullPage: true });
  assert.equal(sqlite(server.dir, "SELECT COUNT(*) FROM posts WHERE body = '読み取り専用のときの投稿'"), '0');
  await pc.context.close();
});
