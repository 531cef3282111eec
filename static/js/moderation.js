// Moderation at volume: select-all on the queue, opt-in keyboard shortcuts in one-by-one review,
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
  // Off until the reviewer turns them on (a stray key must not mark a comment), then remembered.
  var KEY = "legislink.review-shortcuts";
  var toggle = shortcuts.querySelector("[data-shortcuts-toggle]");
  function remembered() {
    try { return window.localStorage.getItem(KEY) === "on"; } catch (error) { return false; }
  }
  function show(on) {
    shortcuts.classList.toggle("shortcuts-on", on);
    try { window.localStorage.setItem(KEY, on ? "on" : "off"); } catch (error) { /* private mode: this page only */ }
  }
  toggle.checked = remembered();
  show(toggle.checked);
  toggle.closest("[hidden]").hidden = false;
  toggle.addEventListener("change", function () { show(toggle.checked); });
  document.addEventListener("keydown", function (event) {
    var active = document.activeElement;
    var typing = /^(TEXTAREA|SELECT)$/.test(active.tagName) || (active.tagName === "INPUT" && active.type !== "checkbox");
    if (!toggle.checked || typing || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = shortcuts.querySelector('[data-key="' + event.key.toLowerCase() + '"]');
    if (target) {
      event.preventDefault();
      target.click();
    }
  });
})();
