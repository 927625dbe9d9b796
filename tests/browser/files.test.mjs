// Files and the board's order on a phone: a nurse attaches a photo and a PDF to a visit record,
// the doctor sees the thumbnail and finds the PDF in the team's file view; an important post
// stays on top until acknowledged; a too-large file gets a clear Japanese error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { launchBrowser, signedIn, PC } from '../support/browser.mjs';
import { loggedIn } from '../support/client.mjs';
import { png } from '../support/images.mjs';

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

async function as(login, viewport) {
  const { context, page } = await signedIn(browser, server.url, login, DEMO_PASSWORD, viewport);
  await page.locator('a.list-row', { hasText: '阿部 ハル さん' }).first().click();
  await page.getByRole('heading', { name: '阿部 ハル さん' }).waitFor();
  return { context, page };
}

test('a photo and a PDF attached to a post; the doctor sees the thumbnail and finds the PDF in the file view', async () => {
  const nurse = await as('takahashi.ns');
  const chooser = nurse.page.locator('input[type=file][multiple]');
  await chooser.setInputFiles([
    { name: '足の傷.png', mimeType: 'image/png', buffer: png(120, 80, [180, 90, 90]) },
    { name: '訪問看護報告書.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') },
  ]);
  const chips = nurse.page.getByRole('list', { name: '添付するファイル' });
  await chips.getByText('訪問看護報告書.pdf').waitFor();
  await chips.getByText('足の傷.png').waitFor();
  await nurse.page.getByLabel('投稿の本文').fill('右足の傷の写真と報告書です');
  await nurse.page.getByRole('button', { name: '投稿する' }).click();
  const post = nurse.page.locator('.post', { hasText: '右足の傷の写真と報告書です' });
  await post.waitFor();
  assert.equal(await chips.count(), 0, 'the composer is cleared');
  await nurse.context.close();

  const doctor = await as('sato.dr', PC);
  const shown = doctor.page.locator('.post', { hasText: '右足の傷の写真と報告書です' });
  const thumbnail = shown.locator('.attachments img');
  await thumbnail.waitFor();
  await doctor.page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await thumbnail.elementHandle());
  const pdfLink = shown.getByRole('link', { name: /訪問看護報告書\.pdf/ });
  assert.equal(await pdfLink.getAttribute('download'), '訪問看護報告書.pdf', 'PDFs are downloaded, never a page of this site');
  const pdf = await doctor.page.request.get(await pdfLink.getAttribute('href'));
  assert.equal(pdf.headers()['content-type'], 'application/pdf');

  await doctor.page.getByRole('tab', { name: 'ファイル' }).click();
  const list = doctor.page.getByRole('region', { name: 'ファイル一覧' });
  await list.getByText('足の傷.png').waitFor();
  await doctor.page.getByLabel('種類').selectOption({ label: 'PDF' });
  await list.getByText('足の傷.png').waitFor({ state: 'detached' });
  await list.getByText('訪問看護報告書.pdf').waitFor();
  assert.match(await list.innerText(), /高橋 美咲/);
  await doctor.context.close();
});

test('an important post stays on top until acknowledged; すべて既読にする clears the unread marks', async () => {
  const cm = await as('suzuki.cm');
  await cm.page.getByLabel('投稿の本文').fill('【重要】退院日が変更になりました');
  await cm.page.getByLabel('重要', { exact: true }).check();
  await cm.page.getByRole('button', { name: '投稿する' }).click();
  await cm.page.locator('.post', { hasText: '退院日が変更' }).waitFor();
  await cm.page.getByLabel('投稿の本文').fill('その後の連絡です');
  await cm.page.getByRole('button', { name: '投稿する' }).click();
  await cm.page.locator('.post', { hasText: 'その後の連絡です' }).waitFor();
  await cm.context.close();

  const doctor = await as('sato.dr');
  const pinned = doctor.page.getByRole('region', { name: '重要・未確認の投稿' });
  await pinned.getByText('退院日が変更').waitFor();
  // Above the newer post.
  const order = await doctor.page.locator('.post').allInnerTexts();
  assert.ok(order.findIndex((t) => t.includes('退院日')) < order.findIndex((t) => t.includes('その後の連絡です')));
  await pinned.locator('.post', { hasText: '退院日が変更' }).getByRole('button', { name: /確認する/ }).click();
  await pinned.getByText('退院日が変更').waitFor({ state: 'detached' });
  await doctor.page.locator('.timeline .post', { hasText: '退院日が変更' }).getByRole('button', { name: /確認済み/ }).waitFor();
  await doctor.page.getByRole('button', { name: 'すべて既読にする' }).click();
  await doctor.page.getByText(/件を既読にしました|未読はありません/).waitFor();
  await doctor.context.close();
});

test('a file over the region limit shows why it was refused, in Japanese', async () => {
  const admin = await loggedIn(server.url, 'demo-admin', DEMO_PASSWORD);
  await admin.put('/api/v1/region/upload-limit', { max_upload_mb: 1 });
  try {
    const nurse = await as('takahashi.ns');
    await nurse.page.locator('input[type=file][multiple]').setInputFiles({ name: '動画.mp4', mimeType: 'video/mp4', buffer: Buffer.alloc(2 * 1024 * 1024) });
    const problem = nurse.page.getByRole('alert').filter({ hasText: '動画.mp4' });
    await problem.getByText('ファイルが大きすぎます（上限 1 MB）').waitFor();
    assert.equal(await nurse.page.getByRole('button', { name: '投稿する' }).isDisabled(), true, 'nothing to post yet');
    await nurse.context.close();
  } finally {
    await admin.put('/api/v1/region/upload-limit', { max_upload_mb: 100 });
  }
});
