// The admin's two-list selector (SelectFilter2, built when the page has
// loaded) draws its search icon as an empty <span> with aria-label, a name
// ARIA does not allow on an element without a role: it is an image, so it
// gets that role. Runs after the selector is built (queued after "load").
window.addEventListener("load", function () {
  window.setTimeout(function () {
    document.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }, 0);
});
