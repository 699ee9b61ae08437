// The offline practice page: download packs, practice them with feedback graded in the
// browser, queue every answer (client id, client time) for the server, which regrades it
// on sync. web/offline/app.mjs (on every student page) sends the queue when online.
import { grade } from "../../content/grading.mjs";
import * as store from "../../web/offline/store.mjs";
import { gettext, interpolate, ngettext } from "../../web/offline/i18n.mjs";

const student = Number(document.querySelector('meta[name="learnloop-student"]').content);
const $ = (selector) => document.querySelector(selector);
const practice = $("[data-practice]");
const state = { pack: null, index: 0, hints: 0, answered: false, started: 0 };

function uuid4() {
  if (window.crypto.randomUUID) return window.crypto.randomUUID();
  const bytes = window.crypto.getRandomValues(new Uint8Array(16)); // LAN http: no randomUUID
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

function typeset(selector) {
  window.LearnLoopMath?.render(document.querySelector(selector)); // KaTeX, when installed
}

function queueChanged() {
  document.dispatchEvent(new CustomEvent("learnloop:queued"));
}

// Downloading ---------------------------------------------------------------------------

async function download(activityId, button) {
  const message = $("[data-download-message]");
  button.disabled = true;
  try {
    const response = await fetch(`/learn/api/pack?activity=${activityId}`, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    const body = await response.json();
    if (!response.ok) {
      message.textContent = interpolate(gettext("Could not download: %(why)s."), {
        why: Object.values(body.errors || {})[0] || response.status,
      });
      return;
    }
    await store.put("packs", {
      key: store.packKey(student, body.activity.id),
      student,
      activity: body.activity,
      items: body.items,
      made_at: body.made_at,
      saved_at: new Date().toISOString(),
    });
    message.textContent = interpolate(
      ngettext("Downloaded “%(title)s”: %(count)s question.", "Downloaded “%(title)s”: %(count)s questions.", body.items.length),
      { title: body.activity.title, count: body.items.length },
    );
    await showPacks();
    document.dispatchEvent(new CustomEvent("learnloop:downloaded"));
  } catch {
    message.textContent = gettext("Could not download: you seem to be offline. Try again when online.");
  } finally {
    button.disabled = false;
  }
}

async function showPacks() {
  const packs = await store.packs(student);
  const list = $("[data-downloaded]");
  list.replaceChildren();
  for (const pack of packs.sort((a, b) => a.activity.title.localeCompare(b.activity.title))) {
    const row = element("li");
    row.append(element("span", { class: "offline-list__title" }, pack.activity.title), " ");
    const downloaded = ngettext("%(count)s question, downloaded %(when)s", "%(count)s questions, downloaded %(when)s", pack.items.length);
    const count = pack.items.length.toLocaleString(document.documentElement.lang || []);
    row.append(element("span", { class: "muted" }, interpolate(downloaded, { count, when: store.shortDate(pack.saved_at) })), " ");
    const button = element("button", { type: "button", class: "button", "data-practice": pack.activity.id }, gettext("Practice"));
    button.append(element("span", { class: "visually-hidden" }, ` ${pack.activity.title}`));
    row.append(button);
    list.append(row);
    const badge = document.querySelector(`[data-pack-state="${pack.activity.id}"]`);
    if (badge) {
      const text = ngettext("On this device (%(count)s question).", "On this device (%(count)s questions).", pack.items.length);
      badge.textContent = interpolate(text, { count: pack.items.length });
    }
    const again = document.querySelector(`[data-download="${pack.activity.id}"]`);
    if (again) again.firstChild.textContent = gettext("Download again");
  }
  const shared = await sharedPacks(packs);
  const sharedList = $("[data-class-pack-list]");
  sharedList.replaceChildren();
  for (const pack of shared) {
    const row = element("li");
    row.append(element("span", { class: "offline-list__title" }, pack.activity.title), " ");
    // The pack's date: how fresh the class's practice is (the teacher refreshes it from
    // the class dashboard on this device).
    const from = interpolate(gettext("from %(date)s"), { date: store.shortDate(pack.made_at || pack.saved_at) });
    row.append(element("span", { class: "muted", "data-class-pack-date": "" }, from), " ");
    const button = element("button", { type: "button", class: "button", "data-practice": pack.activity.id }, gettext("Practice"));
    button.append(element("span", { class: "visually-hidden" }, ` ${pack.activity.title}`));
    row.append(button);
    sharedList.append(row);
  }
  $("[data-class-packs]").hidden = shared.length === 0;
  $("[data-none-downloaded]").hidden = packs.length + shared.length > 0;
}

// A class pack a teacher kept on this (shared) device, for the student's classes: offered
// for each activity the student has not downloaded themselves (their own pack comes first).
const classrooms = ($("[data-classrooms]")?.dataset.classrooms || "").split(",").filter(Boolean).map(Number);

async function sharedPacks(own = null) {
  const mine = new Set((own || (await store.packs(student))).map((pack) => pack.activity.id));
  const found = new Map();
  for (const pack of await store.classPacks(classrooms).catch(() => [])) {
    if (!mine.has(pack.activity.id) && !found.has(pack.activity.id)) found.set(pack.activity.id, pack);
  }
  return [...found.values()].sort((a, b) => a.activity.title.localeCompare(b.activity.title));
}

// Practicing ----------------------------------------------------------------------------

function hintsOf(item) {
  const stepHints = item.steps.flatMap((step) => step.hints.map((hint) => hint.text || hint.title));
  return [...item.hints, ...stepHints].filter(Boolean);
}

function answerFields(item) {
  const fields = $("[data-answer-fields]");
  fields.replaceChildren();
  if (item.kind === "single_choice" || item.kind === "multiple_choice") {
    const multiple = item.kind === "multiple_choice";
    const set = element("fieldset", { class: "choices", "aria-describedby": "offline-stem" });
    set.append(element("legend", {}, multiple ? gettext("Choose all that apply") : gettext("Choose one")));
    for (const choice of item.choices) {
      const label = element("label", { class: "choice" });
      const input = element("input", { type: multiple ? "checkbox" : "radio", name: "answer", value: choice.key });
      const text = element("span");
      text.innerHTML = choice.text; // sanitized HTML from the server's content
      label.append(input, " ", text);
      set.append(label);
    }
    fields.append(set);
    return;
  }
  const wrap = element("div", { class: "field" });
  wrap.append(element("label", { for: "offline-answer" }, gettext("Your answer")));
  const input = element("input", {
    id: "offline-answer",
    name: "answer",
    type: "text",
    autocomplete: "off",
    "aria-describedby": "offline-stem",
  });
  if (item.kind === "numeric") input.setAttribute("inputmode", "decimal");
  if (item.kind === "math") {
    input.setAttribute("autocapitalize", "off");
    input.setAttribute("spellcheck", "false");
  }
  wrap.append(input);
  fields.append(wrap);
}

function showItem() {
  const { pack, index } = state;
  const item = pack.items[index];
  state.hints = 0;
  state.answered = false;
  state.started = Date.now();
  $("[data-practice-title]").textContent = pack.activity.title;
  $("[data-practice-progress]").textContent = interpolate(gettext("Question %(number)s of %(count)s"), {
    number: index + 1,
    count: pack.items.length,
  });
  $("[data-stem]").innerHTML = item.stem; // sanitized HTML from the server's content
  answerFields(item);
  for (const selector of ["[data-feedback]", "[data-hints]", "[data-solution-body]"]) {
    $(selector).replaceChildren();
  }
  $("[data-feedback]").className = "feedback";
  $("[data-solution]").hidden = true;
  $("[data-solution]").open = false;
  $("[data-next]").hidden = true;
  $("[data-hint]").hidden = hintsOf(item).length === 0;
  $("[data-answer-form] button[type=submit]").disabled = false;
  typeset("[data-answer-form]");
}

// Each packed item carries a client id the server drew it with (a variabilized item is
// packed as the instance that id draws). The item's first answer from this download
// sends that id, so the server regrades the very instance graded here; a later answer to
// an item without a draw sends a fresh id (nothing to draw: the same item). A drawn item
// is answered once per download: a fresh id would draw other numbers than those shown.
// Downloading again packs fresh ids and new draws. Packs from before client ids: fresh ids.
function usedIds() {
  return new Set(state.pack.used || []);
}

function clientIdFor(item) {
  return item.client_id && !usedIds().has(item.client_id) ? item.client_id : uuid4();
}

// Marks a packed client id used, here and in the stored pack, unless the pack was
// downloaded again meanwhile (the new one holds other ids: it is left as it is).
async function markUsed(clientId) {
  state.pack.used = [...usedIds(), clientId];
  const stored = await store.get("packs", store.packKey(student, state.pack.activity.id));
  if (stored && stored.items.some((item) => item.client_id === clientId)) {
    stored.used = [...new Set([...(stored.used || []), clientId])];
    await store.put("packs", stored);
  }
}

function answerable(item) {
  return !(item.drawn && usedIds().has(item.client_id));
}

function openIndex(from) {
  const { items } = state.pack;
  for (let step = 0; step < items.length; step += 1) {
    const index = (from + step) % items.length;
    if (answerable(items[index])) return index;
  }
  return -1;
}

function showAllAnswered() {
  $("[data-practice-title]").textContent = state.pack.activity.title;
  $("[data-practice-progress]").textContent = "";
  $("[data-stem]").textContent =
    gettext("You have answered every question of this pack. Download it again when online for new numbers.");
  $("[data-answer-fields]").replaceChildren();
  $("[data-answer-form] button[type=submit]").disabled = true;
  $("[data-hint]").hidden = true;
  $("[data-next]").hidden = true;
}

function showOpen(from) {
  const index = openIndex(from);
  if (index < 0) {
    showAllAnswered();
    return;
  }
  state.index = index;
  showItem();
}

async function startPractice(activityId) {
  const own = await store.get("packs", store.packKey(student, activityId));
  const pack = own || (await sharedPacks()).find((shared) => shared.activity.id === activityId);
  if (!pack || !pack.items.length) return;
  const position = (await store.meta(student, `position:${activityId}`)) || 0;
  Object.assign(state, { pack, index: position % pack.items.length });
  practice.hidden = false;
  showOpen(state.index);
  $("[data-practice-title]").focus();
}

function givenAnswer(item) {
  const form = $("[data-answer-form]");
  if (item.kind === "multiple_choice") {
    return [...form.querySelectorAll("input[name=answer]:checked")].map((input) => input.value);
  }
  if (item.kind === "single_choice") {
    const chosen = form.querySelector("input[name=answer]:checked");
    return chosen ? chosen.value : "";
  }
  return form.querySelector("input[name=answer]").value;
}

async function answer(event) {
  event.preventDefault();
  if (state.answered) return;
  const item = state.pack.items[state.index];
  const given = givenAnswer(item);
  const result = grade(item.grading, given);
  const feedback = $("[data-feedback]");
  if (!result.valid) {
    feedback.className = "feedback feedback--invalid";
    feedback.textContent = result.feedback;
    return;
  }
  state.answered = true;
  const clientId = clientIdFor(item);
  if (clientId === item.client_id) await markUsed(clientId);
  await store.put("queue", {
    client_id: clientId,
    student,
    item: item.id,
    answer: given,
    client_time: store.localTime(),
    activity: state.pack.activity.id,
    seconds: Math.round((Date.now() - state.started) / 1000),
    hints_used: state.hints,
    local: { correct: result.correct, pending: result.pending },
  });
  const next = (state.index + 1) % state.pack.items.length;
  await store.setMeta(student, `position:${state.pack.activity.id}`, next);
  const tone = result.pending ? "pending" : result.correct ? "right" : "wrong";
  feedback.className = `feedback feedback--${tone}`;
  feedback.textContent = result.feedback;
  if (item.solution) {
    $("[data-solution-body]").innerHTML = item.solution; // sanitized HTML
    $("[data-solution]").hidden = false;
    typeset("[data-solution-body]");
  }
  $("[data-answer-form] button[type=submit]").disabled = true;
  $("[data-next]").hidden = false;
  queueChanged();
}

function hint() {
  const item = state.pack.items[state.index];
  const hints = hintsOf(item);
  if (state.hints >= hints.length) return;
  const paragraph = element("p", { class: "hint" });
  paragraph.append(element("strong", {}, interpolate(gettext("Hint %(number)s: "), { number: state.hints + 1 })));
  const text = element("span");
  text.innerHTML = hints[state.hints]; // sanitized HTML from the server's content
  paragraph.append(text);
  $("[data-hints]").append(paragraph);
  typeset("[data-hints]");
  state.hints += 1;
  $("[data-hint]").hidden = state.hints >= hints.length;
}

function next() {
  showOpen((state.index + 1) % state.pack.items.length);
  $("[data-practice-title]").focus();
}

document.addEventListener("click", (event) => {
  const target = event.target.closest("button");
  if (!target) return;
  if (target.dataset.download) download(target.dataset.download, target);
  else if (target.dataset.practice) startPractice(Number(target.dataset.practice));
  else if (target.hasAttribute("data-hint")) hint();
  else if (target.hasAttribute("data-next")) next();
  else if (target.hasAttribute("data-sync-now")) queueChanged();
});
$("[data-answer-form]").addEventListener("submit", answer);
showPacks();
