// The months chart scrolls sideways on a narrow screen: show its end (the latest months) first.
// Without this script the chart starts at its first month and can still be scrolled.
function showLatest() {
  for (const box of document.querySelectorAll(".chart-scroll")) {
    const rtl = getComputedStyle(box).direction === "rtl";
    box.scrollLeft = rtl ? -box.scrollWidth : box.scrollWidth;
  }
}

document.addEventListener("DOMContentLoaded", showLatest);
