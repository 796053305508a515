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

  dialog.addEventListener("close", () => {
    body.replaceChildren();
    if (opener && opener.isConnected) opener.focus();
    opener = null;
  });
})();
