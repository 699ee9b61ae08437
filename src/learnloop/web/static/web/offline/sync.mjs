// Drain the queue of answers practiced offline. The batch endpoint takes them in one
// request and answers per answer (stored, duplicate or refused with a reason); where a
// server has no batch endpoint yet (404 or 405) each answer goes to the one-answer
// endpoint instead, with its client_time and client_correct: the server applies the
// batch's clock rules to it (stored at the device's time; refused past 30 days). An answer leaves the queue only once the server has it (stored or
// a duplicate) or has refused it for good; a network error or a 5xx keeps it for the
// next try. The server regrades every answer: its grade is the one that counts.
import * as store from "./store.mjs";

export const BATCH_URL = "/learn/api/answers/batch";
export const ONE_URL = "/learn/api/responses";
const BATCH_SIZE = 50;

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

function post(url, body) {
  return fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
    body: JSON.stringify(body),
  });
}

// The server regrades every answer; where its mark differs from the one the browser gave
// (a rule the browser does not share, or a key changed since the pack), the student is
// told how many, and the server's mark is the one that counts.
// The batch endpoint says so itself (the flag "regraded": it compared the browser's
// client_correct with its own grade, logged and counted it); the one-answer endpoint
// returns its mark, compared here.
async function compareGrades(student, entry, serverCorrect, flags) {
  const local = entry.local || {};
  const differs = Array.isArray(flags)
    ? flags.includes("regraded")
    : !local.pending && typeof serverCorrect === "boolean" && local.correct !== serverCorrect;
  if (!differs) return;
  const regraded = (await store.meta(student, "regraded")) || 0;
  await store.setMeta(student, "regraded", regraded + 1);
}

async function refuse(student, entry, reason) {
  const refused = (await store.meta(student, "refused")) || [];
  refused.push({ client_id: entry.client_id, item: entry.item, reason });
  await store.setMeta(student, "refused", refused.slice(-50));
  await store.remove("queue", entry.client_id);
}

function wire(entry) {
  const { client_id, item, answer, client_time, activity } = entry;
  const local = entry.local || {};
  // The browser's own mark, for the server to compare with its regrade; null: it deferred.
  const client_correct = local.pending || typeof local.correct !== "boolean" ? null : local.correct;
  return { client_id, item, answer, client_time, activity, client_correct, hints_used: entry.hints_used || 0, seconds: entry.seconds || 0 };
}

// A 400 names the answer the server could not read ("answers[3].client_time"): that one
// is refused and the rest go again, so one bad record never holds up the queue.
async function refuseUnreadable(student, entries, response) {
  const body = await response.json().catch(() => ({}));
  const [field, message] = Object.entries(body.errors || {})[0] || [];
  const match = /^answers\[(\d+)\]/.exec(field || "");
  if (!match || !entries[Number(match[1])]) return "try later";
  await refuse(student, entries[Number(match[1])], `${field} ${message}`);
  return "sent";
}

async function sendBatch(student, entries) {
  const response = await post(BATCH_URL, { answers: entries.map(wire) });
  if (response.status === 404 || response.status === 405) return "no batch endpoint";
  if (response.status === 400) return refuseUnreadable(student, entries, response);
  if (!response.ok) return response.status === 401 ? "signed out" : "try later";
  const { results = [] } = await response.json();
  const byId = new Map(entries.map((entry) => [entry.client_id, entry]));
  for (const result of results) {
    const entry = byId.get(result.client_id);
    if (!entry) continue;
    if (result.status === "stored" || result.status === "duplicate") {
      await compareGrades(student, entry, result.correct, result.status === "stored" ? result.flags : []);
      await store.remove("queue", entry.client_id);
    } else if (result.status === "refused") {
      await refuse(student, entry, result.message || result.reason || "refused");
    }
  }
  return "sent";
}

async function sendOne(student, entry) {
  const sent = wire(entry);
  const response = await post(ONE_URL, {
    client_id: sent.client_id,
    item_id: sent.item,
    answer: sent.answer,
    activity_id: sent.activity,
    client_time: sent.client_time,
    client_correct: sent.client_correct,
    hints_used: sent.hints_used,
    seconds: sent.seconds,
  });
  if (response.ok) {
    const body = await response.json().catch(() => ({}));
    await compareGrades(student, entry, body.correct, response.status === 201 ? body.flags : []);
    await store.remove("queue", entry.client_id);
    return "sent";
  }
  if (response.status === 401) return "signed out";
  if ([400, 403, 404].includes(response.status)) {
    const body = await response.json().catch(() => ({}));
    const reason = Object.values(body.errors || {})[0] || `refused (${response.status})`;
    await refuse(student, entry, reason);
    return "sent";
  }
  return "try later";
}

let draining = null;

/** Send every queued answer of this student; resolves to how many are still waiting. */
export function drain(student) {
  if (!draining) {
    draining = drainNow(student).finally(() => {
      draining = null;
    });
  }
  return draining;
}

async function drainNow(student) {
  let batchEndpoint = true;
  for (;;) {
    const waiting = await store.queued(student);
    if (!waiting.length || !navigator.onLine) return waiting.length;
    const chunk = waiting.slice(0, BATCH_SIZE);
    let outcome = "try later";
    try {
      if (batchEndpoint) outcome = await sendBatch(student, chunk);
      if (outcome === "no batch endpoint") {
        batchEndpoint = false;
        for (const entry of chunk) {
          outcome = await sendOne(student, entry);
          if (outcome !== "sent") break;
        }
      }
    } catch {
      outcome = "try later"; // the network went away mid-way
    }
    if (outcome !== "sent") return (await store.queued(student)).length;
    await store.setMeta(student, "last_synced", new Date().toISOString());
    const left = await store.queued(student);
    if (left.length >= waiting.length) return left.length; // no progress: stop, never spin
  }
}
