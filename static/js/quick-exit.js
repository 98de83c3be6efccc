/* "Leave this page quickly": the link works on its own; with JavaScript it
   also replaces this page in the browser's history, so that Back does not
   bring it up again for someone looking over the person's shoulder. */
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("[data-quick-exit]");
  if (!link) {
    return;
  }
  event.preventDefault();
  window.location.replace(link.href);
});
