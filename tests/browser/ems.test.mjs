// 救急情報連携 on a crew's phone: the paramedic signs in and lands on the lookup (nothing of the
// care network), names the reason and the incident, searches by half-width kana and a 和暦 birth
// date, opens the person and sees もしものとき first, then living alone, conditions and the next
// of kin with tap-to-call. A match without consent shows only that; the care network's pages
// send the crew back to the lookup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../support/server.mjs';
import { browserSuite, loginAs, newPage, PC, PHONE } from '../support/browser.mjs';
import { loggedIn } from '../support/client.mjs';

const suite = browserSuite();

async function recordWithConsent(cm, { name, kana, birth, ems }) {
  const p = await cm.post('/api/v1/persons', { name, name_kana: kana, birth_date: birth, sex: 'female', phone: '029-864-7777', address: '茨城県つくば市北条5番地' });
  assert.equal(p.status, 201, p.text);
  const me = (await cm.get('/api/v1/session')).json.user.id;
  assert.equal((await cm.post(`/api/v1/persons/${p.json.id}/care-team`, { admin_user_id: me, team_role: 'care_manager' })).status, 201);
  const c = await cm.post(`/api/v1/persons/${p.json.id}/consents`, { consenter: 'self', consenter_name: name, consented_on: '2026-01-10', scope: { care_team: true, ems } });
  assert.equal(c.status, 201, c.text);
  return p.json;
}

test('a paramedic finds a person by kana and 和暦 birth date and sees もしものとき first', async () => {
  const cm = await loggedIn(suite.server.url, 'suzuki.cm', DEMO_PASSWORD);
  const hana = await recordWithConsent(cm, { name: '北条 ハナ', kana: 'ほうじょう はな', birth: '1936-04-02', ems: true });
  await recordWithConsent(cm, { name: '北条 ハル', kana: 'ほうじょう はる', birth: '1936-09-09', ems: false });
  assert.equal((await cm.put(`/api/v1/persons/${hana.id}/summary`, {
    version: 0,
    summary: {
      conditions: [{ name: '慢性閉塞性肺疾患' }], allergies: [{ substance: '造影剤', reaction: '蕁麻疹' }],
      medications: [{ name: '在宅酸素 2L/分' }], living: 'alone', care: { level: 'care3' },
      contacts: [{ name: '北条 一郎', relation: '長男', phone: '090-5555-0001', next_of_kin: true }],
    },
  })).status, 200);
  assert.equal((await cm.post(`/api/v1/persons/${hana.id}/acp`, {
    plan: { discussed_on: '2026-11-01', participants: [{ name: '北条 ハナ', role: '本人' }], treatments: { cpr: 'declines', ventilator: 'declines' }, place_of_death: 'home' },
  })).status, 201);

  const { page } = await newPage(suite.browser, suite.server.url, PHONE);
  await loginAs(page, 'yamada.ems', DEMO_PASSWORD);
  await page.getByRole('heading', { name: '患者検索' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'ケアチーム' }).count(), 0, 'no menu of the care network');

  // Nothing typed: the server's reason, in Japanese.
  await page.getByLabel('事案番号').fill('R8-1207-0042');
  await page.getByRole('button', { name: '検索する' }).click();
  await page.getByText('いずれかを入力してください').waitFor();

  await page.getByLabel('照会の理由').selectOption({ label: '救急出場' });
  await page.getByLabel('氏名カナ').fill('ﾎｳｼﾞｮｳ');
  await page.getByLabel('生年月日').fill('昭和11年');
  await page.getByRole('button', { name: '検索する' }).click();
  const found = page.getByRole('button', { name: /北条 ハナ/ });
  await found.waitFor();
  await page.getByText('情報提供の同意がありません（ご家族などに確認してください）').waitFor();
  assert.equal(await page.getByText('北条 ハル').count(), 0, 'the other match shows only that it has no consent');
  await page.getByText('昭和11年4月2日（1936-04-02）').waitFor();
  await page.screenshot({ path: join(suite.shots, 'ems-search-phone.png'), fullPage: true });

  await found.click();
  await page.getByRole('heading', { name: /北条 ハナ/ }).waitFor();
  const band = page.getByRole('region', { name: 'もしものとき' });
  await band.getByText('心肺蘇生: 希望しない・最期: 自宅').waitFor();
  await band.getByText('人工呼吸器: 希望しない', { exact: true }).waitFor();
  // もしものとき comes before every other part of the record.
  const order = await page.evaluate(() => [...document.querySelectorAll('article h2')].map((h) => h.textContent));
  assert.deepEqual(order, ['もしものとき', '暮らし', '病名・アレルギー・服薬', '医療機関', '近親者・連絡先']);
  await page.getByText('独居', { exact: true }).waitFor();
  await page.getByText('造影剤（蕁麻疹）').waitFor();
  assert.equal(await page.getByRole('link', { name: '☎ 090-5555-0001' }).getAttribute('href'), 'tel:09055550001');
  await page.screenshot({ path: join(suite.shots, 'ems-view-phone.png'), fullPage: true });
  await page.setViewportSize(PC);
  await page.screenshot({ path: join(suite.shots, 'ems-view-pc.png'), fullPage: true });

  // The care network's pages are not the crew's: back to the lookup.
  await page.goto('/teams');
  await page.getByRole('heading', { name: '患者検索' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/ems');

  // Their own account is theirs: sessions, devices and password, nothing refused.
  await page.getByRole('link', { name: '山田 隆' }).click();
  await page.getByRole('heading', { name: 'アカウント' }).waitFor();
  await page.getByLabel('現在のパスワード').waitFor();
  await page.getByText('発行された端末証明書', { exact: false }).or(page.locator('.device-list')).first().waitFor();
  assert.equal(await page.locator('.alert--error').count(), 0, 'no call of the account page is refused');
});
