// A group's life in two browsers: the care manager starts a closed committee on her PC and adds
// the doctor; the doctor, on his phone, posts; she asks a question with a poll and starts a date
// scheduling; he answers both in a few taps; she sees the counts, fixes the best slot and the
// decision appears on the board. Then a direct message between the two, and a hidden group.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../support/server.mjs';
import { browserSuite, signedIn, PC, PHONE } from '../support/browser.mjs';

const suite = browserSuite();

const as = (login, viewport) => signedIn(suite.browser, suite.server.url, login, DEMO_PASSWORD, viewport);
const NAME = '在宅医療・介護連携推進会議';

async function openMenu(page, name) {
  if (await page.getByRole('button', { name: 'メニュー' }).isVisible()) await page.getByRole('button', { name: 'メニュー' }).click();
  // (a badge may follow the label: 「あなた宛て 2」)
  await page.locator('#main-nav').getByRole('link', { name: new RegExp(`^${name}`) }).click();
}

test('create, invite, post, poll, schedule and fix the slot', async () => {
  const cm = await as('suzuki.cm', PC);
  await openMenu(cm.page, 'プロジェクト');
  await cm.page.getByRole('button', { name: 'プロジェクトを作る' }).click();
  // Nothing written: the name is asked for.
  await cm.page.getByRole('button', { name: '作成する' }).click();
  await cm.page.locator('#group-name-error').waitFor();
  await cm.page.getByLabel('名前').fill(NAME);
  await cm.page.getByLabel('説明').fill('月1回の推進会議の連絡と資料の共有');
  await cm.page.getByRole('button', { name: '作成する' }).click();
  await cm.page.getByRole('heading', { name: NAME }).waitFor();
  assert.ok(await cm.page.getByText('承認制').first().isVisible());

  // Invite the doctor (found by name).
  await cm.page.getByText('メンバー（1人）').click();
  await cm.page.getByPlaceholder('名前・ふりがなで探す').fill('佐藤');
  await cm.page.locator('.candidate', { hasText: '佐藤 直子' }).getByRole('button', { name: '追加' }).click();
  await cm.page.getByText('メンバー（2人）').waitFor();

  // The doctor finds it on his phone and posts.
  const dr = await as('sato.dr', PHONE);
  await openMenu(dr.page, 'プロジェクト');
  await dr.page.getByRole('link', { name: new RegExp(NAME) }).click();
  await dr.page.getByPlaceholder('メンバーに共有すること（連絡、相談、資料など）').fill('次回は在宅看取りの事例を持っていきます');
  await dr.page.getByRole('button', { name: '投稿する' }).click();
  await cm.page.getByText('次回は在宅看取りの事例を持っていきます').waitFor();

  // A poll: one choice, with a comment box.
  await cm.page.getByRole('button', { name: 'アンケート・日程調整' }).click();
  await cm.page.getByLabel('質問').fill('研修会の参加方法を教えてください');
  await cm.page.getByLabel('選択肢1').fill('会場で参加');
  await cm.page.getByLabel('選択肢2').fill('オンラインで参加');
  await cm.page.getByRole('button', { name: '選択肢を追加' }).click();
  await cm.page.getByLabel('選択肢3').fill('欠席');
  await cm.page.getByLabel('コメント欄').check();
  await cm.page.getByRole('button', { name: 'アンケートを送る' }).click();
  await cm.page.locator('.poll', { hasText: '会場で参加' }).waitFor();

  // A date scheduling with three candidates.
  await cm.page.getByRole('button', { name: 'アンケート・日程調整' }).click();
  await cm.page.getByLabel('日程調整（◯△×）').check();
  await cm.page.getByLabel('何の日程ですか').fill('12月の推進会議');
  await cm.page.getByLabel('候補1').fill('2026-12-10T14:00');
  await cm.page.getByLabel('候補2').fill('2026-12-11T10:00');
  await cm.page.getByRole('button', { name: '候補を追加' }).click();
  await cm.page.getByLabel('候補3').fill('2026-12-14T15:00');
  await cm.page.locator('.poll-composer').scrollIntoViewIfNeeded();
  await cm.page.screenshot({ path: join(suite.shots, 'poll-new-pc.png') });
  await cm.page.getByRole('button', { name: '日程調整を始める' }).click();
  const cmSchedule = cm.page.locator('.poll', { hasText: '日程調整' });
  await cmSchedule.getByText('12/10(木) 14:00').first().waitFor();

  // The doctor: both wait for him in あなた宛て; he answers there in a few taps.
  await openMenu(dr.page, 'あなた宛て');
  const waiting = dr.page.locator('.inbox-section', { hasText: '回答待ちのアンケート' });
  await waiting.locator('.poll').nth(1).waitFor();
  const choice = waiting.locator('.poll', { hasText: 'オンラインで参加' });
  await choice.getByLabel('オンラインで参加').check();
  await choice.getByLabel('コメント（任意）').fill('15分ほど遅れます');
  await choice.getByRole('button', { name: '回答する' }).click();
  const slots = waiting.locator('.poll', { hasText: '日程調整' });
  await slots.getByLabel('12/10(木) 14:00 参加できる', { exact: true }).check();
  await slots.getByLabel('12/11(金) 10:00 調整すれば参加できる').check();
  await slots.getByLabel('12/14(月) 15:00 参加できない').check();
  await slots.scrollIntoViewIfNeeded();
  await dr.page.screenshot({ path: join(suite.shots, 'poll-answer-phone.png') });
  await slots.getByRole('button', { name: '回答する' }).click();
  await dr.page.getByText('回答を待っているアンケートはありません。').waitFor();

  // The care manager sees the counts (live), the best slot, and fixes it.
  await cm.page.locator('.poll', { hasText: 'オンラインで参加' }).getByText('1人が回答済み（1人中）').waitFor();
  await cmSchedule.getByText('1人が回答済み（1人中）').waitFor();
  assert.match(await cmSchedule.locator('.poll-result--best').innerText(), /12\/10\(木\) 14:00/);
  await cmSchedule.scrollIntoViewIfNeeded();
  await cm.page.screenshot({ path: join(suite.shots, 'poll-results-pc.png') });
  cm.page.once('dialog', (d) => d.accept());
  await cmSchedule.getByRole('button', { name: '「12/10(木) 14:00」に決定する' }).click();
  await cmSchedule.getByText('決定済み').waitFor();
  await cm.page.getByText('【日程決定】12/10(木) 14:00').waitFor();
  // The decision is important: it waits in the doctor's inbox.
  await dr.page.getByText('【日程決定】12/10(木) 14:00').waitFor();
  await cm.context.close();
  await dr.context.close();
});

