// "Keep this class's practice on this device" (the class dashboard, a shared tablet):
// the class pack (GET /teaching/classes/<id>/pack/) stored in the device's class-pack
// database, where a student of the class who signs in here finds it on the offline
// page when they have not downloaded that practice themselves. The messages are the
// page's own (translated by the server).
import { forgetClassPacks, keepClassPacks } from "../web/offline/store.mjs";

const box = document.querySelector("[data-class-device]");

async function keep(button) {
  const status = box.querySelector("[data-class-device-status]");
  button.disabled = true;
  try {
    const response = await fetch(box.dataset.packUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(String(response.status));
    const body = await response.json();
    await keepClassPacks(body.classroom.id, body.packs, body.made_at);
    status.textContent = `${box.dataset.kept} ${body.packs.length}`;
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
      });
    }
  });
}
