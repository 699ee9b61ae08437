{% autoescape off %}// LearnLoop's service worker (rendered by learnloop.web.installable; ADR 0007).
// Keeps the static files (KaTeX's woff2 fonts among them) and the student's pages for
// reading and practicing offline, and the JavaScript catalogue of each language a page
// asked for (/jsi18n/?lang=es), so a page kept offline speaks its reader's language.
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
const CATALOGUE = {{ catalogue }};
const CATALOGUE_CACHE = "learnloop-catalogue";
// The worker's own page (one never kept, asked for offline), in each language offered.
const NOTICES = {{ notices }};
const DEFAULT_LANGUAGE = {{ default_language }};
const LANGUAGE_KEY = `${CATALOGUE}?reader`; // the language of the catalogue last loaded
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

// The catalogue: the network's when it answers (kept under its URL, one per language,
// and its language remembered for the offline notice), the kept one when it does not.
async function catalogue(request) {
  const cache = await caches.open(CATALOGUE_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) {
      await cache.put(request, response.clone());
      const language = new URL(request.url).searchParams.get("lang");
      if (language in NOTICES) await cache.put(LANGUAGE_KEY, new Response(language));
    }
    return response;
  } catch (offline) {
    const kept = await cache.match(request);
    if (kept) return kept;
    throw offline;
  }
}

async function readerLanguage() {
  const kept = await caches.match(LANGUAGE_KEY, { cacheName: CATALOGUE_CACHE });
  const language = kept ? await kept.text() : "";
  return language in NOTICES ? language : DEFAULT_LANGUAGE;
}

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;" })[c]);
}

async function offlineNotice() {
  const language = await readerLanguage();
  const words = NOTICES[language];
  const [title, heading, text, link] = [words.title, words.heading, words.body, words.link].map(escapeHtml);
  const body =
    `<!doctype html><html lang="${language}" dir="${words.dir}"><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${title}</title><main><h1>${heading}</h1><p>${text}</p>` +
    `<p><a href="${OFFLINE_PAGE}">${link}</a></p></main></html>`;
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
  } else if (url.pathname === CATALOGUE) {
    event.respondWith(catalogue(request));
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