// The picture sign-in pages of a class say whether this (shared) device holds the class's
// practice, and from when (docs/learning.md, "A class pack on a shared device"; ADR 0019).
// Nobody is signed in yet: the page only reads the class-pack database, which holds the
// practice any student of the class may download, and never creates it.
import { classPackState, shortDate } from "../web/offline/store.mjs";
import { interpolate } from "../web/offline/i18n.mjs";

const box = document.querySelector("[data-quick-device]");

if (box) {
  const line = box.querySelector("[data-quick-device-state]");
  classPackState(Number(box.dataset.quickDevice))
    .catch(() => null)
    .then((state) => {
      line.textContent = state ? interpolate(box.dataset.held, { date: shortDate(state.made_at) }) : box.dataset.notHeld;
    });
}
