// The Print button: the page prints on its own with the browser's menu too.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
