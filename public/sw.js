/*
 * XiangKe's service worker (docs/decisions/024): small and hand-written.
 * - Built assets (/assets/*, fingerprinted) come from the cache once fetched: a repeat view costs
 *   no bytes for scripts and styles.
 * - Pages and their data (the documents and Remix's `.data` requests) come from the network;
 *   a copy of each page a signed-in user viewed is kept, and shown when the network is gone —
 *   the last-seen needs, conversations and workspace stay readable offline. The page says it is
 *   offline (app/components/offline-banner.tsx); chat typed then goes to the outbox.
 * - Nothing else is touched: form posts, the socket, uploads and the API go straight through.
 */
const VERSION = "xk-1";
const ASSETS = `${VERSION}-assets`;
const PAGES = `${VERSION}-pages`;
/** Pages kept for reading offline; the oldest goes first. */
const MAX_PAGES = 60;
/** A network answer slower than this, when a copy exists, is not waited for. */
const NETWORK_WAIT_MS = 8000;

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (!name.startsWith(`${VERSION}-`)) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// Logging out forgets the pages kept for the one who was logged in.
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "forget-pages") event.waitUntil(caches.delete(PAGES));
});

function keptPage(url) {
  return (
    url.pathname === "/" ||
    /^\/(needs|offers|services|messages|workspace|agreements|notifications|programmes|trainings)(\/|\.data$|$)/.test(
      url.pathname,
    )
  );
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/assets/")) {
    event.respondWith(cacheFirst(request));
    return;
  }
  if (url.pathname.startsWith("/socket.io/") || url.pathname.startsWith("/api/")) return;
  if (!keptPage(url)) return;
  if (request.mode === "navigate" || url.pathname.endsWith(".data")) event.respondWith(networkFirst(request));
});

async function cacheFirst(request) {
  const cache = await caches.open(ASSETS);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(PAGES);
  const fromNetwork = fetch(request).then(async (response) => {
    // Only whole, successful pages are kept; never a redirect to the login page or an error.
    if (response.ok && response.type === "basic" && !response.redirected) {
      await cache.put(request, response.clone());
      await trim(cache);
    }
    return response;
  });
  const kept = await cache.match(request);
  if (!kept) return fromNetwork;
  // With a copy at hand, a link that hangs is not waited for beyond a few seconds.
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), NETWORK_WAIT_MS));
  try {
    const answer = await Promise.race([fromNetwork, timeout]);
    return answer ?? withOfflineMark(kept);
  } catch {
    return withOfflineMark(kept);
  }
}

/** The kept copy, marked so the page can say it is not fresh. */
function withOfflineMark(response) {
  const headers = new Headers(response.headers);
  headers.set("X-Offline-Copy", "1");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

async function trim(cache) {
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - MAX_PAGES))) await cache.delete(key);
}
