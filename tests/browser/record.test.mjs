// The person record in Chromium, as the team uses it on phones and PCs: the もしものとき banner,
// the 患者サマリ edited with 和暦 dates and its history, insurance numbers revealed on request, a
// stale edit refused on screen, a new ACP conversation, a consent with a photo of the paper, a
// 主治医意見書 from draft to final with its PDF, the region's consent rule seen in the composer,
// FHIR import on the persons page, and a non-member who sees nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { launchBrowser, signedIn, PC } from '../support/browser.mjs';
import { loggedIn } from '../support/client.mjs';
import { png } from '../support/images.mjs';

let server;
let browser;
let abe; // the first demo team (阿部 ハル さん): summary, もしものとき and consent are kept
let bare; // a demo team whose person has no consent yet
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const dr = await loggedIn(server.url, 'sato.dr', DEMO_PASSWORD);
  const teams = (await dr.get('/api/v1/care-teams')).json.items;
  abe = teams.find((t) => t.person.name === '阿部 ハル');
  for (const t of teams) {
    const view = (await dr.get(`/api/v1/boards/${t.id}`)).json;
    if (view.record.consent === 'missing') bare = view;
  }
  assert.ok(abe && bare, 'the demo has a kept record and one without consent');
});
after(async () => {
  await browser?.close();
  await server?.cleanup();
});

const as = (login, viewport) => signedIn(browser, server.url, login, DEMO_PASSWORD, viewport);

test('the summary is edited with 和暦 dates, saved as a new version, and its history says what changed', async () => {
  const { context, page } = await as('sato.dr');
  await page.goto(`/teams/${abe.id}`);
  await page.locator('.acp-banner', { hasText: '心肺蘇生: 希望しない' }).waitFor();
  await page.getByRole('tab', { name: '患者サマリ' }).click();
  await page.locator('.record-card--warn', { hasText: 'ペニシリン' }).waitFor();
  await page.getByRole('button', { name: '編集する' }).click();
  await page.getByRole('button', { name: '＋ 病名を追加' }).click();
  await page.locator('#conditions-3-name').fill('骨粗鬆症');
  await page.locator('#conditions-3-onset').fill('令和5年');
  await page.getByLabel('要介護度', { exact: true }).selectOption({ label: '要介護3' });
  await page.getByRole('button', { name: '保存する' }).click();
  await page.getByText('第2版として保存しました').waitFor();
  await page.getByText('骨粗鬆症').waitFor();
  assert.match(await page.locator('.record-card', { hasText: '骨粗鬆症' }).innerText(), /2023年（令和5年）発症/);
  await page.getByRole('button', { name: '変更の履歴' }).click();
  const latest = page.locator('.version-list > li').first();
  await latest.getByText('病名: 「骨粗鬆症」を追加').waitFor();
  await latest.getByText('要介護度: 要介護2 → 要介護3').waitFor();
  // An earlier version can be looked at, and says it is one.
  await page.locator('.version-list > li').last().getByRole('button', { name: 'この版を見る' }).click();
  await page.getByText(/第1版.*を表示しています/).waitFor();
  assert.equal(await page.getByText('骨粗鬆症').count(), 0);
  await context.close();
});

test('insurance numbers show masked until asked for; a date an era never had is explained at its field', async () => {
  const { context, page } = await as('takahashi.ns', PC);
  await page.goto(`/teams/${abe.id}?tab=summary`);
  const card = page.locator('.record-card', { hasText: '保険' });
  await card.getByText(/•+\d\d/).waitFor();
  await card.getByRole('button', { name: '番号を表示する' }).click();
  await card.getByText('監査ログに記録されました').waitFor();
  assert.match(await card.innerText(), /0000012340/);

  await page.getByRole('button', { name: '編集する' }).click();
  await page.locator('#conditions-0-onset').fill('昭和64年1月8日');
  await page.getByRole('button', { name: '保存する' }).click();
  await page.locator('#conditions-0-onset-error').getByText(/昭和は64年1月7日まで/).waitFor();
  await context.close();
});

