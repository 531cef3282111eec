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
    if (event.target.closest(".lang-switch a")) {
      rememberTyped();
      return;
    }
    var sizeSwitch = event.target.closest(".text-size-switch");
    if (sizeSwitch) {
      event.preventDefault();
      switchTextSize(sizeSwitch);
      return;
    }
    var showAll = event.target.closest(".show-all");
    if (showAll) {
      var open = showAll.getAttribute("aria-expanded") !== "true";
      document.getElementById(showAll.getAttribute("aria-controls")).classList.toggle("clamped", !open);
      showAll.setAttribute("aria-expanded", String(open));
      showAll.textContent = showAll.getAttribute(open ? "data-label-less" : "data-label-more");
      return;
    }
    // A provision the reviewer found the opinion in: its wording becomes what the commenters are shown.
    var use = event.target.closest("[data-use-wording]");
    if (use) {
      var box = document.getElementById(use.getAttribute("data-use-wording"));
      if (box) {
        box.value = use.getAttribute("data-wording");
        box.focus();
      }
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

  // Switching language loads the page again in the other language. What was typed into its forms rides
  // along in this tab's sessionStorage, and is put back (and forgotten) once the page has come back.
  var TYPED_KEY = "legislink.typed";

  function keptFields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrf_token" && el.name !== "website" && !el.disabled &&
        ["hidden", "password", "file", "submit", "button", "reset"].indexOf(el.type) === -1;
    });
  }

  function typedForms() {
    return Array.prototype.filter.call(document.forms, function (form) {
      return form.method === "post" && keptFields(form).length > 0;
    });
  }

  function rememberTyped() {
    var forms = typedForms().map(function (form) {
      return { action: new URL(form.action).pathname, fields: keptFields(form).map(function (el) {
        return [el.name, el.type === "checkbox" || el.type === "radio" ? el.checked : el.value];
      }) };
    });
    try {
      sessionStorage.setItem(TYPED_KEY, JSON.stringify({ page: location.pathname, forms: forms }));
    } catch (ignored) { /* storage refused (private mode): the switch works, the text is not carried */ }
  }

  function restoreTyped() {
    var kept;
    try {
      kept = JSON.parse(sessionStorage.getItem(TYPED_KEY) || "null");
      sessionStorage.removeItem(TYPED_KEY);
    } catch (ignored) { return; }
    if (!kept || kept.page !== location.pathname) { return; }
    var forms = typedForms();
    kept.forms.forEach(function (saved, index) {
      var form = forms[index];
      if (!form || new URL(form.action).pathname !== saved.action) { return; }
      var fields = keptFields(form);
      saved.fields.forEach(function (pair, position) {
        var el = fields[position];
        if (!el || el.name !== pair[0]) { return; }
        if (el.type === "checkbox" || el.type === "radio") { el.checked = pair[1]; } else { el.value = pair[1]; }
      });
    });
  }

  restoreTyped();

  // Long boxes count their characters as they are typed (as the server counts them: code points, one
  // line end each); past the limit the count says so and nothing is cut.
  function showCount(counter, box, announce) {
    var max = parseInt(box.getAttribute("data-count-max"), 10);
    var count = Array.from(box.value.trim()).length;
    var words = count > max
      ? counter.getAttribute("data-over").replace("{over}", (count - max).toLocaleString())
      : counter.getAttribute("data-under").replace("{count}", count.toLocaleString());
    counter.classList.toggle("over", count > max);
    counter.firstChild.textContent = words;
    if (announce) { counter.lastChild.textContent = words; }
  }

  Array.prototype.forEach.call(document.querySelectorAll(".char-count"), function (counter) {
    var box = document.getElementById(counter.getAttribute("data-for"));
    if (!box) { return; }
    var pause = null;
    counter.hidden = false;
    showCount(counter, box, false);
    box.addEventListener("input", function () {
      showCount(counter, box, false);
      clearTimeout(pause);
      pause = setTimeout(function () { showCount(counter, box, true); }, 1000);
    });
  });

  // A paste so long that the server could not even read the form (its size limit, counted as the
  // browser sends it: percent-encoded) would be answered by an error page and lost. Such a form is not
  // sent: the box keeps everything, its counter says how far over the limit it is, and it has the focus.
  // Anything shorter goes to the server, which sends it back whole with its own word on the length.
  document.addEventListener("submit", function (event) {
    var limit = parseInt(document.body.getAttribute("data-form-max-bytes"), 10);
    var form = event.target;
    if (!limit || form.method !== "post" || form.enctype === "multipart/form-data") { return; }
    if (new URLSearchParams(new FormData(form)).toString().length <= limit) { return; }
    var boxes = Array.prototype.slice.call(form.querySelectorAll("[data-count-max]"));
    var longest = boxes.sort(function (a, b) { return b.value.length - a.value.length; })[0];
    if (!longest) { return; }
    event.preventDefault();
    var counter = document.getElementById(longest.id + "-count");
    if (counter) { showCount(counter, longest, true); }
    longest.focus();
  });

  // Long text in a table cell is clamped to a few lines, with "show all" only where something is hidden.
  Array.prototype.forEach.call(document.querySelectorAll(".clamp-box"), function (box) {
    var button = document.querySelector('.show-all[aria-controls="' + box.id + '"]');
    box.classList.add("clamped");
    if (!button || box.scrollHeight <= box.clientHeight + 2) {
      box.classList.remove("clamped");
      return;
    }
    button.hidden = false;
  });

  // The buttons that copy a listed provision's wording into the mark form need this script: shown by it.
  Array.prototype.forEach.call(document.querySelectorAll("[data-use-wording]"), function (button) {
    button.hidden = false;
  });

  // A form sent back with errors: the summary takes the focus, so it is read out and in view.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
})();
