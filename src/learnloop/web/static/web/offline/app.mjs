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
  syncNow();
}
