// 災害対応 in Chromium, a drill as the city runs it: the care manager puts a person on the map
// by tapping it; the region administrator opens a drill for two areas; the doctor, on a phone,
// reports one person 確認済み and another 特記事項あり with a note from the one-tap list; the city's
// map and totals change live on a PC without a reload, the area nobody reported from stands out
// as 「報告のない地区」, and the city labels a person 赤; the person's board shows the status band.
// The map's tiles come from a local directory (disaster.tile_directory), never the internet.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEMO_PASSWORD } from '../support/server.mjs';
import { browserSuite, signedIn } from '../support/browser.mjs';
import { loggedIn } from '../support/client.mjs';
import { png } from '../support/images.mjs';
import { eventually } from '../support/wait.mjs';
import { personWithTeam } from '../support/disaster.mjs';

const PHONE = { width: 390, height: 844 };
const PC = { width: 1280, height: 800 };
const tiles = mkdtempSync(join(tmpdir(), 'musubi-tiles-'));
const suite = browserSuite({ env: { MUSUBI_DISASTER_TILE_DIRECTORY: tiles } });
// A whole page from its top (a scrolled page's sticky bar would land in the middle of the shot).
const shoot = async (page, name) => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(suite.shots, name), fullPage: true });
};
after(() => rmSync(tiles, { recursive: true, force: true }));

// Plain tiles around つくば for every layer of the map's settings (served by Musubi from the
// directory, under the layer's own URL), one colour per layer so that the layer switch shows;
// tiles outside are missing and stay blank. (A PNG under a .jpg name too: browsers read an image
// by its bytes.)
function writeTiles(layers) {
  const tile = (lat, lon, z) => {
    const n = 2 ** z;
    const rad = (lat * Math.PI) / 180;
    return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.asinh(Math.tan(rad)) / Math.PI) / 2) * n)];
  };
  layers.forEach((layer, i) => {
    assert.match(layer.url, /^\/tiles\//, 'the tiles come from Musubi itself');
    const image = png(256, 256, i === 0 ? [236, 233, 224] : [92, 112, 84]);
    for (let z = 12; z <= 16; z++) {
      const [x0, y0] = tile(36.12, 140.04, z);
      const [x1, y1] = tile(36.04, 140.18, z);
      for (let x = x0; x <= x1; x++) {
        for (let y = y0; y <= y1; y++) {
          const file = join(tiles, layer.url.slice('/tiles/'.length).replace('{z}', z).replace('{x}', x).replace('{y}', y));
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, image);
        }
      }
    }
  });
}

async function register(cm, person, needs) {
  const r = await cm.put(`/api/v1/persons/${person.id}/support-needs`, { registered: true, ...needs });
  assert.equal(r.status, 200, r.text);
}

