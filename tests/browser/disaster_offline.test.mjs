// 災害対応 on a poor network (issue 24, item 7), in Chromium: the doctor opens 安否確認 on a
// phone, the network goes, she taps 確認済み (the card says 未送信), reloads the page still offline
// (the list shows from the phone's copy, 「オフライン表示」, the tap still waiting), taps another
// person, and when the network comes back both reach the server once each — the city's open page
// changes live, and reloaded offline shows its last map and totals. A tap the server refuses once back (the drill was closed meanwhile) leaves the
// queue and shows the server's message on its card. An ended session removes the kept answers;
// logout removes the worker, its caches and the queue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../support/server.mjs';
import { browserSuite, signedIn, loginAs } from '../support/browser.mjs';
import { loggedIn } from '../support/client.mjs';
import { eventually } from '../support/wait.mjs';
import { personWithTeam } from '../support/disaster.mjs';

const PHONE = { width: 390, height: 844 };
const PC = { width: 1280, height: 800 };
const suite = browserSuite();
const DATA_CACHE = 'musubi-disaster-data';

// What the page's service worker keeps: cache name → paths.
const kept = (page) =>
  page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
    return out;
  });

const shoot = async (page, name) => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(suite.shots, name), fullPage: true });
};

test('offline on a phone: taps wait, survive a reload, reach the server once; the list stays readable', async (t) => {
  const base = suite.server.url;
  const admin = await loggedIn(base, 'demo-admin', DEMO_PASSWORD);
  const cm = await loggedIn(base, 'suzuki.cm', DEMO_PASSWORD);
  const dr = await loggedIn(base, 'sato.dr', DEMO_PASSWORD);
  const drId = (await dr.get('/api/v1/session')).json.user.id;

  const area = await admin.post('/api/v1/disaster/areas', { name: '吉沼地区（通信訓練）' });
  assert.equal(area.status, 201, area.text);
  const persons = {};
  for (const [name, kana, birth, reasons] of [
    ['吉沼 ハル', 'よしぬま はる', '1936-04-04', ['ventilator']],
    ['吉沼 タケ', 'よしぬま たけ', '1940-08-08', ['living_alone']],
    ['吉沼 ミツ', 'よしぬま みつ', '1938-10-10', ['bedridden']],
  ]) {
    const p = await personWithTeam(cm, drId, { phone: '029-864-5678', name, kana, birth });
    const r = await cm.put(`/api/v1/persons/${p.id}/support-needs`, { registered: true, reasons, priority: 2, latitude: 36.09, longitude: 140.1, area_id: area.json.id });
    assert.equal(r.status, 200, r.text);
    persons[name] = p;
  }
  const opened = await admin.post('/api/v1/disasters', { name: '通信途絶訓練（吉沼）', kind: 'earthquake', drill: true, area_ids: [area.json.id] });
  assert.equal(opened.status, 201, opened.text);
  const disasterId = opened.json.id;
  const history = async (name) => (await dr.get(`/api/v1/disasters/${disasterId}/persons/${persons[name].id}`)).json;

  // The doctor opens 安否確認 while the network is there; the page's worker takes its copies.
  const doctor = await signedIn(suite.browser, base, 'sato.dr', DEMO_PASSWORD, PHONE);
  const { page, context } = doctor;
  const scripts = [];
  page.on('response', (r) => /\.(js|css)$/.test(new URL(r.url()).pathname) && scripts.push(r));
  await page.goto(`/disaster/${disasterId}/mine`);
  await page.getByRole('heading', { name: '安否確認' }).waitFor();
  const card = (name) => page.getByRole('listitem', { name });
  await card('吉沼 ハル').waitFor();
  page.removeAllListeners('response');
  // What the phone loaded for this page: the app's script and style, never the map's chunk.
  // (responses, not performance entries: the test clock replaces `performance` in the page)
  const loaded = await Promise.all(
    scripts.map(async (r) => ({ path: new URL(r.url()).pathname, bytes: (await r.body()).length, encoding: (await r.allHeaders())['content-encoding'] ?? 'none' })),
  );
  assert.ok(loaded.some((e) => e.path.endsWith('.js')), 'the entry script is measured');
  assert.ok(!loaded.some((e) => /leaflet/.test(e.path)), 'the list loads no map library');
  t.diagnostic(`安否確認 loads: ${loaded.map((e) => `${e.path} ${e.bytes} B (encoding: ${e.encoding})`).join(', ')}`);
  await eventually(async () => {
    const c = await kept(page);
    const data = c[DATA_CACHE] ?? [];
    return [`/api/v1/disasters/${disasterId}/mine`, `/api/v1/disasters/${disasterId}`, '/api/v1/session'].every((p) => data.includes(p)) &&
      Object.entries(c).some(([name, paths]) => name.startsWith('musubi-shell-') && paths.includes('/index.html'));
  }, 'the worker keeping the shell and the list');
  const stored = await kept(page);
  const allowed = [/^\/api\/v1\/session$/, /^\/api\/v1\/disaster\/(codes|map-config)$/, /^\/api\/v1\/disasters(\/\d+(\/(mine|map|summary))?)?$/];
  for (const path of stored[DATA_CACHE]) assert.ok(allowed.some((re) => re.test(path)), `only the disaster pages' reads are kept, not ${path}`);

  // The city follows on a PC.
  const city = await signedIn(suite.browser, base, 'demo-admin', DEMO_PASSWORD, PC);
  await city.page.goto(`/disaster/${disasterId}`);
  const totals = city.page.getByRole('group', { name: '状況ごとの件数' });
  await totals.getByRole('button', { name: /^未確認\s*3件$/ }).waitFor();

  // The network goes. One tap: 未送信, the chosen status pressed, nothing at the server.
  await context.setOffline(true);
  await card('吉沼 ハル').getByRole('button', { name: '確認済み', exact: true }).click();
  await card('吉沼 ハル').getByText('未送信（接続が戻ると送信します）').waitFor();
  await card('吉沼 ハル').getByRole('button', { name: '確認済み', exact: true, pressed: true }).waitFor();
  await card('吉沼 ハル').getByText('安否確認済み').waitFor();
  assert.equal((await history('吉沼 ハル')).history.length, 0, 'nothing sent while offline');
  const [queued] = await page.evaluate(() => JSON.parse(localStorage.getItem('musubi.status-outbox')));
  assert.equal(queued.body.status, 'safe');
  assert.match(queued.body.client_key, /^[A-Za-z0-9_-]{16,64}$/);
  assert.ok(!Number.isNaN(Date.parse(queued.body.observed_at)), 'the tap keeps its time');

  // Reloaded offline: the list from the phone's copy, with when it was fetched; the tap waits still.
  await page.reload();
  await page.getByRole('heading', { name: '安否確認' }).waitFor();
  await page.getByText(/^オフライン表示（最終取得 \d+月\d+日 \d+:\d\d）/).waitFor();
  await card('吉沼 ハル').getByText('未送信（接続が戻ると送信します）').waitFor();
  await card('吉沼 ハル').getByRole('button', { name: '確認済み', exact: true, pressed: true }).waitFor();
  await card('吉沼 ミツ').waitFor();
  // A second tap, on another person, made after the reload: behind the first.
  await card('吉沼 タケ').getByRole('button', { name: '要確認', exact: true }).click();
  await card('吉沼 タケ').getByText('未送信（接続が戻ると送信します）').waitFor();
  await page.getByText('未送信 2件').waitFor();
  await shoot(page, 'disaster-offline-phone.png');
  assert.equal((await history('吉沼 ハル')).history.length, 0);

  // The network is back: each report reaches the server once, the page shows it as sent.
  await context.setOffline(false);
  await eventually(async () => (await page.getByText('未送信（接続が戻ると送信します）').count()) === 0, 'the queue sent');
  await card('吉沼 ハル').getByText(/佐藤/).waitFor();
  await page.getByText(/^オフライン表示/).waitFor({ state: 'detached' });
  const hal = await history('吉沼 ハル');
  assert.equal(hal.history.length, 1, 'applied once');
  assert.equal(hal.entry.status, 'safe');
  assert.equal(hal.history[0].client_key, queued.body.client_key, 'the key made at the tap');
  assert.ok(Date.parse(hal.history[0].observed_at) <= Date.parse(hal.history[0].received_at), 'observed when tapped, before it arrived');
  const take = await history('吉沼 タケ');
  assert.equal(take.history.length, 1);
  assert.equal(take.entry.status, 'unreachable');
  assert.ok(hal.history[0].id < take.history[0].id, 'sent in the order tapped');
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing left waiting on the phone');
  // The city's open page has changed by itself.
  await totals.getByRole('button', { name: /^安否確認済み\s*1件$/ }).waitFor();
  await totals.getByRole('button', { name: /^要確認\s*1件$/ }).waitFor();
  await totals.getByRole('button', { name: /^未確認\s*1件$/ }).waitFor();

  // The city's PC loses the network too: reloaded, its map and totals show from its copy, which
  // followed the changes it was sent live (/map?since= merged into the copy of the whole map).
  await eventually(
    () =>
      city.page.evaluate(async (id) => {
        const cache = await caches.open('musubi-disaster-data');
        const map = await cache.match(`/api/v1/disasters/${id}/map`);
        return map && (await cache.match(`/api/v1/disasters/${id}/summary`)) && (await map.json()).items.filter((e) => e.status !== 'unchecked').length === 2;
      }, disasterId),
    "the city's copy of the map with the changes in it",
  );
  await city.context.setOffline(true);
  await city.page.reload();
  await city.page.getByText(/^オフライン表示（最終取得 \d+月\d+日 \d+:\d\d）/).waitFor();
  await totals.getByRole('button', { name: /^安否確認済み\s*1件$/ }).waitFor();
  await totals.getByRole('button', { name: /^要確認\s*1件$/ }).waitFor();
  const pin = (name) => city.page.locator(`.disaster-map .leaflet-marker-icon[title^="${name}:"]`);
  await eventually(async () => /status--safe/.test(await pin('吉沼 ハル').getAttribute('class')), 'the pin of 吉沼 ハル from the copy');
  await shoot(city.page, 'disaster-offline-city-pc.png');
  await city.context.close();

  // Offline again, a tap; the drill is closed before the network comes back: the server refuses
  // it (409), it leaves the queue and its card says why.
  await context.setOffline(true);
  await card('吉沼 ミツ').getByRole('button', { name: '確認済み', exact: true }).click();
  await card('吉沼 ミツ').getByText('未送信（接続が戻ると送信します）').waitFor();
  assert.equal((await admin.post(`/api/v1/disasters/${disasterId}/close`)).status, 200);
  await context.setOffline(false);
  await card('吉沼 ミツ').getByRole('alert').getByText(/送信できませんでした: この災害対応は終了しています/).waitFor();
  await card('吉沼 ミツ').getByText('未送信（接続が戻ると送信します）').waitFor({ state: 'detached' });
  assert.equal((await history('吉沼 ミツ')).history.length, 0);
  assert.equal(await page.evaluate(() => localStorage.getItem('musubi.status-outbox')), null, 'not retried');
  await shoot(page, 'disaster-offline-refused-phone.png');
  await card('吉沼 ミツ').getByRole('button', { name: '確認した' }).click();
  await card('吉沼 ミツ').getByRole('alert').waitFor({ state: 'detached' });

  // The session ends elsewhere; the next start of the app meets a 401 and the kept answers leave
  // the phone (the shell, which holds nothing of anyone, stays).
  assert.equal((await dr.post('/api/v1/session/logout-everywhere')).status, 200);
  await page.reload();
  await page.getByLabel('ログインID').waitFor();
  await eventually(async () => !(await page.evaluate(() => caches.keys())).includes(DATA_CACHE), 'the kept answers deleted');

  // Logout: the worker and all its caches go too.
  await loginAs(page, 'sato.dr', DEMO_PASSWORD);
  await page.getByRole('heading', { name: /こんにちは/ }).waitFor();
  await page.goto(`/disaster/${disasterId}/mine`);
  await card('吉沼 ハル').waitFor();
  await eventually(async () => (await kept(page))[DATA_CACHE]?.length > 0, 'the copies kept again');
  await page.getByRole('button', { name: 'メニュー' }).click();
  await page.locator('#main-nav').getByRole('button', { name: 'ログアウト' }).click();
  await page.getByText('ログアウトしました。').waitFor();
  const left = await page.evaluate(async () => ({
    caches: (await caches.keys()).length,
    workers: (await navigator.serviceWorker.getRegistrations()).length,
    local: localStorage.length,
  }));
  assert.deepEqual(left, { caches: 0, workers: 0, local: 0 });
  await context.close();
});
