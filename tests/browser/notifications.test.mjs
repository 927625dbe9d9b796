// 通知 on a phone: the care manager addresses a request to the doctor; the doctor's 通知 badge
// rises, the list names the team and the sender, a tap opens the post on the team's board; he
// turns off night mail and the choice is kept. A nurse mutes a busy board from its toolbar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../support/server.mjs';
import { browserSuite, signedIn, PHONE } from '../support/browser.mjs';
import { loggedIn } from '../support/client.mjs';
import { now } from '../support/clock.mjs';

const suite = browserSuite();

test('a request shows in 通知, opens its post, and the mail settings are kept', async () => {
  const dr = await signedIn(suite.browser, suite.server.url, 'sato.dr', DEMO_PASSWORD, PHONE);
  const cm = await loggedIn(suite.server.url, 'suzuki.cm', DEMO_PASSWORD);
  const drId = (await (await loggedIn(suite.server.url, 'sato.dr', DEMO_PASSWORD)).get('/api/v1/session')).json.user.id;
  const team = (await cm.get('/api/v1/care-teams')).json.items.find((t) => t.i_am_admin);
  await cm.put(`/api/v1/boards/${team.id}/members/${drId}`, { team_role: 'primary_doctor', is_admin: false });
  const post = await cm.post(`/api/v1/boards/${team.id}/posts`, { body: '退院日が決まりました。往診の予定をお知らせください', request_kind: 'answer', addressees: [drId] });
  assert.equal(post.status, 201);

  await dr.page.getByRole('button', { name: 'メニュー' }).click();
  const link = dr.page.locator('#main-nav').getByRole('link', { name: /^通知/ });
  await link.locator('.nav-badge').waitFor();
  await link.click();
  const item = dr.page.locator('.notification', { hasText: `${team.person.name} さん` }).first();
  await item.waitFor();
  assert.match(await item.innerText(), /あなた宛ての依頼/);
  assert.match(await item.innerText(), /鈴木 和也さん/);
  await dr.page.screenshot({ path: join(suite.shots, 'notifications-phone.png') });
  await item.click();
  await dr.page.waitForURL(new RegExp(`/teams/${team.id}\\?post=${post.json.id}`));
  await dr.page.locator(`#post-${post.json.id}.post--focus`).waitFor();

  await dr.page.goto('/notifications');
  await item.waitFor();
  assert.doesNotMatch(await item.getAttribute('class'), /notification--unread/, 'read once opened');
  const night = dr.page.getByLabel('夜間は送らない（重要な依頼を除く）');
  if (!(await night.isChecked())) await night.check();
  // A digest hour in the quiet hours is explained: it goes when they end.
  await dr.page.getByLabel('送る時刻').selectOption('23');
  await dr.page.getByText('まとめの時刻が夜間にあたるため、7時に送ります。').waitFor();
  await dr.page.getByLabel('送る時刻').selectOption('8');
  assert.equal(await dr.page.getByText('まとめの時刻が夜間にあたるため').count(), 0);
  await night.uncheck();
  await dr.page.getByRole('button', { name: '保存する' }).click();
  await dr.page.getByText('保存しました。').waitFor();
  await dr.page.reload();
  await dr.page.getByLabel('送る時刻').waitFor();
  assert.equal(await dr.page.getByLabel('送る時刻').inputValue(), '8');
  assert.equal(await dr.page.getByLabel('夜間は送らない（重要な依頼を除く）').isChecked(), false);
  await dr.context.close();
});

test('a busy board is muted from its toolbar: its important posts stop making notifications', async () => {
  const ns = await signedIn(suite.browser, suite.server.url, 'takahashi.ns', DEMO_PASSWORD, PHONE);
  const cm = await loggedIn(suite.server.url, 'suzuki.cm', DEMO_PASSWORD);
  const nurse = await loggedIn(suite.server.url, 'takahashi.ns', DEMO_PASSWORD);
  const hers = new Set((await nurse.get('/api/v1/care-teams')).json.items.map((t) => t.id));
  const team = (await cm.get('/api/v1/care-teams')).json.items.find((t) => hers.has(t.id));
  await ns.page.goto(`/teams/${team.id}`);
  const toggle = ns.page.getByRole('button', { name: '通知をオフにする' });
  await toggle.click();
  // For how long: an hour, until the morning, or until turned back on.
  const choices = ns.page.getByRole('group', { name: '通知をオフにする期間' });
  assert.match(await choices.innerText(), /1時間[\s\S]*朝8時まで[\s\S]*オンに戻すまで/);
  await ns.page.screenshot({ path: join(suite.shots, 'board-mute-choices-phone.png') });
  await choices.getByRole('button', { name: 'オンに戻すまで' }).click();
  const muted = ns.page.getByRole('button', { name: /通知オフ中/ });
  await muted.waitFor();
  assert.equal(await muted.getAttribute('aria-pressed'), 'true');
  await ns.page.screenshot({ path: join(suite.shots, 'board-muted-phone.png') });
  await ns.page.reload();
  await muted.waitFor(); // kept on the server
  await ns.page.goto('/teams');
  await ns.page.locator('.list-row', { hasText: `${team.person.name} さん` }).locator('.badge', { hasText: '通知オフ' }).waitFor();
  await ns.page.goto(`/teams/${team.id}`);
  await muted.waitFor();

  const post = await cm.post(`/api/v1/boards/${team.id}/posts`, { body: '年末の訪問予定を掲示します', important: true });
  assert.equal(post.status, 201);
  // The post reaches her board live; no notification is made for it.
  await ns.page.locator('.post', { hasText: '年末の訪問予定を掲示します' }).waitFor();
  await new Promise((r) => setTimeout(r, 1500));
  assert.ok(!(await nurse.get('/api/v1/notifications')).json.items.some((n) => n.post_id === post.json.id));

  await muted.click();
  await toggle.waitFor();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');

  // For an hour: the button says until when (Japan time), and it is on the server.
  await toggle.click();
  await choices.getByRole('button', { name: '1時間' }).click();
  const expected = new Date(now() + 3600_000).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' });
  const forAnHour = ns.page.getByRole('button', { name: /通知オフ中（.*まで・オンにする）/ });
  await forAnHour.waitFor();
  const shown = await forAnHour.innerText();
  const until = Date.parse((await nurse.get(`/api/v1/boards/${team.id}`)).json.me.muted_until);
  assert.ok(Math.abs(until - (now() + 3600_000)) < 60_000);
  assert.ok(shown.includes(expected) || shown.includes(new Date(until).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' })), shown);
  await forAnHour.click();
  await toggle.waitFor();
  await ns.context.close();
});