test('a drill: the city opens it, the doctor reports from a phone, the city sees it live and labels a person', async () => {
  const base = suite.server.url;
  const admin = await loggedIn(base, 'demo-admin', DEMO_PASSWORD);
  const cm = await loggedIn(base, 'suzuki.cm', DEMO_PASSWORD);
  const drId = (await (await loggedIn(base, 'sato.dr', DEMO_PASSWORD)).get('/api/v1/session')).json.user.id;
  const { layers } = (await admin.get('/api/v1/disaster/map-config')).json;
  writeTiles(layers);

  // Two areas of the city; 北条 has reports coming, 小田 none.
  const area = async (name) => {
    const r = await admin.post('/api/v1/disaster/areas', { name });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const hojo = await area('北条地区（訓練）');
  const oda = await area('小田地区（訓練）');
  const ichiro = await personWithTeam(cm, drId, { name: '北条 一郎', kana: 'ほうじょう いちろう', birth: '1938-02-01' });
  const fumi = await personWithTeam(cm, drId, { name: '北条 フミ', kana: 'ほうじょう ふみ', birth: '1941-05-05' });
  const sen = await personWithTeam(cm, drId, { name: '北条 セン', kana: 'ほうじょう せん', birth: '1935-12-12' });
  const kiyo = await personWithTeam(cm, drId, { name: '小田 キヨ', kana: 'おだ きよ', birth: '1937-07-07' });
  const toku = await personWithTeam(cm, drId, { name: '小田 トク', kana: 'おだ とく', birth: '1939-03-03' });
  await register(cm, ichiro, { reasons: ['ventilator'], priority: 1, latitude: 36.0835, longitude: 140.1080, area_id: hojo.id, note: '人工呼吸器（バッテリー6時間）' });
  await register(cm, fumi, { reasons: ['living_alone', 'dementia'], priority: 2, latitude: 36.0852, longitude: 140.1121, area_id: hojo.id });
  await register(cm, sen, { reasons: ['bedridden'], priority: 3, area_id: hojo.id }); // no position yet: 位置未登録
  await register(cm, kiyo, { reasons: ['home_oxygen'], priority: 2, latitude: 36.0705, longitude: 140.1302, area_id: oda.id });

  // The care manager registers 小田 トク on her board and sets her home by tapping the map.
  const manager = await signedIn(suite.browser, base, 'suzuki.cm', DEMO_PASSWORD, PC);
  await manager.page.goto(`/teams/${toku.team.id}?tab=support`);
  await manager.page.getByText('要援護者（災害時に避難の支援が必要な方）として登録されていません。').waitFor();
  await manager.page.getByRole('button', { name: '要援護者として登録する' }).click();
  await manager.page.getByLabel('寝たきり').check();
  await manager.page.getByLabel('優先度').selectOption('1');
  await manager.page.getByLabel('地区', { exact: true }).selectOption({ label: '小田地区（訓練）' });
  const picker = manager.page.locator('.location-map.leaflet-container');
  await picker.waitFor();
  await picker.click({ position: { x: 200, y: 120 } });
  await eventually(async () => (await manager.page.getByLabel('緯度（北緯）').inputValue()) !== '', 'the tapped position in the fields');
  await manager.page.locator('.location-map .leaflet-marker-icon').waitFor();
  await shoot(manager.page, 'disaster-support-needs-pc.png');
  await manager.page.getByRole('button', { name: '保存する' }).click();
  await manager.page.getByText('保存しました。').waitFor();
  await manager.page.getByText(/^北緯 \d+\.\d{5}・東経 \d+\.\d{5}$/).waitFor();
  const saved = (await cm.get(`/api/v1/persons/${toku.id}/support-needs`)).json;
  assert.equal(saved.area_id, oda.id);
  assert.ok(saved.latitude > 20 && saved.longitude > 122, 'a position in Japan');
  await manager.context.close();

  // The region administrator opens a drill for the two areas, after saying yes.
  const city = await signedIn(suite.browser, base, 'demo-admin', DEMO_PASSWORD, PC);
  await city.page.getByRole('link', { name: '災害対応', exact: true }).first().click();
  await city.page.getByRole('heading', { name: '災害対応', exact: true }).waitFor();
  await city.page.getByRole('button', { name: '災害対応を始める' }).click();
  await city.page.getByLabel('名前').fill('総合防災訓練（北条・小田）');
  await city.page.getByLabel('種類').selectOption('earthquake');
  await city.page.getByLabel('訓練として行う').check();
  await city.page.getByLabel(/^北条地区（訓練）/).check();
  await city.page.getByLabel(/^小田地区（訓練）/).check();
  let question = '';
  city.page.once('dialog', (d) => {
    question = d.message();
    void d.accept();
  });
  await city.page.getByRole('button', { name: '始める', exact: true }).click();
  await city.page.getByRole('heading', { name: '災害対応の状況' }).waitFor();
  assert.match(question, /総合防災訓練（北条・小田）」（訓練）を始めます。対象: 北条地区（訓練）・小田地区（訓練）/);
  await city.page.getByText(/^始めました。/).waitFor();
  const totals = city.page.getByRole('group', { name: '状況ごとの件数' });
  await totals.getByRole('button', { name: /^未確認\s*5件$/ }).waitFor();
  const silent = city.page.getByRole('region', { name: '報告のない地区' });
  await silent.getByRole('button', { name: /北条地区（訓練）/ }).waitFor();
  await silent.getByRole('button', { name: /小田地区（訓練）/ }).waitFor();
  await city.page.locator('.disaster-map .leaflet-marker-icon').nth(3).waitFor(); // four homes with a position
  await city.page.getByRole('list', { name: '位置未登録' }).getByText('北条 セン').waitFor();
  const pin = (name) => city.page.locator(`.disaster-map .leaflet-marker-icon[title^="${name}:"]`);
  assert.match(await pin('北条 一郎').getAttribute('class'), /status--unchecked/);
  await city.page.evaluate(() => (window.__sameDocument = true));
  const disasterId = Number(new URL(city.page.url()).pathname.split('/')[2]);

  // The doctor, on a phone: the banner leads to the one-tap list of her persons.
  const doctor = await signedIn(suite.browser, base, 'sato.dr', DEMO_PASSWORD, PHONE);
  const banner = doctor.page.locator('.disaster-banner', { hasText: '総合防災訓練（北条・小田）' });
  await banner.getByText('災害対応中（訓練）').waitFor();
  await banner.getByRole('link', { name: '安否を報告する' }).click();
  await doctor.page.getByRole('heading', { name: '安否確認' }).waitFor();
  const card = (name) => doctor.page.getByRole('listitem', { name });
  await card('小田 トク').waitFor();
  assert.equal(await doctor.page.getByRole('listitem').filter({ has: doctor.page.locator('.safety-card-head') }).count(), 5);
  await card('北条 一郎').getByRole('button', { name: '確認済み', exact: true }).click();
  await card('北条 一郎').getByRole('button', { name: '確認済み', exact: true, pressed: true }).waitFor();
  await card('北条 一郎').getByText('安否確認済み').waitFor();
  await card('北条 フミ').getByRole('button', { name: '特記事項あり', exact: true }).click();
  await card('北条 フミ').getByRole('button', { name: '避難所へ避難' }).click();
  const note = card('北条 フミ').getByRole('textbox');
  await note.fill(`${await note.inputValue()}（北条小学校）`);
  await card('北条 フミ').getByRole('button', { name: '特記事項ありで報告する' }).click();
  await card('北条 フミ').getByText('避難所へ避難（北条小学校）').waitFor();
  await card('北条 フミ').getByRole('button', { name: '特記事項あり', exact: true, pressed: true }).waitFor();
  await doctor.page.getByText(/未確認\s*3人/).waitFor();
  await shoot(doctor.page, 'disaster-mine-phone.png');
  await doctor.page.getByLabel('未確認だけ表示').check();
  assert.equal(await card('北条 一郎').count(), 0, 'the reported ones leave the filtered list');
  await card('小田 キヨ').waitFor();

  // The city's page changed by itself: totals, pins, the areas still silent.
  await totals.getByRole('button', { name: /^安否確認済み\s*1件$/ }).waitFor();
  await totals.getByRole('button', { name: /^特記事項あり\s*1件$/ }).waitFor();
  await totals.getByRole('button', { name: /^未確認\s*3件$/ }).waitFor();
  await eventually(async () => /status--safe/.test(await pin('北条 一郎').getAttribute('class')), 'the pin of 北条 一郎 turning 済');
  await eventually(async () => /status--noted/.test(await pin('北条 フミ').getAttribute('class')), 'the pin of 北条 フミ turning 特');
  await silent.getByRole('button', { name: /北条地区（訓練）/ }).waitFor({ state: 'detached' });
  await silent.getByRole('button', { name: /小田地区（訓練）/ }).waitFor();
  // (a redrawn outline's old name fades out for a moment: wait for the one that stays)
  await eventually(async () => (await city.page.locator('.area-tip--silent', { hasText: '報告なし: 小田地区（訓練）' }).count()) === 1, 'the silent area named on the map');
  assert.equal(await city.page.evaluate(() => window.__sameDocument), true, 'no reload');

  // The city opens 北条 フミ from the list and labels her 赤; her pin is ringed in red.
  await city.page.locator('.disaster-row', { hasText: '北条 フミ' }).click();
  const entry = city.page.getByRole('region', { name: '北条 フミ' });
  await entry.getByText('避難所へ避難（北条小学校）').first().waitFor();
  await entry.getByText(/佐藤/).first().waitFor(); // who reported
  await entry.getByRole('button', { name: '赤' }).click();
  await entry.getByRole('button', { name: '赤', pressed: true }).waitFor();
  await eventually(async () => /pin--label-red/.test(await pin('北条 フミ').getAttribute('class')), 'the red ring');
  assert.equal((await admin.get(`/api/v1/disasters/${disasterId}/persons/${fumi.id}`)).json.entry.label, 'red');
  // A filter chooses the pins and the list alike.
  await city.page.getByRole('combobox', { name: 'ラベル' }).selectOption('red');
  await eventually(async () => (await city.page.locator('.disaster-map .leaflet-marker-icon').count()) === 1, 'one pin under the filter');
  assert.equal(await city.page.locator('.disaster-row').count(), 1);
  await city.page.getByRole('button', { name: '絞り込みを解除' }).click();
  await city.page.locator('.disaster-map .leaflet-marker-icon').nth(3).waitFor();
  await shoot(city.page, 'disaster-city-pc.png');
  // The other layer (航空写真) is one tap away.
  if (layers.length > 1) {
    await city.page.getByLabel(layers[1].name).check();
    await city.page.locator('.disaster-map .leaflet-tile-loaded[src*="/tiles/' + layers[1].code + '/"]').first().waitFor();
    await city.page.locator('.city-layout').screenshot({ path: join(suite.shots, 'disaster-city-aerial-pc.png') });
    await city.page.getByLabel(layers[0].name).check();
  }
  await city.page.setViewportSize(PHONE);
  await shoot(city.page, 'disaster-city-phone.png');

  // On 北条 一郎's board, the doctor sees the band with his status and its history.
  await doctor.page.goto(`/teams/${ichiro.team.id}`);
  const band = doctor.page.getByRole('region', { name: /災害対応中: 総合防災訓練/ });
  await band.getByText('安否確認済み').first().waitFor();
  await band.getByText('報告の履歴（1件）').waitFor();
  await band.getByRole('button', { name: '確認済み', exact: true, pressed: true }).waitFor();
  await shoot(doctor.page, 'disaster-band-phone.png');
  await doctor.context.close();

  // The list of disasters on the city's PC: the drill, open, with its areas.
  await city.page.setViewportSize(PC);
  await city.page.getByRole('link', { name: '災害対応の一覧' }).click();
  const item = city.page.locator('.disaster-item', { hasText: '総合防災訓練（北条・小田）' });
  await item.getByText('訓練', { exact: true }).waitFor();
  await item.getByText(/対象: 北条地区（訓練）・小田地区（訓練）/).waitFor();
  await shoot(city.page, 'disaster-list-pc.png');
  await city.context.close();
});
