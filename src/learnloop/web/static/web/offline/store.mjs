// The device's offline store (IndexedDB): downloaded practice packs, the queue of answers
// waiting to sync, and a little bookkeeping (when the queue last synced, answers the
// server refused). Each record names its student: on a shared computer a page only ever
// reads the signed-in student's, and signing out deletes the whole database (app.mjs).

const NAME = "learnloop-offline";
const VERSION = 1;

let opening = null;
let connection = null;

export function open() {
  if (opening) return opening;
  opening = new Promise((resolve, reject) => {
    const request = indexedDB.open(NAME, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore("packs", { keyPath: "key" });
      const queue = db.createObjectStore("queue", { keyPath: "client_id" });
      queue.createIndex("student", "student");
      db.createObjectStore("meta", { keyPath: "key" });
    };
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => db.close(); // another tab is deleting it (signing out)
      connection = db;
      resolve(db);
    };
    request.onerror = () => reject(request.error);
  });
  return opening;
}

function settle(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function store(name, mode) {
  const db = await open();
  return db.transaction(name, mode).objectStore(name);
}

export async function put(name, value) {
  return settle((await store(name, "readwrite")).put(value));
}

export async function get(name, key) {
  return settle((await store(name, "readonly")).get(key));
}

export async function remove(name, key) {
  return settle((await store(name, "readwrite")).delete(key));
}

export async function queued(student) {
  const index = (await store("queue", "readonly")).index("student");
  const rows = await settle(index.getAll(student));
  return rows.sort((a, b) => a.client_time.localeCompare(b.client_time));
}

export async function packs(student) {
  const rows = await settle((await store("packs", "readonly")).getAll());
  return rows.filter((row) => row.student === student);
}

export function packKey(student, activity) {
  return `${student}:${activity}`;
}

export async function meta(student, key) {
  const row = await get("meta", `${student}:${key}`);
  return row ? row.value : null;
}

export async function setMeta(student, key, value) {
  return put("meta", { key: `${student}:${key}`, value });
}

/** Delete everything this device holds for LearnLoop (signing out). The request is made
 * before this returns, so it completes even when the page is leaving. */
export function wipe() {
  if (connection) connection.close();
  connection = null;
  opening = null;
  return settle(indexedDB.deleteDatabase(NAME));
}

/** Now, as ISO 8601 with the device's own offset (2026-12-06T10:15:00.000+01:00). */
export function localTime(date = new Date()) {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const pad = (n, width = 2) => String(Math.abs(Math.trunc(n))).padStart(width, "0");
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `.${pad(date.getMilliseconds(), 3)}${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}

// Class packs a teacher keeps on a shared device (docs/learning.md, "A class pack on a
// shared device"): their own database, holding practice content only (the items of the
// class's assigned activities, never a student's data or answers), so that signing a
// student out deletes the student's database and leaves the class's practice in place.
const CLASS_NAME = "learnloop-class-packs";
export const CLASS_COOKIE = "learnloop_class_pack";

function openClassPacks() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(CLASS_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore("packs", { keyPath: "key" }).createIndex("classroom", "classroom");
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Replace what the device keeps of one class with these packs (one per activity). */
export async function keepClassPacks(classroom, packs, madeAt) {
  const db = await openClassPacks();
  try {
    const tx = db.transaction("packs", "readwrite");
    const packsStore = tx.objectStore("packs");
    const old = await settle(packsStore.index("classroom").getAllKeys(classroom));
    for (const key of old) packsStore.delete(key);
    const savedAt = new Date().toISOString();
    for (const pack of packs) {
      packsStore.put({
        key: `class:${classroom}:${pack.activity.id}`,
        classroom,
        activity: pack.activity,
        items: pack.items,
        made_at: madeAt,
        saved_at: savedAt,
      });
    }
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
  // Tells the server at sign-out that this device keeps class practice (accounts.views).
  document.cookie = `${CLASS_COOKIE}=1; path=/; max-age=31536000; samesite=lax`;
}

/** The class packs this device keeps for any of these classes. */
export async function classPacks(classrooms) {
  if (!classrooms.length || !(await hasClassPacks())) return [];
  const db = await openClassPacks();
  try {
    const rows = await settle(db.transaction("packs", "readonly").objectStore("packs").getAll());
    return rows.filter((row) => classrooms.includes(row.classroom));
  } finally {
    db.close();
  }
}

export async function hasClassPacks() {
  if (!indexedDB.databases) return document.cookie.includes(`${CLASS_COOKIE}=1`);
  return (await indexedDB.databases()).some((db) => db.name === CLASS_NAME);
}

/** Delete every class pack this device keeps (the teacher's "Remove" button). */
export function forgetClassPacks() {
  document.cookie = `${CLASS_COOKIE}=; path=/; max-age=0; samesite=lax`;
  return settle(indexedDB.deleteDatabase(CLASS_NAME));
}

/** What this device keeps of one class: { count, made_at } (the oldest pack's making
 * time), or null when it keeps nothing of it. Opens nothing on a device without class
 * packs (the picture sign-in pages ask before anyone signs in). */
export async function classPackState(classroom) {
  const rows = await classPacks([classroom]);
  if (!rows.length) return null;
  const made = rows.map((row) => row.made_at || row.saved_at).sort();
  return { count: rows.length, made_at: made[0] };
}

/** A pack's date as the device's reader says it (6 Dec 2026, 10:15). */
export function shortDate(iso) {
  return new Date(iso).toLocaleString(document.documentElement.lang || [], { dateStyle: "medium", timeStyle: "short" });
}
