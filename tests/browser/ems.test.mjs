// 救急情報連携 on a crew's phone: the paramedic signs in and lands on the lookup (nothing of the
// care network), names the reason and the incident, searches by half-width kana and a 和暦 birth
// date, opens the person and sees もしものとき first, then living alone, conditions and the next
// of kin with tap-to-call, then shares the transport (活動内容を共有する); the team's doctor sees
// it in the inbox and on the board, with 「救急隊が閲覧しました」. A match without consent shows
// only that; the care network's pages send the crew back to the lookup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../support/server.mjs';
import { browserSuite, loginAs, newPage, PC, PHONE, signedIn } from '../support/browser.mjs';
import { loggedIn } from '../support/client.mjs';

const suite = browserSuite();

async function recordWithConsent(cm, { name, kana, birth, ems }) {
  const p = await cm.post('/api/v1/persons', { name, name_kana: kana, birth_date: birth, sex: 'female', phone: '029-864-7777', address: '茨城県つくば市北条5番地' });
  assert.equal(p.status, 201, p.text);
  const me = (await cm.get('/api/v1/session')).json.user.id;
  const team = await cm.post(`/api/v1/persons/${p.json.id}/care-team`, { admin_user_id: me, team_role: 'care_manager' });
  assert.equal(team.status, 201, team.text);
  const c = await cm.post(`/api/v1/persons/${p.json.id}/consents`, { consenter: 'self', consenter_name: name, consented_on: '2026-01-10', scope: { care_team: true, ems } });
  assert.equal(c.status, 201, c.text);
  return { ...p.json, team: team.json };
}

