// Show only the fields that match the chosen kind (a file or a recording, writing or a link).
// Without JavaScript all stay visible and the server still checks the right one.
(function () {
  const form = document.querySelector("[data-kind-form]");
  if (!form) return;
  const recorded = ["file", "description"];
  const kinds = { file: recorded, photo: recorded, voice: recorded, drawing: recorded,
                  text: ["body"], link: ["link_url"] };
  const fields = ["file", "description", "body", "link_url"];
  function update() {
    const chosen = form.querySelector("input[name=kind]:checked");
    const shown = chosen ? kinds[chosen.value] || fields : fields;
    fields.forEach((field) => {
      const wrapper = form.querySelector(`[data-field="${field}"]`);
      if (wrapper) wrapper.hidden = !shown.includes(field);
    });
  }
  form.addEventListener("change", update);
  update();
})();
