// The math keys: a row of buttons under a math answer box (input[data-math-keys]) that
// type what a phone keyboard hides: a fraction, a power, a square root, pi, brackets.
// Plain buttons, so they work with a keyboard and a screen reader; each says what it types.
(function () {
  "use strict";
  // label shown, what a screen reader says, text before the caret, text after it
  var KEYS = [
    ["a/b", "Fraction", "(", ")/()"],
    ["x\u207f", "Power", "^(", ")"],
    ["\u221a", "Square root", "sqrt(", ")"],
    ["\u03c0", "Pi", "pi", ""],
    ["(", "Open bracket", "(", ""],
    [")", "Close bracket", ")", ""]
  ];

  function insert(input, before, after) {
    var start = input.selectionStart === null ? input.value.length : input.selectionStart;
    var end = input.selectionEnd === null ? start : input.selectionEnd;
    var chosen = input.value.slice(start, end);
    input.value = input.value.slice(0, start) + before + chosen + after + input.value.slice(end);
    var caret = start + before.length + chosen.length;
    input.focus();
    input.setSelectionRange(caret, caret);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function keysFor(input) {
    var group = document.createElement("div");
    group.className = "math-keys";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Math keys");
    KEYS.forEach(function (key) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "math-key";
      button.textContent = key[0];
      // the name holds what the key shows, so a voice user can say either (WCAG 2.5.3)
      button.setAttribute("aria-label", key[1] + " (" + key[0] + ")");
      button.title = key[1];
      button.addEventListener("click", function () { insert(input, key[2], key[3]); });
      group.appendChild(button);
    });
    return group;
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-math-keys]"), function (input) {
    input.parentNode.insertBefore(keysFor(input), input.nextSibling);
  });
})();