test('closing a poll early stops the answers at once; a later deadline reopens it', async () => {
  const cm = await as('suzuki.cm', PC);
  await openMenu(cm.page, 'プロジェクト');
  await cm.page.getByRole('link', { name: new RegExp(NAME) }).click();
  await cm.page.getByRole('button', { name: 'アンケート・日程調整' }).click();
  await cm.page.getByLabel('質問').fill('懇親会に参加しますか');
  await cm.page.getByLabel('選択肢1').fill('参加する');
  await cm.page.getByLabel('選択肢2').fill('参加しない');
  await cm.page.getByRole('button', { name: 'アンケートを送る' }).click();
  const cmPoll = cm.page.locator('.poll', { hasText: '参加しない' });
  await cmPoll.waitFor();

  const dr = await as('sato.dr', PHONE);
  await openMenu(dr.page, 'プロジェクト');
  await dr.page.getByRole('link', { name: new RegExp(NAME) }).click();
  const drPoll = dr.page.locator('.poll', { hasText: '参加しない' });
  await drPoll.getByRole('button', { name: '回答する' }).waitFor();

  cm.page.once('dialog', (d) => d.accept());
  await cmPoll.getByRole('button', { name: '締め切る' }).click();
  await cmPoll.getByText('締め切りました').waitFor();
  // The doctor's open page follows at once: no answer form any more.
  await drPoll.getByText('締め切りました').waitFor();
  assert.equal(await drPoll.getByRole('button', { name: '回答する' }).count(), 0);
  await drPoll.scrollIntoViewIfNeeded();
  await dr.page.screenshot({ path: join(suite.shots, 'poll-closed-phone.png') });

  // A deadline in the past is refused with its reason; a later one reopens the poll.
  await cmPoll.getByRole('button', { name: '締め切りを延ばして再開する' }).click();
  await cmPoll.getByLabel('新しい締め切り').fill('2001-04-01T12:00');
  await cmPoll.getByRole('button', { name: '再開する', exact: true }).click();
  await cmPoll.getByText('締め切りは今より後にしてください').waitFor();
  await cmPoll.scrollIntoViewIfNeeded();
  await cm.page.screenshot({ path: join(suite.shots, 'poll-deadline-pc.png') });
  await cmPoll.getByLabel('新しい締め切り').fill('2099-04-01T12:00');
  await cmPoll.getByRole('button', { name: '再開する', exact: true }).click();
  await cmPoll.getByRole('button', { name: '締め切る' }).waitFor();
  assert.match(await cmPoll.locator('.poll-head').innerText(), /2099年4月1日 12:00/);
  await drPoll.getByLabel('参加する').check();
  await drPoll.getByRole('button', { name: '回答する' }).click();
  await cmPoll.getByText('1人が回答済み（1人中）').waitFor();
  await cm.context.close();
  await dr.context.close();
});