test('two people editing at once: the second is told someone saved first, and nothing is overwritten', async () => {
  const a = await as('sato.dr');
  const b = await as('suzuki.cm');
  for (const p of [a.page, b.page]) {
    await p.goto(`/teams/${abe.id}?tab=summary`);
    await p.getByRole('button', { name: '編集する' }).click();
  }
  await a.page.getByLabel('特記事項').fill('杖歩行、夜間トイレに付き添いが必要');
  await a.page.getByRole('button', { name: '保存する' }).click();
  await a.page.getByText(/として保存しました/).waitFor();
  await b.page.getByLabel('特記事項').fill('別の内容');
  await b.page.getByRole('button', { name: '保存する' }).click();
  await b.page.getByText('他の人が先に更新しました').first().waitFor();
  await a.page.reload();
  await a.page.getByText('杖歩行、夜間トイレに付き添いが必要').waitFor();
  await a.context.close();
  await b.context.close();
});

test('a new もしものとき conversation goes on top and the earlier ones stay', async () => {
  const { context, page } = await as('suzuki.cm', PC);
  await page.goto(`/teams/${abe.id}?tab=acp`);
  await page.getByRole('button', { name: '話し合いを記録する' }).click();
  await page.getByLabel('話し合った日').fill('R8.11.20');
  await page.locator('#acp-p-0').fill('阿部 ハル');
  await page.getByLabel('ご本人の言葉で（もしものとき、どうしたいか）').fill('桜が見られるうちは家にいたい');
  await page.getByRole('radiogroup', { name: '心肺蘇生' }).getByLabel('希望しない').check();
  await page.getByRole('button', { name: '記録する', exact: true }).click();
  await page.getByText('話し合いを記録しました').waitFor();
  const current = page.locator('.acp--current');
  await current.getByText('桜が見られるうちは家にいたい').waitFor();  // the list reloads after the message
  assert.match(await current.innerText(), /2026年（令和8年）11月20日の話し合い（第2回）/);
  assert.match(await current.innerText(), /桜が見られるうちは家にいたい/);
  await page.getByText('これまでの話し合い（1件）').click();
  await page.locator('details .acp', { hasText: '管につながれてまで' }).waitFor();
  await context.close();
});

test('a consent with a photo of the signed paper lifts the warning on the team', async () => {
  const { context, page } = await as('suzuki.cm');
  await page.goto(`/teams/${bare.id}`);
  await page.locator('.consent-banner', { hasText: '同意なし' }).click();
  await page.getByRole('button', { name: '同意書を登録する' }).click();
  await page.getByLabel('代理人').check();
  await page.getByLabel('氏名').fill('家族 代表');
  await page.getByLabel('本人との関係').fill('長男');
  await page.getByLabel('同意日').fill('令和8年11月1日');
  await page.getByLabel('署名した同意書（写真またはPDF）').setInputFiles({ name: '同意書.png', mimeType: 'image/png', buffer: png(200, 280, [240, 240, 230]) });
  await page.getByRole('button', { name: '登録する', exact: true }).click();
  await page.getByText('同意書を登録しました').waitFor();
  await page.getByText('同意は有効です').waitFor();
  await page.locator('.consent', { hasText: '家族 代表（長男・代理人）' }).getByRole('link', { name: '同意書.png' }).waitFor();
  await page.reload();
  await page.locator('.acp-banner').waitFor(); // the banners are drawn together: the page has loaded
  assert.equal(await page.locator('.consent-banner').count(), 0, 'the warning is gone');
  await context.close();
});

