// On every page a student opens: install the service worker, show what is waiting to
// sync and when it last synced, send the queue whenever the device is online, and, on
// signing out, delete everything this device keeps for the student (shared computers).
import * as store from "./store.mjs";
import { drain } from "./sync.mjs";
import { gettext, interpolate, ngettext } from "./i18n.mjs";

const studentMeta = document.querySelector('meta[name="learnloop-student"]');
const student = studentMeta ? Number(studentMeta.content) : null;

function when(iso) {
  const date = new Date(iso);
  const sameDay = date.toDateString() === new Date().toDateString();
  const language = document.documentElement.lang || [];  // the page's language, not the device's
  const time = date.toLocaleTimeString(language, { hour: "2-digit", minute: "2-digit" });
  if (sameDay) return interpolate(gettext("today at %(time)s"), { time });
  const day = date.toLocaleDateString(language, { weekday: "short", day: "numeric", month: "short" });
  return interpolate(gettext("%(date)s at %(time)s"), { date: day, time });
}

export async function showStatus() {
  const places = document.querySelectorAll("[data-sync-status]");
  if (student === null) return;
  const waiting = (await store.queued(student)).length;
  const last = await store.meta(student, "last_synced");
  const refused = (await store.meta(student, "refused")) || [];
  const parts = [];
  if (waiting) {
    const text = navigator.onLine
      ? ngettext("%(count)s answer waiting to sync.", "%(count)s answers waiting to sync.", waiting)
      : ngettext(
          "%(count)s answer waiting to sync (you are offline).",
          "%(count)s answers waiting to sync (you are offline).",
          waiting,
        );
    parts.push(interpolate(text, { count: waiting }));
  } else if (last) {
    parts.push(gettext("All your answers are synced."));
  }
  if (last) parts.push(interpolate(gettext("Last synced %(when)s."), { when: when(last) }));
  if (refused.length) {
    const text = ngettext("%(count)s answer could not be kept.", "%(count)s answers could not be kept.", refused.length);
    parts.push(interpolate(text, { count: refused.length }));
  }
  const regraded = (await store.meta(student, "regraded")) || 0;
  if (regraded) {
    const text = ngettext(
      "%(count)s answer was marked differently on sync: your teacher sees the server's mark.",
      "%(count)s answers were marked differently on sync: your teacher sees the server's mark.",
      regraded,
    );
    parts.push(interpolate(text, { count: regraded }));
  }
  localStorage.setItem(WAITING_KEY, String(waiting));
  for (const place of places) {
    place.textContent = parts.join(" ");
    place.hidden = parts.length === 0;
    place.dataset.waiting = String(waiting);
  }
}

export async function syncNow() {
  if (student === null) return 0;
  const left = navigator.onLine ? await drain(student) : (await store.queued(student)).length;
  await showStatus();
  return left;
}

// The pages a student reads offline, kept even before they open them (at most every ten
// minutes): My learning, the activities, goals, the offline page, and each downloaded
// activity's page. The worker keeps the others as they are opened.
const PAGES = ["/learn/", "/learn/activities/", "/goals/", "/learn/offline/"];
const WARM_EVERY_MS = 10 * 60 * 1000;
export const PAGE_CACHE = "learnloop-pages";

export async function keepPages(force = false) {
  if (!navigator.onLine || !navigator.serviceWorker?.controller || !("caches" in window)) return;
  const last = await store.meta(student, "pages_kept_at");
  if (!force && last && Date.now() - Date.parse(last) < WARM_EVERY_MS) return;
  const activities = (await store.packs(student)).map((pack) => `/learn/activities/${pack.activity.id}/`);
  const cache = await caches.open(PAGE_CACHE);
  for (const path of [...PAGES, ...activities]) {
    try {
      const response = await fetch(path, { credentials: "same-origin" });
      if (response.ok && !response.redirected) {
        await cache.put(new URL(path, location.href).href, response);
      }
    } catch {
      return; // offline again: try on a later page
    }
  }
  await store.setMeta(student, "pages_kept_at", new Date().toISOString());
}

// How many answers wait, mirrored where a click can read it at once (signing out).
const WAITING_KEY = `learnloop-waiting-${student}`;

/** Ask for everything to be deleted; every request is made before this returns, so it
 * completes while the page leaves (the worker deletes its caches and itself). */
function forgetNow() {
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith("learnloop-")) localStorage.removeItem(key);
  }
  const wiped = store.wipe().catch(() => {});
  navigator.serviceWorker?.controller?.postMessage("forget");
  const unregistered = navigator.serviceWorker
    ?.getRegistrations()
    .then((registrations) => Promise.all(registrations.map((r) => r.unregister())));
  const cleared = window.caches
    ?.keys()
    .then((names) => Promise.all(names.map((name) => caches.delete(name))));
  return Promise.all([wiped, unregistered, cleared]);
}

function guardSignOut() {
  for (const form of document.querySelectorAll("form[data-sign-out]")) {
    form.addEventListener("submit", (event) => {
      if (form.dataset.cleared) return;
      if (!Number(localStorage.getItem(WAITING_KEY) || "0")) {
        forgetNow(); // nothing to lose: sign out at once (the response's Clear-Site-Data too)
        return;
      }
      event.preventDefault();
      signOutAfterSync(form);
    });
  }
}

async function signOutAfterSync(form) {
  const left = await syncNow().catch(() => 1);
  const warning = interpolate(
    ngettext(
      "%(count)s answer practiced offline has not synced yet and will be deleted from this device. Sign out anyway?",
      "%(count)s answers practiced offline have not synced yet and will be deleted from this device. Sign out anyway?",
      left,
    ),
    { count: left },
  );
  if (left && !window.confirm(warning)) return;
  // Chromium may hold unregister() until the page is gone: never let it block signing out.
  await Promise.race([forgetNow(), new Promise((resolve) => setTimeout(resolve, 1000))]);
  form.dataset.cleared = "1";
  form.submit();
}

if (student !== null) {
  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
  }
  guardSignOut();
  window.addEventListener("online", syncNow);
  window.addEventListener("offline", showStatus);
  document.addEventListener("learnloop:queued", () => showStatus().then(syncNow));
  document.addEventListener("learnloop:downloaded", () => keepPages(true));
  navigator.serviceWorker?.addEventListener("controllerchange", () => keepPages());
  syncNow().then(() => keepPages());
}
