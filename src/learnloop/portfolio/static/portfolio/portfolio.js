// Show only the field that matches the chosen kind (file, writing or link).
// Without JavaScript all three stay visible and the server still checks the right one.
(function () {
  const form = document.querySelector("[data-kind-form]");
  if (!form) return;
  const kinds = { file: "file", text: "body", link: "link_url" };
  function update() {
    const chosen = form.querySelector("input[name=kind]:checked");
    Object.entries(kinds).forEach(([kind, field]) => {
      const wrapper = form.querySelector(`[data-field="${field}"]`);
      if (wrapper) wrapper.hidden = chosen !== null && chosen.value !== kind;
    });
  }
  form.addEventListener("change", update);
  update();
})();