test('a direct message: started from a name, answered, unread in the list', async () => {
  const ns = await as('takahashi.ns', PHONE);
  await openMenu(ns.page, 'メッセージ');
  await ns.page.getByRole('button', { name: '新しいメッセージ' }).click();
  await ns.page.getByPlaceholder('名前・ふりがなで探す').fill('佐藤');
  await ns.page.locator('.candidate', { hasText: '佐藤 直子' }).getByRole('button', { name: '選ぶ' }).click();
  await ns.page.getByRole('button', { name: 'メッセージを始める' }).click();
  await ns.page.getByRole('heading', { name: '佐藤 直子' }).waitFor();
  await ns.page.getByPlaceholder('メッセージを書く').fill('先生、明日の訪問は14時でよろしいでしょうか');
  await ns.page.getByRole('button', { name: '送信する' }).click();
  await ns.page.locator('.post', { hasText: '明日の訪問は14時' }).waitFor();
  assert.equal(await ns.page.getByRole('button', { name: 'アンケート・日程調整' }).count(), 0, 'no polls in a conversation');
  await ns.page.screenshot({ path: join(suite.shots, 'message-phone.png'), fullPage: true });

  const dr = await as('sato.dr', PC);
  await openMenu(dr.page, 'メッセージ');
  const row = dr.page.getByRole('link', { name: /高橋/ });
  await row.getByText('未読 1').waitFor();
  await row.click();
  await dr.page.getByText('明日の訪問は14時').waitFor();
  await dr.page.getByPlaceholder('返信する').fill('はい、お願いします');
  await dr.page.getByRole('button', { name: '返信', exact: true }).click();
  await ns.page.getByText('はい、お願いします').waitFor();
  await ns.context.close();
  await dr.context.close();
});

test('a hidden group: made from the form, marked 非公開, and absent from a colleague\'s list', async () => {
  const cm = await as('suzuki.cm', PHONE);
  await openMenu(cm.page, 'プロジェクト');
  await cm.page.getByRole('button', { name: 'プロジェクトを作る' }).click();
  await cm.page.getByLabel('名前').fill('困難事例の相談（非公開）');
  await cm.page.getByLabel(/^非公開/).check();
  await cm.page.getByRole('button', { name: '作成する' }).click();
  await cm.page.getByRole('heading', { name: '困難事例の相談（非公開）' }).waitFor();
  await cm.page.locator('.badge', { hasText: '非公開' }).first().waitFor();
  await cm.page.screenshot({ path: join(suite.shots, 'group-hidden-phone.png') });

  const ns = await as('takahashi.ns', PHONE);
  await openMenu(ns.page, 'プロジェクト');
  await ns.page.getByText(NAME).first().waitFor(); // the list has loaded (the closed one is listed)
  assert.equal(await ns.page.getByText('困難事例の相談（非公開）').count(), 0);
  // The region's other groups narrow as she types: two words, both must match.
  const others = ns.page.getByRole('list', { name: '地域のほかのプロジェクト' });
  const filter = ns.page.getByLabel('地域のほかのプロジェクトを絞り込む');
  await filter.fill('連携　推進');
  await others.getByText(NAME).waitFor();
  assert.ok((await others.locator('li').count()) >= 1);
  for (const text of await others.locator('li').allInnerTexts()) assert.match(text, /連携[\s\S]*推進|推進[\s\S]*連携/);
  await filter.fill('推進 ＸＹＺ');
  await ns.page.getByText('「推進 ＸＹＺ」に当てはまるプロジェクトはありません。').waitFor();
  await cm.context.close();
  await ns.context.close();
});
