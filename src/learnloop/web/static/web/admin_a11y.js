// Django's admin, made to pass axe-core at WCAG 2.1 AA where its templates and widgets
// leave a control without a name: the cells of inline tables (named by their column
// and row), the date and time halves of a split date-time field (named by the field's
// label and the half's own caption), and the search icons of the two-list selector
// (an aria-label needs a role). Runs after the admin's own scripts build their widgets.
(function () {
  "use strict";

  function text(node) {
    return node ? node.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function named(control) {
    if (control.getAttribute("aria-label") || control.getAttribute("aria-labelledby")) return true;
    if (control.labels && control.labels.length && text(control.labels[0])) return true;
    return false;
  }

  function nameInlineCells() {
    document.querySelectorAll(".tabular table").forEach(function (table) {
      var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), text);
      table.querySelectorAll("tbody tr").forEach(function (row, rowIndex) {
        Array.prototype.forEach.call(row.children, function (cell, column) {
          cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (control) {
            if (named(control)) return;
            var header = headers[column] || control.name;
            control.setAttribute("aria-label", header + " (" + (rowIndex + 1) + ")");
          });
        });
      });
    });
  }

  function nameSplitDateTimes() {
    document.querySelectorAll("p.datetime").forEach(function (paragraph) {
      var row = paragraph.closest(".form-row, .fieldBox, div");
      var label = row ? text(row.querySelector("label")) : "";
      paragraph.querySelectorAll("input:not([type=hidden])").forEach(function (control) {
        if (named(control)) return;
        var caption = control.previousSibling ? text(control.previousSibling) : "";
        control.setAttribute("aria-label", (label + " " + caption).replace(/:/g, "").trim());
      });
    });
  }

  function giveIconsARole() {
    document.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  window.addEventListener("load", function () {
    nameInlineCells();
    nameSplitDateTimes();
    giveIconsARole();
  });
})();
