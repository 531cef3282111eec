// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 60rem)");

  document.addEventListener("click", function (event) {
    var trigger = event.target.closest("[data-print]");
    if (trigger) {
      event.preventDefault();
      window.print();
      return;
    }
    // On a phone the table of contents folds away once a heading is chosen.
    var tocLink = event.target.closest(".toc a");
    if (tocLink && !wide.matches) {
      var box = tocLink.closest("details");
      if (box) { box.open = false; }
    }
  });

  // On a wide screen the table of contents is a sidebar, open from the start.
  var toc = document.querySelector(".toc-box");
  if (toc && wide.matches) { toc.open = true; }
})();
