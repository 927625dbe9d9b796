// Files on the board: uploads streamed into storage, photos stripped of their location and given
// thumbnails, PDFs shown inline, other files only downloaded, the team's file view, and files of
// restricted posts or pending uploads seen by no one else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';
import { photoWithGps, png, GPS_LATITUDE_BYTES } from '../support/images.mjs';
import { jstDate } from '../support/clock.mjs';

let server;
let cm;
let dr;
let ns;
let admin;
let team;
const ids = {};

async function userId(client, login) {
  const r = await client.get('/api/v1/professionals?q=' + encodeURIComponent(login));
  return r.json.items[0].id;
}

export async function upload(client, teamId, name, bytes, type = 'application/octet-stream') {
  return client.request('POST', `/api/v1/boards/${teamId}/attachments?name=${encodeURIComponent(name)}`, {
    raw: bytes,
    headers: { 'Content-Type': type },
  });
}

async function download(client, path) {
  const res = await fetch(server.url + path, { headers: { Cookie: client.cookie } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

before(async () => {
  server = await startServer();
  [cm, dr, ns, admin] = await Promise.all(
    ['suzuki.cm', 'sato.dr', 'takahashi.ns', 'demo-admin'].map((l) => loggedIn(server.url, l, DEMO_PASSWORD)),
  );
  for (const l of ['suzuki.cm', 'sato.dr', 'takahashi.ns']) ids[l] = await userId(cm, l);
  const person = await cm.post('/api/v1/persons', {
    name: '川上 ハナ', name_kana: 'かわかみ はな', birth_date: '1936-02-11', sex: 'female', address: '茨城県つくば市竹園2丁目',
  });
  team = (await cm.post(`/api/v1/persons/${person.json.id}/care-team`, { admin_user_id: ids['suzuki.cm'], team_role: 'care_manager' })).json;
  for (const [login, role] of [['sato.dr', 'primary_doctor'], ['takahashi.ns', 'visiting_nurse']]) {
    await cm.put(`/api/v1/boards/${team.id}/members/${ids[login]}`, { team_role: role });
  }
});
after(() => server.cleanup());

test('a PDF is uploaded, posted, listed on the post and downloaded, sandboxed, by another member', async () => {
  const pdf = Buffer.from('%PDF-1.4\n% 訪問看護報告書\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const up = await upload(ns, team.id, '報告書 11月.pdf', pdf, 'application/pdf');
  assert.equal(up.status, 201, up.text);
  assert.equal(up.json.kind, 'pdf');
  assert.equal(up.json.size, pdf.length);
  assert.equal(up.json.post_id, null);
  const post = await ns.post(`/api/v1/boards/${team.id}/posts`, { body: '報告書を添付します', attachment_ids: [up.json.id] });
  assert.equal(post.status, 201, post.text);
  assert.deepEqual(post.json.attachments.map((a) => a.file_name), ['報告書 11月.pdf']);
  const timeline = await dr.get(`/api/v1/boards/${team.id}/posts`);
  const shown = timeline.json.items.find((p) => p.id === post.json.id);
  assert.equal(shown.attachments[0].url, `/api/v1/attachments/${up.json.id}`);
  const file = await download(dr, shown.attachments[0].url);
  assert.equal(file.status, 200);
  assert.deepEqual(file.bytes, pdf);
  assert.equal(file.headers.get('content-type'), 'application/pdf');
  // A PDF may carry JavaScript (/OpenAction): never opened as a page of this site.
  assert.match(file.headers.get('content-disposition'), /^attachment; filename="[^"]*"; filename\*=UTF-8''%E5%A0%B1/);
  assert.match(file.headers.get('content-security-policy'), /^sandbox/);
  assert.equal(file.headers.get('cache-control'), 'no-store');
  // The same file cannot be posted twice.
  const again = await ns.post(`/api/v1/boards/${team.id}/posts`, { body: '再送', attachment_ids: [up.json.id] });
  assert.equal(again.status, 400);
});

test('a phone photo loses its GPS position, stays upright and gets a thumbnail', async () => {
  const photo = photoWithGps({ orientation: 6 }); // taken with the phone turned: 64×48 stored sideways
  assert.ok(photo.includes(GPS_LATITUDE_BYTES));
  const up = await upload(ns, team.id, 'IMG_0001.JPG', photo, 'image/jpeg');
  assert.equal(up.status, 201, up.text);
  assert.equal(up.json.kind, 'image');
  assert.deepEqual([up.json.width, up.json.height], [64, 48], 'size as taken');
  assert.ok(up.json.thumbnail_url);
  const original = await download(ns, up.json.url);
  assert.equal(original.status, 200);
  assert.equal(original.headers.get('content-type'), 'image/jpeg');
  assert.equal(original.bytes[0], 0xff);
  assert.equal(original.bytes[1], 0xd8);
  assert.ok(!original.bytes.includes(GPS_LATITUDE_BYTES), 'no GPS position in the stored photo');
  assert.ok(!original.bytes.includes(Buffer.from('Exif\0\0', 'latin1')), 'no EXIF at all');
  // Turned upright: the stored JPEG is 48 wide and 64 high (SOF0 holds height, then width).
  const sof = original.bytes.indexOf(Buffer.from([0xff, 0xc0]));
  assert.deepEqual([original.bytes.readUInt16BE(sof + 7), original.bytes.readUInt16BE(sof + 5)], [48, 64]);
  const thumb = await download(ns, up.json.thumbnail_url);
  assert.equal(thumb.status, 200);
  assert.equal(thumb.headers.get('content-type'), 'image/webp');
  assert.equal(thumb.bytes.subarray(8, 12).toString('latin1'), 'WEBP');
  // Chunk by chunk (RIFF): image data only, no EXIF, XMP or colour profile.
  const chunks = [];
  for (let at = 12; at + 8 <= thumb.bytes.length; at += 8 + thumb.bytes.readUInt32LE(at + 4) + (thumb.bytes.readUInt32LE(at + 4) % 2)) {
    chunks.push(thumb.bytes.subarray(at, at + 4).toString('latin1'));
  }
  assert.ok(chunks.length >= 1 && chunks.every((c) => ['VP8 ', 'VP8L', 'VP8X', 'ALPH'].includes(c)), `thumbnail chunks: ${chunks}`);
  assert.equal(up.json.size, original.bytes.length, 'the size given is the stored size');
});

test('a pending upload is its uploader\'s alone until posted, and can be discarded', async () => {
  const up = await upload(ns, team.id, 'メモ.png', png(8, 8));
  assert.equal(up.status, 201);
  assert.equal((await download(ns, up.json.url)).status, 200);
  assert.equal((await download(dr, up.json.url)).status, 404, 'another member sees nothing yet');
  assert.equal((await download(dr, up.json.thumbnail_url)).status, 404);
  const stolen = await dr.post(`/api/v1/boards/${team.id}/posts`, { body: '他人のファイル', attachment_ids: [up.json.id] });
  assert.equal(stolen.status, 400, 'nobody posts another\'s upload');
  assert.equal((await dr.delete(up.json.url)).status, 404);
  assert.equal((await ns.delete(up.json.url)).status, 200);
  assert.equal((await download(ns, up.json.url)).status, 404);
});

test('files of a restricted post are seen only by its audience, on every surface', async () => {
  const up = await upload(ns, team.id, '傷の写真.png', png(20, 10), 'image/png');
  const post = await ns.post(`/api/v1/boards/${team.id}/posts`, {
    body: '褥瘡の状態（主治医のみ）', restricted_to: [ids['sato.dr']], attachment_ids: [up.json.id],
  });
  assert.equal(post.status, 201, post.text);
  assert.equal((await download(dr, up.json.url)).status, 200);
  assert.equal((await download(dr, up.json.thumbnail_url)).status, 200);
  assert.equal((await download(cm, up.json.url)).status, 404);
  assert.equal((await download(cm, up.json.thumbnail_url)).status, 404);
  const cmFiles = await cm.get(`/api/v1/boards/${team.id}/attachments`);
  assert.ok(!cmFiles.json.items.some((a) => a.id === up.json.id));
  assert.ok(!cmFiles.text.includes('傷の写真'));
  const drFiles = await dr.get(`/api/v1/boards/${team.id}/attachments`);
  assert.ok(drFiles.json.items.some((a) => a.id === up.json.id));
  // A region administrator who is not on the team sees no file at all.
  assert.equal((await download(admin, up.json.url)).status, 404);
  assert.equal((await admin.get(`/api/v1/boards/${team.id}/attachments`)).status, 404);
  // A deleted post takes its files with it.
  await ns.delete(`/api/v1/posts/${post.json.id}`, { body: { reason: '誤投稿' } });
  assert.equal((await download(dr, up.json.url)).status, 404);
});

test('the file view filters by kind, author and date, newest first, in pages', async () => {
  const mine = [];
  for (const [name, bytes] of [['a.png', png(4, 4)], ['b.pdf', Buffer.from('%PDF-1.7\n')], ['c.csv', Buffer.from('日付,体温\n')]]) {
    const up = await upload(cm, team.id, name, bytes);
    mine.push(up.json.id);
  }
  await cm.post(`/api/v1/boards/${team.id}/posts`, { body: '資料をまとめて', attachment_ids: mine });
  const images = await dr.get(`/api/v1/boards/${team.id}/attachments?kind=image&author=${ids['suzuki.cm']}`);
  assert.deepEqual(images.json.items.map((a) => a.file_name), ['a.png']);
  const all = await dr.get(`/api/v1/boards/${team.id}/attachments?author=${ids['suzuki.cm']}`);
  assert.deepEqual(all.json.items.map((a) => a.file_name), ['c.csv', 'b.pdf', 'a.png']);
  assert.equal(all.json.items[0].kind, 'other');
  const page = await dr.get(`/api/v1/boards/${team.id}/attachments?limit=2`);
  assert.equal(page.json.items.length, 2);
  const next = await dr.get(`/api/v1/boards/${team.id}/attachments?limit=2&before=${page.json.next_before}`);
  assert.ok(next.json.items.every((a) => a.id < page.json.next_before));
  // From yesterday (Japan time): the files were uploaded a moment ago, perhaps before midnight.
  assert.equal((await dr.get(`/api/v1/boards/${team.id}/attachments?from=${jstDate(-1)}&author=${ids['suzuki.cm']}`)).json.items.length, 3);
  assert.equal((await dr.get(`/api/v1/boards/${team.id}/attachments?to=2020-01-01`)).json.items.length, 0);
  assert.equal((await dr.get(`/api/v1/boards/${team.id}/attachments?from=昨日`)).status, 400);
  assert.equal((await dr.get(`/api/v1/boards/${team.id}/attachments?kind=exe`)).status, 400);
});

test('a photo alone is a post; an empty file or a post without text or files is refused', async () => {
  const up = await upload(dr, team.id, 'photo.png', png(6, 6));
  const post = await dr.post(`/api/v1/boards/${team.id}/posts`, { body: '', attachment_ids: [up.json.id] });
  assert.equal(post.status, 201, post.text);
  assert.equal((await dr.post(`/api/v1/boards/${team.id}/posts`, { body: '' })).status, 400);
  const empty = await upload(dr, team.id, 'empty.txt', Buffer.alloc(0));
  assert.equal(empty.status, 400);
  assert.match(empty.json.error.message, /空のファイル/);
});

test('the region\'s upload limit is enforced on the declared and on the actual size', async () => {
  assert.equal((await dr.put('/api/v1/region/upload-limit', { max_upload_mb: 1 })).status, 403);
  const set = await admin.put('/api/v1/region/upload-limit', { max_upload_mb: 1 });
  assert.equal(set.status, 200, set.text);
  assert.equal(set.json.max_upload_bytes, 1024 * 1024);
  try {
    const big = await upload(ns, team.id, 'big.bin', Buffer.alloc(1024 * 1024 + 1)).catch(() => null);
    if (big) {
      assert.equal(big.status, 413);
      assert.match(big.json.error.message, /1 MB/);
    }
    // Chunked: no length declared, so the limit is counted as the bytes arrive.
    const chunked = await fetch(`${server.url}/api/v1/boards/${team.id}/attachments?name=stream.bin`, {
      method: 'POST',
      headers: { Cookie: ns.cookie, 'X-CSRF-Token': ns.csrf },
      body: new ReadableStream({
        start(c) {
          for (let i = 0; i < 20; i++) c.enqueue(new Uint8Array(128 * 1024));
          c.close();
        },
      }),
      duplex: 'half',
    }).catch(() => null);
    if (chunked) assert.equal(chunked.status, 413);
    const ok = await upload(ns, team.id, 'fits.bin', Buffer.alloc(1024 * 1024, 7));
    assert.equal(ok.status, 201);
    assert.equal((await admin.put('/api/v1/region/upload-limit', { max_upload_mb: 0 })).status, 400);
  } finally {
    await admin.put('/api/v1/region/upload-limit', { max_upload_mb: 100 });
  }
});

test('uploads need a session, the CSRF token and membership of the team', async () => {
  const anonymous = await fetch(`${server.url}/api/v1/boards/${team.id}/attachments?name=x`, { method: 'POST', body: 'x' });
  assert.equal(anonymous.status, 401);
  const noCsrf = await ns.request('POST', `/api/v1/boards/${team.id}/attachments?name=x`, { raw: 'x', csrf: false });
  assert.equal(noCsrf.status, 403);
  const otherTeam = await upload(admin, team.id, 'x.txt', Buffer.from('x'));
  assert.equal(otherTeam.status, 404);
  const audit = await admin.get('/api/v1/audit?action=attachment.upload');
  assert.equal(audit.status, 200);
  assert.ok(audit.json.items.length >= 5, 'every upload is audited');
  const downloads = await admin.get('/api/v1/audit?action=attachment.download');
  assert.ok(downloads.json.items.length >= 3, 'every download is audited');
});
