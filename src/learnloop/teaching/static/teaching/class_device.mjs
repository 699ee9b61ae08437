// "Keep this class's practice on this device" (the class dashboard, a shared tablet):
// the class pack (GET /teaching/classes/<id>/pack/) stored in the device's class-pack
// database, where a student of the class who signs in here finds it on the offline
// page when they have not downloaded that practice themselves. The messages are the
// page's own (translated by the server). The box says from when the device holds the
// class's practice, and "Keep" becomes "Refresh" once it does (a stale pack is replaced).
import { classPackState, forgetClassPacks, keepClassPacks, shortDate } from "../web/offline/store.mjs";
import { interpolate } from "../web/offline/i18n.mjs";

const box = document.querySelector("[data-class-device]");

async function showState() {
  const state = await classPackState(Number(box.dataset.classDevice)).catch(() => null);
  const held = box.querySelector("[data-class-device-held]");
  held.textContent = state ? interpolate(box.dataset.held, { date: shortDate(state.made_at) }) : box.dataset.notHeld;
  const keep = box.querySelector("[data-keep-class-pack]");
  keep.textContent = state ? box.dataset.refresh : box.dataset.keep;
  box.querySelector("[data-forget-class-pack]").hidden = !state;
}

async function keep(button) {
  const status = box.querySelector("[data-class-device-status]");
  button.disabled = true;
  try {
    const response = await fetch(box.dataset.packUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(String(response.status));
    const body = await response.json();
    await keepClassPacks(body.classroom.id, body.packs, body.made_at);
    status.textContent = `${box.dataset.kept} ${body.packs.length}`;
    await showState();
  } catch {
    status.textContent = box.dataset.failed;
  } finally {
    button.disabled = false;
  }
}

if (box) {
  box.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.hasAttribute("data-keep-class-pack")) keep(button);
    else if (button.hasAttribute("data-forget-class-pack")) {
      forgetClassPacks().then(() => {
        box.querySelector("[data-class-device-status]").textContent = box.dataset.removed;
        return showState();
      });
    }
  });
  showState();
}
