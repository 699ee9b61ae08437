// Progressive enhancement for practice forms: one tap sends one answer.
// Without JavaScript the server's idempotency key still stores a repeat only once.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.classList.contains("item-form")) return;
  if (form.dataset.sent) { event.preventDefault(); return; }
  form.dataset.sent = "1";
  var button = form.querySelector("button[type=submit]");
  // Django's catalogue (/jsi18n/, loaded before this script) when the page has it.
  var checking = typeof window.gettext === "function" ? window.gettext("Checking…") : "Checking…";
  if (button) { button.setAttribute("aria-busy", "true"); button.textContent = checking; }
});
