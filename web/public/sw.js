// Musubi's service worker, for a phone on a poor network during a disaster (issue 24, item 7).
// Registered only by the disaster pages (web/src/api/offline.ts); removed with its caches at
// logout. It keeps two things:
//  - the app shell (index.html and the built assets), so that a page reloaded offline starts;
//  - the last answers of the few GETs the disaster pages read, asked with the header
//    `X-Musubi-Offline: keep`, network first, the copy served only when the network fails, with
//    `X-Musubi-Cached-At` saying when it was fetched. Nothing else of the API is ever stored.
//    The city's map follows changes (/map?since=): they are merged into the copy of the whole.
// Plain JS in web/public: Vite copies it to the root as /sw.js, the only place whose scope is '/'.

// The page registers /sw.js?v=<its entry script>: a new build is a new worker, and the old
// shell goes with the old worker.
const VERSION = new URL(self.location.href).searchParams.get('v') || 'dev';
const SHELL = 'musubi-shell-' + VERSION;
const DATA = 'musubi-disaster-data';
const KEEP_HEADER = 'x-musubi-offline';
const CACHED_AT = 'X-Musubi-Cached-At';

// The answers a disaster page needs to show itself offline, and no other (docs/api.md).
const KEPT = [
  /^\/api\/v1\/session$/,
  /^\/api\/v1\/disaster\/(codes|map-config)$/,
  /^\/api\/v1\/disasters$/,
  /^\/api\/v1\/disasters\/\d+$/,
  /^\/api\/v1\/disasters\/\d+\/(mine|map|summary)$/,
];

// Told at logout: from then on nothing more is stored (the page it still controls lives on
// until it is closed or reloaded, and asks for its icon, its next answers …).
let forgotten = false;

self.addEventListener('message', (event) => {
  if (event.data !== 'forget') return;
  forgotten = true;
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('musubi-')).map((n) => caches.delete(n))))
      .then(() => event.ports[0] && event.ports[0].postMessage('forgotten')),
  );
});

self.addEventListener('install', (event) => {
  event.waitUntil(precacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('musubi-shell-') && n !== SHELL).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // Map tiles of an outside server, anything of another origin: the browser's own business.
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // A download (a file, a printed list) is not the app.
    if (!url.pathname.startsWith('/api/') && !url.pathname.startsWith('/tiles/')) event.respondWith(page(request));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(asset(request));
    return;
  }
  if (url.pathname === '/favicon.svg') {
    event.respondWith(page(request, url.pathname));
    return;
  }
  if (request.headers.get(KEEP_HEADER) === 'keep' && KEPT.some((re) => re.test(url.pathname))) {
    event.respondWith(url.search === '' ? answer(event, request, url.pathname) : change(event, request, url));
  }
});

// index.html and what it loads at once (the entry script, its stylesheet); a chunk loaded later
// (the map's) is kept when it is first fetched. The assets come from the HTTP cache: the page has
// just loaded them, and their names are immutable.
async function precacheShell() {
  const response = await fetch('/index.html', { cache: 'no-cache' });
  if (!response.ok) throw new Error('index.html: ' + response.status);
  const html = await response.clone().text();
  // Every file of our own it names: /assets/…, /favicon.svg.
  const assets = [...new Set([...html.matchAll(/(?:src|href)="(\/[^"/][^"]*)"/g)].map((m) => m[1]))];
  const cache = await caches.open(SHELL);
  await cache.addAll(assets);
  await cache.put('/index.html', response);
}

// Network first: a new build shows at once; offline, the last shell. Every page of the app is
// index.html (the server answers it for any path), kept under that one name.
async function page(request, key = '/index.html') {
  try {
    const response = await fetch(request);
    if (!forgotten && response.ok && (key !== '/index.html' || (response.headers.get('Content-Type') || '').startsWith('text/html'))) {
      const copy = response.clone();
      await caches.open(SHELL).then((c) => c.put(key, copy));
    }
    return response;
  } catch (error) {
    const shell = await caches.open(SHELL).then((c) => c.match(key));
    if (shell) return shell;
    throw error;
  }
}

// A built asset never changes under its name: the copy first.
async function asset(request) {
  const cache = await caches.open(SHELL);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok && !forgotten) await cache.put(request, response.clone());
  return response;
}

// Network first; the last copy when the network fails (or a proxy says the server is away).
async function answer(event, request, key) {
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    const kept = await fromCache(key);
    if (kept) return kept;
    throw error;
  }
  if (response.status === 401) {
    // The session ended: nothing of it stays on the phone.
    event.waitUntil(caches.delete(DATA));
  } else if (response.ok && !forgotten) {
    event.waitUntil(keep(key, response.clone()));
  } else if (response.status >= 502 && response.status <= 504) {
    const kept = await fromCache(key);
    if (kept) return kept;
  }
  return response;
}

async function fromCache(key) {
  const cache = await caches.open(DATA);
  return cache.match(key, { ignoreVary: true });
}

async function keep(key, response) {
  const headers = new Headers(response.headers);
  // The body read here is already decoded, and is looked up by its path alone.
  ['Content-Encoding', 'Content-Length', 'Vary'].forEach((h) => headers.delete(h));
  headers.set(CACHED_AT, new Date().toISOString());
  const body = await response.blob();
  const cache = await caches.open(DATA);
  await cache.put(key, new Response(body, { status: response.status, statusText: response.statusText, headers }));
}

// The map's changes since a version: merged into the copy of the whole map (what the page shows
// is then what a reload offline shows). Never answered from the copy: the page merges what it
// gets into newer entries than the copy may hold.
async function change(event, request, url) {
  const response = await fetch(request);
  if (response.status === 401) event.waitUntil(caches.delete(DATA));
  else if (response.ok && !forgotten && url.pathname.endsWith('/map') && url.searchParams.has('since')) event.waitUntil(mergeSoon(url.pathname, response.clone()));
  return response;
}

// Changes come up to twice a second: merged every few seconds, not each time.
const MERGE_MS = 2000;
const changes = new Map(); // path → [answers]
let merging = null;

async function mergeSoon(key, response) {
  const answer = await response.json();
  if (answer.full) return keep(key, new Response(JSON.stringify(answer), { status: 200, headers: response.headers }));
  if (!changes.has(key)) changes.set(key, []);
  changes.get(key).push(answer);
  merging ??= new Promise((resolve) => setTimeout(resolve, MERGE_MS)).then(async () => {
    merging = null;
    const all = [...changes];
    changes.clear();
    for (const [path, answers] of all) await merge(path, answers);
  });
  return merging;
}

// As the city's page merges: by person, a newer entry (its version) replaces an older one.
async function merge(key, answers) {
  const kept = await fromCache(key);
  if (!kept || forgotten) return;
  const whole = await kept.json();
  const byPerson = new Map(whole.items.map((e) => [e.person_id, e]));
  for (const a of answers) {
    for (const e of a.items) {
      const had = byPerson.get(e.person_id);
      if (!had || had.version <= e.version) byPerson.set(e.person_id, e);
    }
    whole.version = Math.max(whole.version, a.version);
  }
  whole.items = [...byPerson.values()];
  await keep(key, new Response(JSON.stringify(whole), { status: 200, headers: kept.headers }));
}
