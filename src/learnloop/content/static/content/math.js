// Typesets the LaTeX in a page with KaTeX (served locally): $$...$$ and $...$ and \(...\)
// inline, \[...\] on its own line. Runs once the page is parsed (the script is deferred,
// after katex.min.js). Without JavaScript, or where KaTeX cannot read a formula, the raw
// LaTeX stays as it is. A lone $ is math only as in pandoc: no space after the opening
// one, none before the closing one, and no digit right after it, so "$5 and $10" stays.
(function () {
  "use strict";
  var PATTERN = /\$\$([\s\S]+?)\$\$|\\\(([\s\S]+?)\\\)|\\\[([\s\S]+?)\\\]|\$(?=[^\s$])([^$\n]*?[^\s$\\])\$(?!\d)/g;
  var SKIP = { SCRIPT: 1, STYLE: 1, TEXTAREA: 1, INPUT: 1, SELECT: 1, OPTION: 1, CODE: 1, PRE: 1, NOSCRIPT: 1 };

  function skipped(node, root) {
    for (var el = node.parentNode; el && el !== root.parentNode; el = el.parentNode) {
      if (SKIP[el.nodeName]) return true;
      if (el.classList && (el.classList.contains("katex") || el.classList.contains("no-math"))) return true;
    }
    return false;
  }

  function typeset(node) {
    var text = node.nodeValue;
    var fragment = document.createDocumentFragment();
    var last = 0;
    var found = false;
    var match;
    PATTERN.lastIndex = 0;
    while ((match = PATTERN.exec(text)) !== null) {
      var tex = match[1] || match[2] || match[3] || match[4];
      var span = document.createElement("span");
      span.className = "math";
      try {
        window.katex.render(tex, span, {
          displayMode: match[3] !== undefined,
          throwOnError: true,
          strict: "ignore",
          output: "htmlAndMathml"
        });
      } catch (error) {
        continue;
      }
      fragment.appendChild(document.createTextNode(text.slice(last, match.index)));
      fragment.appendChild(span);
      last = PATTERN.lastIndex;
      found = true;
    }
    if (!found) return;
    fragment.appendChild(document.createTextNode(text.slice(last)));
    node.parentNode.replaceChild(fragment, node);
  }

  function render(root) {
    if (!window.katex || !root) return;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) {
      var node = walker.currentNode;
      if ((node.nodeValue.indexOf("$") !== -1 || node.nodeValue.indexOf("\\") !== -1) && !skipped(node, root)) {
        nodes.push(node);
      }
    }
    nodes.forEach(typeset);
    root.setAttribute("data-math-rendered", String(root.querySelectorAll(".math .katex").length));
  }

  render(document.querySelector("main") || document.body);
  // Pages that draw content after load (offline practice) typeset what they add.
  window.LearnLoopMath = { render: render };
})();
