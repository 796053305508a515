// The menu button of phones: folds the sidebar's menu (language, navigation, account) behind one
// button, opened and closed by click, Enter or Space; Escape closes it and returns to the button.
// Without this script the button stays hidden and the menu open (the CSS folds only
// `[data-menu="closed"]`, which only this script sets). Wider screens never fold it.
(function () {
  "use strict";

  function setUp() {
    var button = document.querySelector(".menu-toggle");
    if (!button) return;
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    var sidebar = button.closest(".sidebar");
    if (!menu || !sidebar) return;

    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      sidebar.setAttribute("data-menu", open ? "open" : "closed");
    }

    button.hidden = false;
    setOpen(false);

    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });

    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || button.getAttribute("aria-expanded") !== "true") return;
      if (getComputedStyle(button).display === "none") return; // wide screen: nothing folds
      var inside = menu.contains(document.activeElement) || document.activeElement === button;
      setOpen(false);
      if (inside) button.focus();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
