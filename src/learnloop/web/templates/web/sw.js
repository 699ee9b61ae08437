{% autoescape off %}// LearnLoop's service worker (rendered by learnloop.web.installable; ADR 0007).
// Keeps the static files and the student's pages for reading and practicing offline.
// Pages: network first (a fresh page whenever the network answers), the kept copy when
// it does not, the offline practice page when no copy was kept. Static files: the kept
// copy first (their names change when they do). Nothing else is touched: answers, the
// API and every POST go to the network as always; queued answers live in IndexedDB.
const VERSION = "{{ version }}";
const STATIC_CACHE = `learnloop-static-${VERSION}`;
const PAGE_CACHE = "learnloop-pages";
const STATIC_URLS = {{ static_urls }};
const STATIC_PREFIX = {{ static_prefix }};
const OFFLINE_PAGE = {{ offline_page }};
// Pages never kept: signing in and out, the admin, anything under an API; and only HTML
// pages are kept (a portfolio file opened from a page is not).
const NEVER_KEPT = [/^\/accounts\//, /^\/admin\//, /\/api\//];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(STATIC_CACHE).then((cache) => cache.addAll(STATIC_URLS)).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("learnloop-static-") && name !== STATIC_CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

function keepable(url) {
  return url.origin === self.location.origin && !NEVER_KEPT.some((rule) => rule.test(url.pathname));
}

async function fromStaticCache(request) {
  const kept = await caches.match(request, { cacheName: STATIC_CACHE });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) (await caches.open(STATIC_CACHE)).put(request, response.clone());
  return response;
}

function offlineNotice() {
  const body =
    '<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    "<title>Offline · LearnLoop</title><h1>You are offline</h1>" +
    "<p>This page was not saved on this device. Open it again when you are back online.</p>" +
    `<p><a href="${OFFLINE_PAGE}">Practice offline</a></p></html>`;
  return new Response(body, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

async function page(request) {
  const cache = await caches.open(PAGE_CACHE);
  try {
    const response = await fetch(request);
    const landed = new URL(response.url);
    const html = (response.headers.get("Content-Type") || "").startsWith("text/html");
    if (response.ok && !response.redirected && html && keepable(landed)) {
      await cache.put(request.url.split("#")[0], response.clone());
    }
    return response;
  } catch (offline) {
    const kept = (await cache.match(request, { ignoreSearch: false })) || (await cache.match(OFFLINE_PAGE));
    return kept || offlineNotice();
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(STATIC_PREFIX)) {
    event.respondWith(fromStaticCache(request));
  } else if (request.mode === "navigate" && keepable(url)) {
    event.respondWith(page(request));
  }
});

// The page asks the worker to forget everything (signing out on a shared computer).
self.addEventListener("message", (event) => {
  if (event.data === "forget") {
    event.waitUntil(
      caches
        .keys()
        .then((names) => Promise.all(names.map((name) => caches.delete(name))))
        .then(() => self.registration.unregister()),
    );
  }
});
{% endautoescape %}