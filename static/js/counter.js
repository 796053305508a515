// Live character counters, on every page: <p data-counter-for="FIELD_ID">. The counter reads
// data-template with {n} (the field's length) and {max} (its data-limit or maxlength), or
// "{n} / {max}" without a template; Persian digits on a Persian page (or data-persian="1").
// Loaded once by base.html: one listener on the document serves the counters htmx swaps in later.
// Without this script a counter shows what the server wrote (or stays hidden) and maxlength applies.
(function () {
  "use strict";
  if (window.npsCounters) return; // a second copy of this file binds nothing again
  window.npsCounters = true;

  var PERSIAN = "۰۱۲۳۴۵۶۷۸۹";
  var SELECTOR = "[data-counter-for]";

  function persian(counter) {
    var flag = counter.getAttribute("data-persian");
    return flag === null ? document.documentElement.lang === "fa" : flag === "1";
  }

  function digits(value, inPersian) {
    var text = String(value);
    return inPersian ? text.replace(/[0-9]/g, function (d) { return PERSIAN[d]; }) : text;
  }

  function update(counter) {
    var field = document.getElementById(counter.getAttribute("data-counter-for"));
    if (!field || typeof field.value !== "string") return;
    var length = field.value.length;
    var limit = parseInt(field.getAttribute("data-limit") || field.getAttribute("maxlength"), 10);
    var hasLimit = !isNaN(limit);
    var fa = persian(counter);
    var template = counter.getAttribute("data-template") || (hasLimit ? "{n} / {max}" : "{n}");
    counter.textContent = template
      .replace("{n}", digits(length, fa))
      .replace("{max}", hasLimit ? digits(limit, fa) : "");
    counter.classList.toggle("counter-over", hasLimit && length > limit);
    if (counter.hidden) {
      counter.hidden = false;
      counter.setAttribute("aria-live", "off"); // a live count would be read at every keystroke
    }
  }

  function init(root) {
    if (!root || !root.querySelectorAll) return;
    if (root.matches && root.matches(SELECTOR)) update(root);
    root.querySelectorAll(SELECTOR).forEach(update);
  }

  document.addEventListener("input", function (event) {
    var id = event.target && event.target.id;
    if (!id) return;
    document.querySelectorAll(SELECTOR).forEach(function (counter) {
      if (counter.getAttribute("data-counter-for") === id) update(counter);
    });
  });
  document.addEventListener("htmx:load", function (event) { init(event.detail.elt); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
})();
