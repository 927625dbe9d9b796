// お知らせ in two browsers: the city office writes to the doctors and asks them to confirm; the
// doctor's badge rises without a reload, he reads and confirms on his phone; the office sees who
// has confirmed and who has not, and reminds them. A nurse, not a doctor, never sees it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { launchBrowser, signedIn, PC, PHONE } from '../support/browser.mjs';

let server;
let browser;
const shots = join(ROOT, 'build', 'screenshots');
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  mkdirSync(shots, { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.cleanup();
});

const as = (login, viewport) => signedIn(browser, server.url, login, DEMO_PASSWORD, viewport);
const TITLE = '年末年始の休日当番医について';

test('the office writes to the doctors; a doctor sees it live, reads and confirms; the office sees who has not', async () => {
  const doctor = await as('sato.dr', PHONE);
  // From the server, not from the badge: the badge may not have loaded yet when the page is shown.
  const before = await doctor.page.evaluate(async () => {
    const r = await fetch('/api/v1/inbox/counts', { headers: { Accept: 'application/json', 'X-Musubi-Background': '1' } });
    return (await r.json()).needs_me;
  });
  await doctor.page.waitForFunction((n) => Number(document.querySelector('.topbar-badge')?.textContent ?? 0) === n, before);

  const office = await as('demo-admin', PC);
  await office.page.getByRole('link', { name: 'お知らせ' }).click();
  await office.page.getByRole('link', { name: 'お知らせを作成' }).click();
  // Sending with nothing written names the fields.
  await office.page.getByText(/送信先: /).waitFor();
  await office.page.getByRole('button', { name: '送信する' }).click();
  await office.page.locator('.field-error').first().waitFor();
  assert.equal(await office.page.locator('.field--error').count(), 2);

  await office.page.getByLabel('件名').fill(TITLE);
  await office.page.getByLabel('本文').fill('12月29日から1月3日までの当番医を添付の表のとおりお知らせします。\n在宅の方の急変時は、まず主治医へご連絡ください。');
  await office.page.getByLabel('読んだ人に「確認しました」を求める').check();
  const everyone = Number((await office.page.locator('.audience-count strong').innerText()).replace(/,/g, ''));
  await office.page.getByText('職種で絞る').click();
  await office.page.getByRole('checkbox', { name: '医師', exact: true }).check();
  await office.page.waitForFunction((n) => {
    const t = document.querySelector('.audience-count strong')?.textContent;
    return t && Number(t.replace(/,/g, '')) < n;
  }, everyone);
  const doctors = Number(await office.page.locator('.audience-count strong').innerText());
  assert.ok(doctors >= 2 && doctors < everyone);
  await office.page.screenshot({ path: join(shots, 'notice-new-pc.png'), fullPage: true });
  await office.page.getByRole('button', { name: '送信する' }).click();
  await office.page.getByText(`${doctors}人にお知らせを送りました`).waitFor();
  await office.page.getByText(`0 / ${doctors} 人が既読`).waitFor();

  // The doctor did nothing: the badge rises (a confirmation is waiting for him).
  await doctor.page.waitForFunction((n) => Number(document.querySelector('.topbar-badge')?.textContent ?? 0) === n + 1, before);
  await doctor.page.getByRole('button', { name: 'メニュー' }).click();
  const nav = doctor.page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: /お知らせ/ });
  assert.match(await nav.innerText(), /1/);
  await nav.click();
  const row = doctor.page.locator('.notice-row--unread', { hasText: TITLE });
  await row.waitFor();
  assert.match(await row.innerText(), /要確認/);
  await doctor.page.screenshot({ path: join(shots, 'notices-phone.png'), fullPage: true });
  await row.click();
  await doctor.page.getByText('在宅の方の急変時は').waitFor();
  await doctor.page.getByRole('button', { name: '確認しました' }).click();
  await doctor.page.locator('.notice-ack .badge', { hasText: '確認済み' }).waitFor();
  await doctor.page.screenshot({ path: join(shots, 'notice-phone.png'), fullPage: true });
  await doctor.page.waitForFunction((n) => Number(document.querySelector('.topbar-badge')?.textContent ?? 0) === n, before);

  // The office: one has read and confirmed; the others are listed as not yet.
  await office.page.reload();
  await office.page.getByText(`1 / ${doctors} 人が既読`).waitFor();
  await office.page.locator('.recipients tbody tr').first().waitFor();
  assert.equal(await office.page.locator('.recipients tbody tr').count(), doctors);
  await office.page.getByLabel('表示').selectOption('unacknowledged');
  await office.page.waitForFunction((n) => document.querySelectorAll('.recipients tbody tr').length === n, doctors - 1);
  assert.equal(await office.page.locator('.recipients tbody tr', { hasText: '佐藤 直子' }).count(), 0);
  // A reminder to those who have not confirmed; the next one may go in an hour (the server refuses
  // it sooner: tests/api/notices.test.mjs).
  office.page.once('dialog', (d) => d.accept());
  await office.page.getByRole('button', { name: '未確認の人に再通知' }).click();
  await office.page.getByText(`${doctors - 1}人に再通知しました`).waitFor();
  await office.page.getByText(/前回の再通知: .*（次は.*から）/).waitFor();
  assert.ok(await office.page.getByRole('button', { name: '未確認の人に再通知' }).isDisabled());
  await office.page.screenshot({ path: join(shots, 'notice-recipients-pc.png'), fullPage: true });

  // A nurse is not a doctor: nothing for her.
  const nurse = await as('takahashi.ns', PHONE);
  await nurse.page.goto('/notices');
  await nurse.page.getByText('お知らせはありません。').waitFor();
  await nurse.context.close();
  await doctor.context.close();
  await office.context.close();
});