test('a 主治医意見書 is prefilled, saved as a draft, made final, and printed', async () => {
  const { context, page } = await as('sato.dr', PC);
  await page.goto(`/teams/${abe.id}?tab=forms`);
  await page.getByLabel('新しい文書').selectOption('shujii_ikensho');
  await page.getByRole('button', { name: '作成する' }).click();
  await page.getByRole('heading', { name: '主治医意見書' }).waitFor();
  assert.equal(await page.getByLabel('氏名', { exact: true }).inputValue(), '阿部 ハル');
  assert.equal(await page.getByLabel('診断名 (1)').inputValue(), 'アルツハイマー型認知症');
  await page.getByRole('radiogroup', { name: '症状としての安定性' }).getByLabel('安定', { exact: true }).check();
  await page.getByLabel('酸素療法').check();
  await page.getByRole('button', { name: '下書きを保存' }).click();
  await page.getByText('下書きを保存しました').waitFor();
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: '確定する' }).click();
  await page.getByText('確定した文書です。内容は変更できません。').waitFor();
  const href = await page.getByRole('link', { name: 'PDFを開く' }).getAttribute('href');
  const pdf = await page.request.get(href);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
  await page.goto(`/teams/${abe.id}?tab=forms`);
  await page.locator('.list-row', { hasText: '主治医意見書' }).locator('.badge', { hasText: '確定' }).waitFor();
  await context.close();
});

test('when the region requires consent for posting, the composer says why a post is refused', async () => {
  const admin = await as('demo-admin', PC);
  await admin.page.goto('/admin/settings');
  await admin.page.getByLabel('連絡帳への投稿').check();
  await admin.page.locator('section', { hasText: '本人の同意が必要な操作' }).getByRole('button', { name: '保存' }).click();
  await admin.page.getByText('同意が必要な操作を保存しました').waitFor();

  const dr = await loggedIn(server.url, 'sato.dr', DEMO_PASSWORD);
  const teams = (await dr.get('/api/v1/care-teams')).json.items;
  let without;
  for (const t of teams) {
    if ((await dr.get(`/api/v1/boards/${t.id}`)).json.record.consent === 'missing') without = t;
  }
  const { context, page } = await as('sato.dr');
  await page.goto(`/teams/${without.id}`);
  await page.getByLabel('投稿の本文').fill('訪問しました');
  await page.getByRole('button', { name: '投稿する' }).click();
  await page.getByText(/この操作には本人（または代理人）の同意が必要です/).waitFor();
  await admin.page.getByLabel('連絡帳への投稿').uncheck();
  await admin.page.locator('section', { hasText: '本人の同意が必要な操作' }).getByRole('button', { name: '保存' }).click();
  await admin.page.getByText('同意が必要な操作を保存しました').waitFor();
  await context.close();
  await admin.context.close();
});

test('an administrator imports a FHIR file on the persons page', async () => {
  const cm = await loggedIn(server.url, 'suzuki.cm', DEMO_PASSWORD);
  const bundle = (await cm.get(`/api/v1/persons/${abe.person.id}/fhir`)).json;
  // Another person of the same kind, from "another system".
  bundle.entry[0].resource.name[0].text = '輸入 ハナ';
  bundle.entry[0].resource.name[1].text = 'ユニュウ ハナ';
  const { context, page } = await as('demo-admin', PC);
  await page.goto('/persons');
  await page.getByRole('button', { name: 'FHIRから取り込む' }).click();
  await page.getByLabel('Bundle のファイル（.json）').setInputFiles({ name: 'patient.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bundle)) });
  await page.getByText(/輸入 ハナ.*さんを登録しました（病名 \d+件、アレルギー 1件）/).waitFor();
  // A broken file names its problems and imports nothing.
  bundle.entry[0].resource.birthDate = 19400101;
  await page.getByLabel('Bundle のファイル（.json）').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bundle)) });
  await page.getByText('FHIR のファイルに問題があるため、何も取り込みませんでした').waitFor();
  await context.close();
});

test('someone not on the team sees none of the record', async () => {
  const { context, page } = await as('tanaka.msw');
  const msw = await loggedIn(server.url, 'tanaka.msw', DEMO_PASSWORD);
  const mine = (await msw.get('/api/v1/care-teams')).json.items.map((t) => t.id);
  const other = [abe.id, bare.id].find((id) => !mine.includes(id));
  assert.ok(other, 'a team the MSW is not on');
  await page.goto(`/teams/${other}?tab=summary`);
  await page.getByText(/チームのメンバーではないため|見つかりません/).first().waitFor();
  assert.equal(await page.locator('.record-card').count(), 0);
  assert.equal(await page.getByText('ペニシリン').count(), 0);
  await context.close();
});
