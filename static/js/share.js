// Copy a share link to the clipboard (the button stays hidden without JavaScript: the link is
// in a read-only field that can be selected and copied by hand).
(() => {
  const enhance = (root) => {
    root.querySelectorAll("[data-copy-target]").forEach((button) => {
      button.hidden = false;
      if (button.dataset.copyReady) return;
      button.dataset.copyReady = "1";
      button.addEventListener("click", async () => {
        const field = document.getElementById(button.dataset.copyTarget);
        if (!field) return;
        try {
          await navigator.clipboard.writeText(field.value);
        } catch {
          field.select();
          document.execCommand("copy");
        }
        const label = button.textContent;
        button.textContent = button.dataset.copied || label;
        setTimeout(() => { button.textContent = label; }, 2000);
      });
    });
  };
  enhance(document);
  document.body.addEventListener("htmx:load", (event) => enhance(event.detail.elt));
})();
