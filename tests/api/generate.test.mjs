// `musubi generate`, the data behind every benchmark: the same seed gives the same region, and
// the region looks like a real one (professions, teams, posts of every kind, files that open).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { musubiResult, startServer, DEMO_PASSWORD } from '../support/server.mjs';
import { loggedIn } from '../support/client.mjs';
import { sqlite } from '../support/db.mjs';

const root = mkdtempSync(join(tmpdir(), 'musubi-generate-'));
after(() => rmSync(root, { recursive: true, force: true }));

function generate(name, seed, posts = 4000) {
  const dir = join(root, name);
  const r = musubiResult(['generate', '--posts', String(posts), '--seed', String(seed)], { MUSUBI_DATA_DIR: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /生成しました/);
  return dir;
}
const sql = (dir, query) => sqlite(dir, query);

// Everything generated except the clock: times are relative to the moment of generation.
const CONTENT = `
  SELECT group_concat(x, '|') FROM (
    SELECT login_id || name || name_kana || profession_id || facility_id AS x FROM users WHERE login_id LIKE 'gen.%'
    UNION ALL SELECT board_id || ':' || user_id || team_role || is_admin FROM board_members
    UNION ALL SELECT board_id || ':' || author_id || ':' || ifnull(parent_id, '') || body || important || ifnull(tag_id, '') FROM posts
    UNION ALL SELECT post_id || file_name || size || kind FROM attachments
  )`;

test('the same seed generates the same region; another seed another one', () => {
  const a = generate('a', 5);
  const b = generate('b', 5);
  const c = generate('c', 6);
  const digest = (dir) => execFileSync('sha256sum', { input: sql(dir, CONTENT), encoding: 'utf8' }).split(' ')[0];
  assert.equal(digest(a), digest(b));
  assert.notEqual(digest(a), digest(c));
  // A second run into the same directory is refused rather than doubling the data.
  const again = musubiResult(['generate', '--posts', '10', '--seed', '5'], { MUSUBI_DATA_DIR: a });
  assert.notEqual(again.status, 0);
  assert.match(again.stderr, /すでに生成データがあります/);
});

test('professions, teams and posts look like a region’s', async () => {
  const dir = generate('shape', 11, 20000);
  const count = (q) => Number(sql(dir, q));
  const byProfession = Object.fromEntries(
    sql(dir, `SELECT p.name, COUNT(*) FROM users u JOIN professions p ON p.id = u.profession_id
              WHERE u.login_id LIKE 'gen.%' GROUP BY 1`).split('\n').map((l) => l.split('|')).map(([k, v]) => [k, Number(v)]),
  );
  const users = count(`SELECT COUNT(*) FROM users WHERE login_id LIKE 'gen.%'`);
  // Doctors, nurses, care managers and pharmacists make most of a home-care network, and no
  // profession is more than a quarter of it.
  for (const p of ['医師', '看護師', '介護支援専門員', '薬剤師', '訪問介護員']) assert.ok(byProfession[p] > 0, p);
  const core = ['医師', '看護師', '介護支援専門員', '主任介護支援専門員', '薬剤師'].reduce((s, p) => s + (byProfession[p] ?? 0), 0);
  assert.ok(core / users > 0.5, JSON.stringify(byProfession));
  assert.ok(Math.max(...Object.values(byProfession)) / users <= 0.25, JSON.stringify(byProfession));

  // Generated teams: 4–12 members, one 主治医 and a care manager each.
  const teams = sql(dir, `SELECT COUNT(*), SUM(team_role = 'primary_doctor'), SUM(team_role = 'care_manager')
                          FROM board_members m JOIN boards t ON t.id = m.board_id
                          JOIN persons p ON p.id = t.person_id
                          WHERE t.id IN (SELECT board_id FROM board_members m2 JOIN users u ON u.id = m2.user_id WHERE u.login_id LIKE 'gen.%')
                          GROUP BY m.board_id`).split('\n').map((l) => l.split('|').map(Number));
  assert.ok(teams.length >= 20);
  for (const [size, doctors, managers] of teams) {
    assert.ok(size >= 4 && size <= 12, `team of ${size}`);
    assert.equal(doctors, 1);
    assert.ok(managers >= 1);
  }

  // Every kind of post a team has: replies, important posts, 特別便, requests, acknowledgements, files.
  const posts = count('SELECT COUNT(*) FROM posts');
  assert.ok(posts >= 20000);
  const share = (q) => count(q) / posts;
  assert.ok(share('SELECT COUNT(*) FROM posts WHERE parent_id IS NOT NULL') > 0.08);
  assert.ok(share('SELECT COUNT(*) FROM posts WHERE important = 1') > 0.02);
  assert.ok(count('SELECT COUNT(DISTINCT post_id) FROM post_audience') > 100);
  assert.ok(count('SELECT COUNT(*) FROM post_addressees') > 100);
  assert.ok(count('SELECT COUNT(*) FROM post_acknowledgements') > 1000);
  const files = Object.fromEntries(sql(dir, 'SELECT kind, COUNT(*) FROM attachments WHERE post_id IS NOT NULL GROUP BY kind').split('\n').map((l) => l.split('|')));
  for (const kind of ['image', 'pdf', 'other']) assert.ok(Number(files[kind]) > 10, JSON.stringify(files));

  // The files open like uploaded ones, for a member.
  const server = await startServer({ dataDir: dir });
  try {
    const me = await loggedIn(server.url, 'gen.0001', DEMO_PASSWORD);
    const team = (await me.get('/api/v1/care-teams')).json.items[0].id;
    const images = (await me.get(`/api/v1/boards/${team}/attachments?kind=image&limit=1`)).json.items;
    const pdfs = (await me.get(`/api/v1/boards/${team}/attachments?kind=pdf&limit=1`)).json.items;
    assert.equal(images.length, 1, 'gen.0001’s first team has a photo');
    assert.equal(pdfs.length, 1, 'and a PDF');
    const photo = await fetch(`${server.url}/api/v1/attachments/${images[0].id}`, { headers: { Cookie: me.cookie } });
    assert.equal(photo.status, 200);
    assert.deepEqual([...new Uint8Array(await photo.arrayBuffer()).slice(0, 3)], [0xff, 0xd8, 0xff]);
    const thumb = await fetch(`${server.url}/api/v1/attachments/${images[0].id}/thumbnail`, { headers: { Cookie: me.cookie } });
    assert.equal(thumb.status, 200);
    assert.equal(thumb.headers.get('content-type'), 'image/webp');
    const pdf = await fetch(`${server.url}/api/v1/attachments/${pdfs[0].id}`, { headers: { Cookie: me.cookie } });
    assert.equal(pdf.status, 200);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    execFileSync('pdfinfo', ['-'], { input: bytes }); // throws unless poppler reads it
  } finally {
    await server.stop();
  }
});