test('a paramedic finds a person by kana and 和暦 birth date and sees もしものとき first', async () => {
  const cm = await loggedIn(suite.server.url, 'suzuki.cm', DEMO_PASSWORD);
  const hana = await recordWithConsent(cm, { name: '北条 ハナ', kana: 'ほうじょう はな', birth: '1936-04-02', ems: true });
  const drId = (await (await loggedIn(suite.server.url, 'sato.dr', DEMO_PASSWORD)).get('/api/v1/session')).json.user.id;
  assert.equal((await cm.put(`/api/v1/boards/${hana.team.id}/members/${drId}`, { team_role: 'primary_doctor' })).status, 200);
  await recordWithConsent(cm, { name: '北条 ハル', kana: 'ほうじょう はる', birth: '1936-09-09', ems: false });
  assert.equal((await cm.put(`/api/v1/persons/${hana.id}/summary`, {
    version: 0,
    summary: {
      conditions: [{ name: '慢性閉塞性肺疾患' }], allergies: [{ substance: '造影剤', reaction: '蕁麻疹' }],
      medications: [{ name: 'テオフィリン 100mg' }], devices: [{ name: '在宅酸素療法', note: '2L/分' }],
      vaccinations: [{ vaccine: 'インフルエンザ', date: '2026-10-20' }], living: 'alone', care: { level: 'care3' },
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
  // The year as the crew hears it, from the list: 「昭和11年（1936年）」.
  await page.getByLabel('生まれた年（和暦・西暦）').selectOption({ label: '昭和11年（1936年）' });
  assert.equal(await page.getByLabel('生年月日').inputValue(), '1936');
  assert.equal(await page.getByLabel('生まれた年（和暦・西暦）').locator('option', { hasText: '昭和64年・平成元年（1989年）' }).count(), 1);
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
  assert.deepEqual(order, ['もしものとき', '暮らし', '病名・アレルギー・服薬', '医療機関', '近親者・連絡先', 'ケアチーム・市の窓口']);
  assert.equal(await page.getByRole('link', { name: '☎ 029-800-0901' }).getAttribute('href'), 'tel:0298000901', 'the city office, tap to call');
  await page.getByText('独居', { exact: true }).waitFor();
  await page.getByText('造影剤（蕁麻疹）').waitFor();
  await page.getByText('在宅酸素療法（2L/分）').waitFor();
  await page.getByText('インフルエンザ 2026-10-20').waitFor();
  assert.equal(await page.getByRole('link', { name: '☎ 090-5555-0001' }).getAttribute('href'), 'tel:09055550001');
  await page.screenshot({ path: join(suite.shots, 'ems-view-phone.png'), fullPage: true });

  // After the call: the crew shares the transport with the care team.
  await page.getByRole('button', { name: '活動内容を共有する' }).click();
  const form = page.getByRole('form', { name: '活動内容を共有する' });
  await form.getByLabel('搬送', { exact: true }).check();
  await form.getByLabel('搬送先').selectOption({ label: 'つくば中央病院' });
  await form.getByLabel('メモ（ケアチームへの申し送り）').fill('SpO2 88%。酸素投与しながら搬送');
  await page.screenshot({ path: join(suite.shots, 'ems-transport-phone.png'), fullPage: true });
  await form.getByRole('button', { name: '共有する' }).click();
  await page.getByText('ケアチームに共有しました').waitFor();
  const history = page.getByRole('region', { name: '活動履歴' });
  await history.getByText('→ つくば中央病院').waitFor();
  await history.getByText('SpO2 88%。酸素投与しながら搬送').waitFor();

  // The team's doctor: in the inbox as an important post, on the board with the crew's look.
  const doctor = (await newPage(suite.browser, suite.server.url, PHONE)).page;
  await loginAs(doctor, 'sato.dr', DEMO_PASSWORD);
  await doctor.getByText(/【救急隊からの報告】搬送/).first().waitFor(); // 「あなた宛て」 on the home page
  await doctor.goto(`/teams/${hana.team.id}`);
  const activity = doctor.getByRole('status', { name: '救急隊の活動' });
  await activity.getByText('救急隊が閲覧しました').waitFor();
  await activity.getByText(/搬送 → つくば中央病院（つくば市消防本部）/).waitFor();
  await doctor.getByText('搬送先: つくば中央病院').first().waitFor();
  await doctor.screenshot({ path: join(suite.shots, 'ems-team-board-phone.png'), fullPage: true });

  // The city reviews the crew's lookups: who, when, why, the incident and which persons.
  const city = (await newPage(suite.browser, suite.server.url, PC)).page;
  await loginAs(city, 'demo-admin', DEMO_PASSWORD);
  await city.getByRole('link', { name: /救急隊の照会記録/ }).first().click();
  await city.getByRole('heading', { name: '救急隊の照会記録' }).waitFor();
  const report = city.locator('.ems-lookups li').filter({ hasText: '活動報告' }).first();
  await report.getByText('事案番号: R8-1207-0042').waitFor();
  await report.getByText('対象者: 北条 ハナ').waitFor();
  await city.locator('.ems-lookups li').filter({ hasText: '検索' }).filter({ hasText: '件該当' }).first().waitFor();
  assert.match(await city.getByRole('link', { name: 'CSVで書き出す' }).getAttribute('href'), /^\/api\/v1\/ems\/lookups\.csv/);
  await city.screenshot({ path: join(suite.shots, 'ems-lookups-pc.png'), fullPage: true });
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

test('a team prints 私の大切な情報カード; its QR code opens the person for a crew only', async () => {
  const cm = await loggedIn(suite.server.url, 'suzuki.cm', DEMO_PASSWORD);
  const kiku = await recordWithConsent(cm, { name: '筑波 キク', kana: 'つくば きく', birth: '1939-10-10', ems: true });
  assert.equal((await cm.put(`/api/v1/persons/${kiku.id}/summary`, {
    version: 0,
    summary: { primary_doctor: { name: '佐藤 一郎', facility: 'さくら在宅クリニック', phone: '029-800-0301' }, allergies: [{ substance: 'ペニシリン' }] },
  })).status, 200);

  const { page } = await signedIn(suite.browser, suite.server.url, 'suzuki.cm', DEMO_PASSWORD, PC);
  await page.goto(`/teams/${kiku.team.id}`);
  await page.getByRole('link', { name: /私の大切な情報カード/ }).click();
  await page.getByRole('heading', { name: '私の大切な情報カード' }).waitFor();
  await page.getByText('まだ発行されていません。').waitFor();
  await page.getByRole('button', { name: 'カードを発行する' }).click();
  const card = page.getByRole('region', { name: '私の大切な情報カード' });
  await card.getByText('筑波 キク').waitFor();
  assert.equal(await card.getByText(/佐藤 一郎/).count(), 0, 'no health data unless the team chooses it');
  await page.getByLabel('かかりつけ医').check();
  await card.getByText('かかりつけ医: 佐藤 一郎（さくら在宅クリニック） 029-800-0301').waitFor();
  assert.equal(await card.getByText(/ペニシリン/).count(), 0, 'allergies not chosen: not printed');
  await card.getByRole('img', { name: '救急隊が読み取るQRコード' }).waitFor();
  await page.screenshot({ path: join(suite.shots, 'info-card-pc.png'), fullPage: true });
  const issued = (await cm.get(`/api/v1/persons/${kiku.id}/card`)).json;
  await card.getByText(issued.number).waitFor();

  // A crew member's phone reads the QR code: the reason first, then the person.
  // Signed out, it opens the login page and nothing else; signed in there, the card's page.
  const signInHere = async (p, login) => {
    await p.goto(issued.path);
    await p.getByLabel('ログインID').fill(login);
    assert.equal(await p.getByText('筑波').count(), 0, 'nothing of the person before signing in');
    await p.getByLabel('パスワード').fill(DEMO_PASSWORD);
    await p.getByRole('button', { name: 'ログイン' }).click();
  };
  const crew = (await newPage(suite.browser, suite.server.url, PHONE)).page;
  await signInHere(crew, 'yamada.ems');
  await crew.getByRole('heading', { name: '情報カード' }).waitFor();
  await crew.getByLabel('事案番号').fill('R8-1207-0777');
  await crew.getByRole('button', { name: '表示する' }).click();
  await crew.getByRole('heading', { name: /筑波 キク/ }).waitFor();
  await crew.getByRole('region', { name: 'もしものとき' }).waitFor();

  // Anyone else who scans it sees nothing of the person.
  const doctor = (await newPage(suite.browser, suite.server.url, PHONE)).page;
  await signInHere(doctor, 'sato.dr');
  await doctor.getByText('このQRコードは、救急隊の端末（救急情報連携）でだけ開けます。', { exact: false }).waitFor();
  assert.equal(await doctor.getByText('筑波 キク').count(), 0);
});
