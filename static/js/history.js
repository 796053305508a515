// The history page: after htmx replaces a row (a delete shows its Undo, an undo brings the row
// back), focus goes to what the new content marks [autofocus] instead of being lost to <body>.
(() => {
  document.body.addEventListener("htmx:afterSettle", (event) => {
    const element = event.detail.elt;
    if (!(element instanceof Element)) return;
    const target = element.matches("[autofocus]") ? element : element.querySelector("[autofocus]");
    if (target && document.activeElement !== target) target.focus();
  });
})();
