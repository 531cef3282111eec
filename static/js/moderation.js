// Moderation at volume: select-all on the queue, keyboard shortcuts in one-by-one review,
// a confirmation before an action is applied to a whole filter.
(function () {
  "use strict";
  var all = document.querySelector("[data-select-all]");
  if (all) {
    all.addEventListener("change", function () {
      document.querySelectorAll("input[name=ids]").forEach(function (box) { box.checked = all.checked; });
    });
  }
  document.querySelectorAll("[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
  var shortcuts = document.querySelector("[data-shortcuts]");
  if (!shortcuts) { return; }
  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (typing || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = shortcuts.querySelector('[data-key="' + event.key.toLowerCase() + '"]');
    if (target) {
      event.preventDefault();
      target.click();
    }
  });
})();
