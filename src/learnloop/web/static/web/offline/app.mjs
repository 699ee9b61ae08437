// On every page a student opens: install the service worker, show what is waiting to
// sync and when it last synced, send the queue whenever the device is online, and, on
// signing out, delete everything this device keeps for the student (shared computers).
import * as store from "./store.mjs";
import { drain } from "./sync.mjs";

const studentMeta = document.querySelector('meta[name="learnloop-student"]');
const student = studentMeta ? Number(studentMeta.content) : null;

function plural(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function when(iso) {
  const date = new Date(iso);
  const sameDay = date.toDateString() === new Date().toDateString();
  const time = date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return sameDay ? `today at ${time}` : `${date.toLocaleDateString()} at ${time}`;
}

export async function showStatus() {
  const places = document.querySelectorAll("[data-sync-status]");
  if (!places.length || student === null) return;
  const waiting = (await store.queued(student)).length;
  const last = await store.meta(student, "last_synced");
  const refused = (await store.meta(student, "refused")) || [];
  const parts = [];
  if (waiting) {
    const where = navigator.onLine ? "" : " (you are offline)";
    parts.push(`${plural(waiting, "answer")} waiting to sync${where}.`);
  } else if (last) {
    parts.push("All your answers are synced.");
  }
  if (last) parts.push(`Last synced ${when(last)}.`);
  if (refused.length) parts.push(`${plural(refused.length, "answer")} could not be kept.`);
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
      if (response.ok && !response.redirected) await cache.put(new URL(path, location.href).href, response);
    } catch {
      return; // offline again: try on a later page
    }
  }
  await store.setMeta(student, "pages_kept_at", new Date().toISOString());
}

async function forgetEverything() {
  try {
    await store.wipe();
  } catch {
    // nothing kept, or storage refused: the server's Clear-Site-Data still applies
  }
  if ("caches" in window) {
    for (const name of await caches.keys()) await caches.delete(name);
  }
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.controller?.postMessage("forget"); // the worker removes itself
    const unregistered = navigator.serviceWorker
      .getRegistrations()
      .then((registrations) => Promise.all(registrations.map((r) => r.unregister())));
    // Chromium may hold this until the page is gone: never let it block signing out
    // (the sign-out response's Clear-Site-Data removes the worker too).
    await Promise.race([unregistered, new Promise((resolve) => setTimeout(resolve, 1000))]);
  }
}

function guardSignOut() {
  for (const form of document.querySelectorAll("form[data-sign-out]")) {
    form.addEventListener("submit", async (event) => {
      if (form.dataset.cleared) return;
      event.preventDefault();
      const left = await syncNow().catch(() => 1);
      const warning =
        `${plural(left, "answer")} practised offline ${left === 1 ? "has" : "have"} not ` +
        "synced yet and will be deleted from this device. Sign out anyway?";
      if (left && !window.confirm(warning)) return;
      await forgetEverything();
      form.dataset.cleared = "1";
      form.submit();
    });
  }
}

if (student !== null) {
  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
  }
  guardSignOut();
  window.addEventListener("online", syncNow);
  window.addEventListener("offline", showStatus);
  document.addEventListener("learnloop:queued", syncNow);
  document.addEventListener("learnloop:downloaded", () => keepPages(true));
  navigator.serviceWorker?.addEventListener("controllerchange", () => keepPages());
  syncNow().then(() => keepPages());
}
