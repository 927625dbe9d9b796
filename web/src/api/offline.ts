// The page's side of the service worker (web/public/sw.js). Only the disaster pages register it,
// and only their reads are marked to be kept: the rest of Musubi leaves nothing on the device.
// An answer the worker served from its copy carries when that copy was fetched; logout removes
// the worker and its caches, an ended session (401) the kept answers.

const KEEP_HEADER = 'X-Musubi-Offline';
const CACHED_AT_HEADER = 'x-musubi-cached-at';
const DATA_CACHE = 'musubi-disaster-data';
const SESSION = '/api/v1/session';
// The same list as sw.js's (the worker refuses any other): what a disaster page needs to show
// itself offline. (/map?since= is merged by the worker into its copy of the whole map.)
const KEPT = [
  /^\/api\/v1\/session$/,
  /^\/api\/v1\/disaster\/(codes|map-config)$/,
  /^\/api\/v1\/disasters$/,
  /^\/api\/v1\/disasters\/\d+$/,
  /^\/api\/v1\/disasters\/\d+\/(mine|map|summary)$/,
];

const onDisasterPage = () => location.pathname === '/disaster' || location.pathname.startsWith('/disaster/');
// The worker told to forget at logout still controls this page until it is reloaded.
let forgottenWorker: ServiceWorker | null = null;
const controlled = () => {
  const worker = navigator.serviceWorker?.controller;
  return Boolean(worker) && worker !== forgottenWorker;
};

// Answers served from the worker's copy → when it was fetched.
const cachedTimes = new WeakMap<object, string>();
// Kept reads answered before the worker controlled the page (a first visit): asked again through
// it once it does, so that a copy exists before the network goes.
const unkept = new Set<string>();
// Kept reads that went through the worker in this page's life.
const kept = new Set<string>();

// The headers a request gets for the worker: reads of the disaster pages are to be kept.
export function offlineRequestHeaders(method: string, path: string): Record<string, string> {
  const [bare, search] = path.split('?');
  if (method !== 'GET' || !onDisasterPage() || !KEPT.some((re) => re.test(bare))) return {};
  if (!search) (controlled() ? kept : unkept).add(path);
  return { [KEEP_HEADER]: 'keep' };
}

export function noteOfflineAnswer(data: unknown, response: Response): void {
  const at = response.headers.get(CACHED_AT_HEADER);
  if (at && data !== null && typeof data === 'object') cachedTimes.set(data, at);
}

// When the worker fetched this answer, if it came from its copy (the network failed); else null.
export function cachedAt(answer: object | null | undefined): string | null {
  return (answer && cachedTimes.get(answer)) ?? null;
}

let registered = false;
let waiting = false;

// Called by each disaster page: the worker is registered once per page load (again only for a
// new build: its URL names the entry script), then the page's reads are made to be kept.
export function keepDisasterPagesOffline(): void {
  // (a plain-HTTP server other than localhost is no secure context: no worker, no cache)
  if (!('serviceWorker' in navigator) || !('caches' in window)) return;
  const entry = document.querySelector<HTMLScriptElement>('script[type="module"][src*="/assets/"]');
  if (!entry) return; // the dev server has no built shell to keep
  if (!registered) {
    registered = true;
    const version = entry.src.slice(entry.src.lastIndexOf('/') + 1);
    navigator.serviceWorker.register(`/sw.js?v=${encodeURIComponent(version)}`).catch(() => {
      registered = false;
    });
  }
  if (controlled()) {
    askAgain();
  } else if (!waiting) {
    waiting = true;
    navigator.serviceWorker.addEventListener(
      'controllerchange',
      () => {
        waiting = false;
        askAgain();
        // The scripts and styles this page already loaded, from the HTTP cache.
        performance
          .getEntriesByType('resource')
          .map((e) => e.name)
          .filter((name) => new URL(name).pathname.startsWith('/assets/'))
          .forEach((name) => void fetch(name).catch(() => undefined));
      },
      { once: true },
    );
  }
}

// Through the worker now: the reads it has not seen, and the session the app started with (it
// may have started on another page).
function askAgain(): void {
  if (!kept.has(SESSION)) unkept.add(SESSION);
  const paths = [...unkept];
  unkept.clear();
  paths.forEach((path) => {
    kept.add(path);
    void fetch(path, { headers: { Accept: 'application/json', [KEEP_HEADER]: 'keep' }, credentials: 'same-origin' }).catch(() => undefined);
  });
}

// The session ended: its answers leave the device (the worker does the same when it sees a 401).
export async function forgetKeptAnswers(): Promise<void> {
  if (!('caches' in window)) return;
  await caches.delete(DATA_CACHE).catch(() => false);
}

// Logout: the worker and everything it kept.
export async function forgetOffline(): Promise<void> {
  registered = false;
  kept.clear();
  unkept.clear();
  const worker = navigator.serviceWorker?.controller;
  if (worker) {
    forgottenWorker = worker;
    await tell(worker, 'forget');
  }
  if ('caches' in window) {
    const names = await caches.keys().catch(() => [] as string[]);
    await Promise.all(names.filter((n) => n.startsWith('musubi-')).map((n) => caches.delete(n).catch(() => false)));
  }
  if ('serviceWorker' in navigator) {
    const registrations = await navigator.serviceWorker.getRegistrations().catch(() => []);
    await Promise.all(registrations.map((r) => r.unregister().catch(() => false)));
  }
}

// A message to the worker, answered once done (a worker that does not answer soon is not waited
// for: logout goes on, the caches are deleted from here too).
function tell(worker: ServiceWorker, message: string): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(resolve, 2000);
    channel.port1.onmessage = () => {
      clearTimeout(timer);
      resolve();
    };
    worker.postMessage(message, [channel.port2]);
  });
}
