// The export page's "Select all" box (django-import-export's handler, attached here:
// the Content-Security-Policy refuses inline event handlers).
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector(".select-toggle");
  if (toggle) {
    toggle.addEventListener("change", onSelectToggleChange);
  }
});
