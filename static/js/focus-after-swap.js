// Content swapped in by htmx names where focus belongs with [data-autofocus] (the Undo button after
// a delete, the restored item after an undo; see the {% autofocus %} template tag): focus it once
// htmx has settled the new content, so focus is not lost to <body> when the button pressed is gone.
(() => {
  document.body.addEventListener("htmx:afterSettle", (event) => {
    const element = event.detail.elt;
    if (!(element instanceof Element) || !element.isConnected) return;
    const selector = "[data-autofocus]";
    const target = element.matches(selector) ? element : element.querySelector(selector);
    if (!target) return;
    target.removeAttribute("data-autofocus");
    if (document.activeElement !== target) target.focus();
  });
})();
