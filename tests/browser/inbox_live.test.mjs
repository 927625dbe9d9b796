// Two people, two browsers, live: the nurse asks the doctor for an answer by tomorrow; the request
// appears on top of the doctor's 「あなた宛て」 without a reload, the doctor answers from there,
// and the nurse's board shows 返信済み without a reload. Then search, and the live indicator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { launchBrowser, signedIn, PC, PHONE } from '../support/browser.mjs';
import { jstDateTimeLocal } from '../support/clock.mjs';

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

test('a request reaches the doctor live, is answered from the inbox, and the nurse sees 返信済み live', async () => {
  const doctor = await as('sato.dr', PHONE);
  await doctor.page.locator('.inbox-card').first().waitFor();
  const badgeBefore = Number(await doctor.page.locator('.topbar-badge').innerText());

  const nurse = await as('takahashi.ns', PC);
  await nurse.page.locator('a.list-row', { hasText: '阿部 ハル さん' }).first().click();
  await nurse.page.getByRole('heading', { name: '阿部 ハル さん' }).waitFor();
  await nurse.page.getByLabel('投稿の本文').fill('夜間の不眠が続いています。睡眠薬の追加についてご意見をください。');
  await nurse.page.getByLabel('宛先・依頼').check();
  await nurse.page.getByRole('group', { name: '宛先' }).getByRole('checkbox', { name: /佐藤 直子/ }).check();
  await nurse.page.getByLabel('依頼の種類').selectOption('answer');
  await nurse.page.getByLabel('期限').fill(jstDateTimeLocal(1, 18));
  await nurse.page.getByRole('button', { name: '投稿する' }).click();
  const asked = nurse.page.locator('.post', { hasText: '夜間の不眠' });
  await asked.waitFor();
  assert.match(await asked.innerText(), /未読/);

  // The doctor did nothing: the request arrives on top of the inbox and in the badge.
  const first = doctor.page.locator('.inbox-card').first();
  await first.filter({ hasText: '夜間の不眠' }).waitFor();
  await doctor.page.waitForFunction((n) => Number(document.querySelector('.topbar-badge')?.textContent) === n + 1, badgeBefore);
  assert.match(await doctor.page.title(), new RegExp(`^\\(${badgeBefore + 1}\\)`));
  await first.getByRole('button', { name: '返信する' }).click();
  await first.getByLabel('返信').fill('就寝前にブロチゾラムを追加します。');
  await first.getByRole('button', { name: '返信を送る' }).click();
  await doctor.page.locator('.inbox-card', { hasText: '夜間の不眠' }).waitFor({ state: 'detached' });

  // The nurse's board updates by itself.
  await asked.locator('.state', { hasText: '返信済み' }).waitFor();
  await nurse.page.locator('.reply', { hasText: 'ブロチゾラム' }).waitFor();
  await nurse.context.close();
  await doctor.context.close();
});

test('search finds a two-character word and marks it; a lost live connection is shown', async () => {
  const doctor = await as('sato.dr', PC);
  await doctor.page.getByRole('link', { name: '検索' }).click();
  await doctor.page.getByLabel('検索する言葉').fill('血圧');
  await doctor.page.getByRole('button', { name: '検索', exact: true }).click();
  const hit = doctor.page.locator('.search-hit').first();
  await hit.waitFor();
  assert.equal(await hit.locator('mark').first().innerText(), '血圧');
  assert.match(await doctor.page.getByRole('status').first().innerText(), /件見つかりました/);
  await hit.getByRole('link').first().click();
  await doctor.page.locator('.post--focus').waitFor();

  assert.equal(await doctor.page.getByText('リアルタイム更新が切れています').count(), 0);
  await server.stop();
  await doctor.page.getByText('リアルタイム更新が切れています').waitFor();
  await doctor.context.close();
});
