// The feedback form's live character counter ("n of 1000 characters"). Without this script the
// counter shows the count when the page was made, and the textarea's maxlength still applies.
const PERSIAN = "۰۱۲۳۴۵۶۷۸۹";

function digits(text, persian) {
  return persian ? String(text).replace(/[0-9]/g, (d) => PERSIAN[d]) : String(text);
}

function update(counter) {
  const field = document.getElementById(counter.dataset.counterFor);
  if (!field) return;
  const persian = counter.dataset.persian === "1";
  counter.textContent = counter.dataset.template.replace("{n}", digits(field.value.length, persian));
}

document.addEventListener("input", (event) => {
  const counter = document.querySelector(`[data-counter-for="${event.target.id}"]`);
  if (counter) update(counter);
});
