// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 60rem)");

  // Large text switches in place: the server remembers the choice (its cookie) while the page, and
  // anything half-typed in it, stays.
  function switchTextSize(link) {
    var size = link.getAttribute("data-text-size");
    var next = size === "large" ? "standard" : "large";
    fetch(link.href, { method: "HEAD", credentials: "same-origin" });
    document.documentElement.classList.toggle("large-text", size === "large");
    link.setAttribute("data-text-size", next);
    link.href = link.getAttribute("data-href-" + next);
    link.textContent = link.getAttribute("data-label-" + next);
  }

  // A link of the error summary: focus the field itself, with its label in view above it.
  function focusField(link) {
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) { return false; }
    var label = document.querySelector('label[for="' + field.id + '"]') || field;
    label.scrollIntoView();
    field.focus({ preventScroll: true });
    return true;
  }

  document.addEventListener("click", function (event) {
    var trigger = event.target.closest("[data-print]");
    if (trigger) {
      event.preventDefault();
      window.print();
      return;
    }
    var sizeSwitch = event.target.closest(".text-size-switch");
    if (sizeSwitch) {
      event.preventDefault();
      switchTextSize(sizeSwitch);
      return;
    }
    var errorLink = event.target.closest(".error-summary a[href^='#']");
    if (errorLink && focusField(errorLink)) {
      event.preventDefault();
      return;
    }
    // On a phone the table of contents folds away once a heading is chosen.
    var tocLink = event.target.closest(".toc a");
    if (tocLink && !wide.matches) {
      var box = tocLink.closest(".toc-box");
      if (box) { box.open = false; }
    }
  });

  // On a wide screen the table of contents is a sidebar, open from the start.
  var toc = document.querySelector(".toc-box");
  if (toc && wide.matches) { toc.open = true; }

  // A form sent back with errors: the summary takes the focus, so it is read out and in view.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
})();
