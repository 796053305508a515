// One rule for every htmx request of the site (loaded by base.html; the server half is
// nps/core/htmx.py): what comes back is swapped into its slot only if it is a fragment.
// - A whole page (a login page reached through a redirect, an error page) is never swapped into a
//   slot: the swap is cancelled and reported as an error (htmx:responseError), so the slot keeps
//   its content and the page's own "could not be loaded" handling applies.
// - A 4xx answer leaves the page as it is. htmx does not swap 4xx (base.html's htmx-config swaps
//   only 422 form errors); under DEBUG, django-htmx's debug script would replace the whole
//   document with Django's error page: it never sees a 4xx. (5xx still shows the debug page.)
(() => {
  const WHOLE_PAGE = /^\s*(<!doctype html|<html[\s>])/i;

  document.body.addEventListener("htmx:beforeOnLoad", (event) => {
    const status = event.detail.xhr.status;
    if (status >= 400 && status < 500) event.stopPropagation();
  });

  // On window, so it runs after every page's own beforeSwap listener (which may swap a 422).
  window.addEventListener("htmx:beforeSwap", (event) => {
    const detail = event.detail;
    const whole = detail.target === document.body || detail.target === document.documentElement;
    if (!detail.shouldSwap || whole || typeof detail.serverResponse !== "string") return;
    if (WHOLE_PAGE.test(detail.serverResponse)) {
      detail.shouldSwap = false;
      detail.isError = true;
    }
  });
})();
