// Progressive help only: every page works without it.
// A language menu marked data-autosubmit applies the choice at once.
document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("form[data-autosubmit]")) {
    const select = form.querySelector("select");
    const button = form.querySelector("button");
    if (!select || !button) continue;
    button.hidden = true;
    select.addEventListener("change", () => form.submit());
  }
});
