// The consultation page's enhancements; the page works without them (plain forms, both panels shown).
// - result tabs: a real tablist (arrow keys, Home/End, roving tabindex)
// - aria-busy while a reading is made, a retry when the request fails (base.html's htmx-config swaps 422 forms)
// - the group's 10-person limit (the question's character counter is static/js/counter.js)
// - copy to clipboard and print
(function () {
  "use strict";
  if (window.npsConsult) return; // loaded twice (a page and a fragment): its listeners bind once
  window.npsConsult = true;

  // Each element is enhanced once, whichever of page load and htmx:load reaches it first.
  function fresh(element) {
    if (element.hasAttribute("data-enhanced")) return false;
    element.setAttribute("data-enhanced", "");
    return true;
  }

  function initTabs(root) {
    root.querySelectorAll("[data-tabs]").forEach(function (container) {
      if (!fresh(container)) return;
      var tablist = container.querySelector("[role=tablist]");
      var tabs = Array.prototype.slice.call(tablist.querySelectorAll("[role=tab]"));
      var panels = tabs.map(function (tab) {
        return document.getElementById(tab.getAttribute("aria-controls"));
      });
      function select(index, focus) {
        tabs.forEach(function (tab, i) {
          var on = i === index;
          tab.setAttribute("aria-selected", on ? "true" : "false");
          tab.tabIndex = on ? 0 : -1;
          panels[i].hidden = !on;
        });
        if (focus) tabs[index].focus();
      }
      panels.forEach(function (panel, i) {
        panel.setAttribute("role", "tabpanel");
        panel.setAttribute("aria-labelledby", tabs[i].id);
        panel.tabIndex = 0;
      });
      tabs.forEach(function (tab, i) {
        tab.addEventListener("click", function () { select(i, false); });
        tab.addEventListener("keydown", function (event) {
          var rtl = getComputedStyle(tablist).direction === "rtl";
          var next = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key];
          var target = null;
          if (next) target = (i + next + tabs.length) % tabs.length;
          else if (event.key === "Home") target = 0;
          else if (event.key === "End") target = tabs.length - 1;
          if (target === null) return;
          event.preventDefault();
          select(target, true);
        });
      });
      tablist.hidden = false;
      container.classList.add("tabs-ready");
      select(0, false);
    });
  }

  function initGroup(root) {
    root.querySelectorAll("[data-group-counter]").forEach(function (counter) {
      if (!fresh(counter)) return;
      var form = counter.closest("form");
      var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox][name=members]"));
      var limit = 10;
      var digits = document.documentElement.lang === "fa" ? "۰۱۲۳۴۵۶۷۸۹" : null;
      function show(n) { return digits ? String(n).replace(/\d/g, function (d) { return digits[d]; }) : String(n); }
      function update() {
        var chosen = boxes.filter(function (box) { return box.checked; }).length;
        var full = chosen >= limit;
        boxes.forEach(function (box) { if (!box.checked) box.disabled = full; });
        counter.textContent = counter.getAttribute("data-template").replace("__n__", show(chosen)) +
          (full ? " " + counter.getAttribute("data-full") : "");
      }
      boxes.forEach(function (box) { box.addEventListener("change", update); });
      update();
    });
  }

  // A result as lines a person reads: headings, "label: value" for each term and its value, and
  // paragraphs and list items whole (innerText of the tiles gave one word per line). Buttons,
  // forms, pictures and hidden notices are left out; hidden tab panels are not.
  var SKIPPED = "button, form, svg, script, style, noscript, [role=tablist], .result-actions, .feedback-slot, .feedback";
  function readable(root) {
    var lines = [];
    var label = null;
    // An element's words, its pieces apart ("08:00 09:00", not "08:0009:00").
    function clean(node) {
      var parts = [];
      (function collect(element) {
        Array.prototype.forEach.call(element.childNodes, function (child) {
          if (child.nodeType === 3) parts.push(child.nodeValue);
          else if (child.nodeType === 1 && !child.matches(SKIPPED) && !child.hidden) collect(child);
        });
      })(node);
      return parts.join(" ").replace(/\s+/g, " ").replace(/ ([,.:;)])/g, "$1").trim();
    }
    function walk(node) {
      if (node.nodeType !== 1 || node.matches(SKIPPED)) return;
      if (node.hidden && !node.classList.contains("tab-panel")) return;
      var tag = node.tagName;
      if (/^H[1-6]$/.test(tag)) { lines.push("", clean(node)); return; }
      if (tag === "DT") { label = clean(node); return; }
      if (tag === "DD") { lines.push((label ? label + ": " : "") + clean(node)); label = null; return; }
      if (node.matches("li.number")) { // a number tile: "Day number: 2 — its meaning"
        var part = function (name) { var found = node.querySelector(name); return found ? clean(found) : ""; };
        var meaning = part(".number-meaning");
        lines.push(part(".number-label") + ": " + part(".number-value") + (meaning ? " — " + meaning : ""));
        return;
      }
      if (tag === "PRE") { lines.push(node.textContent.trim()); return; }
      if (/^(P|LI|BLOCKQUOTE|FIGCAPTION|SUMMARY)$/.test(tag) && !node.querySelector("p, li, dl, ul, ol")) {
        var text = clean(node);
        if (text) lines.push(text);
        return;
      }
      Array.prototype.forEach.call(node.children, walk);
    }
    walk(root);
    return lines.join("\n").replace(/\n{3,}/g, "\n\n").trim() + "\n";
  }

  // Writes the text at `url` to the clipboard. The ClipboardItem takes the fetch's promise, so
  // the write starts inside the click (Safari allows no later one); writeText where it cannot.
  function copyFrom(url) {
    var text = fetch(url, { credentials: "same-origin", headers: { Accept: "text/plain" } })
      .then(function (response) {
        if (!response.ok) throw new Error("copy text: " + response.status);
        return response.text();
      });
    if (window.ClipboardItem && navigator.clipboard.write) {
      var blob = text.then(function (value) { return new Blob([value], { type: "text/plain" }); });
      return navigator.clipboard.write([new ClipboardItem({ "text/plain": blob })]);
    }
    return text.then(function (value) { return navigator.clipboard.writeText(value); });
  }

  function initActions(root) {
    root.querySelectorAll("[data-copy-result]").forEach(function (button) {
      if (!navigator.clipboard || !fresh(button)) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        // A stored reading: the server's text (its text export), asked for on the click; else (or
        // when that fails) the page's labels and values.
        var url = button.getAttribute("data-copy-url");
        var pageText = function () { return readable(button.closest("[data-result]")); };
        var written = url ? copyFrom(url).catch(function () {
          return navigator.clipboard.writeText(pageText());
        }) : navigator.clipboard.writeText(pageText());
        written.then(function () {
          var label = button.textContent;
          button.textContent = button.getAttribute("data-copied");
          setTimeout(function () { button.textContent = label; }, 2000);
        });
      });
    });
    root.querySelectorAll("[data-print]").forEach(function (button) {
      if (!fresh(button)) return;
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function init(root) {
    initTabs(root);
    initGroup(root);
    initActions(root);
  }

  function work() { return document.getElementById("consult-work"); }
  function failure() { return document.getElementById("consult-failure"); }
  var lastForm = null;

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (!work()) return;
    var form = event.detail.elt.closest ? event.detail.elt.closest("form") : null;
    if (event.detail.elt.tagName === "FORM") lastForm = event.detail.elt;
    else if (form) lastForm = null;
    failure().hidden = true;
    work().setAttribute("aria-busy", "true");
  });
  document.addEventListener("htmx:afterRequest", function () {
    if (work()) work().removeAttribute("aria-busy");
  });
  function failed(event) {
    if (!failure() || (event.detail.xhr && event.detail.xhr.status === 422)) return;
    if (work()) work().removeAttribute("aria-busy");
    failure().hidden = false;
  }
  document.addEventListener("htmx:responseError", failed);
  document.addEventListener("htmx:sendError", failed);
  document.addEventListener("htmx:timeout", failed);
  document.addEventListener("click", function (event) {
    if (!event.target.closest("[data-consult-retry]")) return;
    failure().hidden = true;
    var form = lastForm && document.body.contains(lastForm) ? lastForm : document.querySelector("#consult-work form");
    if (form) form.requestSubmit();
  });
  // After a reading arrives, bring the keyboard to its heading.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.elt && event.detail.elt.id === "consult-work" && event.detail.requestConfig &&
        event.detail.requestConfig.verb === "post") {
      var heading = document.getElementById("result-heading");
      if (heading) heading.focus();
    }
  });
  document.addEventListener("htmx:load", function (event) { init(event.detail.elt); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
})();
