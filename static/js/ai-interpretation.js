// The interpretation section: after htmx fills it, it is no longer busy; when its request fails
// (an error answer, a lost connection, a timeout) the progress indicator gives way to a message
// and a "Try again" button. The section works without this file (a <noscript> copy, plain forms).
(function () {
  "use strict";

  function hostOf(event) {
    var element = event.detail && event.detail.elt;
    return element && element.closest ? element.closest("[data-ai-host]") : null;
  }

  function failed(event) {
    var host = hostOf(event);
    if (!host) return;
    host.setAttribute("aria-busy", "false");
    var failure = host.querySelector("[data-ai-failure]");
    var progress = host.querySelector(".ai-progress");
    if (failure) {
      failure.hidden = false;
      if (progress) progress.hidden = true;
      return;
    }
    var message = host.querySelector("[data-ai-error]");
    if (!message) {
      message = document.createElement("p");
      message.className = "ai-notice";
      message.setAttribute("role", "alert");
      message.setAttribute("data-ai-error", "");
      host.insertBefore(message, host.firstChild);
    }
    message.textContent = host.getAttribute("data-failure-text");
  }

  document.addEventListener("htmx:responseError", failed);
  document.addEventListener("htmx:sendError", failed);
  document.addEventListener("htmx:timeout", failed);

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (target && target.hasAttribute && target.hasAttribute("data-ai-host")) {
      // Still busy while the answer is "writing…" (it asks again by itself).
      var pending = target.querySelector("[data-ai-pending]");
      target.setAttribute("aria-busy", pending ? "true" : "false");
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-ai-reload]");
    if (!button || !window.htmx) return;
    var host = button.closest("[data-ai-host]");
    var failure = host.querySelector("[data-ai-failure]");
    var progress = host.querySelector(".ai-progress");
    if (failure) failure.hidden = true;
    if (progress) progress.hidden = false;
    host.setAttribute("aria-busy", "true");
    window.htmx.ajax("GET", host.getAttribute("hx-get"), { target: host, swap: "innerHTML" });
  });
})();
