// The profiles page's dialog: htmx loads the form into it; this opens it, moves focus in, closes
// it on Cancel (Escape closes a modal <dialog> natively) and gives focus back to the opener.
// Without JavaScript the same links lead to the form as its own page.
(() => {
  const dialog = document.getElementById("profile-dialog");
  const body = document.getElementById("profile-dialog-body");
  if (!dialog || !body) return;
  let opener = null;

  const focusInside = () => {
    const target =
      dialog.querySelector("[aria-invalid='true']") ||
      dialog.querySelector("#profile-form-errors") ||
      dialog.querySelector("input:not([type='hidden']), select, textarea");
    if (target) target.focus();
  };

  document.body.addEventListener("htmx:beforeRequest", (event) => {
    const element = event.detail.elt;
    if (element.matches("[data-dialog-opener]")) opener = element;
  });

  document.body.addEventListener("htmx:afterSettle", (event) => {
    const target = event.detail.target;
    if (target === body) {
      if (!dialog.open) dialog.showModal();
      focusInside();
    } else if (target.id === "profile-form" && dialog.open) {
      focusInside();
    }
  });

  dialog.addEventListener("click", (event) => {
    if (event.target.closest("[data-dialog-close]")) {
      event.preventDefault();
      dialog.close();
    }
  });

  // A list swapped in after a delete or an undo names where focus belongs with [autofocus] (the
  // Undo button, the restored profile's Edit link): focus it once the new content is in place.
  document.body.addEventListener("htmx:afterSettle", (event) => {
    const list = document.getElementById("profile-list");
    const target = list && list.querySelector("[autofocus]");
    if (target && !dialog.open && document.activeElement !== target) target.focus();
  });

  dialog.addEventListener("close", () => {
    body.replaceChildren();
    if (opener && opener.isConnected) opener.focus();
    opener = null;
  });
})();
